/**
 * One SNS standard topic in a run: publishes, filtering, the hand-off of each
 * copy to its subscriber, the delivery policy's retries, dead-letter queues,
 * and the topic's counters (docs/report.md).
 *
 * - A publish over `maximumMessageSize` (message and attributes) is refused:
 *   `rejected`. Otherwise every subscription whose filter passes gets one copy;
 *   one that filters it out is counted in NumberOfNotificationsFilteredOut.
 * - A message no subscription takes is `succeeded` at once: SNS accepted it
 *   and owes nobody a delivery.
 * - A copy is handed to its target: an async invoke of a function, a send to
 *   a queue, with the message's chain and first time. A hand-off attempt may
 *   fail server-side (`handoffErrorRate`) and is then retried by the delivery
 *   policy (delivery-policy.ts). A target that refuses the copy (too large for
 *   it) is a client-side error, never retried.
 * - A copy given up goes to the subscription's dead-letter queue (`failed`) or
 *   is discarded (`dropped`). A handed-off copy's state is the target's.
 * - The message is settled once, with the worst state of its copies, and its
 *   publisher is told that state once.
 */
import type { DeliveryCaller, SourceContext, SourceSeries } from '../../core/engine/adapter-contract.js';
import { Outcome } from '../../core/engine/adapter-contract.js';
import type { Schedulable } from '../../core/kernel/event-queue.js';
import { parseSize } from '../../core/units.js';
import { TopicAttributes } from './attributes.js';
import { retryDelayMs } from './delivery-policy.js';
import type { SnsConfig } from './index.js';
import { envelopeBytes } from './payload.js';
import { Publication, type PublicationOwner } from './publication.js';
import { resolveSubscriptions, type Subscription } from './subscription.js';

/** Each 64 KB of a publish is billed as one request. */
export const PUBLISH_CHUNK_BYTES = 64 * 1024;

/** A copy waiting for its next hand-off attempt (server-side failures are rare: one per failing copy). */
class Redelivery implements Schedulable {
  retries = 0;

  constructor(
    private readonly topic: SnsTopic,
    readonly subscription: Subscription,
    readonly publication: Publication,
  ) {}

  fire(now: number): void {
    this.topic.attempt(this.subscription, this.publication, this.retries, now, this);
  }
}

export class SnsTopic implements PublicationOwner {
  published = 0;
  publishRequests = 0;
  publishBytesTotal = 0;
  publishBytesMax = 0;
  delivered = 0;
  deliveredToFunctions = 0;
  deliveredToQueues = 0;
  /** Copies given up: client-side errors, and server-side ones past the last retry. */
  failed = 0;
  filteredOut = 0;
  redrivenToDlq = 0;
  failedToRedriveToDlq = 0;
  /** Hand-off attempts, retries included. */
  attempts = 0;
  readonly attributes: TopicAttributes;
  readonly subscriptions: readonly Subscription[];
  private readonly maximumBytes: number;
  private readonly errorRate: number;
  /** The copy being handed over: a target that refuses it at once settles it `rejected` during the call. */
  private handing: Publication | null = null;
  private handingTo = -1;
  private refusedAtHandoff = false;
  /** A dead-letter send refused at once; the dead-letter copy's later state is nobody's concern here. */
  private redriving = false;
  private redriveRefused = false;
  private readonly deadLetterCaller: DeliveryCaller = {
    settle: (outcome) => {
      if (this.redriving && outcome === Outcome.Rejected) this.redriveRefused = true;
    },
  };
  private readonly series: Record<'published' | 'delivered' | 'failed' | 'filteredOut', SourceSeries>;

  constructor(readonly ctx: SourceContext<SnsConfig>) {
    const { config, scenario } = ctx;
    this.attributes = new TopicAttributes(config.messageAttributes, ctx.random);
    this.subscriptions = resolveSubscriptions(ctx, this.attributes, envelopeBytes(scenario.region, scenario.accountId, ctx.name));
    this.maximumBytes = parseSize(config.maximumMessageSize);
    this.errorRate = config.handoffErrorRate;
    this.series = {
      published: ctx.series('NumberOfMessagesPublished', 'sum'),
      delivered: ctx.series('NumberOfNotificationsDelivered', 'sum'),
      failed: ctx.series('NumberOfNotificationsFailed', 'sum'),
      filteredOut: ctx.series('NumberOfNotificationsFilteredOut', 'sum'),
    };
  }

