// Diagnostics a person can read: one per (span, code) however often a loop or macro repeats it, no
// follow-on errors from a failed statement, a warning when nothing is observed, and an error that
// points at both declarations of one name.
import { describe, expect, it } from 'vitest';
import { renderDiagnostic } from '../../src/index.ts';
import { codesAt, dedent, sketchFrom } from '../helpers/sketch.ts';
import { tpt } from '../cli/run-cli.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../temp-dir.ts';

const messages = (source: string) => sketchFrom(dedent(source)).diagnostics.map((d) => `${d.code}@${d.span?.line}:${d.span?.column}: ${d.message}`);

describe('diagnostics in unrolled code', () => {
  it('reports an error of every iteration once, saying in how many and where first', () => {
    expect(messages(`
      T = 5
      x = Var(3)[T + 1]
      y = Var(2)[T]
      out = Output(2)
      x[0].set_to(0)
      for t in range(T):
          y[t].set_to(x[t])
          x[t + 1].set_to(y[t])
      out.set_to(y[T - 1])
      out.observe_value(0)
    `)).toEqual(['domain-mismatch@7:17: x[0] has values in 0..2, which may not fit in y[0] (domain 0..1) (in 5 of 5 unrolled iterations, first at t = 0)']);
  });

  it('counts the iterations that fail among all, with nested loop and with bindings', () => {
    const got = messages(`
      x = Var(3)[3, 4]
      p = Param(2)
      for i in range(3):
          for t in range(4):
              with p as k:
                  x[i, t].set_to(t * k)
      x[0, 0].observe_value(0)
    `);
    expect(got).toEqual(['domain-mismatch@6:28: 3 is outside the domain 0..2 of x[0, 3] (in 3 of 24 unrolled iterations, first at i = 0, t = 3, k = 1)']);
  });

  it('gives one diagnostic per location of a macro used many times', () => {
    const got = codesAt(dedent(`
      @Inline()
      def copy(dst, src):
          dst.set_to(src)
      a = Var(3)
      b = Var(2)[50]
      a.set_to(2)
      for i in range(50):
          copy(b[i], a)
      b[0].observe_value(0)
    `));
    expect(got).toEqual(['domain-mismatch@3:16']);
    expect(messages(`
      @Inline()
      def set(dst):
          dst.set_to(5)
      a = Var(2)
      b = Var(2)
      set(a)
      set(b)
      a.observe_value(0)
    `)[0]).toMatch(/\(in 2 of 2 expansions\)$/);
  });

  it('keeps the cap on distinct locations, however many iterations fail', () => {
    const lines = ['x = Var(2)[1000]', ...Array.from({ length: 300 }, (_, i) => `x[${i}].set_to(${2 + i})`), 'for i in range(300, 1000):', '    x[i].set_to(7)'];
    const got = codesAt(lines.join('\n') + '\n');
    expect(got.length).toBe(200);
    const looped = codesAt('x = Var(2)[1000]\nfor i in range(1000):\n    x[i].set_to(7)\nx[0].observe_value(0)\n');
    expect(looped).toEqual(['domain-mismatch@3:17']);
  });
});

describe('no follow-on errors', () => {
  it('does not report reads of a variable whose assignment failed, nor an Output left unset by it', () => {
    expect(codesAt(dedent(`
      @Runtime([2], 3)
      def f(a):
          return a
      a = Input(2)
      b = Var(2)
      c = Var(2)
      y = Output(2)
      b.set_to(f(a))
      c.set_to(b)
      if b == 1:
          y.set_to(c)
      else:
          y.set_to(b)
      y.observe_value(1)
    `))).toEqual(['domain-mismatch@8:10']);
  });

  it('does not report reads of what the body of a failed with, if or for would have set', () => {
    expect(codesAt(dedent(`
      p = Param(3)[2]
      x = Var(2)[2]
      y = Output(2)
      for t in range(2):
          with p[t + 1] as k:
              x[t].set_to(1)
      y.set_to(x[1])
      y.observe_value(1)
    `))).toEqual(['index-out-of-range@5:12']);
  });
});

describe('nothing observed', () => {
  it.each([
    ['an Output without data', 'p = Param(2)\ny = Output(2)\ny.set_to(p)\n', ['nothing-observed@2:5']],
    ['an empty program', '', ['nothing-observed@1:1']],
    ['a program without Outputs', 'p = Param(2)\nx = Var(2)\nx.set_to(p)\n', ['nothing-observed@1:1']],
    ['an observe_value', 'p = Param(2)\ny = Output(2)\ny.set_to(p)\ny.observe_value(1)\n', []],
  ])('warns for %s', (_name, source, expected) => {
    const r = sketchFrom(source);
    expect(r.sketch).not.toBeNull();
    expect(r.diagnostics.map((d) => `${d.code}@${d.span?.line}:${d.span?.column}`)).toEqual(expected);
    expect(r.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });

  it('warns when every Output of the data is null', () => {
    const r = sketchFrom('x = Input(2)\ny = Output(2)\ny.set_to(x)\n', { dataText: '[{"batch_name": "b", "hypers": {}, "instances": [{"x": 1, "y": null}]}]' });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['nothing-observed']);
    expect(r.diagnostics[0]!.message).toContain('no example gives a value for y');
  });

  it('tpt synth says so instead of reporting a solution', () => {
    const dir = tempDir('tpt-unobserved-');
    const file = join(dir, 'free.tpt');
    writeFileSync(file, 'p = Param(2)\ny = Output(2)\ny.set_to(p)\n');
    const r = tpt(['synth', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning[nothing-observed]: nothing is observed');
    expect(r.stdout).toMatch(/^nothing is observed: every assignment solves it/);
  });
});

describe('duplicate declarations', () => {
  it('are an error that points at both', () => {
    const source = 'p = Param(2)\np = Param(3)\ny = Output(3)\ny.set_to(p)\ny.observe_value(0)\n';
    const r = sketchFrom(source);
    expect(r.diagnostics.map((d) => `${d.code}@${d.span!.line}:${d.span!.column}`)).toEqual(['duplicate-declaration@2:5']);
    const d = r.diagnostics[0]!;
    expect(d.notes!.map((n) => `${n.span.line}:${n.span.column} ${n.message}`)).toEqual(['1:5 p is first declared here']);
    expect(renderDiagnostic(d, new Map([['test.tpt', source]]))).toBe(
      [
        'test.tpt:2:5: error[duplicate-declaration]: p is declared twice',
        '  |',
        '2 | p = Param(3)',
        '  |     ^^^^^^^^',
        'test.tpt:1:5: note: p is first declared here',
        '  |',
        '1 | p = Param(2)',
        '  |     ^^^^^^^^',
      ].join('\n'),
    );
  });

  it('of a Param in a loop is an error; a Var a loop declares again is not', () => {
    expect(codesAt('for i in range(3):\n    q = Param(2)\n    q.observe_value(1)\n')).toEqual(['duplicate-declaration@2:9']);
    expect(codesAt('y = Output(2)[3]\nfor i in range(3):\n    t = Var(2)\n    t.set_to(1)\n    y[i].set_to(t)\n    y[i].observe_value(1)\n')).toEqual([]);
  });
});
