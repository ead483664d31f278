/**
 * Execution environments (docs/aws-model.md rules 4–6): one request at a time;
 * the most recently created idle environment is reused; an environment idle for
 * idleTimeout is reclaimed; a timeout cuts the run, counts as an error and
 * resets the environment, which stays and re-runs its INIT inside its next
 * invoke (not a new cold start); provisioned environments serve first and a
 * request beyond them spills over to on-demand with a cold start.
 */
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

describe('environment reuse and reclaim', () => {
  it('reuses the newest idle environment and reclaims after idleTimeout', () => {
    const { report, starts } = run(
      `
name: reuse
duration: 1300s
functions:
  f: { duration: 1s, coldStart: { init: 0ms, idleTimeout: 10m } }
sources:
  api:
    type: invoke
    targets: [f]
    load: { phases: [ { burst: 2 }, { pause: 2s }, { burst: 1 }, { pause: 600s }, { burst: 1 }, { pause: 602s }, { burst: 1 } ] }
`,
      { trace: true },
    );
    // t=0: environments 0 and 1 start cold, both idle from 1 s.
    // t=2 s: the newest (1) is reused; it is idle again from 3 s.
    // t=602 s: 0 was reclaimed at 601 s (idle since 1 s); 1 is still warm (idle since 3 s, until 603 s).
    // t=1204 s: 1 was reclaimed at 1203 s (idle since 603 s): a new environment, cold.
    expect(starts.map(({ t, cold, env }) => [t, cold, env])).toStrictEqual([
      [0, true, 0],
      [0, true, 1],
      [2_000, false, 1],
      [602_000, false, 1],
      [1_204_000, true, 2],
    ]);
    expect(report.functions.f!.Environments.max).toBe(2);
  });

  it('counts INIT in concurrency and in InitDuration, not in Duration', () => {
    const { report } = run(`
name: init
duration: 1s
functions:
  f: { duration: 100ms, coldStart: { init: 400ms } }
sources:
  api: { type: invoke, targets: [f], load: { phases: [ { burst: 1 } ] } }
`);
    const f = report.functions.f!;
    expect(f.InitDuration.max).toBe(400);
    expect(f.Duration.max).toBe(100);
    expect(report.sources.api!.EndToEndLatency.max).toBe(500);
  });

  it('runs an INIT longer than 10 s inside the invoke (suppressed init)', () => {
    const { report } = run(`
name: slow init
duration: 1s
functions:
  f: { duration: 1s, timeout: 60s, coldStart: { init: 12s } }
sources:
  api: { type: invoke, targets: [f], load: { phases: [ { burst: 1 } ] } }
`);
    const f = report.functions.f!;
    expect(f.InitDuration.max).toBe(0); // no Init Duration reported
    expect(f.Duration.max).toBe(13_000); // the INIT re-run is inside the invoke
    expect(report.sources.api!.EndToEndLatency.max).toBe(23_000); // 10 s cut INIT + 13 s
  });
});

describe('timeouts', () => {
  it('cuts the run at the timeout, counts an error and resets the environment, which is reused', () => {
    const { report } = run(`
name: timeout
duration: 30s
functions:
  f: { duration: 5s, timeout: 3s }
sources:
  api: { type: invoke, targets: [f], load: { arrivals: uniform, phases: [ { duration: 30s, arrivalRate: 0.1 } ] } }
`);
    const f = report.functions.f!;
    // One environment: reset after each timeout, not replaced (no new cold start, no new InitDuration).
    expect(f).toMatchObject({ Invocations: 3, Errors: 3, Timeouts: 3, ColdStarts: 1 });
    expect(f.Environments.max).toBe(1);
    expect(f.Duration.max).toBe(3000);
    expect(report.sources.api!.delivery).toMatchObject({ generated: 3, rejected: 3 });
  });

  it('re-runs INIT inside the next invoke of a reset environment: a handler near its timeout then always times out', () => {
    const { report } = run(`
name: reset
duration: 200s
functions:
  f: { duration: { dist: uniform, min: 2.9s, max: 3.1s }, timeout: 3s, coldStart: { init: 500ms } }
sources:
  api: { type: invoke, targets: [f], load: { arrivals: uniform, phases: [ { duration: 200s, arrivalRate: 0.1 } ] } }
`);
    const f = report.functions.f!;
    // Alone, a run times out half the time; after the first timeout every run carries 500 ms of INIT and times out.
    expect(f.Invocations).toBe(20);
    expect(f.ColdStarts).toBe(1);
    expect(f.Timeouts).toBeGreaterThanOrEqual(17); // the first timeout comes by the 4th run but for 1 chance in 8
    const firstTimeout = 20 - f.Timeouts; // runs before the first timeout all succeeded
    expect(report.sources.api!.delivery.succeeded).toBe(firstTimeout);
  });
});

