/**
 * Delivery of one event to a source's targets. With one target the event goes
 * straight through (nothing allocated); with several, a FanOut waits for every
 * copy and settles the event once, with the worst outcome of its copies
 * (a message is `succeeded` only when every copy was handled). A copy refused
 * at hand-over (e.g. an async payload over 1 MB) settles as `rejected` at once.
 */
import type { DeliveryCaller, Target } from './adapter-contract.js';
import { Outcome } from '../metrics/ledger.js';

/** Worse outcomes win when copies disagree: lost beats refused beats dead-lettered beats handled. */
const SEVERITY: Record<Outcome, number> = {
  [Outcome.Succeeded]: 0,
  [Outcome.Failed]: 1,
  [Outcome.Rejected]: 2,
  [Outcome.Dropped]: 3,
};

/** The worse of two outcomes (what a fan-out settles with when its copies disagree). */
export function worseOutcome(a: Outcome, b: Outcome): Outcome {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

export interface Router {
  /** `chain`: invocations of the event's chain so far (0 for a source's own event). */
  deliver(caller: DeliveryCaller, tag: unknown, producedAt: number, sizeBytes: number, chain?: number): void;
}

export function createRouter(targets: readonly Target[], now: () => number): Router {
  if (targets.length === 1) {
    const target = targets[0]!;
    return {
      deliver(caller, tag, producedAt, sizeBytes, chain = 0) {
        if (!target.deliver(caller, tag, producedAt, sizeBytes, chain)) caller.settle(Outcome.Rejected, tag, producedAt, now());
      },
    };
  }
  return {
    deliver(caller, tag, producedAt, sizeBytes, chain = 0) {
      const fanOut = new FanOut(caller, tag, targets.length);
      for (const target of targets) {
        if (!target.deliver(fanOut, undefined, producedAt, sizeBytes, chain)) fanOut.settle(Outcome.Rejected, undefined, producedAt, now());
      }
    },
  };
}

class FanOut implements DeliveryCaller {
  private worst: Outcome = Outcome.Succeeded;

  constructor(
    private readonly caller: DeliveryCaller,
    private readonly tag: unknown,
    private pending: number,
  ) {}

  settle(outcome: Outcome, _tag: unknown, producedAt: number, now: number): void {
    this.worst = worseOutcome(this.worst, outcome);
    if (--this.pending === 0) this.caller.settle(this.worst, this.tag, producedAt, now);
  }
}
