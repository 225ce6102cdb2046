// Every accepted construct parses to the expected AST shape (operators, precedence, statements, suites).
import { describe, expect, it } from 'vitest';
import { exprShape, parseOk, shapes } from './show.ts';

describe('expressions', () => {
  it.each([
    ['1 + 2 * 3', '(+ 1 (* 2 3))'],
    ['(1 + 2) * 3', '(* (+ 1 2) 3)'],
    ['a - b - c', '(- (- a b) c)'],
    ['a / b // c % d @ e', '(@ (% (// (/ a b) c) d) e)'],
    ['-2 ** 2', '(- (** 2 2))'],
    ['2 ** 3 ** 2', '(** 2 (** 3 2))'],
    ['2 ** -1', '(** 2 (- 1))'],
    ['+x', '(+ x)'],
    ['not a == b', '(not (== a b))'],
    ['a or b and not c', '(or a (and b (not c)))'],
    ['a and b or c and d', '(or (and a b) (and c d))'],
    ['x if c else y', '(ifexp c x y)'],
    ['a if p else b if q else c', '(ifexp p a (ifexp q b c))'],
    ['1 if a or b else 0', '(ifexp (or a b) 1 0)'],
    ['a != b', '(!= a b)'],
    ['a ^ b', '(^ a b)'],
    ['a | b ^ c & d', '(| a (^ b (& c d)))'],
    ['a & b == c | d', '(== (& a b) (| c d))'],
    ['a + b ^ c * d', '(^ (+ a b) (* c d))'],
    ['not a ^ b', '(not (^ a b))'],
    ['a <= b + 1', '(<= a (+ b 1))'],
    ['a >= b', '(>= a b)'],
    ['a < b', '(< a b)'],
    ['a > -b', '(> a (- b))'],
    ['f()', '(call f)'],
    ['f(a, b,)', '(call f a b)'],
    ['f(a, k=1, m=x + 1)', '(call f a k=1 m=(+ x 1))'],
    ['x.set_to(e)', '(call (. x set_to) e)'],
    ['wires[g + 1, w].set_to(wires[g, w])', '(call (. (index wires (+ g 1) w) set_to) (index wires g w))'],
    ['a[i][j]', '(index (index a i) j)'],
    ['a[1:2, :3, 4:, :, ::]', '(index a (slice 1 2) (slice _ 3) (slice 4 _) (slice _ _) (slice _ _))'],
    ['Var(2)[numGates + 1, numWires]', '(index (call Var 2) (+ numGates 1) numWires)'],
    ['[1, 2, 3,]', '[1 2 3]'],
    ['[]', '[]'],
    ['[[1, 2], [3]]', '[[1 2] [3]]'],
    ['True and not False or None', '(or (and True (not False)) None)'],
    ['1.5 + .5 + 1e3 + 2.', '(+ (+ (+ 1.5 0.5) 1000.0) 2.0)'],
    ['0x1F + 0b101 + 0o17', '(+ (+ 31 5) 15)'],
    ["'a' \"b\"", '"ab"'],
    ["'tab\\there'", '"tab\\there"'],
    ['"""multi\nline"""', '"multi\\nline"'],
    ['softmax(W1 @ x + b)', '(call softmax (+ (@ W1 x) b))'],
  ])('%s', (source, expected) => {
    expect(exprShape(source)).toBe(expected);
  });

  it('marks floats and keeps integer values exact', () => {
    const [s] = parseOk('x = 2.0\n');
    expect(s).toMatchObject({ kind: 'assign', value: { kind: 'number', value: 2, isFloat: true } });
    const [t] = parseOk('x = 7\n');
    expect(t).toMatchObject({ kind: 'assign', value: { kind: 'number', value: 7, isFloat: false } });
  });
});

describe('statements', () => {
  it('parses imports (ignored), assignments, pass and return', () => {
    expect(shapes('from dummy import Hyper, Param, Var\nimport numpy as np, os.path\nfrom x import *\nfrom y import (a,\n    b,)\nN = Hyper()\npass\n')).toEqual([
      'import', 'import', 'import', 'import', 'N = (call Hyper)', 'pass',
    ]);
  });

  it('parses a decorated def with the body on the next lines and on the same line', () => {
    const source = '@Runtime([2, 2], 2)\ndef AND(a, b): return int(a and b)\n\n@Inline\ndef F(x,):\n    return\n';
    expect(shapes(source)).toEqual([
      '@(call Runtime [2 2] 2) def AND(a, b) {return (call int (and a b))}',
      '@Inline def F(x) {return}',
    ]);
  });

  it('parses nested if / elif / else', () => {
    const source = 'if a == 0:\n    x.set_to(1)\nelif a == 1: x.set_to(2)\nelif b:\n    if c:\n        pass\n    else:\n        pass\nelse: y.set_to(0)\n';
    expect(shapes(source)).toEqual([
      'if (== a 0) {(call (. x set_to) 1)} elif (== a 1) {(call (. x set_to) 2)} elif b {if c {pass} else {pass}} else {(call (. y set_to) 0)}',
    ]);
  });

  it('parses for and with blocks', () => {
    const source = 'for i in range(1, N):\n    with in1[i] as v:\n        dst.set_to(w[i, v])\n    t = tmp[i]\n';
    expect(shapes(source)).toEqual(['for i in (call range 1 N) {with (index in1 i) as v {(call (. dst set_to) (index w i v))}; t = (index tmp i)}']);
  });

  it('dedents several levels at once and at the end of the file', () => {
    const source = 'for a in x:\n  for b in y:\n    for c in z:\n      pass\nq = 1\nfor d in w:\n  for e in v:\n    pass';
    expect(shapes(source)).toEqual(['for a in x {for b in y {for c in z {pass}}}', 'q = 1', 'for d in w {for e in v {pass}}']);
  });

  it('joins lines inside brackets and after a backslash', () => {
    const source = 'x = f(a,\n      b,   # comment inside\n\n  c)\ny = 1 + \\\n    2\nz = [1,\n2]\n';
    expect(shapes(source)).toEqual(['x = (call f a b c)', 'y = (+ 1 2)', 'z = [1 2]']);
  });

  it('counts a tab as indentation to the next multiple of 8 when used consistently', () => {
    expect(shapes('if a:\n\tx = 1\n\tif b:\n\t\ty = 2\n')).toEqual(['if a {x = 1; if b {y = 2}}']);
  });

  it('accepts an empty file, only comments, and only blank lines', () => {
    expect(parseOk('')).toEqual([]);
    expect(parseOk('# nothing here\n   # indented comment\n')).toEqual([]);
    expect(parseOk('\n\n   \n\t\n')).toEqual([]);
  });

  it('accepts a docstring-like string statement and a byte-order mark', () => {
    expect(shapes('"""A model.\n\nIt has lines."""\nx = 1\n')).toEqual(['"A model.\\n\\nIt has lines."', 'x = 1']);
    expect(shapes('\uFEFFx = 1\n')).toEqual(['x = 1']);
  });
});
