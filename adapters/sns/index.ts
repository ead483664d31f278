/**
 * The `sns` source: an Amazon SNS standard topic (docs/aws-model.md). Messages
 * are published by `load`, by other sources and function `outputs` that route
 * to it (`receive`), and by functions' async destinations. Each message goes
 * to every subscription whose filter policy it passes: an async invoke of a
 * function (one SNS record per invoke), or a send to an SQS queue. Each
 * publish ends once in the topic's delivery ledger (docs/report.md):
 * `succeeded` when every copy was handled (or no subscription took it),
 * otherwise the worst state of its copies; `rejected` over the topic's
 * maximum message size. topic.ts holds the model, README.md the choices.
 */
import type { DeliveryCaller, SourceAdapter } from '../../core/engine/adapter-contract.js';
import type { ChoicesInput } from '../../core/choices.js';
import { resolveDistribution, type DistributionInput } from '../../core/distributions.js';
import { parseSize } from '../../core/units.js';
import { checkSns } from './check.js';
import type { FilterPolicy } from './filter-policy.js';
import { snsSampleEvent } from './payload.js';
import { topicReport, topicUsage } from './report.js';
import schema from './schema.json' with { type: 'json' };
import eventSchema from '../../schemas/events/sns-event.schema.json' with { type: 'json' };
import { SnsTopic } from './topic.js';

export interface SubscriptionConfig {
  target: string;
  filterPolicy?: FilterPolicy;
  deadLetterTarget?: string;
}

export interface SnsConfig {
  type: 'sns';
  messageSize: DistributionInput;
  maximumMessageSize: number | string;
  messageAttributes: Readonly<Record<string, ChoicesInput>>;
  targets?: string[];
  subscriptions?: SubscriptionConfig[];
  handoffErrorRate: number;
}

/** A publish of the topic's own load has nobody upstream to tell. */
const NOBODY: DeliveryCaller = { settle() {} };

export const snsAdapter: SourceAdapter<SnsConfig> = {
  meta: {
    type: 'sns',
    version: '1.0.0',
    apiVersion: 2,
    description: 'SNS standard topic: fan-out to functions (async) and SQS queues, filter policies, delivery retries, dead-letter queues',
    schema,
    eventSchema,
    invocation: ['async'],
    accepts: true,
    destination: true,
    targetKinds: ['function', 'source'],
    names: [
      { path: '/subscriptions/*/target', kinds: ['function', 'source'], sourceTypes: ['sqs'] },
      { path: '/subscriptions/*/deadLetterTarget', kinds: ['source'], sourceTypes: ['sqs'] },
    ],
  },

  check: checkSns,

  create(ctx) {
    const topic = new SnsTopic(ctx);
    const size = ctx.sampler(resolveDistribution(ctx.config.messageSize, parseSize));
    const arrive = (now: number, traceSize: number) => topic.publish(now, now, traceSize >= 0 ? traceSize : size.sample(), NOBODY, undefined, 0);
    return {
      start: () => ctx.startLoad(arrive),
      receive: (message) => topic.publish(ctx.now(), message.producedAt, message.sizeBytes, message.caller, message.tag, message.chain ?? 0),
      report: () => topicReport(topic),
      usage: () => topicUsage(topic),
    };
  },

  samplePayload(config, facts) {
    return snsSampleEvent(facts, config.messageAttributes);
  },
};

export default snsAdapter;
