// Every AST node carries a span that points at its own text, with line/column agreeing with the offsets.
import { describe, expect, it } from 'vitest';
import type { Expr, Stmt } from '../../src/syntax/ast.ts';
import { parseModule } from '../../src/syntax/parse.ts';
import type { Span } from '../../src/util/diagnostics.ts';
import { allSpans, spanIsConsistent } from './span-check.ts';

function parse(source: string): readonly Stmt[] {
  const result = parseModule(source, 'spans.tpt');
  expect(result.diagnostics).toEqual([]);
  return result.module!.body;
}

const text = (source: string, span: Span) => source.slice(span.offset, span.endOffset);

describe('spans', () => {
  const source = [
    'from dummy import Var, Runtime',
    '@Runtime([2, 2], 2)',
    'def AND(a, b): return int(a and b)',
    'x = (a + b) * c',
    'for i in range(3):',
    '    with in1[i] as v:',
    '        wires[i + 1, v].set_to(wires[i, v], k=1)',
    'if gate == 0:',
    '    pass',
    'else:',
    '    y = """two',
    'lines"""',
  ].join('\r\n');
  const body = parse(source);

  it('are consistent for every node', () => {
    const spans = allSpans(body);
    expect(spans.length).toBeGreaterThan(40);
    for (const span of spans) {
      expect(span.file).toBe('spans.tpt');
      expect(spanIsConsistent(span, source), JSON.stringify(span)).toBe(true);
    }
  });

  it('cover exactly the text of each construct', () => {
    const [imp, def, assign, loop, cond] = body as [Stmt, Stmt & { kind: 'def' }, Stmt & { kind: 'assign' }, Stmt & { kind: 'for' }, Stmt & { kind: 'if' }];
    expect(text(source, imp.span)).toBe('from dummy import Var, Runtime');
    expect(text(source, def.span)).toBe('def AND(a, b): return int(a and b)');
    expect(text(source, def.nameSpan)).toBe('AND');
    expect(def.params.map((p) => text(source, p.span))).toEqual(['a', 'b']);
    expect(text(source, def.decorators[0]!.span)).toBe('Runtime([2, 2], 2)');
    expect(text(source, assign.targetSpan)).toBe('x');
    expect(text(source, assign.value.span)).toBe('(a + b) * c');
    expect(text(source, (assign.value as Expr & { kind: 'binary' }).left.span)).toBe('(a + b)');
    expect(text(source, loop.variableSpan)).toBe('i');
    expect(loop.span).toMatchObject({ line: 5, column: 1, endLine: 7 });
    const inner = loop.body[0] as Stmt & { kind: 'with' };
    expect(text(source, inner.variableSpan)).toBe('v');
    const call = (inner.body[0] as Stmt & { kind: 'expr' }).expr as Expr & { kind: 'call' };
    expect(text(source, call.span)).toBe('wires[i + 1, v].set_to(wires[i, v], k=1)');
    expect(text(source, call.callee.span)).toBe('wires[i + 1, v].set_to');
    expect(text(source, call.keywords[0]!.span)).toBe('k=1');
    expect(text(source, cond.branches[0]!.span)).toBe('if gate == 0:\r\n    pass');
    expect(cond.span).toMatchObject({ line: 8, column: 1, endLine: 12, endColumn: 9 });
  });
});
