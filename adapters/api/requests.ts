/**
 * The requests of an api source in flight, and their integration timeouts.
 *
 * A client's request is one pooled `ApiRequest`, reused once its last attempt
 * has ended, so nothing is allocated per request in steady state. While the
 * function runs it waits in a `DeadlineList`: every attempt gets the same
 * timeout and attempts start in time order, so the list is in deadline order
 * and one timer, armed at its head's deadline, serves every request of the
 * source (no heap entry per request). A request whose deadline passes leaves
 * the list answered (504) but stays out of the pool until its run ends, since
 * the run's end still comes back to the source carrying it as its tag.
 */
import type { Schedulable } from '../../core/kernel/event-queue.js';

export const RequestState = {
  /** In the pool. */
  Free: 0,
  /** Passed to the function, waiting for its run in the deadline list. */
  Waiting: 1,
  /** Answered 504 at the integration timeout; its run goes on. */
  TimedOut: 2,
  /** Refused, waiting for the client to try again (`clientRetries`). */
  BackingOff: 3,
} as const;
export type RequestState = (typeof RequestState)[keyof typeof RequestState];

export class ApiRequest implements Schedulable {
  state: RequestState = RequestState.Free;
  /** When the client first sent it: the ledger's time. */
  producedAt = 0;
  /** When the current attempt reached API Gateway. */
  sentAt = 0;
  /** When the current attempt's integration times out. */
  deadline = 0;
  /** Attempts made so far, the first included. */
  attempts = 0;
  sizeBytes = 0;
  prev: ApiRequest | null = null;
  next: ApiRequest | null = null;

  constructor(private readonly retry: (request: ApiRequest, now: number) => void) {}

  /** The client tries again after its back-off. */
  fire(now: number): void {
    this.retry(this, now);
  }
}

/** Requests waiting for their function, in deadline order (a doubly linked list through the requests). */
export class DeadlineList {
  head: ApiRequest | null = null;
  private tail: ApiRequest | null = null;
  length = 0;

  /** Appends a request whose deadline is not before any other's. */
  push(request: ApiRequest): void {
    request.prev = this.tail;
    request.next = null;
    if (this.tail) this.tail.next = request;
    else this.head = request;
    this.tail = request;
    this.length++;
  }

  remove(request: ApiRequest): void {
    if (request.prev) request.prev.next = request.next;
    else this.head = request.next;
    if (request.next) request.next.prev = request.prev;
    else this.tail = request.prev;
    request.prev = request.next = null;
    this.length--;
  }
}