  /** Publish: one message of `bytes` (attributes drawn here), from `caller` (told its final state). */
  publish(now: number, producedAt: number, bytes: number, caller: DeliveryCaller, tag: unknown, chain: number): void {
    const { ledger } = this.ctx;
    ledger.produced();
    const attributes = this.attributes;
    attributes.draw();
    const publishBytes = bytes + attributes.publishBytes;
    if (publishBytes > this.maximumBytes) {
      ledger.settle(Outcome.Rejected, producedAt, now);
      caller.settle(Outcome.Rejected, tag, producedAt, now);
      return;
    }
    this.published++;
    this.series.published.record(now, 1);
    this.publishRequests += publishBytes > PUBLISH_CHUNK_BYTES ? Math.ceil(publishBytes / PUBLISH_CHUNK_BYTES) : 1;
    this.publishBytesTotal += publishBytes;
    if (publishBytes > this.publishBytesMax) this.publishBytesMax = publishBytes;

    const subscriptions = this.subscriptions;
    const wide = subscriptions.length > 32 ? new Uint8Array(subscriptions.length) : null;
    let mask = 0;
    let copies = 0;
    for (let i = 0; i < subscriptions.length; i++) {
      const filter = subscriptions[i]!.filter;
      if (filter === null || filter.accepts(attributes.picked)) {
        if (wide !== null) wide[i] = 1;
        else mask |= 1 << i;
        copies++;
      } else {
        this.filteredOut++;
        this.series.filteredOut.record(now, 1);
      }
    }
    if (copies === 0) {
      ledger.settle(Outcome.Succeeded, producedAt, now);
      caller.settle(Outcome.Succeeded, tag, producedAt, now);
      return;
    }
    const publication = new Publication(this, caller, tag, producedAt, bytes + attributes.envelopeBytes, publishBytes, chain, copies, mask, wide);
    for (let i = 0; i < subscriptions.length; i++) {
      if (publication.includes(i)) this.attempt(subscriptions[i]!, publication, 0, now, null);
    }
  }

  /** Hand-off attempts of one copy, `retries` made before: server-side failures retry by the delivery policy. */
  attempt(subscription: Subscription, publication: Publication, retries: number, now: number, waiting: Redelivery | null): void {
    let retry = retries;
    while (this.errorRate > 0 && this.ctx.random.next() < this.errorRate) {
      this.attempts++;
      const delay = retryDelayMs(++retry);
      if (delay < 0) {
        this.giveUp(subscription, publication, now);
        return;
      }
      if (delay > 0) {
        const redelivery = waiting ?? new Redelivery(this, subscription, publication);
        redelivery.retries = retry;
        this.ctx.at(now + delay, redelivery);
        return;
      }
    }
    this.attempts++;
    this.handOff(subscription, publication, now);
  }

  /** One successful attempt: the target takes the copy, or refuses it at once (a client-side error). */
  private handOff(subscription: Subscription, publication: Publication, now: number): void {
    const outer = this.handing;
    const outerTo = this.handingTo;
    const outerRefused = this.refusedAtHandoff;
    this.handing = publication;
    this.handingTo = subscription.index;
    this.refusedAtHandoff = false;
    const bytes = subscription.envelopeBytes + publication.copyBytes;
    const taken = subscription.target.deliver(publication, subscription.index, publication.producedAt, bytes, publication.chain);
    const refused = !taken || this.refusedAtHandoff;
    this.handing = outer;
    this.handingTo = outerTo;
    this.refusedAtHandoff = outerRefused;
    if (refused) {
      this.giveUp(subscription, publication, now);
      return;
    }
    this.delivered++;
    this.series.delivered.record(now, 1);
    if (subscription.toFunction) this.deliveredToFunctions++;
    else this.deliveredToQueues++;
  }

  /** A copy SNS stops delivering: to the subscription's dead-letter queue (`failed`), else discarded (`dropped`). */
  private giveUp(subscription: Subscription, publication: Publication, now: number): void {
    this.failed++;
    this.series.failed.record(now, 1);
    let outcome: Outcome = Outcome.Dropped;
    const deadLetter = subscription.deadLetter;
    if (deadLetter !== null) {
      const outer = this.redriving;
      const outerRefused = this.redriveRefused;
      this.redriving = true;
      this.redriveRefused = false;
      const taken = deadLetter.deliver(this.deadLetterCaller, undefined, publication.producedAt, publication.publishBytes, publication.chain) && !this.redriveRefused;
      this.redriving = outer;
      this.redriveRefused = outerRefused;
      if (taken) {
        this.redrivenToDlq++;
        outcome = Outcome.Failed;
      } else {
        this.failedToRedriveToDlq++;
      }
    }
    publication.copyDone(outcome, now);
  }

  copySettled(publication: Publication, outcome: Outcome, subscription: number, now: number): void {
    if (outcome === Outcome.Rejected && this.handing === publication && this.handingTo === subscription) {
      this.refusedAtHandoff = true; // handOff settles it as a client-side error
      return;
    }
    publication.copyDone(outcome, now);
  }

  messageSettled(publication: Publication, outcome: Outcome, now: number): void {
    this.ctx.ledger.settle(outcome, publication.producedAt, now);
    publication.caller.settle(outcome, publication.tag, publication.producedAt, now);
  }
}
