/**
 * Test-only observation points of the s3 source. Null in normal runs, where
 * they cost one comparison per event. Tests set them and reset them
 * afterwards (`resetS3Probe`); they never change what a run does: the ids of
 * an observed event come from a generator of its own, not the run's.
 */
import type { BucketIdentity, ObjectEventFacts } from './payload.js';

/** One object event as the bucket raised it. */
export interface ObservedEvent {
  /** Simulated ms. */
  raisedAt: number;
  /** Everything its record says: `s3Event(identity, facts)` is the notification. */
  identity: BucketIdentity;
  facts: ObjectEventFacts;
  /** The raw key (before URL encoding). */
  key: string;
  /** The target notified, or null when no configuration matched. */
  target: string | null;
  /** Bytes of the notification handed to the target (0 when none). */
  bytes: number;
}

export interface S3Probe {
  /** Source `source` raised an event. */
  raised: ((source: string, event: ObservedEvent) => void) | null;
  /** Source `source` handed the notification of an event raised at `raisedAt` to `target` at `now`. */
  delivered: ((source: string, target: string, raisedAt: number, now: number) => void) | null;
}

export const s3Probe: S3Probe = { raised: null, delivered: null };

export function resetS3Probe(): void {
  s3Probe.raised = null;
  s3Probe.delivered = null;
}
