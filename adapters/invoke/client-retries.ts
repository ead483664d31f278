/**
 * The callers of a sync `invoke` source that wait to retry after a 429
 * (docs/aws-model.md rule 8; adapters/invoke/README.md): retry k (k = 1, 2, …)
 * comes `backoff × 2^(k-1)` after the previous refusal, up to `attempts`
 * retries; still refused, the request is `rejected`. Waiting callers are
 * compact runs (core/kernel/run-queue.ts): a burst refused at one instant waits
 * as one run per back-off step, each request retrying in the order it would
 * have on its own.
 */
import { Outcome, type FunctionHandle, type InvocationCaller, type SourceContext } from '../../core/engine/adapter-contract.js';
import { RunQueue } from '../../core/kernel/run-queue.js';
import { grown } from '../../core/typed-arrays.js';

export class ClientRetries extends RunQueue {
  /** When the request was made (end-to-end latency), ms. */
  private producedAt = new Float64Array(0);
  /** Retries made so far. */
  private retries = new Float64Array(0);

  constructor(
    private readonly ctx: SourceContext,
    private readonly fn: FunctionHandle,
    /** Who hears how the run of a retried request ended. */
    private readonly caller: InvocationCaller,
    private readonly attempts: number,
    private readonly backoffMs: number,
  ) {
    super(ctx);
  }

  /** A request made at `producedAt` was refused now (its first try): it waits for its first retry. */
  refused(producedAt: number, now: number): void {
    const slot = this.alloc();
    this.producedAt[slot] = producedAt;
    this.retries[slot] = 0;
    this.schedule(slot, now + this.backoffMs);
  }

  protected fireItem(slot: number, now: number): void {
    const producedAt = this.producedAt[slot]!;
    if (this.fn.invokeSync(this.caller, undefined, producedAt)) {
      this.release(slot);
      return;
    }
    const retries = ++this.retries[slot]!;
    if (retries < this.attempts) {
      this.schedule(slot, now + this.backoffMs * 2 ** retries);
      return;
    }
    this.release(slot);
    this.ctx.ledger.settle(Outcome.Rejected, producedAt, now);
  }

  protected sameItem(a: number, b: number): boolean {
    return this.producedAt[a] === this.producedAt[b] && this.retries[a] === this.retries[b];
  }

  protected copyItem(from: number, to: number): void {
    this.producedAt[to] = this.producedAt[from]!;
    this.retries[to] = this.retries[from]!;
  }

  protected clearItem(): void {}

  protected growItems(capacity: number): void {
    this.producedAt = grown(this.producedAt, capacity);
    this.retries = grown(this.retries, capacity);
  }
}
