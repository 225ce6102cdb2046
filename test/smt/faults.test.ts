// The encoding respects the exact interpreter's runtime faults: reads of unset variables, writes
// twice, values outside a domain, unset observed outputs; don't-care outputs are free.
import { afterAll, describe, expect, it } from 'vitest';
import { DONT_CARE } from '../../src/data/dataset.ts';
import { solves } from '../../src/exact/interpret.ts';
import type { Dataset } from '../../src/data/dataset.ts';
import type { Program } from '../../src/ir/ir.ts';
import { ENCODINGS, shutdownSmt, solveSmt } from '../../src/smt/index.ts';
import { apply, assign, bruteForce, cases, copy, dataset, IrBuilder, konst } from './ir.ts';
import { dedent, sketchFrom } from '../helpers/sketch.ts';

afterAll(() => shutdownSmt());

async function expectAgreement(program: Program, data: Dataset): Promise<void> {
  const truth = bruteForce(program, data);
  for (const encoding of ENCODINGS) {
    const r = await solveSmt(program, data, { timeLimitSeconds: 20, encoding });
    expect(r.status, encoding).toBe(truth.length > 0 ? 'sat' : 'unsat');
    if (r.status === 'sat') expect(solves(program, data, r.assignment!), encoding).toBe(true);
  }
}

describe('smt fault semantics', () => {
  it('rejects a write to a variable that is already set', async () => {
    const b = new IrBuilder();
    const [p, t, y] = [b.v('p', 'param', 2), b.v('t', 'var', 2), b.v('y', 'output', 2)];
    const program = b.program([assign(t, konst(0)), cases(p, [[[0], [assign(t, konst(1))]], [[1], []]]), assign(y, copy(t))]);
    expect(bruteForce(program, dataset([], [y], [[[], [1]]]))).toEqual([]);
    await expectAgreement(program, dataset([], [y], [[[], [1]]]));
    await expectAgreement(program, dataset([], [y], [[[], [0]]]));
  });

  it('rejects a read of a variable no path has set', async () => {
    const b = new IrBuilder();
    const [p, t, y, z] = [b.v('p', 'param', 2), b.v('t', 'var', 2), b.v('y', 'output', 2), b.v('z', 'output', 2)];
    const program = b.program([cases(p, [[[0], [assign(t, konst(1))]], [[1], []]]), assign(y, copy(t)), assign(z, copy(p))]);
    await expectAgreement(program, dataset([], [y, z], [[[], [DONT_CARE, 1]]]));
    await expectAgreement(program, dataset([], [y, z], [[[], [DONT_CARE, 0]]]));
  });

  it('rejects a table value outside the target domain', async () => {
    const b = new IrBuilder();
    const [p, x0, x1, t, y] = [b.v('p', 'param', 2), b.v('x0', 'input', 2), b.v('x1', 'input', 2), b.v('t', 'var', 2), b.v('y', 'output', 2)];
    const add = b.table('ADD', [2, 2], (a, c) => a + c);
    const program = b.program([cases(p, [[[0], [assign(t, apply(add, x0, x1))]], [[1], [assign(t, konst(0))]]]), assign(y, copy(t))]);
    const data = (dc: number) => dataset([x0, x1], [y], [[[1, 1], [dc]], [[1, 0], [1]]]);
    await expectAgreement(program, data(DONT_CARE));
    await expectAgreement(program, data(0));
    const ok = b.program([cases(p, [[[0], [assign(t, apply(add, x0, x1))]], [[1], [assign(t, konst(0))]]]), assign(y, copy(t))]);
    await expectAgreement(ok, dataset([x0, x1], [y], [[[0, 1], [1]], [[1, 0], [1]]]));
  });

  it('requires observed outputs to be set, but not masked ones', async () => {
    const b = new IrBuilder();
    const [p, y] = [b.v('p', 'param', 3), b.v('y', 'output', 2)];
    const program = b.program([cases(p, [[[0], [assign(y, konst(1))]], [[1, 2], []]])]);
    await expectAgreement(program, dataset([], [y], [[[], [1]]]));
    await expectAgreement(program, dataset([], [y], [[[], [0]]]));
    await expectAgreement(program, dataset([], [y], [[[], [DONT_CARE]]]));
  });

  it('merges nested case splits where a variable is set on some paths only', async () => {
    const b = new IrBuilder();
    const [p, q, x, t, u, y] = [b.v('p', 'param', 3), b.v('q', 'param', 3), b.v('x', 'input', 3), b.v('t', 'var', 3), b.v('u', 'var', 2), b.v('y', 'output', 3)];
    const inc = b.table('INC', [3], (a) => (a + 1) % 3);
    const isZero = b.table('Z', [3], (a) => (a === 0 ? 1 : 0));
    const program = b.program([
      cases(p, [
        [[0], [assign(t, apply(inc, x))]],
        [[1], [cases(q, [[[0, 2], [assign(t, copy(x))]], [[1], []]])]],
        [[2], [assign(t, copy(q))]],
      ]),
      assign(u, apply(isZero, t)),
      cases(u, [[[0], [assign(y, copy(t))]], [[1], [assign(y, apply(inc, q))]]]),
    ]);
    const rows = (f: (x: number) => number): [number[], number[]][] => [0, 1, 2].map((x) => [[x], [f(x)]]);
    for (const f of [(x: number) => x, (x: number) => (x + 1) % 3, () => 2, (x: number) => (x === 0 ? 2 : x), () => 1, (x: number) => 2 - x]) {
      await expectAgreement(program, dataset([x], [y], rows(f)));
    }
  });
});

describe('smt against enumeration', () => {
  const source = dedent(`
    g = Param(3)
    i1 = Param(3)
    x = Input(2)[2]
    a = Var(2)
    y = Output(2)
    @Runtime([2, 2], 2)
    def AND(a, b): return int(a and b)
    @Runtime([2, 2], 2)
    def XOR(a, b): return (a + b) % 2
    if i1 == 0:
        a.set_to(x[0])
    elif i1 == 1:
        a.set_to(x[1])
    else:
        a.set_to(XOR(x[0], x[1]))
    if g == 0:
        y.set_to(AND(a, x[1]))
    elif g == 1:
        y.set_to(XOR(a, x[1]))
    else:
        y.set_to(a)
  `);
  it('agrees on every truth table of two inputs, with and without masked rows', async () => {
    for (let table = 0; table < 16; table++) {
      const masked = table % 5;
      const rows = [0, 1, 2, 3].map((r) => `{"x": [${r >> 1}, ${r & 1}], "y": ${r === masked ? 'null' : (table >> r) & 1}}`);
      const r = sketchFrom(source, { dataText: `[{"batch_name": "t", "instances": [${rows.join(', ')}]}]` });
      expect(r.diagnostics).toEqual([]);
      const { program, dataset: data } = r.sketch!;
      const truth = bruteForce(program, data);
      const got = await solveSmt(program, data, { timeLimitSeconds: 20 });
      expect(got.status, `table ${table}`).toBe(truth.length > 0 ? 'sat' : 'unsat');
      if (got.status === 'sat') expect(solves(program, data, got.assignment!)).toBe(true);
    }
  });
});
