// Random hybrid programs as .tpt text: real expressions of random shape over real Params and Inputs,
// branches on a discrete Param, Bernoulli and Categorical draws, with random data (some of it masked).
import { Rng } from '../../src/util/rng.ts';
import { loadSketch, type Sketch } from '../../src/index.ts';

type Shape = 'v3' | 'v2' | 's' | 'm32';

const SMOOTH = ['sigmoid', 'tanh', 'arctan', 'sin', 'cos', 'softplus'];
const KINKED = ['relu', 'leaky_relu', 'elu'];

class Gen {
  /** Whether `e1` (the named expression) may be used yet. */
  named = false;

  constructor(private readonly rng: Rng, private readonly smoothOnly: boolean, private depth = 0) {}

  private pick<T>(items: readonly T[]): T {
    return items[this.rng.int(items.length)]!;
  }

  private unary(e: string): string {
    const fns = this.smoothOnly ? SMOOTH : [...SMOOTH, ...KINKED];
    const fn = this.pick([...fns, '-']);
    return fn === '-' ? `-(${e})` : `${fn}(${e})`;
  }

  expr(shape: Shape): string {
    this.depth++;
    try {
      if (this.depth > 3) return this.leaf(shape);
      const r = this.rng.int(4);
      if (r === 0) return this.leaf(shape);
      if (r === 1) return this.unary(this.expr(shape));
      if (r === 2) return `(${this.expr(shape)} ${this.pick(['+', '-', '*'])} ${this.expr(this.rng.next() < 0.3 ? 's' : shape)})`;
      return this.compound(shape);
    } finally {
      this.depth--;
    }
  }

  private leaf(shape: Shape): string {
    switch (shape) {
      case 'v3': return this.pick(['v', this.named ? 'e1' : 'v', '(A @ x)', 'A[:, 0]', '[s, 0.5, x[1]]']);
      case 'v2': return this.pick(['x', 'A[1]', 'A.T[0:2, 2]']);
      case 's': return this.pick(['s', 'x[0]', '1.5', 'v[2]']);
      case 'm32': return this.pick(['A', 'transpose(A.T)']);
    }
  }

  private compound(shape: Shape): string {
    switch (shape) {
      case 'v3': return this.pick([`softmax(${this.expr('v3')})`, `mean(${this.expr('m32')}, axis=1)`, `(${this.expr('m32')} @ ${this.expr('v2')})`, `(${this.expr('v3')} / 2.0)`]);
      case 'v2': return this.pick([`sum(${this.expr('m32')}, axis=0)`, `(transpose(${this.expr('m32')}) @ ${this.expr('v3')})`, `${this.expr('v3')}[1:3]`]);
      case 's': return this.pick([`sum(${this.expr('v3')})`, `mean(${this.expr('v2')})`, `(${this.expr('v3')} @ ${this.expr('v3')})`, `${this.expr('v3')}[0] ** 2`]);
      case 'm32': return this.pick([`(${this.expr('m32')} + ${this.expr('v2')})`, `exp(${this.expr('m32')} / 4.0)`]);
    }
  }
}

/** A random program and data; `smoothOnly` keeps kinked activations out (for finite differences). */
export function randomRealProgram(seed: number, smoothOnly = false, examples = 5): Sketch {
  const rng = new Rng(seed);
  const g = new Gen(rng, smoothOnly);
  const branch = (): string => `o.set_to(${g.expr('v3')})`;
  const e1 = g.expr('v3');
  g.named = true;
  const source = [
    'k = Param(3)',
    'A = Param(Real)[3, 2]',
    'v = Param(Real)[3]',
    's = Param(Real)',
    'x = Input(Real)[2]',
    'o = Output(Real)[3]',
    'y = Output(2)',
    't = Output(3)',
    `e1 = ${e1}`,
    'if k == 0:',
    `    ${branch()}`,
    'elif k == 1:',
    `    ${branch()}`,
    ...(rng.next() < 0.5 ? ['else:', `    ${branch()}`] : ['else:', '    o.set_to(e1 * 0.5)']),
    `y.set_to(Bernoulli(sigmoid(${g.expr('s')})))`,
    `t.set_to(Categorical(softmax(${g.expr('v3')})))`,
    rng.next() < 0.5 ? 'SquaredError(half=False)' : "SquaredError(reduction='sum')",
    rng.next() < 0.5 ? 'L2(0.1, [A, v])' : 'pass',
    '',
  ].join('\n');
  const masked = (v: unknown): unknown => (rng.next() < 0.15 ? null : v);
  const instances = Array.from({ length: examples }, () => ({
    x: [2 * rng.next() - 1, 2 * rng.next() - 1],
    o: [0, 1, 2].map(() => masked(2 * rng.next() - 1)),
    y: masked(rng.int(2)),
    t: masked(rng.int(3)),
  }));
  const r = loadSketch('random.tpt', { source, dataText: JSON.stringify([{ batch_name: 'b', hypers: {}, instances }]), hypersPath: false });
  if (!r.sketch) throw new Error(`${r.diagnostics.map((d) => d.message).join('; ')}\n${source}`);
  return r.sketch;
}
