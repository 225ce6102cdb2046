// parseModule never throws: random text, random bytes and mutated valid programs give a module or diagnostics.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseModule } from '../../src/syntax/parse.ts';
import { allSpans, spanIsConsistent } from './span-check.ts';

const validPrograms = [
  'from dummy import Hyper, Param, Var\nN = Hyper()\nx = Var(2)[N + 1]\nfor i in range(N):\n    x[i + 1].set_to(x[i])\n',
  '@Runtime([2, 2], 2)\ndef AND(a, b): return int(a and b)\n\n@Inline()\ndef Read(dst, sel):\n    with sel as s:\n        dst.set_to(w[s])\n',
  'if gate[g] == 0:\n    r.set_to(AND(a,\n                 b))  # comment\nelif gate[g] == 1: r.set_to(1)\nelse:\n    r.set_to(0 if a else 1)\n',
  "y = softmax(W @ x + b[1:, :2])\nz = [1, 2.5, 'str', \"s\"]\nq = -2 ** -k % 3 // 4\n",
];

const codes = new Set(['syntax-error', 'indentation-error', 'unsupported-syntax']);

/** The contract: no exception, exactly one of module / diagnostics, known codes, spans inside the text. */
function checkContract(source: string): void {
  // Plain checks rather than expect(): this runs thousands of times and must stay cheap.
  const result = parseModule(source, 'fuzz.tpt');
  const fail = (why: string) => {
    throw new Error(`${why}\n${JSON.stringify(result.diagnostics)}`);
  };
  if (result.module) {
    if (result.diagnostics.length > 0) fail('a module came with diagnostics');
    for (const span of allSpans(result.module.body)) if (!spanIsConsistent(span, source)) fail(`bad span ${JSON.stringify(span)}`);
  } else {
    if (result.diagnostics.length === 0) fail('neither a module nor a diagnostic');
    for (const d of result.diagnostics) {
      if (!codes.has(d.code)) fail(`unexpected code ${d.code}`);
      if (!d.span || !spanIsConsistent(d.span, source)) fail(`bad span ${JSON.stringify(d.span)}`);
    }
  }
}

const interesting = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\r', ':', '(', ')', '[', ']', ',', '=', '#', '"', "'", '\\', 'x', '1', '.', '@', '-', 'if ', 'for ', 'else', '\f', '\0', '\u00a0', '"""');

type Mutation = { op: 'delete' | 'insert' | 'duplicate' | 'deleteLine' | 'duplicateLine'; at: number; text: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('delete', 'insert', 'duplicate', 'deleteLine', 'duplicateLine'),
  at: fc.nat(),
  text: interesting,
});

function mutate(source: string, m: Mutation): string {
  const i = source.length === 0 ? 0 : m.at % source.length;
  switch (m.op) {
    case 'delete':
      return source.slice(0, i) + source.slice(i + 1);
    case 'insert':
      return source.slice(0, i) + m.text + source.slice(i);
    case 'duplicate':
      return source.slice(0, i + 1) + source.slice(i);
    case 'deleteLine':
    case 'duplicateLine': {
      const lines = source.split('\n');
      const j = m.at % lines.length;
      if (m.op === 'deleteLine') lines.splice(j, 1);
      else lines.splice(j, 0, lines[j]!);
      return lines.join('\n');
    }
  }
}

describe('parseModule never throws', () => {
  it('on the valid seeds', () => {
    for (const source of validPrograms) expect(parseModule(source, 'seed').diagnostics).toEqual([]);
  });

  it('on random strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), checkContract), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), checkContract), { numRuns: 300 });
  });

  it('on random bytes decoded as latin1', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (bytes) => checkContract(Buffer.from(bytes).toString('latin1'))),
      { numRuns: 300 },
    );
  });

  it('on token soup built from the language', () => {
    fc.assert(fc.property(fc.array(interesting, { maxLength: 40 }), (parts) => checkContract(parts.join(''))), { numRuns: 300 });
  });

  it('on mutations of valid programs', () => {
    fc.assert(
      fc.property(fc.constantFrom(...validPrograms), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, mutations) =>
        checkContract(mutations.reduce(mutate, seed)),
      ),
      { numRuns: 300 },
    );
  });

  it('on deeply nested input, and the shared parser still works afterwards', () => {
    const deep = `x = ${'('.repeat(3000)}1${')'.repeat(3000)}\n`;
    const result = parseModule(deep, 'deep.tpt');
    expect(result.module).toBeNull();
    expect(result.diagnostics[0]!.code).toBe('syntax-error');
    expect(parseModule('x = (1)\n', 'ok.tpt').diagnostics).toEqual([]);
  });
});
