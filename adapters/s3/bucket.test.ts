/**
 * A bucket in a run: ledgers add up at every hop (S3 → function, S3 → SQS →
 * function); prefix filters route exactly the keys they should, in the
 * shares drawn; events no configuration matches notify nobody; sequencers
 * grow while deliveries come out of order; each notification's size is the
 * byte length of its JSON; objects that functions write land under their
 * output's prefix and carry their chain (recursive loops stop at the 17th
 * invocation, docs/aws-model.md); the writer upstream hears once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RoutedMessage } from '../../core/engine/adapter-contract.js';
import { prepareRun } from '../../core/engine/run-scenario.js';
import type { Report } from '../../core/report/build-report.js';
import { load, registry, run } from '../../test/helpers.js';
import { s3Event } from './payload.js';
import { resetS3Probe, s3Probe, type ObservedEvent } from './probe.js';

afterEach(resetS3Probe);

function balanced(report: Report): void {
  for (const [name, source] of Object.entries(report.sources)) {
    const d = source.delivery;
    expect(d.succeeded + d.failed + d.dropped + d.rejected + d.inFlight, name).toBe(d.generated);
    expect(d.inFlight, name).toBe(0);
  }
}

/** Every event the bucket raises, in order. */
function observe(): ObservedEvent[] {
  const events: ObservedEvent[] = [];
  s3Probe.raised = (_source, event) => events.push(event);
  return events;
}

const bucket = (body: string, functions = '  a: {}\n  b: {}', extra = '') => `
name: bucket
duration: 100s
functions:
${functions}
sources:
  photos:
    type: s3
${body}
${extra}`;

const load100s = (rate: number) => `    load: { phases: [ { duration: 100s, arrivalRate: ${rate} } ] }`;

describe('s3 delivery', () => {
  it('S3 → function: every notification is an async invoke, and the ledgers add up', () => {
    const { report } = run(bucket(`    targets: [a]\n${load100s(20)}`));
    const photos = report.sources.photos!;
    expect(photos.ObjectEvents).toBeGreaterThan(1700); // Poisson, 2,000 expected
    expect(photos.delivery.generated).toBe(photos.ObjectEvents);
    expect(photos.delivery.succeeded).toBe(photos.ObjectEvents);
    expect(report.functions.a!.AsyncEventsReceived).toBe(photos.EventNotifications);
    balanced(report);
  });

  it('S3 → SQS → function: each notification is one message, handled through the queue', () => {
    const { report } = run(
      bucket(`    targets: [jobs]\n${load100s(20)}`, '  a: {}', '  jobs:\n    type: sqs\n    consumer: { function: a, batchSize: 10 }'),
    );
    const sent = report.sources.photos!.EventNotifications as number;
    expect(sent).toBeGreaterThan(1700);
    expect(report.sources.jobs!.NumberOfMessagesSent).toBe(sent);
    expect(report.sources.jobs!.NumberOfMessagesDeleted).toBe(sent);
    expect(report.sources.photos!.delivery.succeeded).toBe(sent);
    balanced(report);
  });

  it('S3 → SNS → functions: one publish per notification, fanned out to every subscriber', () => {
    const { report } = run(bucket(`    targets: [topic]\n${load100s(20)}`, '  a: {}\n  b: {}', '  topic: { type: sns, targets: [a, b] }'));
    const sent = report.sources.photos!.EventNotifications as number;
    expect(sent).toBeGreaterThan(1700);
    expect(report.sources.topic!.NumberOfMessagesPublished).toBe(sent);
    expect(report.functions.a!.AsyncEventsReceived).toBe(sent);
    expect(report.functions.b!.AsyncEventsReceived).toBe(sent);
    expect(report.sources.photos!.delivery.succeeded).toBe(sent);
    balanced(report);
  });

  it('routes exactly the keys under each prefix to its target, in the shares drawn', () => {
    const events = observe();
    const { report } = run(
      bucket(`    keys: { prefixes: { in/: 0.7, out/: 0.3 }, suffixes: [.jpg] }
    notifications:
      - { target: a, prefix: in/ }
      - { target: b, prefix: out/, suffix: .jpg }
${load100s(50)}`),
    );
    const under = (prefix: string) => events.filter((e) => e.key.startsWith(prefix));
    expect(events.every((e) => e.key.endsWith('.jpg') && e.target === (e.key.startsWith('in/') ? 'a' : 'b'))).toBe(true);
    expect(report.functions.a!.AsyncEventsReceived).toBe(under('in/').length);
    expect(report.functions.b!.AsyncEventsReceived).toBe(under('out/').length);
    const n = events.length;
    const share = under('in/').length / n;
    const sd = Math.sqrt((0.7 * 0.3) / n); // binomial
    expect(Math.abs(share - 0.7)).toBeLessThan(5 * sd);
    expect(new Set(events.map((e) => e.key)).size).toBe(n); // every key is new
    balanced(report);
  });

  it('notifies nobody of events no configuration takes, and counts them', () => {
    const events = observe();
    const { report } = run(
      bucket(`    events: { ObjectCreated:Put: 0.6, ObjectRemoved:Delete: 0.4 }
    notifications: [ { target: a, events: [s3:ObjectCreated:*] } ]
${load100s(30)}`),
    );
    const photos = report.sources.photos!;
    const deletes = events.filter((e) => e.facts.event === 4).length;
    expect(events.filter((e) => e.target === null).length).toBe(deletes);
    expect(photos.NotificationsFilteredOut).toBe(deletes);
    expect(photos.DeleteRequests).toBe(deletes);
    expect(photos.delivery.generated).toBe(events.length - deletes);
    expect(Math.abs(deletes / events.length - 0.4)).toBeLessThan(5 * Math.sqrt((0.4 * 0.6) / events.length));
    balanced(report);
  });
});

