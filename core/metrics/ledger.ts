/**
 * The delivery ledger of one source: every event the source produces ends in
 * exactly one state. `produced` counts an event as generated and in flight;
 * `settle` moves it from in flight to its final state, so the identity
 * generated = succeeded + failed + dropped + rejected + inFlight holds by
 * construction. What can go wrong is a source settling an event twice
 * (inFlight below zero) or never (inFlight left when nothing is pending):
 * the engine checks both at the end of every run.
 * End-to-end latency (produced → handled successfully) goes in a histogram.
 */
import { Histogram } from './histogram.js';

/** Final states of a delivery. */
export const Outcome = {
  /** Handled without error (for fan-out: every copy was handled). */
  Succeeded: 0,
  /** Given up and sent to a dead-letter queue or on-failure destination. */
  Failed: 1,
  /** Given up with nowhere to go. */
  Dropped: 2,
  /** Refused to a synchronous caller. */
  Rejected: 3,
} as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

export interface LedgerCounts {
  generated: number;
  succeeded: number;
  failed: number;
  dropped: number;
  rejected: number;
  inFlight: number;
}

export class DeliveryLedger {
  generated = 0;
  succeeded = 0;
  failed = 0;
  dropped = 0;
  rejected = 0;
  inFlight = 0;
  readonly latency = new Histogram();

  produced(): void {
    this.generated++;
    this.inFlight++;
  }

  settle(outcome: Outcome, producedAt: number, now: number): void {
    this.inFlight--;
    switch (outcome) {
      case Outcome.Succeeded:
        this.succeeded++;
        this.latency.record(now - producedAt);
        break;
      case Outcome.Failed:
        this.failed++;
        break;
      case Outcome.Dropped:
        this.dropped++;
        break;
      case Outcome.Rejected:
        this.rejected++;
        break;
    }
  }

  counts(): LedgerCounts {
    const { generated, succeeded, failed, dropped, rejected, inFlight } = this;
    return { generated, succeeded, failed, dropped, rejected, inFlight };
  }

  /** True when some event was settled more than once. */
  overSettled(): boolean {
    return this.inFlight < 0;
  }
}
