/**
 * Turns a LoadSpec into arrivals on the simulated clock. One pending event per
 * source at a time: each arrival schedules the next, so memory does not grow
 * with traffic.
 *
 * - Poisson arrivals with a rate ramping linearly from a to b over T seconds
 *   are drawn by inverting the cumulative rate Λ(t) = a·t + (b − a)·t²/(2T):
 *   the next arrival after s is the t with Λ(t) = Λ(s) + E, E ~ Exp(1).
 * - Uniform arrivals fall where Λ(t) = k + ½ (k = 0, 1, ...): evenly spaced,
 *   exactly rate × duration of them for a constant rate.
 * - `arrivalCount` N over T: at (k + ½)·T/N. `burst` N: all at the phase start,
 *   in slices of at most BURST_SLICE arrivals per kernel event: a slice hands
 *   its arrivals over and schedules the next slice at the same instant, so a
 *   burst of a billion holds nothing per arrival and the run loop (progress,
 *   other events of that instant) goes on between slices. A burst of up to
 *   BURST_SLICE arrivals is one event, as it always was.
 * Arrivals at or after the scenario's duration are not generated.
 */
import type { Schedulable, Simulation } from '../kernel/simulation.js';
import type { Random } from '../random.js';
import type { LoadSpec, Phase } from './load-spec.js';

/** Arrivals of a burst handed over per kernel event (2^20). */
export const BURST_SLICE = 1 << 20;

/** Called once per arrival with its payload size in bytes, or -1 when the load does not say. */
export type ArrivalHandler = (now: number, sizeBytes: number) => void;

export class ArrivalProcess implements Schedulable {
  private phaseIndex = -1;
  private phaseStart = 0;
  private phaseEnd = 0;
  private phase: Phase | null = null;
  /** Λ reached so far in the current phase (arrivals' cumulative-rate target). */
  private level = 0;
  /** Arrivals made in the current phase (count and uniform modes). */
  private made = 0;
  /** Arrivals of the current burst not handed over yet. */
  private burstLeft = 0;
  private traceIndex = 0;
  /** The current rate phase's cumulative rate, and whether its arrivals are evenly spaced. */
  private ramp: Ramp | null = null;
  private uniform = false;

  constructor(
    private readonly sim: Simulation,
    private readonly random: Random,
    private readonly load: LoadSpec,
    private readonly endMs: number,
    private readonly onArrival: ArrivalHandler,
  ) {}

  start(): void {
    if (this.load.mode === 'trace') this.scheduleTrace();
    else this.enterPhase(0, 0);
  }

  fire(now: number): void {
    if (this.load.mode === 'trace') {
      this.onArrival(now, this.load.sizes[this.traceIndex++]!);
      this.scheduleTrace();
      return;
    }
    const phase = this.phase!;
    if (phase.kind === 'burst') {
      const slice = Math.min(this.burstLeft, BURST_SLICE);
      this.burstLeft -= slice;
      for (let i = 0; i < slice; i++) this.onArrival(now, -1);
      if (this.burstLeft > 0) this.sim.at(now, this);
      else this.enterPhase(this.phaseIndex + 1, this.phaseStart);
      return;
    }
    this.onArrival(now, -1);
    this.scheduleNext();
  }

  private scheduleTrace(): void {
    const times = (this.load as Extract<LoadSpec, { mode: 'trace' }>).times;
    const t = times[this.traceIndex];
    if (t !== undefined && t < this.endMs) this.sim.at(Math.max(t, this.sim.now), this);
  }

  private enterPhase(index: number, start: number): void {
    const phases = (this.load as Extract<LoadSpec, { mode: 'phases' }>).phases;
    if (index >= phases.length || start >= this.endMs) return;
    const phase = phases[index]!;
    this.phaseIndex = index;
    this.phase = phase;
    this.phaseStart = start;
    this.phaseEnd = phase.kind === 'burst' ? start : start + phase.durationMs;
    this.level = 0;
    this.made = 0;
    if (phase.kind === 'rate') {
      this.ramp = new Ramp(phase.from, phase.to, phase.durationMs / 1000);
      this.uniform = (this.load as Extract<LoadSpec, { mode: 'phases' }>).arrivals === 'uniform';
    }
    if (phase.kind === 'burst') {
      this.burstLeft = phase.count;
      if (phase.count > 0) this.sim.at(start, this);
      else this.enterPhase(index + 1, start);
      return;
    }
    this.scheduleNext();
  }

  /** Schedules the next arrival of the current phase, or moves on to the next phase. */
  private scheduleNext(): void {
    const phase = this.phase!;
    const offset = this.nextOffset(phase);
    const t = this.phaseStart + offset;
    if (offset < 0 || t >= this.phaseEnd) {
      this.enterPhase(this.phaseIndex + 1, this.phaseEnd);
      return;
    }
    if (t >= this.endMs) return;
    this.sim.at(t, this);
  }

  /** Offset (ms) of the next arrival from the phase start, or -1 when the phase has no more. */
  private nextOffset(phase: Phase): number {
    switch (phase.kind) {
      case 'pause':
      case 'burst':
        return -1;
      case 'count':
        return this.made < phase.count ? ((this.made++ + 0.5) * phase.durationMs) / phase.count : -1;
      case 'rate': {
        const target = this.uniform ? this.made++ + 0.5 : (this.level += this.random.standardExponential());
        const seconds = this.ramp!.timeOf(target);
        return seconds < 0 ? -1 : seconds * 1000;
      }
    }
  }
}

/**
 * A rate ramping linearly from a to b over T seconds, as its cumulative rate
 * Λ(t) = a·t + (b − a)·t²/(2T), with the terms that do not depend on the
 * target worked out once per phase.
 */
export class Ramp {
  private readonly total: number;
  private readonly k: number;

  constructor(
    private readonly a: number,
    b: number,
    T: number,
  ) {
    this.total = ((a + b) / 2) * T;
    this.k = (b - a) / (2 * T);
  }

  /** The time t in [0, T] (seconds) where Λ(t) reaches `target`, or -1 when it never does within the phase. */
  timeOf(target: number): number {
    const total = this.total;
    if (!(target <= total) || total <= 0) return -1;
    const a = this.a;
    const k = this.k;
    if (k === 0) return target / a;
    const discriminant = a * a + 4 * k * target;
    // The stable root of k·t² + a·t − target = 0 (works for rising and falling ramps).
    return (2 * target) / (a + Math.sqrt(Math.max(0, discriminant)));
  }
}

/**
 * The time t in [0, T] (seconds) where Λ(t) = a·t + (b − a)·t²/(2T) reaches
 * `target`, or -1 when it never does within the phase.
 */
export function invertRamp(a: number, b: number, T: number, target: number): number {
  return new Ramp(a, b, T).timeOf(target);
}