describe('notifications', () => {
  it('carry a sequencer that grows with every event, while they arrive out of order', () => {
    const events = observe();
    const delivered: number[] = [];
    s3Probe.delivered = (_source, _target, raisedAt) => delivered.push(raisedAt);
    run(bucket(`    targets: [a]\n${load100s(20)}`));
    const sequencers = events.map((e) => e.facts.sequencer);
    for (let i = 1; i < sequencers.length; i++) {
      expect(sequencers[i]!.length).toBe(sequencers[i - 1]!.length);
      expect(sequencers[i]! > sequencers[i - 1]!, `${sequencers[i - 1]} then ${sequencers[i]}`).toBe(true);
    }
    expect(delivered.length).toBe(events.length);
    expect(delivered.some((raisedAt, i) => i > 0 && raisedAt < delivered[i - 1]!)).toBe(true);
  });

  it('are as large as their JSON, for every event type, keys that need encoding and multipart uploads', () => {
    const events = observe();
    run(
      bucket(`    events: [ObjectCreated:Put, ObjectCreated:CompleteMultipartUpload, ObjectRemoved:DeleteMarkerCreated, LifecycleTransition, ObjectTagging:Delete]
    objectSize: { dist: lognormal, median: 2MB, p99: 200MB }
    keys: { prefixes: ['', 'my photos/', 'café/'], suffixes: ['', '.jpg', ' (1).png'] }
    notifications: [ { id: 'thumbnails "v2"', target: a } ]
${load100s(5)}`),
    );
    expect(events.length).toBeGreaterThan(400);
    for (const e of events) expect(e.bytes, e.key).toBe(Buffer.byteLength(JSON.stringify(s3Event(e.identity, e.facts))));
    expect(events.some((e) => e.facts.parts > 1)).toBe(true);
  });

  it("arrive after a delay whose mean, 99th percentile and minute-long tail are the distribution's", () => {
    const late: number[] = [];
    s3Probe.delivered = (_source, _target, raisedAt, now) => void (now - raisedAt > 60_000 && late.push(now));
    const { report } = run(bucket(`    targets: [a]\n${load100s(400)}`));
    const photos = report.sources.photos!;
    const delay = photos.NotificationDelay as { mean: number; p99: number };
    const n = photos.EventNotifications as number;
    // Lognormal, median 1 s, p99 20 s: sigma = ln 20 / z99, mean = e^(sigma²/2) s.
    const sigma = Math.log(20) / 2.3263478740408408;
    const mean = 1000 * Math.exp((sigma * sigma) / 2);
    const sdOfMean = (mean * Math.sqrt(Math.exp(sigma * sigma) - 1)) / Math.sqrt(n);
    expect(Math.abs(delay.mean - mean)).toBeLessThan(5 * sdOfMean);
    // The sample p99's standard error: sqrt(p(1-p)/n) / density at the p99 (lognormal: φ(z99) / (x σ)).
    const density = Math.exp(-(2.3263478740408408 ** 2) / 2) / Math.sqrt(2 * Math.PI) / (20_000 * sigma);
    expect(Math.abs(delay.p99 - 20_000)).toBeLessThan((5 * Math.sqrt(0.01 * 0.99 / n)) / density + 0.01 * 20_000);
    // Beyond a minute: P(Z > ln 60 / sigma), a Poisson count.
    const expectedLate = n * (1 - normalCdf(Math.log(60) / sigma));
    expect(Math.abs(late.length - expectedLate)).toBeLessThan(5 * Math.sqrt(expectedLate));
    expect(late.length).toBeGreaterThan(0);
  });
});

/** Φ(x), by the complementary error function's Abramowitz–Stegun 7.1.26 approximation (error < 1.5e-7). */
function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * x) / Math.SQRT2);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return 1 - 0.5 * poly * Math.exp(-(x * x) / 2);
}

