/**
 * The run's randomness: xoshiro128** seeded through splitmix32. Same seed,
 * same sequence, on every machine. Nothing in the simulation may use
 * Math.random; everything that needs chance takes a generator from here.
 *
 * A run has one seed. Each component (a source's arrivals, a function's
 * durations and errors) draws from its own stream derived from that seed and
 * the component's name, so that changing one function's settings leaves the
 * traffic and the other functions' draws as they were: two runs of a what-if
 * comparison see the same arrivals (common random numbers).
 */

export class Random {
  /** The stream of the component called `label` in a run seeded with `seed`. */
  static derived(seed: number, label: string): Random {
    // FNV-1a of the label, mixed with the seed.
    let h = 0x811c9dc5;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
    return new Random((Math.trunc(seed) ^ Math.imul(h, 0x9e3779b1)) >>> 0);
  }

  /** xoshiro128**'s four words, as int32 (a typed array keeps them unboxed; the bits are what matter). */
  private readonly s = new Int32Array(4);
  private spareNormal = NaN;

  constructor(seed: number) {
    let x = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
    const next = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    const s = this.s;
    s[0] = next();
    s[1] = next();
    s[2] = next();
    s[3] = next();
    if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1;
  }

  /** A 32-bit unsigned integer. */
  uint32(): number {
    return this.bits() >>> 0;
  }

  /** The next 32 bits as a signed integer: always a small integer, so a call that is not inlined returns it without boxing. */
  private bits(): number {
    const s = this.s;
    const b = s[1]!;
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9);
    const t = b << 9;
    s[2]! ^= s[0]!;
    s[3]! ^= b;
    s[1] = b ^ s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }

  /** Uniform in the open interval (0, 1): never 0, never 1, so log() is safe. */
  next(): number {
    return ((this.bits() >>> 0) + 0.5) / 4294967296;
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(this.next());
  }

  /** Standard normal (Box–Muller, the second value kept for the next call). */
  normal(): number {
    const spare = this.spareNormal;
    if (spare === spare) {
      this.spareNormal = NaN;
      return spare;
    }
    const r = Math.sqrt(-2 * Math.log(this.next()));
    const theta = 2 * Math.PI * this.next();
    this.spareNormal = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

/** Rotates the 32 bits of `x` left by `k` (a signed result: the bits are what matter). */
function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
