// The public API (src/core.ts as `tpt/core`, src/index.ts as `tpt`) is deliberate: every exported
// name has a doc comment and appears in docs/API.md under its entry point, and tpt/core's names are
// also tpt's.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const program = ts.createProgram([`${ROOT}src/index.ts`, `${ROOT}src/core.ts`], {
  allowImportingTsExtensions: true, noEmit: true, strict: true, types: ['node'],
  module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022,
});
const checker = program.getTypeChecker();

/** Every name an entry exports, with the doc comment of what it refers to. */
function exportsOf(file: string): Map<string, string> {
  const module = checker.getSymbolAtLocation(program.getSourceFile(`${ROOT}${file}`)!)!;
  return new Map(checker.getExportsOfModule(module).map((e) => {
    const target = e.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(e) : e;
    return [e.name, ts.displayPartsToString(target.getDocumentationComment(checker)).trim()];
  }));
}

const core = exportsOf('src/core.ts');
const index = exportsOf('src/index.ts');
const doc = readFileSync(`${ROOT}docs/API.md`, 'utf8');
const section = (from: string, to: string): Set<string> =>
  new Set([...doc.slice(doc.indexOf(from), to ? doc.indexOf(to) : undefined).matchAll(/`([^`]+)`/g)].flatMap((m) => m[1]!.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []));

describe('public API', () => {
  it('tpt re-exports all of tpt/core', () => {
    expect(core.size).toBeGreaterThan(100);
    expect([...core.keys()].filter((n) => !index.has(n))).toEqual([]);
  });

  it('every exported name has a doc comment', () => {
    expect([...index].filter(([, d]) => d === '').map(([n]) => n)).toEqual([]);
  });

  it('docs/API.md lists each name under its entry point', () => {
    const coreDoc = section('## tpt/core', '## tpt (Node)');
    const nodeDoc = section('## tpt (Node)', '## Stability');
    expect([...core.keys()].filter((n) => !coreDoc.has(n))).toEqual([]);
    expect([...index.keys()].filter((n) => !core.has(n) && !nodeDoc.has(n))).toEqual([]);
  });
});
