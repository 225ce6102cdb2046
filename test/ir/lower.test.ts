// Lowering: hypers bound, loops unrolled, macros expanded, constant conditions folded, case nodes built.
import { describe, expect, it } from 'vitest';
import { printProgram, runExact } from '../../src/index.ts';
import { dedent, sketchFrom } from '../helpers/sketch.ts';

function lower(source: string, set: Record<string, number> = {}) {
  const r = sketchFrom(dedent(source), { set });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.sketch!;
}

describe('lowering', () => {
  it('unrolls loops with folded index arithmetic', () => {
    const s = lower(`
      K = Hyper()
      x = Var(2)[K]
      y = Output(2)[K]
      for i in range(K):
          x[i].set_to(i % 2)
      for i in range(K):
          y[i].set_to(x[(i + 1) % K])
    `, { K: 3 });
    const ir = printProgram(s.program);
    expect(ir).toContain('x[2] := 0');
    expect(ir).toContain('y[2] := x[0]');
    expect(s.hypers).toEqual({ K: 3 });
  });

  it('tabulates @Runtime functions and specialises constant arguments', () => {
    const s = lower(`
      @Runtime([3, 3], 2)
      def eq(a, b): return 1 if a == b else 0
      p = Param(3)
      d = Var(2)[3]
      for w in range(3):
          d[w].set_to(eq(p, w))
    `);
    expect(s.program.tables.map((t) => `${t.name}:${Array.from(t.values).join('')}`)).toEqual([
      'eq(_, 0):100', 'eq(_, 1):010', 'eq(_, 2):001',
    ]);
  });

  it('turns if/elif/else on a variable into one case whose branches cover the domain', () => {
    const s = lower(`
      g = Param(4)
      y = Var(3)
      if g == 0:
          y.set_to(0)
      elif g == 2:
          y.set_to(1)
      else:
          y.set_to(2)
    `);
    const c = s.program.body[0]!;
    expect(c.kind).toBe('case');
    if (c.kind === 'case') expect(c.branches.map((b) => b.values)).toEqual([[0], [2], [1, 3]]);
  });

  it('folds constant conditions, including under with-bound values', () => {
    const s = lower(`
      N = 3
      p = Param(4)
      y = Var(2)
      with p as v:
          if v <= N - 2:
              y.set_to(0)
          else:
              y.set_to(1)
    `);
    const ir = printProgram(s.program);
    expect(ir).toContain('when 0:\n    y := 0');
    expect(ir).toContain('when 3:\n    y := 1');
    expect(ir).not.toContain('case v');
  });

  it('binds local aliases to variable references and expands @Inline macros', () => {
    const s = lower(`
      @Inline()
      def copy(dst, src):
          dst.set_to(src)
      a = Var(2)[2]
      a[0].set_to(1)
      alias = a[1]
      copy(alias, a[0])
    `);
    expect(printProgram(s.program)).toContain('a[1] := a[0]');
  });

  it('an Input fixed by set_to_constant is not read from data', () => {
    const s = lower(`
      x0 = Input(2)
      y = Output(2)
      x0.set_to_constant(1)
      y.set_to(x0)
      y.observe_value(1)
    `);
    expect(s.dataset.inputVars).toEqual([]);
    expect(s.dataset.examples).toHaveLength(1);
    expect(runExact(s.program, s.dataset, []).solved).toBe(true);
  });

  it('prints an array with no elements as empty, not like an element', () => {
    const ir = printProgram(
      lower(`
        x = Param(2)
        e = Var(2)[0]
        y = Output(2)
        y.set_to(x)
        y.observe_value(1)
      `).program,
    );
    expect(ir).toContain('var e[0] : 2  # empty: no elements');
    expect(ir).toMatch(/^param x : 2$/m);
  });

  it('prints deterministically', () => {
    const src = `
      K = Hyper()
      p = Param(2)[K]
      y = Output(2)
      with p[0] as v:
          y.set_to(v)
    `;
    expect(printProgram(lower(src, { K: 2 }).program)).toBe(printProgram(lower(src, { K: 2 }).program));
  });
});

describe('data', () => {
  const program = dedent(`
    x = Input(2)[2]
    y = Output(2)
    @Runtime([2, 2], 2)
    def AND(a, b): return int(a and b)
    y.set_to(AND(x[0], x[1]))
  `);
  const data = (instances: string) => `[{"batch_name": "b", "hypers": null, "instances": [${instances}]}]`;

  it("reads instances and treats null outputs as don't care", () => {
    const r = sketchFrom(program, { dataText: data('{"x": [1, 1], "y": 1}, {"x": [0, 1], "y": null}') });
    expect(r.diagnostics).toEqual([]);
    expect(r.sketch!.dataset.examples.map((e) => Array.from(e.expected))).toEqual([[1], [-1]]);
  });

  it.each([
    ['missing field', '{"x": [1, 1]}', 'data-missing'],
    ['wrong shape', '{"x": [1, 1, 0], "y": 1}', 'data-shape'],
    ['value outside the domain', '{"x": [1, 2], "y": 1}', 'data-domain'],
    ['null input', '{"x": null, "y": 1}', 'data-value'],
  ])('rejects %s with a located diagnostic', (_name, instance, code) => {
    const r = sketchFrom(program, { dataText: data(instance) });
    const d = r.diagnostics.find((x) => x.code === code);
    expect(d?.span?.file).toBe('<data>');
    expect(d?.span?.line).toBe(1);
  });

  it('reports malformed JSON with its position', () => {
    const r = sketchFrom(program, { dataText: '[{"batch_name": "b",\n  "instances": [}]' });
    expect(r.diagnostics.map((d) => `${d.code}@${d.span?.line}:${d.span?.column}`)).toEqual(['json-syntax@2:17']);
  });

  it('selects batches and their hyper sets by name', () => {
    const src = 'N = Hyper()\nx = Input(N)\ny = Output(N)\ny.set_to(x)\n';
    const hypersText = '{"small": {"N": 2}, "big": {"N": 5}}';
    const dataText = '[{"batch_name": "s", "hypers": "small", "instances": [{"x": 1, "y": 1}]},' +
      ' {"batch_name": "b", "hypers": "big", "instances": [{"x": 4, "y": 4}]}]';
    expect(sketchFrom(src, { hypersText, dataText }).sketch!.hypers).toEqual({ N: 2 });
    expect(sketchFrom(src, { hypersText, dataText, batch: 'b' }).sketch!.hypers).toEqual({ N: 5 });
    expect(sketchFrom(src, { hypersText, dataText, batch: 'zz' }).diagnostics[0]!.code).toBe('unknown-batch');
  });
});
