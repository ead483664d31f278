/**
 * The per-function scaling rate (docs/aws-model.md rule 2): a token bucket of
 * 1,000 new environments, refilled at 100 per second, full at t = 0. Warm
 * environments need no token; each function has its own bucket; all share
 * the account's concurrency.
 */
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

describe('scaling rate', () => {
  it('a burst of 3,000 at t = 0 then 1,000 at t = 5 s gets exactly 1,500 environments', () => {
    const { report } = run(`
name: burst
duration: 10s
account: { concurrencyLimit: 10000 }
functions:
  f: { timeout: 60s, duration: 30s }
sources:
  api:
    type: invoke
    targets: [f]
    load: { phases: [ { burst: 3000 }, { pause: 5s }, { burst: 1000 } ] }
`);
    const f = report.functions.f!;
    expect(f.Environments.max).toBe(1500);
    expect(f.ColdStarts).toBe(1500);
    expect(f.Throttles).toBe(2000 + 500);
    expect(report.sources.api!.delivery).toMatchObject({ generated: 4000, succeeded: 1500, rejected: 2500, inFlight: 0 });
  });

  it('honours account.scalingRate (new environments per 10 s)', () => {
    const { report } = run(`
name: slow scaling
duration: 10s
account: { concurrencyLimit: 10000, scalingRate: 200 }
functions:
  f: { timeout: 60s, duration: 30s }
sources:
  api:
    type: invoke
    targets: [f]
    load: { phases: [ { burst: 500 }, { pause: 5s }, { burst: 500 } ] }
`);
    // 200 at t = 0, then 5 s × 20/s = 100 more.
    expect(report.functions.f!.Environments.max).toBe(300);
  });

  it('each function scales on its own bucket but they share the account', () => {
    const { report } = run(`
name: two functions
duration: 1s
account: { concurrencyLimit: 1500 }
functions:
  a: { timeout: 60s, duration: 30s }
  b: { timeout: 60s, duration: 30s }
sources:
  to-a: { type: invoke, targets: [a], load: { phases: [ { burst: 1000 } ] } }
  to-b: { type: invoke, targets: [b], load: { phases: [ { burst: 1000 } ] } }
`);
    // Both buckets hold 1,000 tokens, but the account has 1,500: a takes 1,000, b the other 500.
    expect(report.functions.a!.ConcurrentExecutions.max).toBe(1000);
    expect(report.functions.b!.ConcurrentExecutions.max).toBe(500);
    expect(report.functions.b!.Throttles).toBe(500);
  });

  it('warm environments need no token: a second burst on idle environments is not throttled', () => {
    const { report } = run(`
name: warm
duration: 20s
account: { concurrencyLimit: 5000 }
functions:
  f: { timeout: 10s, duration: 1s, coldStart: { init: 0ms } }
sources:
  api:
    type: invoke
    targets: [f]
    load: { phases: [ { burst: 1000 }, { pause: 2s }, { burst: 1000 } ] }
`);
    expect(report.functions.f!.Throttles).toBe(0);
    expect(report.functions.f!.ColdStarts).toBe(1000);
    expect(report.functions.f!.Invocations).toBe(2000);
  });
});
