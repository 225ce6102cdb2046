// Hostile input ends quickly with a located `too-large` (or `file`) error naming the limit and the
// flag that raises it; within a limit the same constructs work. Every case is in-process and fast.
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LIMITS, compileRelaxed, formatCount, loadSketch, printProgram, runExact, type SketchOptions, type SketchResult } from '../../src/index.ts';
import { dedent, sketchFrom } from '../helpers/sketch.ts';
import { tempDir } from '../temp-dir.ts';

const dir = tempDir('tpt-limits-');

/** Loads `source` and returns its only error, which must name `limit` and how to raise it. */
function limitError(result: SketchResult, limit: string): { code: string; line: number | undefined; message: string } {
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  expect(result.sketch).toBeNull();
  expect(errors).toHaveLength(1);
  const d = errors[0]!;
  expect(d.message).toContain(`the limit is ${limit} = `);
  expect(d.message).toMatch(new RegExp(`raise it with --limit ${limit}=(N|\\d+)`));
  return { code: d.code, line: d.span?.line, message: d.message };
}

/** Loads and fails the test if loading took longer than `seconds`. */
function timed(source: string, options: SketchOptions = {}, seconds = 5): SketchResult {
  const t0 = performance.now();
  const r = sketchFrom(source, options);
  expect((performance.now() - t0) / 1000).toBeLessThan(seconds);
  return r;
}

const CHAIN = dedent(`
  K = Hyper()
  @Runtime([2, 2], 2)
  def XOR(a, b): return (a + b) % 2
  x = Param(2)[K]
  y = Output(2)[K]
  for i in range(K):
      y[i].set_to(XOR(x[i], x[(i + 1) % K]))
      y[i].observe_value(0)
`);

describe('limits of the front end', () => {
  it('huge domains: Param(10**9), Output(10**9), and a 38-digit literal', () => {
    expect(limitError(timed('x = Param(10**9)\ny = Output(2)\ny.set_to_constant(0)\n'), 'domain')).toMatchObject({ code: 'too-large', line: 1 });
    expect(limitError(timed('y = Output(10**9)\ny.set_to_constant(0)\n'), 'domain')).toMatchObject({ code: 'too-large', line: 1 });
    const literal = timed('x = Param(12345678901234567890123456789012345678)\n');
    expect(literal.diagnostics.map((d) => `${d.code}@${d.span?.line}:${d.span?.column}`)).toEqual(['overflow@1:11']);
    // Within the limit, raising it works.
    expect(timed('x = Param(2000000)\ny = Output(2)\ny.set_to_constant(0)\n', { limits: { domain: 2_000_000 } }).sketch).not.toBeNull();
  });

  it('huge hypers: --set K=10**9 on a chain, a hypers file with 1e9 gates', () => {
    const big = limitError(timed(CHAIN, { set: { K: 1e9 } }), 'variables');
    expect(big).toMatchObject({ code: 'too-large', line: 4 });
    expect(big.message).toContain('x would hold 1,000,000,000 variables');
    const circuit = loadSketch('programs/circuit/circuit.tpt', { hypersText: '{"nand": {"numWires": 3, "numGates": 1000000000, "numOutputs": 1}}', batch: 'nand', dataPath: false });
    expect(limitError(circuit, 'variables').code).toBe('too-large');
    const wide = loadSketch('programs/circuit/circuit.tpt', { set: { numWires: 1_000_000 }, batch: 'nand' });
    expect(limitError(wide, 'variables').code).toBe('too-large');
  });

  it('loops with huge empty ranges and exponential @Inline expansion stop at the statement limit', () => {
    const range = timed('y = Output(2)\ny.set_to_constant(0)\nfor i in range(10**10):\n    pass\n');
    expect(limitError(range, 'statements')).toMatchObject({ code: 'too-large', line: 4 });
    const nested = timed('y = Output(2)\ny.set_to_constant(0)\nfor i in range(10**5):\n    for j in range(10**5):\n        C = i\n');
    limitError(nested, 'statements');
    const macros = ['y = Var(2)', 'z = Output(2)', '@Inline()', 'def f0(a):', '    pass'];
    for (let i = 1; i < 40; i++) macros.push('@Inline()', `def f${i}(a):`, `    f${i - 1}(a)`, `    f${i - 1}(a)`);
    macros.push('f39(y)', 'z.set_to_constant(0)');
    limitError(timed(macros.join('\n') + '\n'), 'statements');
    // A case split over a huge domain costs its size, so elif chains over it are bounded too.
    const cases = ['x = Param(1000000)', 'y = Output(2)', 'for i in range(100000):', '    if x == 0:', '        pass', 'y.set_to_constant(0)'];
    limitError(timed(cases.join('\n') + '\n'), 'statements');
  });

  it('@Runtime tables and the evaluator storage are estimated before allocating', () => {
    const table = timed('@Runtime([2000, 2000], 2)\ndef f(a, b): return 0\nx = Param(2000)\ny = Output(2)\ny.set_to(f(x, x))\n');
    expect(limitError(table, 'table-entries')).toMatchObject({ code: 'table-too-large', line: 2 });
    const storage = timed('y = Output(1000000)[100]\nfor i in range(100):\n    y[i].set_to_constant(0)\n');
    const e = limitError(storage, 'storage');
    expect(e).toMatchObject({ code: 'too-large', line: 1 });
    expect(e.message).toContain('100,000,000 floats for 1 example');
  });

  it('expressions deeper than the limit are refused; at the limit every stage copes (2,031 terms and more)', () => {
    const sum = (n: number, term: string) => Array.from({ length: n }, () => term).join(' + ');
    expect(limitError(timed(`C = ${sum(2031, '1')}\n`), 'expression-depth')).toMatchObject({ code: 'too-large', line: 1 });
    const nested = `C = ${'('.repeat(50)}${sum(995, '1')}${')'.repeat(50)} + 0 + 0 + 0 + 0 + 0 + 0\n`;
    limitError(timed(nested), 'expression-depth');
    // 1,000 deep: discrete constants, and a real expression (998 terms in a call) through lowering, printing and compiling.
    const discrete = timed(`C = ${sum(1000, '1')}\ny = Output(1001)\ny.set_to_constant(C)\ny.observe_value(1000)\n`);
    expect(discrete.diagnostics).toEqual([]);
    const real = timed(`x = Param(Real)\ny = Output(Real)\ny.set_to(${sum(998, 'x')})\n`, { dataText: '[{"batch_name": "b", "instances": [{"y": 1}]}]' });
    expect(real.diagnostics).toEqual([]);
    expect(printProgram(real.sketch!.program)).toContain('x + x');
    const { program, dataset } = real.sketch!;
    expect(() => compileRelaxed(program, dataset)).not.toThrow();
    expect(runExact(program, dataset, new Int32Array(program.vars.length), Float64Array.of(1)).examples[0]!.realOutputs![0]).toBe(998);
    // Raised past what the stack holds: still a message, not a crash.
    const deep = timed(`C = ${sum(20_000, '1')}\n`, { limits: { 'expression-depth': 10_000_000 } }, 20);
    expect(deep.diagnostics.map((d) => d.code)).toEqual(['too-large']);
  });

  it('program and data files are checked by size and kind before they are read', () => {
    const long = join(dir, 'long.tpt');
    writeFileSync(long, ['y = Output(2)', 'y.set_to_constant(0)', ...Array.from({ length: 150_000 }, (_, i) => `c${i} = ${i}`)].join('\n') + '\n');
    const program = loadSketch(long);
    expect(program.diagnostics).toHaveLength(1);
    expect(program.diagnostics[0]!.message).toMatch(/cannot read .*long\.tpt: it has [\d,]+ bytes; the limit is program-size = 262,144 \(raise it with --limit program-size=\d+\)/);
    const data = join(dir, 'big.data.json');
    writeFileSync(data, '');
    truncateSync(data, 50_000_000); // a sparse 50 MB file: refused by its size alone
    const loaded = loadSketch('programs/circuit/circuit.tpt', { dataPath: data });
    expect(loaded.diagnostics.map((d) => d.code)).toEqual(['file']);
    expect(loaded.diagnostics[0]!.message).toContain('the limit is data-size = 8,388,608 (raise it with --limit data-size=50000000)');
    for (const path of ['/dev/zero', '/dev/null']) {
      const r = loadSketch(path);
      expect(r.diagnostics[0]!.message).toBe(`cannot read ${path}: not a regular file (a device or socket); save its contents to a file first`);
      expect(loadSketch('programs/circuit/circuit.tpt', { dataPath: path }).diagnostics[0]!.code).toBe('file');
    }
  });
});

