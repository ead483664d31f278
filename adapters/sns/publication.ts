/**
 * One published message on its way to its subscribers: the fan-out object of
 * a publish (the only allocation of a message with at least one copy). It is
 * the DeliveryCaller of every copy, so each target tells it the copy's final
 * state (docs/adapters.md); the topic settles the message once, with the
 * worst state of its copies, when the last copy is settled (docs/report.md:
 * dropped, then rejected, then failed, then succeeded).
 */
import type { DeliveryCaller } from '../../core/engine/adapter-contract.js';
import { Outcome, worseOutcome } from '../../core/engine/adapter-contract.js';

/** Who a publication reports to: the topic, which settles copies and messages. */
export interface PublicationOwner {
  copySettled(publication: Publication, outcome: Outcome, subscription: number, now: number): void;
  messageSettled(publication: Publication, outcome: Outcome, now: number): void;
}

export class Publication implements DeliveryCaller {
  /** Copies not yet settled. */
  private pending: number;
  private worst: Outcome = Outcome.Succeeded;

  constructor(
    private readonly owner: PublicationOwner,
    /** The publisher, told the message's final state once; and its tag. */
    readonly caller: DeliveryCaller,
    readonly tag: unknown,
    readonly producedAt: number,
    /** The message and its attributes as they weigh in a copy, without the envelope. */
    readonly copyBytes: number,
    /** The message and its attributes as published (what a dead-letter queue receives). */
    readonly publishBytes: number,
    /** Invocations of the message's chain so far (recursive loop detection, docs/aws-model.md). */
    readonly chain: number,
    copies: number,
    /** Which subscriptions get a copy: bit i for subscription i < 32. */
    private readonly mask: number,
    /** The same for topics with more than 32 subscriptions, else null. */
    private readonly wide: Uint8Array | null,
  ) {
    this.pending = copies;
  }

  /** Whether subscription `i` gets a copy of this message. */
  includes(i: number): boolean {
    return this.wide !== null ? this.wide[i] === 1 : (this.mask & (1 << i)) !== 0;
  }

  /** A target's word on a copy (the tag is the subscription's index). */
  settle(outcome: Outcome, tag: unknown, _producedAt: number, now: number): void {
    this.owner.copySettled(this, outcome, tag as number, now);
  }

  /** Counts a copy's final state; the last one settles the message. */
  copyDone(outcome: Outcome, now: number): void {
    this.worst = worseOutcome(this.worst, outcome);
    if (--this.pending === 0) this.owner.messageSettled(this, this.worst, now);
  }
}
