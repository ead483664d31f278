/**
 * One bucket in a run (adapters/s3/README.md, docs/adapters.md): object events
 * from `load` and from functions' writes (`receive`), each with a new key,
 * routed by the notification configuration to at most one target after the
 * notification delay. A notification is an event of the delivery ledger
 * (docs/report.md): produced when raised, settled with what its target
 * reports; an event no configuration matches notifies nobody and is only
 * counted. Notifications waiting out their delay are pooled objects: nothing
 * is allocated per event once the pool has grown to the traffic in flight.
 */
import type { DeliveryCaller, RoutedMessage, SourceContext, Target } from '../../core/engine/adapter-contract.js';
import { Outcome } from '../../core/engine/adapter-contract.js';
import { createChoice, type Choice } from '../../core/choices.js';
import { resolveDistribution, type Sampler } from '../../core/distributions.js';
import type { Schedulable } from '../../core/kernel/event-queue.js';
import { Histogram } from '../../core/metrics/histogram.js';
import { Random } from '../../core/random.js';
import { parseDuration, parseSize } from '../../core/units.js';
import { createsObject, deleteRequestsOf, describesObject, eventIndex, MULTIPART_EVENT, partsOf, PUT_EVENT, putRequestsOf } from './events.js';
import type { S3Config } from './index.js';
import { sequencer, uniquePart } from './keys.js';
import { KeyShape, NO_RULE, notificationRules, PER_KEY, type NotificationRule } from './notifications.js';
import { bucketIdentity, drawIds, NotificationSizer, type BucketIdentity } from './payload.js';
import { s3Probe } from './probe.js';

/** A notification between its event and its settlement: scheduled for its delay, then the caller its target reports to. */
class PendingNotification implements Schedulable, DeliveryCaller {
  producedAt = 0;
  raisedAt = 0;
  bytes = 0;
  chain = 0;
  rule = 0;
  upstream: DeliveryCaller | null = null;
  upstreamTag: unknown = undefined;

  constructor(private readonly bucket: S3Bucket) {}

  fire(now: number): void {
    this.bucket.deliver(this, now);
  }

  settle(outcome: Outcome, _tag: unknown, _producedAt: number, now: number): void {
    this.bucket.settled(this, outcome, now);
  }
}

export class S3Bucket {
  objectEvents = 0;
  objectsWritten = 0;
  notificationsSent = 0;
  filteredOut = 0;
  putRequests = 0;
  deleteRequests = 0;
  bytesUploaded = 0;
  readonly delays = new Histogram();
  readonly identity: BucketIdentity;
  private readonly rules: NotificationRule[];
  private readonly targets: Target[];
  private readonly events: Choice;
  private readonly eventOf: Map<string, number>;
  private readonly prefixes: Choice;
  private readonly suffixes: Choice;
  /** Key shapes of `keys`: prefix-major, indexed by the positions of the picked values. */
  private readonly shapes: KeyShape[] = [];
  private readonly prefixAt: Map<string, number>;
  private readonly suffixAt: Map<string, number>;
  /** Key shapes of functions' writes, by the engine's objectKey object (one per output). */
  private readonly written = new WeakMap<object, KeyShape>();
  private readonly objectSize: Sampler;
  private readonly delay: Sampler;
  private readonly sizer: NotificationSizer;
  private readonly free: PendingNotification[] = [];
  private readonly eventSeries;
  private readonly notificationSeries;

  constructor(private readonly ctx: SourceContext<S3Config>) {
    const config = ctx.config;
    const { region, accountId } = ctx.scenario;
    this.identity = bucketIdentity(region, accountId, ctx.name, config.bucket ?? ctx.name);
    this.rules = notificationRules(config);
    this.targets = this.rules.map((rule) => ctx.target(rule.target));
    this.events = createChoice(config.events, ctx.random);
    this.eventOf = new Map(this.events.values.map((name) => [name, eventIndex(name)]));
    this.prefixes = createChoice(config.keys.prefixes, ctx.random);
    this.suffixes = createChoice(config.keys.suffixes, ctx.random);
    this.prefixAt = new Map(this.prefixes.values.map((value, i) => [value, i]));
    this.suffixAt = new Map(this.suffixes.values.map((value, i) => [value, i]));
    for (const prefix of this.prefixes.values) {
      for (const suffix of this.suffixes.values) this.shapes.push(new KeyShape(prefix, suffix, this.rules));
    }
    this.objectSize = ctx.sampler(resolveDistribution(config.objectSize, parseSize));
    this.delay = ctx.sampler(resolveDistribution(config.notificationDelay, parseDuration));
    this.sizer = new NotificationSizer(this.identity, this.rules.map((rule) => rule.id));
    this.eventSeries = ctx.series('ObjectEvents', 'sum');
    this.notificationSeries = ctx.series('EventNotifications', 'sum');
  }

