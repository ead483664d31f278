/**
 * Fan-out through a topic: every published message reaches every subscriber
 * whose filter it passes, the delivery ledgers add up at each hop, a message
 * takes the worst state of its copies, publishers routed to the topic hear
 * that state, chains through the topic are stopped at the 17th invocation,
 * and a filter on an 80/20 attribute lets about 20% through.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../core/report/build-report.js';
import { run } from '../../test/helpers.js';

function balanced(report: Report): void {
  for (const [name, source] of Object.entries(report.sources)) {
    const d = source.delivery;
    expect(d.succeeded + d.failed + d.dropped + d.rejected + d.inFlight, name).toBe(d.generated);
  }
}

const fanOut = (topic: string, functions = '') => `
name: fan-out
duration: 100s
functions:
  audit: { duration: 20ms }
  resize: { duration: 50ms }
${functions}
sources:
  uploads:
    type: sns
${topic}
  thumbs:
    type: sqs
    consumer: { function: resize, batchSize: 10, maximumBatchingWindow: 1s }
`;

describe('sns fan-out', () => {
  it('SNS → (sqs → function, function): every message reaches both subscribers, and the ledgers add up at each hop', () => {
    const { report } = run(fanOut('    targets: [thumbs, audit]\n    load: { phases: [ { duration: 100s, arrivalCount: 2000 } ] }'));
    const topic = report.sources.uploads!;
    expect(topic.NumberOfMessagesPublished).toBe(2000);
    expect(topic.NumberOfNotificationsDelivered).toBe(4000);
    expect(topic.delivery).toStrictEqual({ generated: 2000, succeeded: 2000, failed: 0, dropped: 0, rejected: 0, inFlight: 0 });
    expect(report.sources.thumbs!.NumberOfMessagesSent).toBe(2000);
    expect(report.sources.thumbs!.delivery).toMatchObject({ generated: 2000, succeeded: 2000, inFlight: 0 });
    expect(report.functions.audit!.AsyncEventsReceived).toBe(2000);
    expect(report.functions.audit!.Invocations).toBe(2000);
    // A message is handled when its slower copy is: through the queue, at least resize's 50 ms.
    expect(topic.EndToEndLatency.p50).toBeGreaterThanOrEqual(50);
    balanced(report);
  });

  it('a message takes the worst state of its copies: one subscriber failing drops every message', () => {
    const { report } = run(
      fanOut('    targets: [thumbs, audit]\n    load: { phases: [ { duration: 100s, arrivalCount: 500 } ] }').replace(
        'audit: { duration: 20ms }',
        'audit: { duration: 20ms, errorRate: 1, async: { maximumRetryAttempts: 0 } }',
      ),
    );
    expect(report.sources.uploads!.delivery).toMatchObject({ generated: 500, succeeded: 0, dropped: 500, inFlight: 0 });
    expect(report.sources.thumbs!.delivery).toMatchObject({ generated: 500, succeeded: 500 });
    expect(report.functions.audit!.AsyncEventsDropped).toBe(500);
    balanced(report);
  });

  it('a filter on an attribute with shares 80/20 lets about 20% through, and counts the rest as filtered out', () => {
    const { report } = run(
      fanOut(`    messageAttributes:
      eventType: { created: 0.8, deleted: 0.2 }
    subscriptions:
      - { target: audit, filterPolicy: { eventType: [deleted] } }
      - { target: thumbs }
    load: { phases: [ { duration: 100s, arrivalCount: 10000 } ] }`),
    );
    const topic = report.sources.uploads!;
    const toAudit = report.functions.audit!.AsyncEventsReceived as number;
    // Binomial(10,000, 0.2): mean 2,000, sd 40; ±5 sd.
    expect(toAudit).toBeGreaterThan(2000 - 200);
    expect(toAudit).toBeLessThan(2000 + 200);
    expect(topic.NumberOfNotificationsFilteredOut).toBe(10000 - toAudit);
    expect(topic.NumberOfNotificationsDelivered).toBe(10000 + toAudit);
    expect(report.sources.thumbs!.NumberOfMessagesSent).toBe(10000);
    expect(topic.delivery).toMatchObject({ generated: 10000, succeeded: 10000, inFlight: 0 });
    balanced(report);
  });

  it('a message every subscription filters out is succeeded at once', () => {
    const { report } = run(
      fanOut(`    messageAttributes: { eventType: [created] }
    subscriptions: [ { target: audit, filterPolicy: { eventType: [deleted] } } ]
    load: { phases: [ { duration: 100s, arrivalCount: 300 } ] }`),
    );
    const topic = report.sources.uploads!;
    expect(topic.NumberOfNotificationsFilteredOut).toBe(300);
    expect(topic.NumberOfNotificationsDelivered).toBe(0);
    expect(topic.delivery).toMatchObject({ generated: 300, succeeded: 300 });
    expect(topic.EndToEndLatency.max).toBe(0);
  });

  it('refuses a publish over maximumMessageSize (message and attributes): rejected, nothing delivered', () => {
    const { report } = run(fanOut(`    maximumMessageSize: 256KB
    messageSize: { dist: empirical, samples: [255KB, 300KB] }
    targets: [audit]
    load: { phases: [ { duration: 100s, arrivalCount: 1000 } ] }`));
    const topic = report.sources.uploads!;
    expect(topic.delivery.rejected + (topic.NumberOfMessagesPublished as number)).toBe(1000);
    expect(topic.delivery.rejected).toBeGreaterThan(400);
    expect(report.functions.audit!.AsyncEventsReceived).toBe(topic.NumberOfMessagesPublished);
    balanced(report);
  });
});

describe('publishers routed to the topic', () => {
  const routed = (fn: string) => `
name: routed
duration: 10m
functions:
  audit: { duration: 20ms${fn} }
sources:
  tick: { type: schedule, expression: rate(1 minute), targets: [alerts] }
  alerts: { type: sns, targets: [audit] }
`;

  it('a schedule publishing to the topic hears each message’s final state', () => {
    const ok = run(routed('')).report;
    expect(ok.sources.tick!.delivery).toMatchObject({ generated: 10, succeeded: 10, inFlight: 0 });
    expect(ok.sources.alerts!.delivery).toMatchObject({ generated: 10, succeeded: 10 });
    const failing = run(routed(', errorRate: 1, async: { maximumRetryAttempts: 0 }')).report;
    expect(failing.sources.tick!.delivery).toMatchObject({ generated: 10, dropped: 10 });
    expect(failing.sources.alerts!.delivery).toMatchObject({ generated: 10, dropped: 10 });
  });

  it('an on-failure destination publishes one record per given-up event', () => {
    const { report } = run(`
name: destination
duration: 100s
functions:
  f: { duration: 10ms, errorRate: 1, async: { maximumRetryAttempts: 0, onFailure: alerts } }
  audit: { duration: 10ms }
sources:
  events: { type: invoke, mode: async, targets: [f], load: { phases: [ { duration: 100s, arrivalCount: 200 } ] } }
  alerts: { type: sns, targets: [audit] }
`);
    expect(report.sources.events!.delivery).toMatchObject({ generated: 200, failed: 200 });
    expect(report.sources.alerts!.NumberOfMessagesPublished).toBe(200);
    expect(report.sources.alerts!.PublishSize).toMatchObject({ max: 1024 });
    expect(report.functions.audit!.Invocations).toBe(200);
    balanced(report);
  });

  it('passes the chain on: a function writing back to its own topic is stopped at the 17th invocation', () => {
    const { report } = run(`
name: loop
duration: 100s
functions:
  worker: { duration: 10ms, outputs: [ { to: echoes } ] }
sources:
  echoes: { type: sns, targets: [worker], load: { phases: [ { burst: 10 } ] } }
`);
    // 10 chains of 16 invocations; the 17th of each is stopped (dropped, no on-failure destination).
    expect(report.functions.worker!.Invocations).toBe(160);
    expect(report.functions.worker!.RecursiveInvocationsDropped).toBe(10);
    expect(report.sources.echoes!.delivery).toStrictEqual({ generated: 170, succeeded: 160, failed: 0, dropped: 10, rejected: 0, inFlight: 0 });
  });
});

describe('cost and reproducibility', () => {
  it('bills each 64 KB of a publish as one request at $0.50 a million, after the free tier', () => {
    const scenario = (freeTier: string) => `
name: cost
duration: 1h
pricing: { freeTier: ${freeTier} }
functions:
  audit: { duration: 1ms }
sources:
  big:
    type: sns
    messageSize: 100KB
    targets: [audit]
    load: { phases: [ { duration: 1h, arrivalCount: 3000 } ] }
`;
    const line = (report: Report, item: string) => report.cost.lines.find((l) => l.service === 'Amazon SNS' && l.item === item)!;
    const paid = run(scenario('false')).report;
    // 100 KB = 2 chunks of 64 KB: 6,000 requests × $0.50 / 1,000,000 = $0.003.
    expect(line(paid, 'standard topic publishes').quantity).toBe(6000);
    expect(line(paid, 'standard topic publishes').usd).toBeCloseTo(0.003, 9);
    expect(line(paid, 'deliveries to Lambda')).toMatchObject({ quantity: 3000, usd: 0 });
    // With the free tier, a run shorter than a month gets the month's 1,000,000 free publishes: nothing to pay.
    expect(line(run(scenario('true')).report, 'standard topic publishes').usd).toBe(0);
  });

  it('gives the same report for the same seed', () => {
    const yaml = fanOut(`    messageAttributes: { eventType: { created: 0.8, deleted: 0.2 } }
    handoffErrorRate: 0.3
    subscriptions:
      - { target: audit, filterPolicy: { eventType: [deleted] } }
      - { target: thumbs }
    load: { phases: [ { duration: 100s, arrivalRate: 20 } ] }`);
    const strip = (report: Report) => ({ ...report, engine: null });
    expect(strip(run(yaml).report)).toStrictEqual(strip(run(yaml).report));
    expect(run(yaml, { set: ['seed=2'] }).report.sources.uploads!.NumberOfMessagesPublished).not.toBe(run(yaml).report.sources.uploads!.NumberOfMessagesPublished);
  });
});
