// The one source of randomness: a small seeded generator (xoshiro128**) passed around explicitly.

/** Seeded pseudo-random generator; the same seed always gives the same stream. */
export class Rng {
  /**
   * The four state words. A typed array, not four fields: the words use all 32 bits, and a field
   * holding a number past the small-integer range allocates a heap number on every store.
   */
  private readonly state = new Int32Array(4);
  private spareNormal = NaN;

  constructor(seed: number) {
    // splitmix32 expands the seed so that nearby seeds give unrelated streams.
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    const state = this.state;
    state[0] = next();
    state[1] = next();
    state[2] = next();
    state[3] = next() | 1;
  }

  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const state = this.state;
    const a = state[0]!, b = state[1]!, c = state[2]! ^ a, d = state[3]! ^ b;
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    state[0] = a ^ d;
    state[1] = b ^ c;
    state[2] = c ^ (b << 9);
    state[3] = rotl(d, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in 0..n-1. */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box-Muller, caching the second value). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const v = this.spareNormal;
      this.spareNormal = NaN;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Standard Gumbel sample `-log(-log u)`. */
  gumbel(): number {
    let u = 0;
    while (u === 0) u = this.next();
    return -Math.log(-Math.log(u));
  }

  /** Exponential(1) sample, used for Dirichlet(1) draws. */
  exponential(): number {
    let u = 0;
    while (u === 0) u = this.next();
    return -Math.log(u);
  }

  /** A new generator whose stream depends on this one's seed and `salt` only. */
  fork(salt: number): Rng {
    return new Rng((this.nextUint32() ^ Math.imul(salt + 1, 0x9e3779b1)) >>> 0);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