describe('objects written by functions', () => {
  const pipeline = (output: string, notifications: string) => `
name: pipeline
duration: 60s
functions:
  resize:
    outputs: [ ${output} ]
  index: {}
sources:
  uploads:
    type: s3
    keys: { prefixes: [in/] }
    notifications:
      - { target: resize, prefix: in/ }
${notifications}
    load: { phases: [ { duration: 60s, arrivalCount: 300 } ] }
`;

  it('land under the output prefix and suffix, raise ObjectCreated:Put, and are billed as PUTs', () => {
    const events = observe();
    const { report } = run(pipeline('{ to: uploads, count: 1, size: 40KB, prefix: thumbs/, suffix: .jpg }', '      - { target: index, prefix: thumbs/ }'));
    const written = events.filter((e) => e.target === 'index');
    expect(written.length).toBe(300); // one thumbnail per upload
    expect(written.every((e) => /^thumbs\/[0-9a-f]{12}\.jpg$/.test(e.key) && e.facts.event === 0 && e.facts.size === 40 * 1024)).toBe(true);
    const uploads = report.sources.uploads!;
    expect(uploads.ObjectsWritten).toBe(300);
    expect(uploads.PutRequests).toBe(600);
    expect(report.functions.index!.Invocations).toBe(300);
    balanced(report);
  });

  it('carry their chain: a function that writes back under its own prefix is stopped at the 17th invocation', () => {
    const { report } = run(pipeline('{ to: uploads, count: 1, size: 1KB, prefix: in/ }', ''));
    // Each upload starts a chain of 16 invocations; the 17th is dropped (docs/aws-model.md, recursive loops).
    expect(report.functions.resize!.Invocations).toBe(16 * 300);
    expect(report.functions.resize!.RecursiveInvocationsDropped).toBe(300);
    expect(report.sources.uploads!.ObjectsWritten).toBe(16 * 300);
  });

  it('make a routing loop at load only when the written key can match the notification that invoked the writer', () => {
    const loop = load(pipeline('{ to: uploads, prefix: in/ }', '')).warnings.filter((w) => w.includes('routing loop'));
    expect(loop).toHaveLength(1);
    expect(loop[0]).toMatch(/\/functions\/resize\/outputs\/0\/to: routing loop: .*resize.*uploads/);
    expect(load(pipeline('{ to: uploads, prefix: thumbs/, suffix: .jpg }', '      - { target: index, prefix: thumbs/ }')).warnings).toStrictEqual([]);
  });

  it('tell the writer upstream their final state once: at once when nothing is notified, else what the target reports', () => {
    const engine = prepareRun(load(pipeline('{ to: uploads, count: 1, size: 1KB, prefix: in/ }', '').replace(/    load: .*\n/, '')), registry());
    const heard: [string, number][] = [];
    const message = (tag: string, prefix: string): RoutedMessage => ({
      producedAt: 0,
      sizeBytes: 100,
      chain: 0,
      tag,
      objectKey: { prefix },
      caller: { settle: (outcome, t) => heard.push([t as string, outcome]) },
    });
    const receive = engine.sources.get('uploads')!.hooks.receive!;
    receive(message('ignored', 'other/'));
    expect(heard).toStrictEqual([['ignored', 0]]);
    receive(message('notified', 'in/'));
    engine.run();
    expect(heard).toStrictEqual([
      ['ignored', 0],
      ['notified', 0],
    ]);
  });
});

describe('cost and determinism', () => {
  it('bills PUT-class requests at $0.005 per 1,000: single PUTs, multipart parts, and free deletes', () => {
    const yaml = `
name: requests
duration: 10s
functions:
  a: {}
sources:
  puts:
    type: s3
    targets: [a]
    load: { phases: [ { duration: 10s, arrivalCount: 1000 } ] }
  uploads:
    type: s3
    events: [ObjectCreated:CompleteMultipartUpload]
    objectSize: 20MB
    targets: [a]
    load: { phases: [ { duration: 10s, arrivalCount: 200 } ] }
  deletes:
    type: s3
    events: [ObjectRemoved:Delete]
    targets: [a]
    load: { phases: [ { duration: 10s, arrivalCount: 500 } ] }
`;
    const { report } = run(yaml);
    // 1,000 PutObject; 200 uploads of 20 MB in 8 MB parts: create + 3 parts + complete = 5 each; deletes free.
    expect(report.sources.puts!.PutRequests).toBe(1000);
    expect(report.sources.uploads!.PutRequests).toBe(1000);
    expect(report.sources.deletes!.PutRequests).toBe(0);
    expect(report.sources.deletes!.DeleteRequests).toBe(500);
    const line = report.cost.lines.find((l) => l.service === 'Amazon S3')!;
    expect(line.quantity).toBe(2000);
    expect(line.usd).toBeCloseTo((2000 / 1000) * 0.005, 10);
  });

  it('gives the same report for the same seed', () => {
    const yaml = bucket(`    events: { ObjectCreated:Put: 0.8, ObjectRemoved:Delete: 0.2 }\n    targets: [a]\n${load100s(20)}`);
    const strip = (report: Report) => ({ ...report, engine: { ...report.engine, wallSeconds: 0 } });
    expect(strip(run(yaml).report)).toStrictEqual(strip(run(yaml).report));
    expect(run(yaml, { set: ['seed=2'] }).report.sources.photos!.ObjectEvents).not.toBe(run(yaml).report.sources.photos!.ObjectEvents);
  });
});
