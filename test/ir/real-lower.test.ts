// Lowering of the real-valued extensions: declarations, expressions and their shapes, statements
// under case splits, bridges, settings; one failing snippet per diagnostic they add.
import { describe, expect, it } from 'vitest';
import { printProgram } from '../../src/index.ts';
import { codesAt, dedent, sketchFrom } from '../helpers/sketch.ts';

const NET = dedent(`
  n = Hyper()
  W = Param(Real, init='normal', scale=0.5)[3, n]
  b = Param(Real)[3]
  k = Param(2)
  x = Input(Real)[n]
  z = Output(Real)[3]
  y = Output(2)
  h = sigmoid(W @ x + b)
  if k == 0:
      z.set_to(h * 2.0)
  else:
      z.set_to(tanh(h[0:3]) - 1)
  y.set_to(Bernoulli(sum(h) / 3))
  loss = SquaredError(half=False, reduction='sum')
  L2(0.01, [W])
  target = Accuracy(0.9, tolerance=0.2)
  Training(lr=0.5, update='sgd', batch_size=2)
`);

const NET_DATA = JSON.stringify([{ batch_name: 'b', hypers: { n: 2 }, instances: [{ x: [1, 2], z: [0, 0, 0], y: 1 }] }]);

describe('real lowering', () => {
  it('declares tensors, lowers expressions with shapes, nests real statements in cases, records bridges and settings', () => {
    const r = sketchFrom(NET, { dataText: NET_DATA });
    expect(r.diagnostics).toEqual([]);
    const real = r.sketch!.program.real!;
    expect(real.tensors.map((t) => `${t.role} ${t.name} [${t.shape.join(',')}] @${t.offset}`)).toEqual([
      'param W [3,2] @0', 'param b [3] @6', 'input x [2] @-1', 'output z [3] @-1',
    ]);
    expect(real.paramSize).toBe(9);
    expect(real.tensors[0]!.init).toEqual({ kind: 'normal', scale: 0.5 });
    expect(real.tensors[1]!.init).toEqual({ kind: 'zeros' });
    expect(real.body.map((s) => s.kind)).toEqual(['case']);
    expect(real.bridges).toHaveLength(1);
    expect(real.bridges[0]!.dist).toBe('bernoulli');
    expect(real.settings).toEqual({
      squaredError: { half: false, reduction: 'sum' },
      crossEntropy: { reduction: 'mean' },
      l2: { alpha: 0.01, tensors: [0] },
      target: { kind: 'accuracy', value: 0.9, tolerance: 0.2 },
      training: { lr: 0.5, update: 'sgd', batchSize: 2 },
    });
    // The discrete case holds no statements, so only the real one is emitted.
    expect(r.sketch!.program.body).toEqual([]);
  });

  it('prints every real declaration, statement and bridge in tpt ir', () => {
    const text = printProgram(sketchFrom(NET, { dataText: NET_DATA }).sketch!.program);
    expect(text).toContain('param W : Real[2, 2]'.replace('[2, 2]', '[3, 2]'));
    expect(text).toContain('      z := (sigmoid(((W @ x) + b)) * 2.0)    # [3]');
    expect(text).toContain('      z := (tanh(sigmoid(((W @ x) + b))[0:3]) - 1.0)    # [3]');
    expect(text).toContain('bridge y ~ Bernoulli((sum(sigmoid(((W @ x) + b))) / 3.0))');
    expect(text).toContain('settings SquaredError(half=false, reduction=sum) CrossEntropy(reduction=mean) L2(0.01, [W])');
  });

  it('folds constants, broadcasts, indexes, slices, transposes, stacks and reduces with numpy shapes', () => {
    const r = sketchFrom(dedent(`
      A = Param(Real)[2, 3]
      v = Param(Real)[3]
      o = Output(Real)[3, 2]
      p = Output(Real)[2]
      q = Output(Real)
      s = Output(Real)[2, 3]
      o.set_to(A.T * 2 ** -1)
      p.set_to(mean(A, axis=1) + A[:, 0] - transpose(A)[-1])
      q.set_to(sum(softmax(A)[1]) + v @ v + leaky_relu(v, 0.1)[2] ** 2)
      s.set_to([v, exp(-v)] + A)
    `));
    // Without data nothing is observed, which is only a warning.
    expect(r.diagnostics.map((d) => d.code)).toEqual(['nothing-observed']);
    const body = r.sketch!.program.real!.body;
    expect(body.map((st) => (st.kind === 'set' ? st.expr.shape : null))).toEqual([[3, 2], [2], [], [2, 3]]);
  });

  it('reports misuse of real values with codes and spans', () => {
    const bad = (line: string, extra = ''): string[] =>
      codesAt(dedent(`
        W = Param(Real)[2, 3]
        x = Input(Real)[3]
        h = Var(Real)[2]
        c = Param(3)
        d = Var(2)
        y = Output(2)
        ${extra}
      `) + line + '\n', { dataText: JSON.stringify([{ batch_name: 'b', hypers: {}, instances: [{ x: [1, 2, 3], y: 1 }] }]) });
    expect(bad('h.set_to(W @ W)')).toEqual(['shape-mismatch@8:10']);
    expect(bad('h.set_to(x)')).toEqual(['shape-mismatch@8:10']);
    expect(bad('h.set_to(W @ x + x)')).toEqual(['shape-mismatch@8:10']);
    expect(bad('h.set_to(W @ x * c)')).toEqual(['type-error@8:18']);
    expect(bad('W.set_to(W)')).toEqual(['param-write@8:1']);
    expect(bad('x.set_to(x)')).toEqual(['param-write@8:1']);
    expect(bad('h.set_to(W @ x)\nh.set_to(W @ x)')).toEqual(['write-twice@9:1']);
    expect(bad('y.set_to(Bernoulli(sigmoid(h[0])))')).toEqual(['read-before-write@8:28']);
    expect(bad('y.set_to(Bernoulli(sigmoid(W[0, 0])))\nd.set_to(y)')).toEqual(['unsupported@9:10']);
    expect(bad('if c == 0:\n    y.set_to(Bernoulli(sigmoid(W[0, 0])))\nelse:\n    y.set_to(0)')).toEqual(['unsupported@9:5']);
    expect(bad('c2 = Output(3)\nc2.set_to(Bernoulli(sigmoid(W[0, 0])))')).toEqual(['domain-mismatch@9:1']);
    expect(bad('y.set_to(Categorical(softmax(W @ x)))')).toEqual([]);
    expect(bad('y.set_to(Categorical(softmax(W[0])))')).toEqual(['domain-mismatch@8:1']);
    expect(bad('h.set_to(W[5] @ x)')).toEqual(['index-out-of-range@8:12']);
    expect(bad('h.set_to(softmax(W @ x, axis=0))')).toEqual(['unsupported@8:25']);
    expect(bad('SquaredError(half=True)\nSquaredError(half=False)')).toEqual(['unsupported@9:1']);
    expect(bad('Accuracy(0.9)\nLoss(0.1)')).toEqual(['unsupported@9:1']);
    expect(bad("Training(optimizer='adam')")).toEqual(['unsupported@8:10']);
    expect(bad("q = Param(Real, init='magic')[2]")).toEqual(['type-error@8:22']);
    expect(bad('h.set_to(W[0:2, 0:2] @ x[0:2] ** x[0])')).toEqual(['not-constant@8:34']);
  });

  it('lets a real branch test a Param or a variable set outside any case, but not one set inside a case', () => {
    const src = (inside: boolean): string =>
      ['c = Param(2)', 'd = Var(2)', 'w = Param(Real)', 'o = Output(Real)']
        .concat(inside ? ['if c == 0:', '    d.set_to(1)', 'else:', '    d.set_to(0)'] : ['d.set_to(c)'])
        .concat(['if d == 1:', '    o.set_to(w)', 'else:', '    o.set_to(-w)', ''])
        .join('\n');
    expect(codesAt(src(false))).toEqual(['nothing-observed@4:5']);
    expect(codesAt(src(true))[0]).toMatch(/^unsupported@/);
  });
});
