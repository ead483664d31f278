/**
 * Test-only observation points of the kinesis source. All null in normal
 * runs, where they cost one comparison per batch or record. Tests set them
 * and reset them afterwards (`resetKinesisProbe`); they never change what a
 * run does, except `poison`, which lets a test place poison records exactly
 * instead of drawing them with `poisonRate`.
 */
import type { RecordStore, SlotList } from '../../core/queues/record-store.js';

export interface KinesisProbe {
  /** Decides whether the `n`-th accepted record (from 0) of shard `shard` of source `source` is poison. */
  poison: ((source: string, shard: number, n: number) => boolean) | null;
  /** A batch started a run: its records are the first `count` slots of `list` (read `store.key`, `store.enqueuedAt`). */
  runStart: ((source: string, lane: number, store: RecordStore, list: SlotList, count: number, now: number) => void) | null;
  /** That lane's run ended. */
  runEnd: ((source: string, lane: number, ok: boolean, now: number) => void) | null;
}

export const kinesisProbe: KinesisProbe = { poison: null, runStart: null, runEnd: null };

export function resetKinesisProbe(): void {
  kinesisProbe.poison = null;
  kinesisProbe.runStart = null;
  kinesisProbe.runEnd = null;
}