/** A random program built from the constructs whose cost grows with a number: sizes small or huge. */
const size = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom(1000, 10 ** 6, 10 ** 9, 10 ** 12, 2 ** 53, -3));
const piece = fc.oneof(
  fc.tuple(size, size).map(([d, n]) => [`v = Var(${d})[${n}]`]),
  fc.tuple(size, size).map(([d, n]) => [`p = Param(${d})[${n}]`, `o = Output(${d})[${n}]`]),
  fc.tuple(size, size).map(([a, b]) => [`for i in range(${a}):`, `    for j in range(${b}):`, '        pass']),
  fc.tuple(size, size).map(([a, b]) => ['@Runtime([K, H], 2)', `def f${a}_${b}(a, b): return 1 if a + b > ${a} else 0`, `w = Var(K)`, 'w.set_to(0)', `u = Var(2)`, `u.set_to(f${a}_${b}(w, H - 1))`]),
  fc.tuple(size).map(([d]) => [`s = Param(${d})`, 'with s as k:', '    pass', 'if s == 1:', '    pass']),
  fc.integer({ min: 1, max: 3000 }).map((n) => [`C = ${Array.from({ length: n }, () => 'K').join(' + ')}`]),
  fc.integer({ min: 1, max: 40 }).map((n) => {
    const lines = ['@Inline()', 'def m0(a):', '    pass'];
    for (let i = 1; i <= n; i++) lines.push('@Inline()', `def m${i}(a):`, `    m${i - 1}(a)`, `    m${i - 1}(a)`);
    return [...lines, `m${n}(0)`];
  }),
  fc.tuple(size).map(([n]) => [`x = Param(Real)[${n}, K]`]),
);

describe('the README lists every limit', () => {
  it('with its name and default, as the Limits table', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('### Limits'));
    for (const l of LIMITS) expect(section).toContain(`| \`${l.name}\` | ${formatCount(l.default)} |`);
  });
});

describe('a bounded-time property of the front end', () => {
  it('random programs and hypers, huge or not, load or fail with diagnostics within seconds', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 4 }), size, size, (pieces, k, h) => {
        const source = ['K = Hyper()', 'H = Hyper()', ...pieces.flat()].join('\n') + '\n';
        const t0 = performance.now();
        const r = sketchFrom(source, { set: { K: k, H: h } });
        expect((performance.now() - t0) / 1000).toBeLessThan(5);
        expect(r.sketch !== null || r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }),
      { numRuns: 60, seed: 15 },
    );
  });
});