  /** An arrival of `load`: one event of a type drawn from `events`, on a new key drawn from `keys`. */
  arrive(now: number, traceBytes: number): void {
    const event = this.eventOf.get(this.events.pick())!;
    this.raise(now, now, event, this.pickShape(), traceBytes, 0, null, undefined);
  }

  /** An object written by a function's `outputs` (PutObject): its key under the output's prefix and suffix, if it gives them. */
  receive(message: RoutedMessage): void {
    this.objectsWritten++;
    const shape = message.objectKey === undefined ? this.pickShape() : this.shapeOf(message.objectKey);
    this.raise(this.ctx.now(), message.producedAt, PUT_EVENT, shape, message.sizeBytes, message.chain ?? 0, message.caller, message.tag);
  }

  private pickShape(): KeyShape {
    const prefix = this.prefixAt.get(this.prefixes.pick())!;
    return this.shapes[prefix * this.suffixes.values.length + this.suffixAt.get(this.suffixes.pick())!]!;
  }

  private shapeOf(objectKey: { readonly prefix?: string; readonly suffix?: string }): KeyShape {
    let shape = this.written.get(objectKey);
    if (shape === undefined) {
      shape = new KeyShape(objectKey.prefix ?? '', objectKey.suffix ?? '', this.rules);
      this.written.set(objectKey, shape);
    }
    return shape;
  }

  private raise(
    now: number,
    producedAt: number,
    event: number,
    shape: KeyShape,
    givenBytes: number,
    chain: number,
    upstream: DeliveryCaller | null,
    upstreamTag: unknown,
  ): void {
    const n = this.objectEvents++;
    this.eventSeries.record(now, 1);
    let size = 0;
    if (describesObject(event)) size = Math.max(0, Math.round(givenBytes >= 0 ? givenBytes : this.objectSize.sample()));
    const parts = event === MULTIPART_EVENT ? partsOf(size) : 0;
    this.putRequests += putRequestsOf(event, size);
    this.deleteRequests += deleteRequestsOf(event);
    if (createsObject(event)) this.bytesUploaded += size;
    let rule = shape.routes[event]!;
    if (rule === PER_KEY) rule = shape.routeOf(event, n);
    const bytes = rule === NO_RULE ? 0 : this.sizer.bytes(event, rule, shape.keyLength, size, parts);
    if (s3Probe.raised !== null) this.observe(now, event, shape, n, size, parts, rule, bytes);
    if (rule === NO_RULE) {
      this.filteredOut++;
      upstream?.settle(Outcome.Succeeded, upstreamTag, producedAt, now);
      return;
    }
    this.ctx.ledger.produced();
    const pending = this.free.pop() ?? new PendingNotification(this);
    pending.producedAt = producedAt;
    pending.raisedAt = now;
    pending.bytes = bytes;
    pending.chain = chain;
    pending.rule = rule;
    pending.upstream = upstream;
    pending.upstreamTag = upstreamTag;
    this.ctx.at(now + this.delay.sample(), pending);
  }

  /** The delay is over: hand the notification to its target. */
  deliver(pending: PendingNotification, now: number): void {
    this.notificationsSent++;
    this.notificationSeries.record(now, 1);
    this.delays.record(now - pending.raisedAt);
    const target = this.targets[pending.rule]!;
    if (s3Probe.delivered !== null) s3Probe.delivered(this.ctx.name, target.name, pending.raisedAt, now);
    if (!target.deliver(pending, undefined, pending.producedAt, pending.bytes, pending.chain)) this.settled(pending, Outcome.Rejected, now);
  }

  /** The target reported the notification's final state: the ledger, the writer upstream, and the pool. */
  settled(pending: PendingNotification, outcome: Outcome, now: number): void {
    this.ctx.ledger.settle(outcome, pending.producedAt, now);
    pending.upstream?.settle(outcome, pending.upstreamTag, pending.producedAt, now);
    pending.upstream = null;
    pending.upstreamTag = undefined;
    this.free.push(pending);
  }

  private observe(now: number, event: number, shape: KeyShape, n: number, size: number, parts: number, rule: number, bytes: number): void {
    const epochMs = this.ctx.scenario.startEpochMs + now;
    const matched = rule !== NO_RULE;
    s3Probe.raised!(this.ctx.name, {
      raisedAt: now,
      identity: this.identity,
      key: shape.prefix + uniquePart(n) + shape.suffix,
      target: matched ? this.rules[rule]!.target : null,
      bytes,
      facts: {
        event,
        epochMs,
        configurationId: matched ? this.rules[rule]!.id : '',
        encodedKey: shape.encodedKey(n),
        size,
        parts,
        sequencer: sequencer(epochMs, n),
        ids: drawIds(new Random(n + 1)),
      },
    });
  }
}
