// One failing snippet per diagnostic, asserting its code, its position (line:column) and the gist of the message.
import { describe, expect, it } from 'vitest';
import { parseModule } from '../../src/syntax/parse.ts';
import { renderDiagnostic } from '../../src/util/diagnostics.ts';

type Case = readonly [source: string, line: number, column: number, message: string];

function expectFirst(code: string, [source, line, column, message]: Case): void {
  const result = parseModule(source, 'bad.tpt');
  expect(result.module).toBeNull();
  const first = result.diagnostics[0]!;
  expect({ code: first.code, line: first.span?.line, column: first.span?.column }).toEqual({ code, line, column });
  expect(first.message).toContain(message);
  expect(first.span?.file).toBe('bad.tpt');
}

describe('syntax-error', () => {
  it.each<Case>([
    ['for i in range(3)\n    pass\n', 1, 18, "expected ':' after the for header"],
    ['if x == 1\n    pass\n', 1, 10, "expected ':' after the condition"],
    ['x = )\n', 1, 5, 'expected an expression'],
    ['x = f(a b)\n', 1, 9, "expected ',' or ')' in the call arguments, found name 'b'"],
    ['x = [1 2]\n', 1, 8, "expected ',' or ']' in the list, found number 2"],
    ['x = [1, 2\ny = 3\n', 1, 5, "'[' was never closed"],
    ['x = 1 2\n', 1, 7, 'expected end of line after the statement, found number 2'],
    ['with x:\n    pass\n', 1, 7, "expected 'as' after the with subject"],
    ['for 1 in x:\n    pass\n', 1, 5, "expected a loop variable name after 'for'"],
    ['x = a.\n', 1, 7, "expected an attribute name after '.'"],
    ['x = 1 if a\n', 1, 11, "expected 'else' in the conditional expression"],
    ['x = "abc\n', 1, 5, 'unterminated string literal'],
    ["x = '''never\nclosed\n", 1, 5, 'unterminated string literal'],
    ['x = 1 $ 2\n', 1, 7, "unexpected character '$'"],
    ['x = 1 ! 2\n', 1, 7, "unexpected character '!'"],
    ['x = \\ 1\n', 1, 5, 'a line continuation must be the last character'],
    ['x = f(1,\n      2\n', 1, 6, "'(' was never closed"],
    ['x = 1)\n', 1, 6, 'found \')\''],
    ['else:\n    pass\n', 1, 1, "'else' without a matching 'if'"],
    ['if a: for i in x: pass\n', 1, 7, "a 'for' statement cannot follow ':' on the same line"],
    ['f(x) = 1\n', 1, 1, "cannot assign to an expression"],
    ['f(a=1, 2)\n', 1, 8, 'a positional argument cannot follow a keyword argument'],
    ['x = 007\n', 1, 5, 'leading zeros'],
    ['x = f(1,', 1, 6, "'(' was never closed"],
    ['def (a):\n    pass\n', 1, 5, "expected the function name after 'def'"],
    ['@Runtime([2], 2)\nx = 1\n', 2, 1, "expected 'def' after the decorator"],
    ['True = 1\n', 1, 1, "cannot assign to 'True'"],
  ])('%j', (...c) => expectFirst('syntax-error', c));
});

describe('indentation-error', () => {
  it.each<Case>([
    ['x = 1\n    y = 2\n', 2, 1, 'unexpected indent'],
    ['  x = 1\n', 1, 1, 'unexpected indent'],
    ['if x:\n    y = 1\n  z = 2\n', 3, 1, 'unindent does not match any outer indentation level'],
    ['if x:\ny = 1\n', 2, 1, "expected an indented block after 'if' on line 1"],
    ['for i in r:\n    if x:\n    y = 1\n', 3, 5, "expected an indented block after 'if' on line 2"],
    ['def f():\n    with a as b:\n', 3, 1, "expected an indented block after 'with' on line 2"],
    ['if x:\n    pass\nelse:\n', 4, 1, "expected an indented block after 'else' on line 3"],
    ['def f(a):', 1, 10, "expected an indented block after 'def' on line 1"],
    ['if x:\n\ty = 1\n        z = 2\n', 3, 1, 'inconsistent use of tabs and spaces'],
  ])('%j', (...c) => expectFirst('indentation-error', c));

  it('stops at the first indentation error', () => {
    expect(parseModule('  a = 1\n    b = 2\n', 'f').diagnostics).toHaveLength(1);
  });
});

