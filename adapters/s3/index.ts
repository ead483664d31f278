/**
 * The `s3` source: an S3 bucket and its event notifications
 * (adapters/s3/README.md, docs/adapters.md). Object events come from `load` (their types
 * drawn from `events`) and from objects that functions' `outputs` write
 * (`receive`, ObjectCreated:Put). Each event has a new key; the notification
 * configuration (`targets`, `notifications`) sends it to at most one target
 * after the notification delay: an async invoke of a function, a publish to
 * an sns source, a send to an sqs source. The delivery ledger counts
 * notifications (docs/report.md); PUT-class requests are billed (docs/cost.md).
 */
import type { SourceAdapter } from '../../core/engine/adapter-contract.js';
import { createChoice, type ChoicesInput } from '../../core/choices.js';
import { createSampler, resolveDistribution, type DistributionInput } from '../../core/distributions.js';
import { parseSize } from '../../core/units.js';
import { S3Bucket } from './bucket.js';
import { checkS3 } from './check.js';
import { eventIndex, MULTIPART_EVENT, partsOf, PUT_EVENT } from './events.js';
import { encodeKey, filterMatch, Match, sequencer, uniquePart } from './keys.js';
import { notificationRules, type NotificationConfig } from './notifications.js';
import { bucketIdentity, drawIds, s3Event } from './payload.js';
import { bucketReport, bucketUsage } from './report.js';
import schema from './schema.json' with { type: 'json' };
import eventSchema from '../../schemas/events/s3-event.schema.json' with { type: 'json' };

export interface S3Config {
  type: 's3';
  bucket?: string;
  events: ChoicesInput;
  objectSize: DistributionInput;
  keys: { prefixes: ChoicesInput; suffixes: ChoicesInput };
  notificationDelay: DistributionInput;
  targets?: string[];
  notifications?: NotificationConfig[];
  load?: unknown;
}

/** The schema's defaults, for `slsim events s3`, which passes an empty config. */
const DEFAULTS = {
  events: schema.properties.events.default as ChoicesInput,
  objectSize: schema.properties.objectSize.default as DistributionInput,
  keys: { prefixes: [''], suffixes: [''] },
};

export const s3Adapter: SourceAdapter<S3Config> = {
  meta: {
    type: 's3',
    version: '1.0.0',
    apiVersion: 2,
    description: 'S3 bucket event notifications: drawn event types and keys, prefix/suffix filters, delays, async to a function, SNS or SQS',
    schema,
    eventSchema,
    invocation: ['async'],
    accepts: true,
    destination: false,
    targetKinds: ['function', 'source'],
    names: [{ path: '/notifications/*/target', kinds: ['function', 'source'], sourceTypes: ['sqs', 'sns'] }],
  },

  check: checkS3,

  /** For the load-time loop check: the targets an object written under this prefix and suffix may notify. */
  targetsForObject(config, objectKey) {
    return notificationRules(config)
      .filter((rule) => (rule.mask & (1 << PUT_EVENT)) !== 0 && filterMatch(encodeKey(objectKey.prefix), encodeKey(objectKey.suffix), rule.prefix, rule.suffix) !== Match.Never)
      .map((rule) => rule.target);
  },

  create(ctx) {
    const bucket = new S3Bucket(ctx);
    return {
      start: () => ctx.startLoad((now, traceBytes) => bucket.arrive(now, traceBytes)),
      receive: (message) => bucket.receive(message),
      report: () => bucketReport(bucket),
      usage: () => bucketUsage(bucket),
    };
  },

  /** One record as a target receives it: the event type and key drawn as the config draws them, the rule that would match it. */
  samplePayload(config, facts) {
    const { random } = facts;
    const events = createChoice(config.events ?? DEFAULTS.events, random);
    const keys = config.keys ?? DEFAULTS.keys;
    const event = Math.max(PUT_EVENT, eventIndex(events.pick())); // an unknown name (refused at load by check) reads as Put
    const n = random.int(2 ** 32);
    const encodedKey = encodeKey(createChoice(keys.prefixes, random).pick()) + uniquePart(n) + encodeKey(createChoice(keys.suffixes, random).pick());
    const size = Math.round(createSampler(resolveDistribution(config.objectSize ?? DEFAULTS.objectSize, parseSize), random).sample());
    const rule = notificationRules(config).find((r) => (r.mask & (1 << event)) !== 0 && encodedKey.startsWith(r.prefix) && encodedKey.endsWith(r.suffix));
    const identity = bucketIdentity(facts.region, facts.accountId, facts.sourceName, config.bucket ?? facts.sourceName);
    return s3Event(identity, {
      event,
      epochMs: facts.epochMs,
      configurationId: rule?.id ?? `${facts.sourceName}-notification`,
      encodedKey,
      size,
      parts: event === MULTIPART_EVENT ? partsOf(size) : 0,
      sequencer: sequencer(facts.epochMs, n),
      ids: drawIds(random),
    });
  },
};

export default s3Adapter;
