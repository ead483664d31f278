/**
 * A level that changes over simulated time (busy environments, live
 * environments, queue depth), with its maximum and its time-weighted mean.
 * The integral of the level over time is accumulated at each change, so the
 * mean over [0, T] is integral / T and nothing is stored per change.
 */

export class TimeWeighted {
  value = 0;
  max = 0;
  private area = 0;
  private since = 0;

  constructor(initial = 0) {
    this.value = initial;
    this.max = initial;
  }

  add(delta: number, now: number): void {
    this.area += this.value * (now - this.since);
    this.since = now;
    const value = (this.value += delta);
    if (value > this.max) this.max = value;
  }

  /** Time-weighted mean over [0, end]. */
  mean(end: number): number {
    if (end <= 0) return this.value;
    const area = this.area + this.value * (end - this.since);
    return area / end;
  }
}