describe('provisioned concurrency', () => {
  it('serves the first P concurrent requests warm; P + 1 spills over with a cold start', () => {
    const { report, starts } = run(
      `
name: pc
duration: 10s
functions:
  f: { provisionedConcurrency: 5, duration: 2s, coldStart: { init: 300ms } }
sources:
  api: { type: invoke, targets: [f], load: { phases: [ { burst: 8 }, { pause: 5s }, { burst: 8 } ] } }
`,
      { trace: true },
    );
    const f = report.functions.f!;
    expect(starts.filter((s) => s.t === 0).map((s) => s.cold)).toStrictEqual([false, false, false, false, false, true, true, true]);
    // The second burst finds 5 provisioned and 3 warm on-demand environments.
    expect(f).toMatchObject({ ColdStarts: 3, ProvisionedConcurrencyInvocations: 10, ProvisionedConcurrencySpilloverInvocations: 6 });
    expect(f.Environments.max).toBe(8);
  });
});

describe('reserved and account concurrency', () => {
  it('reserved concurrency is a ceiling', () => {
    const { report } = run(`
name: reserved
duration: 1s
functions:
  f: { reservedConcurrency: 10, duration: 5s }
sources:
  api: { type: invoke, targets: [f], load: { phases: [ { burst: 50 } ] } }
`);
    expect(report.functions.f!.ConcurrentExecutions.max).toBe(10);
    expect(report.functions.f!.Throttles).toBe(40);
  });

  it('reserved concurrency is a floor: other functions cannot take it', () => {
    const { report } = run(`
name: floor
duration: 1s
account: { concurrencyLimit: 300 }
functions:
  greedy: { duration: 5s }
  protected: { reservedConcurrency: 100, duration: 5s }
sources:
  first: { type: invoke, targets: [greedy], load: { phases: [ { burst: 400 } ] } }
  second: { type: invoke, targets: [protected], load: { phases: [ { burst: 100 } ] } }
`);
    expect(report.functions.greedy!.ConcurrentExecutions.max).toBe(200);
    expect(report.functions.protected!.ConcurrentExecutions.max).toBe(100);
    expect(report.functions.protected!.Throttles).toBe(0);
  });

  it('refuses to reserve more than the account limit minus 100', () => {
    expect(() =>
      run(`
name: too much
duration: 1s
functions:
  f: { reservedConcurrency: 950 }
sources:
  api: { type: invoke, targets: [f], load: { phases: [ { burst: 1 } ] } }
`),
    ).toThrow(/test\.yaml:5 \/functions\/f\/reservedConcurrency: .*at least 100 of the account's 1000 unreserved/);
  });
});

describe('sync callers', () => {
  it('retries a 429 after backoff, then 2 × backoff', () => {
    const { report, starts } = run(
      `
name: retries
duration: 1s
functions:
  f: { reservedConcurrency: 1, duration: 1s, coldStart: { init: 0ms } }
sources:
  api: { type: invoke, targets: [f], clientRetries: { attempts: 3, backoff: 400ms }, load: { phases: [ { burst: 2 } ] } }
`,
      { trace: true },
    );
    // Second request: 429 at 0, retried at 0.4 s (429), then 0.4 + 0.8 = 1.2 s: starts.
    expect(starts.map((s) => s.t)).toStrictEqual([0, 1200]);
    expect(report.functions.f!.Throttles).toBe(2);
    expect(report.sources.api!.delivery).toMatchObject({ generated: 2, succeeded: 2 });
    expect(report.sources.api!.EndToEndLatency.max).toBe(2200);
  });

  it('rejects a request still throttled after its retries', () => {
    const { report } = run(`
name: rejected
duration: 1s
functions:
  f: { reservedConcurrency: 1, duration: 1s, coldStart: { init: 0ms } }
sources:
  api: { type: invoke, targets: [f], clientRetries: { attempts: 1, backoff: 400ms }, load: { phases: [ { burst: 2 } ] } }
`);
    expect(report.functions.f!.Throttles).toBe(2);
    expect(report.sources.api!.delivery).toMatchObject({ generated: 2, succeeded: 1, rejected: 1 });
  });
});

describe('the delivery ledger', () => {
  it('reports work still running when the drain ends as in flight', () => {
    const { report } = run(`
name: drain
duration: 2s
drain: 1s
functions:
  f: { duration: 10s, timeout: 20s }
sources:
  api: { type: invoke, targets: [f], load: { arrivals: uniform, phases: [ { duration: 2s, arrivalRate: 10 } ] } }
`);
    expect(report.simulated.cutByDrain).toBe(true);
    expect(report.simulated.seconds).toBe(3);
    expect(report.sources.api!.delivery).toStrictEqual({ generated: 20, succeeded: 0, failed: 0, dropped: 0, rejected: 0, inFlight: 20 });
    expect(report.functions.f!.ConcurrentExecutions.max).toBe(20);
  });
});
