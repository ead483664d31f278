/**
 * Traffic shapes: a Poisson process of rate λ makes λT ± a few √(λT)
 * arrivals; a linear ramp from a to b over T puts Λ(t) = a·t + (b−a)·t²/2T of
 * them before t; uniform arrivals and arrivalCount are exact and evenly spaced;
 * bursts land at one instant; phases are cut at the scenario's duration;
 * traces replay their times and sizes.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../core/kernel/simulation.js';
import { ArrivalProcess, BURST_SLICE, invertRamp } from '../core/load/arrival-process.js';
import { resolveLoad, type LoadInput } from '../core/load/load-spec.js';
import { Random } from '../core/random.js';

function arrivals(load: LoadInput, endSeconds: number, trace = ''): { t: number; size: number }[] {
  const sim = new Simulation();
  const out: { t: number; size: number }[] = [];
  new ArrivalProcess(sim, new Random(9), resolveLoad(load, () => trace), endSeconds * 1000, (t, size) => out.push({ t, size })).start();
  sim.run(Infinity);
  return out;
}

describe('arrival phases', () => {
  it('Poisson at a constant rate: count within 4 standard deviations of λT, exponential gaps', () => {
    const out = arrivals({ phases: [{ duration: '1000s', arrivalRate: 50 }] }, 1000);
    expect(Math.abs(out.length - 50_000)).toBeLessThan(4 * Math.sqrt(50_000));
    const gaps = out.slice(1).map((a, i) => a.t - out[i]!.t);
    const meanGap = gaps.reduce((s, g) => s + g, 0) / gaps.length;
    expect(meanGap / 20).toBeCloseTo(1, 1);
    // For exponential gaps, P(gap > mean) = e^-1.
    expect(gaps.filter((g) => g > 20).length / gaps.length).toBeCloseTo(Math.exp(-1), 2);
  });

  it('a ramp from 0 to 100/s over 100 s puts a quarter of its 5,000 arrivals in the first half', () => {
    const out = arrivals({ phases: [{ duration: '100s', arrivalRate: 0, rampTo: 100 }] }, 100);
    expect(Math.abs(out.length - 5000)).toBeLessThan(4 * Math.sqrt(5000));
    const firstHalf = out.filter((a) => a.t < 50_000).length;
    expect(firstHalf / out.length).toBeCloseTo(0.25, 1);
  });

  it('uniform arrivals: exactly rate × duration, evenly spaced, also on a ramp', () => {
    const flat = arrivals({ arrivals: 'uniform', phases: [{ duration: '10s', arrivalRate: 4 }] }, 10);
    expect(flat.map((a) => a.t)).toStrictEqual(Array.from({ length: 40 }, (_, k) => (k + 0.5) * 250));
    const ramp = arrivals({ arrivals: 'uniform', phases: [{ duration: '10s', arrivalRate: 10, rampTo: 30 }] }, 10);
    expect(ramp.length).toBe(200); // (10 + 30) / 2 × 10
  });

  it('arrivalCount: exactly N spread evenly; burst: N at one instant; pause: nothing', () => {
    const out = arrivals({ phases: [{ duration: '4s', arrivalCount: 4 }, { pause: '1s' }, { burst: 3 }, { duration: '1s', arrivalCount: 1 }] }, 60);
    expect(out.map((a) => a.t)).toStrictEqual([500, 1500, 2500, 3500, 5000, 5000, 5000, 5500]);
  });

  it('cuts phases at the scenario duration', () => {
    const out = arrivals({ arrivals: 'uniform', phases: [{ duration: '10s', arrivalRate: 1 }, { burst: 100 }] }, 5);
    expect(out.length).toBe(5);
  });

  it('replays a trace with its sizes, dropping arrivals after the duration', () => {
    const out = arrivals({ trace: 'x.csv' }, 20, 'seconds,size\n0.5,2KB\n1.25\n1.25,300\n30,1KB\n');
    expect(out).toStrictEqual([
      { t: 500, size: 2048 },
      { t: 1250, size: -1 },
      { t: 1250, size: 300 },
    ]);
    expect(() => arrivals({ trace: 'x.csv' }, 20, '2\n1\n')).toThrow(/x\.csv:2: arrival times must not go back in time/);
  });

  it('inverts the cumulative rate exactly', () => {
    // Λ(t) = 10t + (30 − 10)t²/(2·10) = 10t + t²: Λ(5) = 75, Λ(10) = 200.
    expect(invertRamp(10, 30, 10, 75)).toBeCloseTo(5, 12);
    expect(invertRamp(10, 30, 10, 200)).toBeCloseTo(10, 12);
    expect(invertRamp(30, 10, 10, 125)).toBeCloseTo(5, 12); // falling ramp: 30·5 − 25 = 125
    expect(invertRamp(10, 30, 10, 201)).toBe(-1);
  });
});

describe('big bursts', () => {
  it('hand their arrivals over in slices of 2^20 at the same instant, the next phase after the last slice', () => {
    const sim = new Simulation();
    let count = 0;
    let late = 0;
    const times = new Set<number>();
    const load = resolveLoad({ phases: [{ pause: '1s' }, { burst: 2 * BURST_SLICE + 5 }, { duration: '1s', arrivalCount: 2 }] }, () => '');
    new ArrivalProcess(sim, new Random(1), load, 10_000, (t) => {
      if (t === 1000) count++;
      else late++;
      times.add(t);
    }).start();
    // Another event of that instant, due after the burst's first slice: it fires between the slices.
    const slices: number[] = [];
    sim.call(1000, () => slices.push(count));
    sim.run(Infinity);
    expect(count).toBe(2 * BURST_SLICE + 5);
    expect(late).toBe(2);
    expect([...times]).toStrictEqual([1000, 1250, 1750]);
    // Three slices, each one kernel event; the two arrivalCount arrivals are two more.
    expect(sim.events).toBe(1 + 3 + 2);
    expect(slices).toStrictEqual([BURST_SLICE]);
  });

  it('a burst of up to 2^20 is one event, as before', () => {
    const sim = new Simulation();
    let count = 0;
    new ArrivalProcess(sim, new Random(1), resolveLoad({ phases: [{ burst: BURST_SLICE }] }, () => ''), 10_000, () => count++).start();
    sim.run(Infinity);
    expect(count).toBe(BURST_SLICE);
    expect(sim.events).toBe(1);
  });
});
