/**
 * The queue itself (docs/aws-model.md rule 14): FIFO order per message group,
 * including messages returned after a failure (they go back in front, in
 * order, and their group is blocked meanwhile); standard queues put returned
 * messages at the back; delivery delay, retention and 64 KB request chunks in
 * a run.
 */
import { describe, expect, it } from 'vitest';
import { SlotList } from '../../core/queues/record-store.js';
import { run } from '../../test/helpers.js';
import { MessageQueue } from './queue.js';

const quiet = { record() {} };

function fifoQueue(groups: number) {
  const settled: [number, number][] = [];
  const queue: MessageQueue = new MessageQueue(
    { fifo: groups > 0, groups, retentionMs: Infinity, maxReceiveCount: 0 },
    { settle: (slot, outcome) => settled.push([queue.store.producedAt[slot]!, outcome]), deadLetter: () => false, stopsChain: () => false },
    quiet,
    quiet,
  );
  /** Sends message `id` (kept in producedAt) to `group`. */
  const send = (id: number, group: number) => {
    const slot = queue.store.alloc(id, 0, 100);
    queue.store.key[slot] = group;
    queue.makeVisible(slot, 0);
  };
  const receive = (max = 10) => {
    const batch = new SlotList(queue.store);
    queue.receive(batch, [], max, 6 * 1024 * 1024, 0);
    const ids: number[] = [];
    for (let s = batch.head; s !== -1; s = batch.after(s)) ids.push(queue.store.producedAt[s]!);
    return { batch, ids, group: ids.length ? queue.store.key[batch.head]! : -1 };
  };
  return { queue, send, receive, settled };
}

describe('FIFO queue', () => {
  it('gives each batch one group, in send order, and never two batches of one group at once', () => {
    const { send, receive } = fifoQueue(2);
    [0, 1, 2, 3, 4, 5].forEach((id) => send(id, id % 2));
    const a = receive(2);
    const b = receive(2);
    expect(a.ids).toStrictEqual([0, 2]);
    expect(b.ids).toStrictEqual([1, 3]);
    expect(receive().ids).toStrictEqual([]); // both groups are in flight
  });

  it('puts returned messages back in front of their group, in order, and unblocks the group', () => {
    const { queue, send, receive } = fifoQueue(1);
    [10, 11, 12, 13, 14].forEach((id) => send(id, 0));
    const first = receive(3);
    expect(first.ids).toStrictEqual([10, 11, 12]);
    queue.returnMessages(first.batch, first.group, 30_000);
    expect(receive(10).ids).toStrictEqual([10, 11, 12, 13, 14]);
  });
});

describe('standard queue', () => {
  it('returns failed messages to the back', () => {
    const { queue, send, receive } = fifoQueue(0);
    [1, 2, 3, 4].forEach((id) => send(id, 0));
    const first = receive(2);
    queue.returnMessages(first.batch, -1, 1000);
    expect(receive(10).ids).toStrictEqual([3, 4, 1, 2]);
  });
});

describe('sqs in a run', () => {
  it('holds messages for deliveryDelay before any receive', () => {
    const { report, starts } = run(
      `
name: delayed
duration: 10s
functions:
  worker: { duration: 100ms, coldStart: { init: 0ms } }
sources:
  jobs:
    type: sqs
    deliveryDelay: 2m
    consumer: { function: worker, batchSize: 1 }
    load: { phases: [ { duration: 10s, arrivalCount: 10 } ] }
`,
      { trace: true },
    );
    expect(starts.map((s) => s.t)).toStrictEqual([0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5].map((s) => s * 1000 + 120_000));
    expect(report.sources.jobs!.EndToEndLatency.mean).toBeCloseTo(120_100, 3); // delay + the 100 ms run
  });

  it('drops messages older than the retention period from a queue nothing consumes; the rest wait, in flight', () => {
    const { report } = run(`
name: retention
duration: 5m
functions:
  f: {}
sources:
  parked:
    type: sqs
    retentionPeriod: 60s
    load: { phases: [ { duration: 5m, arrivalRate: 1 } ], arrivals: uniform }
`);
    // 300 sent at 0.5 s, 1.5 s, …; the run ends at the last send (299.5 s): those older than 60 s are gone.
    expect(report.sources.parked!.delivery).toStrictEqual({ generated: 300, succeeded: 0, failed: 0, dropped: 240, rejected: 0, inFlight: 60 });
    expect(report.sources.parked!.NumberOfMessagesExpired).toBe(240);
  });

  it('holds what another source sends it when nothing consumes it; the sender counts those events in flight', () => {
    const { report } = run(`
name: parked schedule
duration: 10m
functions:
  f: {}
sources:
  tick: { type: schedule, expression: rate(1 minute), targets: [parked] }
  parked: { type: sqs }
`);
    expect(report.sources.tick!.delivery).toStrictEqual({ generated: 10, succeeded: 0, failed: 0, dropped: 0, rejected: 0, inFlight: 10 });
    expect(report.sources.parked!.delivery).toMatchObject({ generated: 10, inFlight: 10 });
  });

  it('bills each 64 KB of a message as one request, and refuses messages over 1 MB', () => {
    const { report } = run(`
name: big messages
duration: 10s
functions:
  f: {}
sources:
  big:
    type: sqs
    messageSize: { dist: empirical, samples: [100KB, 2MB] }
    load: { phases: [ { duration: 10s, arrivalCount: 1000 } ] }
`);
    const big = report.sources.big!;
    const sent = big.NumberOfMessagesSent as number;
    expect(big.delivery.rejected + sent).toBe(1000);
    expect(big.delivery.rejected).toBeGreaterThan(400);
    expect(report.cost.lines.find((l) => l.service === 'Amazon SQS')!.quantity).toBe(2 * sent); // 100 KB = 2 chunks
  });
});
