/**
 * Routing through code (docs/scenario-format.md, "Routing through code:
 * `outputs`"): a function's `outputs` send `count` messages per record
 * handled to an accepting source, keeping the chain's start time; recursive loop detection (docs/aws-model.md rule 22)
 * stops the 17th invocation of a chain unless the function says `Allow`; loops
 * in the routing are warned about at load, naming the cycle.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../core/report/build-report.js';
import { load, run } from './helpers.js';

function balanced(report: Report): void {
  for (const [name, source] of Object.entries(report.sources)) {
    const d = source.delivery;
    expect(d.succeeded + d.failed + d.dropped + d.rejected + d.inFlight, name).toBe(d.generated);
  }
}

const pipeline = (outputs: string) => `
name: outputs
duration: 100s
functions:
  resize: { duration: 100ms, outputs: ${outputs} }
  index: { duration: 20ms }
sources:
  uploads:
    type: invoke
    mode: async
    targets: [resize]
    load: { phases: [ { duration: 100s, arrivalCount: 400 } ] }
  thumbs:
    type: sqs
    consumer: { function: index, batchSize: 10, maximumBatchingWindow: 1s }
`;

describe('function outputs', () => {
  it('each successful run sends count messages, and the queue downstream handles them all', () => {
    const { report } = run(pipeline('[ { to: thumbs, count: 2, size: 2KB } ]'));
    expect(report.sources.uploads!.delivery).toMatchObject({ generated: 400, succeeded: 400 });
    expect(report.sources.thumbs!.NumberOfMessagesSent).toBe(800);
    expect(report.sources.thumbs!.delivery).toMatchObject({ generated: 800, succeeded: 800, inFlight: 0 });
    balanced(report);
  });

  it('end-to-end latency downstream runs from the first event, so it exceeds the upstream run time', () => {
    const { report } = run(pipeline('[ { to: thumbs, count: 1 } ]'));
    // Each message was produced when the upload arrived; resize takes 100 ms (plus a cold start at times) before it is sent.
    expect(report.sources.thumbs!.EndToEndLatency.p50).toBeGreaterThanOrEqual(100);
  });

  it('a fractional count is a chance per record: 0.25 sends Binomial(400, 0.25) messages', () => {
    const { report } = run(pipeline('[ { to: thumbs, count: 0.25 } ]'));
    const sent = report.sources.thumbs!.NumberOfMessagesSent as number;
    // mean 100, sd 8.7; ±5 sd
    expect(sent).toBeGreaterThan(100 - 44);
    expect(sent).toBeLessThan(100 + 44);
  });

  it('a Poisson count has the mean it names', () => {
    const { report } = run(pipeline('[ { to: thumbs, count: { dist: poisson, mean: 3 } } ]'));
    const sent = report.sources.thumbs!.NumberOfMessagesSent as number;
    // Sum of 400 Poisson(3): Poisson(1200), sd 34.6; ±5 sd
    expect(Math.abs(sent - 1200)).toBeLessThan(175);
  });

  it('failed runs send nothing', () => {
    const { report } = run(pipeline('[ { to: thumbs, count: 1 } ]').replace('duration: 100ms,', 'duration: 100ms, errorRate: 1, async: { maximumRetryAttempts: 0 },'));
    expect(report.sources.uploads!.delivery).toMatchObject({ dropped: 400 });
    expect(report.sources.thumbs!.NumberOfMessagesSent).toBe(0);
  });

  it('a batch consumer sends per record handled, not per run', () => {
    const yaml = pipeline('[ { to: thumbs, count: 1 } ]')
      .replace('index: { duration: 20ms }', 'index: { duration: 20ms, outputs: [ { to: indexed } ] }')
      .concat('  indexed: { type: sqs }\n');
    const { report } = run(yaml);
    expect(report.functions.index!.Invocations).toBeLessThan(400); // batches of up to 10
    expect(report.sources.indexed!.NumberOfMessagesSent).toBe(400);
    balanced(report);
  });

  it('refuses outputs to a function, to a source that accepts no events, and a key prefix for a queue', () => {
    expect(() => load(pipeline('[ { to: index } ]'))).toThrow(/cannot name a function \("index"\)/);
    expect(() => load(pipeline('[ { to: uploads } ]'))).toThrow(/"uploads" is an invoke source/);
    expect(() => load(pipeline('[ { to: thumbz } ]'))).toThrow(/did you mean "thumbs"/);
    expect(() => load(pipeline('[ { to: thumbs, prefix: a/ } ]'))).toThrow(/not an s3 bucket/);
  });
});

const selfLoop = (fn: string, extra = '') => `
name: loop
duration: 60s
drain: 10m
functions:
  worker: { duration: 100ms, ${fn} outputs: [ { to: jobs } ] }
sources:
  jobs:
    type: sqs
    consumer: { function: worker, batchSize: 1 }
    load: { phases: [ { burst: 10 } ] }
${extra}`;

describe('recursive loop detection', () => {
  it('a function that writes back to its own queue is stopped at the 17th invocation of each chain', () => {
    const { report } = run(selfLoop(''));
    // 10 chains of 16 invocations each; the 17th message of each chain is stopped.
    expect(report.functions.worker!.Invocations).toBe(160);
    expect(report.functions.worker!.RecursiveInvocationsDropped).toBe(10);
    expect(report.sources.jobs!.delivery).toStrictEqual({ generated: 170, succeeded: 160, failed: 0, dropped: 10, rejected: 0, inFlight: 0 });
  });

  it('a stopped message goes to the queue’s dead-letter target when there is one', () => {
    const { report } = run(
      selfLoop('', '  dlq: { type: sqs }').replace('consumer: {', 'redrive: { maxReceiveCount: 5, deadLetterTarget: dlq }\n    consumer: {'),
    );
    expect(report.sources.jobs!.delivery).toMatchObject({ generated: 170, succeeded: 160, failed: 10, dropped: 0 });
    expect(report.sources.jobs!.NumberOfMessagesMovedToDLQ).toBe(10);
  });

  it('runs on with recursiveLoop: Allow, until the run ends', () => {
    const { report } = run(selfLoop('recursiveLoop: Allow,'));
    expect(report.functions.worker!.RecursiveInvocationsDropped).toBe(0);
    expect(report.functions.worker!.Invocations).toBeGreaterThan(1000);
    expect(report.simulated.cutByDrain).toBe(true);
  });

  it('counts async hops too: f → onSuccess g → onSuccess f ... stops at the 17th', () => {
    const { report } = run(`
name: ping-pong
duration: 10s
functions:
  ping: { duration: 10ms, async: { onSuccess: pong } }
  pong: { duration: 10ms, async: { onSuccess: ping } }
sources:
  kick: { type: invoke, mode: async, targets: [ping], load: { phases: [ { burst: 5 } ] } }
`);
    // Invocations 1, 3, ..., 15 are ping's and 2, ..., 16 pong's; the 17th (ping's) is stopped.
    expect(report.functions.ping!.Invocations).toBe(40);
    expect(report.functions.pong!.Invocations).toBe(40);
    expect(report.functions.ping!.RecursiveInvocationsDropped).toBe(5);
    expect(report.functions.pong!.RecursiveInvocationsDropped).toBe(0);
  });
});

describe('routing loops at load', () => {
  it('warns about a loop, naming the cycle and where it closes', () => {
    const warnings = load(selfLoop('')).warnings.filter((w) => w.includes('loop'));
    expect(warnings, String(warnings)).toHaveLength(1);
    expect(warnings[0]).toMatch(/routing loop: jobs → worker → jobs/);
    expect(warnings[0]).toMatch(/17th invocation/);
    expect(warnings[0]).toMatch(/outputs\/0\/to/);
  });

  it('says that an allowed loop runs on', () => {
    const warnings = load(selfLoop('recursiveLoop: Allow,')).warnings.filter((w) => w.includes('loop'));
    expect(warnings[0]).toMatch(/recursiveLoop: Allow/);
  });

  it('finds no loop in a chain that does not come back', () => {
    expect(load(pipeline('[ { to: thumbs } ]')).warnings.filter((w) => w.includes('loop'))).toStrictEqual([]);
  });
});