describe('unsupported-syntax', () => {
  it.each<Case>([
    ['while x:\n    pass\n', 1, 1, "use 'for i in range(n):'"],
    ['class A:\n    pass\n', 1, 1, 'classes are not supported'],
    ['f = lambda x: x\n', 1, 5, "'lambda' is not supported"],
    ['try:\n    pass\nexcept:\n    pass\n', 1, 1, "exception handling ('try')"],
    ['def f():\n    global x\n', 2, 5, "'global' is not supported"],
    ['for i in r:\n    break\n', 2, 5, "'break' is not supported"],
    ['x += 1\n', 1, 3, 'use x.set_to(e) to assign a variable'],
    ['x[i] -= 1\n', 1, 6, "augmented assignment '-='"],
    ['a, b = 1, 2\n', 1, 1, "tuple assignment 'a, b = ...' is not supported"],
    ['x = 1, 2\n', 1, 5, 'tuples are not supported'],
    ['x = (1, 2)\n', 1, 5, 'tuples are not supported'],
    ['a[0, 1] = 1\n', 1, 1, 'an element assignment takes one index'],
    ['a.b = 1\n', 1, 1, 'assignment to an attribute'],
    ['a = b = 1\n', 1, 7, 'chained assignment'],
    ['x = a < b < c\n', 1, 11, "write 'a < b and b < c'"],
    ['def f(*args):\n    pass\n', 1, 7, "'*args' parameters are not supported"],
    ['def f(a, **kw):\n    pass\n', 1, 10, "'**kw' parameters"],
    ['def f(a=1):\n    pass\n', 1, 8, 'default parameter values'],
    ['f(*xs)\n', 1, 3, "argument unpacking with '*'"],
    ['x = a[1:2:3]\n', 1, 11, 'slice steps'],
    ['x = f(i for i in y)\n', 1, 9, 'only list comprehensions'],
    ['x = a in b\n', 1, 7, "membership tests with 'in'"],
    ['x = a not in b\n', 1, 7, "'not in'"],
    ['x = a is None\n', 1, 7, "compare values with '=='"],
    ['x = {}\n', 1, 5, 'dict and set literals'],
    ['x = 1; y = 2\n', 1, 6, 'put each statement on its own line'],
    ['x = ~a\n', 1, 5, "operator '~' is not supported"],
    ['x = a << 1\n', 1, 7, "operator '<<' is not supported"],
    ['x &= 1\n', 1, 3, "augmented assignment '&='"],
    ['def f(a) -> int:\n    pass\n', 1, 10, "return annotations ('->')"],
    ['if (y := 1):\n    pass\n', 1, 7, "(':=')"],
  ])('%j', (...c) => expectFirst('unsupported-syntax', c));

  it('reports every unsupported construct the grammar accepted, in source order', () => {
    const result = parseModule('a, b = 1, 2\nc[0, 1] = 3\nd = e < f < g\n', 'f');
    expect(result.diagnostics.map((d) => [d.code, d.span?.line])).toEqual([
      ['unsupported-syntax', 1], ['unsupported-syntax', 2], ['unsupported-syntax', 3],
    ]);
  });
});

describe('rendering', () => {
  it('renders file:line:col, the source line and an underline of the offending token', () => {
    const source = 'for i in range(3)\n    pass\n';
    const [d] = parseModule(source, 'loop.tpt').diagnostics;
    expect(renderDiagnostic(d!, new Map([['loop.tpt', source]]))).toBe(
      [
        "loop.tpt:1:18: error[syntax-error]: expected ':' after the for header, found end of line",
        '  |',
        '1 | for i in range(3)',
        '  |                  ^',
      ].join('\n'),
    );
  });

  it('underlines a whole multi-character token', () => {
    const [d] = parseModule('x = a < b <= c\n', 'f').diagnostics;
    expect(d!.span).toMatchObject({ line: 1, column: 11, endLine: 1, endColumn: 13, offset: 10, endOffset: 12 });
  });
});
