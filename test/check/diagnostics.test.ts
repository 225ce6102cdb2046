// One failing snippet per diagnostic code, asserting the code and where it points.
import { describe, expect, it } from 'vitest';
import { codesAt, dedent, sketchFrom } from '../helpers/sketch.ts';
import { loadSketch } from '../../src/index.ts';

const HEAD = 'from dummy import Hyper, Param, Var, Input, Output, Runtime, Inline\n';

/** Each case: code, source (after HEAD, so line numbers start at 2), expected `code@line:col`. */
const cases: [string, string, string, Record<string, number>?][] = [
  ['unknown-name', 'x = Var(2)\nx.set_to(y)\n', 'unknown-name@3:10'],
  ['unbound-hyper', 'N = Hyper()\n', 'unbound-hyper@2:5'],
  ['index-out-of-range', 'x = Var(2)[3]\nx[3].set_to(0)\n', 'index-out-of-range@3:3'],
  ['domain-mismatch (copy that may not fit)', 'a = Var(3)\nb = Var(2)\na.set_to(0)\nb.set_to(a)\n', 'domain-mismatch@5:10'],
  ['domain-mismatch (result that may not fit)', '@Runtime([2], 3)\ndef f(a): return a\nx = Var(2)\ny = Var(2)\nx.set_to(1)\ny.set_to(f(x))\n', 'domain-mismatch@7:10'],
  ['domain-mismatch (constant)', 'a = Var(2)\na.set_to(2)\n', 'domain-mismatch@3:10'],
  ['runtime-range', '@Runtime([2], 2)\ndef f(a): return a + 1\nx = Var(2)\ny = Var(2)\nx.set_to(1)\ny.set_to(f(x))\n', 'runtime-range@3:5'],
  ['write-twice', 'x = Var(2)\nx.set_to(0)\nx.set_to(1)\n', 'write-twice@4:1'],
  ['write-twice on some path', 'c = Param(2)\nx = Var(2)\nif c == 0:\n    x.set_to(0)\nx.set_to(1)\n', 'write-twice@6:1'],
  ['read-before-write', 'x = Var(2)\ny = Var(2)\ny.set_to(x)\n', 'read-before-write@4:10'],
  ['read-before-write on some path', 'c = Param(2)\nx = Var(2)\ny = Var(2)\nif c == 0:\n    x.set_to(0)\ny.set_to(x)\n', 'read-before-write@7:10'],
  ['arity (runtime call)', '@Runtime([2, 2], 2)\ndef f(a, b): return a\nx = Var(2)\nx.set_to(f(0))\n', 'arity@5:10'],
  ['arity (set_to)', 'x = Var(2)\nx.set_to(0, 1)\n', 'arity@3:1'],
  ['unsupported (return at top level)', 'return 1\n', 'unsupported@2:1'],
  ['unsupported (undecorated def)', 'def f(a):\n    pass\n', 'unsupported@2:5'],
  ['not-constant (loop bound)', 'p = Param(3)\nfor i in range(p):\n    pass\n', 'not-constant@3:16'],
  ['type-error (indexing a constant)', 'C = 3\nx = Var(2)\nx.set_to(C[0])\n', 'type-error@4:10'],
  ['param-write', 'p = Param(2)\np.set_to(0)\n', 'param-write@3:1'],
  ['division-by-zero', 'C = 1 // 0\n', 'division-by-zero@2:5'],
  ['domain-size', 'x = Var(0)\n', 'domain-size@2:9'],
  ['range-step', 'for i in range(0, 4, 0):\n    pass\n', 'range-step@2:22'],
  ['missing-return', '@Runtime([2], 2)\ndef f(a):\n    if a == 0:\n        return 1\nx = Var(2)\nx.set_to(f(x))\n', 'missing-return@3:5'],
  ['unknown-hyper (--set)', 'N = Hyper()\n', 'unknown-hyper@-', { N: 1, M: 2 }],
];

