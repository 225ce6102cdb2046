// The layout lexer: NEWLINE / INDENT / DEDENT placement, bracket and backslash continuation, tab rules.
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../grammar/lexer.ts';

/** Token names with layout tokens spelled as Python's tokenizer does. */
function layout(source: string): string {
  const { tokens, problems } = tokenize(source);
  expect(problems).toEqual([]);
  const names: Record<string, string> = { Newline: 'NEWLINE', Indent: 'INDENT', Dedent: 'DEDENT' };
  return tokens.map((t) => names[t.tokenType.name] ?? t.image).join(' ');
}

describe('layout tokens', () => {
  it('indents and dedents blocks, emitting pending DEDENTs at the end', () => {
    expect(layout('if a:\n  b\n  if c:\n    d\ne\n')).toBe('if a : NEWLINE INDENT b NEWLINE if c : NEWLINE INDENT d NEWLINE DEDENT DEDENT e NEWLINE');
    expect(layout('if a:\n  b')).toBe('if a : NEWLINE INDENT b NEWLINE DEDENT');
  });

  it('ignores blank lines, whitespace-only lines and comment-only lines at any indentation', () => {
    expect(layout('a\n\n   \n\t\n      # note\nb  # tail\n')).toBe('a NEWLINE b NEWLINE');
  });

  it('ignores newlines and indentation inside brackets', () => {
    expect(layout('f(a,\n        b,\n  [c,\nd])\n')).toBe('f ( a , b , [ c , d ] ) NEWLINE');
  });

  it('joins a line ending in a backslash with the next', () => {
    expect(layout('x = 1 + \\\n        2\n')).toBe('x = 1 + 2 NEWLINE');
  });

  it('treats a tab as advancing to the next multiple of 8 but rejects ambiguous mixes', () => {
    expect(layout('if a:\n\tb\n\tc\n')).toBe('if a : NEWLINE INDENT b NEWLINE c NEWLINE DEDENT');
    expect(tokenize('if a:\n\tb\n        c\n').problems[0]?.message).toBe('inconsistent use of tabs and spaces in indentation');
  });

  it('places INDENT over the indentation and DEDENT at the first token of the line', () => {
    const { tokens } = tokenize('if a:\n    b\nc\n');
    const indent = tokens.find((t) => t.tokenType.name === 'Indent')!;
    const dedent = tokens.find((t) => t.tokenType.name === 'Dedent')!;
    expect([indent.startLine, indent.startColumn, indent.startOffset, indent.endOffset]).toEqual([2, 1, 6, 9]);
    expect([dedent.startLine, dedent.startColumn, dedent.startOffset]).toEqual([3, 1, 12]);
  });

  it('reads keywords only as whole words', () => {
    expect(tokenize('lambdaLength asserted ifx import_ in_ is_').tokens.map((t) => t.tokenType.name).slice(0, 6)).toEqual(
      ['Identifier', 'Identifier', 'Identifier', 'Identifier', 'Identifier', 'Identifier'],
    );
  });
});
