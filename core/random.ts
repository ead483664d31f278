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

  /**
   * The next 32 bits as a signed integer: always a small integer, so a call
   * that is not inlined returns it without boxing. The two rotations are
   * written out (`x << k | x >>> 32 - k`): a call each cost more than the
   * whole step until V8 compiles it (docs/performance.md).
   */
  private bits(): number {
    const s = this.s;
    const b = s[1]!;
    const b5 = Math.imul(b, 5);
    const result = Math.imul((b5 << 7) | (b5 >>> 25), 9);
    const t = b << 9;
    s[2]! ^= s[0]!;
    s[3]! ^= b;
    s[1] = b ^ s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    const s3 = s[3]!;
    s[3] = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /** Uniform in the open interval (0, 1): never 0, never 1, so log() is safe. */
  next(): number {
    return ((this.bits() >>> 0) + 0.5) / 4294967296;
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return mean * this.standardExponential();
  }

  /**
   * Exponential with mean 1, by Marsaglia and Tsang's ziggurat ("The ziggurat
   * method for generating random variables", J. Stat. Software 5(8), 2000):
   * 256 layers of equal area under e^-x; a draw picks a layer and a point in
   * it from one 32-bit word and is accepted at once 98.9% of the time, with
   * no logarithm. The rest are settled exactly (the wedge test, or the tail
   * beyond R drawn as R + Exp(1)), so the distribution is exactly Exp(1).
   */
  standardExponential(): number {
    for (;;) {
      const word = this.bits() >>> 0;
      const layer = word & 255;
      if (word < ZIGGURAT.k[layer]!) return word * ZIGGURAT.w[layer]!;
      const x = exponentialEdge(this, word, layer);
      if (x >= 0) return x;
    }
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

/** The ziggurat's rightmost layer edge R and the area V of each layer, for 256 layers under e^-x (Marsaglia and Tsang, 2000). */
const ZIGGURAT_R = 7.697117470131487;
const ZIGGURAT_V = 3.949659822581572e-3;

/** Per layer: the acceptance bound on the word (k), the word's scale (w), and e^-x at the layer's edge (f). */
const ZIGGURAT = ((): { k: Float64Array; w: Float64Array; f: Float64Array } => {
  const m = 4294967296;
  const k = new Float64Array(256);
  const w = new Float64Array(256);
  const f = new Float64Array(256);
  let d = ZIGGURAT_R;
  let t = d;
  const q = ZIGGURAT_V / Math.exp(-d);
  k[0] = (d / q) * m;
  k[1] = 0;
  w[0] = q / m;
  w[255] = d / m;
  f[0] = 1;
  f[255] = Math.exp(-d);
  for (let i = 254; i >= 1; i--) {
    d = -Math.log(ZIGGURAT_V / d + Math.exp(-d));
    k[i + 1] = (d / t) * m;
    t = d;
    f[i] = Math.exp(-d);
    w[i] = d / m;
  }
  return { k, w, f };
})();

/**
 * The 1.1% of exponential draws not accepted at once (the wedge test, or the
 * tail beyond R): the draw, or -1 to draw again. A function of its own, out of
 * the common path, so that V8's compiled common path never holds operations
 * it has seen too rarely to have type feedback for (docs/performance.md).
 */
function exponentialEdge(random: Random, word: number, layer: number): number {
  if (layer === 0) return ZIGGURAT_R - Math.log(random.next());
  const x = word * ZIGGURAT.w[layer]!;
  const f = ZIGGURAT.f;
  return f[layer]! + random.next() * (f[layer - 1]! - f[layer]!) < Math.exp(-x) ? x : -1;
}