describe('diagnostic codes', () => {
  for (const [name, body, expected, set] of cases) {
    it(name, () => {
      const got = codesAt(HEAD + body, set ? { set } : {});
      expect(got).toContain(expected);
    });
  }

  it('reports an Output not set on every path at its declaration', () => {
    const src = dedent(`
      c = Param(2)
      y = Output(2)
      if c == 0:
          y.set_to(1)
    `);
    expect(codesAt(src)).toEqual(['read-before-write@2:5']);
  });

  it('does not cascade after a failed definition', () => {
    const src = dedent(`
      N = Hyper()
      x = Var(N)
      x.set_to(0)
    `);
    expect(codesAt(src)).toEqual(['unbound-hyper@1:5']);
  });

  it('reports unknown names even in code that lowering never reaches', () => {
    const src = dedent(`
      @Inline()
      def never_called(a):
          a.set_to(missing)
    `);
    expect(codesAt(src)).toEqual(['unknown-name@3:14']);
  });
});

describe('diagnostic codes of data, hypers and params', () => {
  const program = 'N = Hyper()\nx = Input(2)\ny = Output(2)\ny.set_to(x)\n';
  it.each([
    ['hypers-format', { hypersText: '{"s": {"N": "two"}}' }, 'hypers-format@1:13'],
    ['unknown-hyper-set', { hypersText: '{"s": {"N": 2}}', dataText: '[{"batch_name": "b", "hypers": "t", "instances": [{"x": 1, "y": 1}]}]' }, 'unknown-hyper-set@1:32'],
    ['data-format', { hypersText: '{"s": {"N": 2}}', dataText: '[{"batch_name": "b", "hypers": "s"}]' }, 'data-format@1:2'],
    ['data-unknown-field', { hypersText: '{"s": {"N": 2}}', dataText: '[{"batch_name": "b", "hypers": "s", "instances": [{"x": 1, "y": 1, "z": 0}]}]' }, 'data-unknown-field@1:68'],
  ] as const)('%s', (_code, options, expected) => {
    expect(codesAt(program, options)).toContain(expected);
  });

  it('duplicate keys, duplicate batch names, a byte-order mark, non-finite real data', () => {
    const hypers = '{"s": {"N": 2}}';
    expect(codesAt(program, { hypersText: '{"s": {"N": 2, "N": 3}}' })).toEqual(['duplicate-key@1:16']);
    expect(codesAt(program, { hypersText: hypers, dataText: '[{"batch_name": "b", "hypers": "s", "instances": [{"x": 1, "x": 0, "y": 1}]}]' })).toEqual(['duplicate-key@1:60']);
    const batch = '{"batch_name": "b", "hypers": "s", "instances": [{"x": 1, "y": 1}]}';
    expect(codesAt(program, { hypersText: hypers, dataText: `[${batch},\n ${batch}]` })).toEqual(['data-format@2:17']);
    expect(codesAt(program, { hypersText: '\uFEFF' + hypers, dataText: `\uFEFF[${batch}]` })).toEqual([]);
    const real = 'x = Input(Real)\ny = Output(Real)\ny.set_to(x)\n';
    expect(codesAt(real, { dataText: '[{"batch_name": "b", "instances": [{"x": 1e400, "y": 1}]}]' })).toEqual(['data-value@1:42']);
  });

  it('a Hyper the data does not bind is reported in the data file', () => {
    const batch = (hypers: string) => `[{"batch_name": "b", "hypers": ${hypers}, "instances": [{"x": 1, "y": 1}]}]`;
    const inline = sketchFrom(program, { dataText: batch('{"M": 2}') });
    expect(inline.diagnostics.map((d) => `${d.code}@${d.span?.file}:${d.span?.line}:${d.span?.column}`)).toEqual(['unbound-hyper@<data>:1:32']);
    expect(inline.diagnostics[0]!.message).toBe("batch b does not bind Hyper 'N' (declared at test.tpt:1): add it there, or give --set N=VALUE");
    const named = sketchFrom(program, { hypersText: '{"s": {"M": 2}}', dataText: batch('"s"') });
    expect(named.diagnostics.map((d) => `${d.code}@${d.span?.file}:${d.span?.line}:${d.span?.column}`)).toEqual(['unbound-hyper@<hypers>:1:7']);
  });

  it('overflow and too-large', () => {
    expect(codesAt('C = 10 ** 400\n')).toContain('overflow@1:5');
    expect(codesAt('x = Var(2)[100000, 100000]\n')).toContain('too-large@1:5');
  });

  it('table-too-large', () => {
    const src = '@Runtime([8192, 4096], 2)\ndef f(a, b): return 0\nx = Var(2)\nx.set_to(f(0, 0))\n';
    expect(codesAt(src)).toContain('table-too-large@2:5');
  });

  it('file', () => {
    const r = loadSketch('no/such/file.tpt');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['file']);
  });
});
