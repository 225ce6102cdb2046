// Realistic TerpreT v2 model text parses unchanged: comments everywhere, CRLF, no final newline, programs/.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseModule } from '../../src/syntax/parse.ts';
import { parseOk, shapes } from './show.ts';

// Blank lines below deliberately carry trailing spaces and tabs.
const circuit = `# A circuit model in the style of TerpreT's
from dummy import Hyper, Param, Var, Runtime, Input, Output, Inline

numWires = Hyper()   # number of wires
numGates = Hyper()
numOutputs = Hyper()
   
@Runtime([2, 2], 2)
def AND(a, b): return int(a and b)
\t
@Runtime([2, 2], 2)
def XOR(a, b): return int(a ^ b)

@Runtime([2], 2)
def NOT(a):
    # a comment inside a body
    return int(not a)

@Runtime([numWires, numWires], 2)
def EqualityTest(a, b): return 1 if a == b else 0

gate = Param(4)[numGates]
in1 = Param(numWires)[numGates]
out = Param(numWires)[numGates]
initial_wires = Input(2)[numWires]
final_wires = Output(2)[numOutputs]
wires = Var(2)[numGates + 1, numWires]
tmpDoWrite = Var(2)[numGates,
                    numWires]  # bracket continuation
tmp = Var(2)[numGates]

for w in range(numWires):
    wires[0, w].set_to(initial_wires[w])

for g in range(numGates):
    with in1[g] as i1:
        tmp[g].set_to(wires[g, i1])
    if gate[g] == 0:
        # comment before a statement
        tmp[g].set_to(AND(tmp[g], tmp[g]))
    elif gate[g] == 1: tmp[g].set_to(XOR(tmp[g],
                                         tmp[g]))
    else:
        tmp[g].set_to(tmp[g])

    for w in range(numWires):
        tmpDoWrite[g, w].set_to(EqualityTest(out[g], w))
        if tmpDoWrite[g, w] == 1:
            wires[g + 1, w].set_to(tmp[g])
        else:
            wires[g + 1, w].set_to(wires[g, w])

for o in range(numOutputs):
    final_wires[o].set_to(wires[numGates, o])  # trailing comment, no newline at the end of the file`;

describe('a TerpreT v2 circuit model', () => {
  it('parses to the expected top-level statements', () => {
    const body = parseOk(circuit);
    expect(body.map((s) => s.kind)).toEqual([
      'import', 'assign', 'assign', 'assign', 'def', 'def', 'def', 'def',
      'assign', 'assign', 'assign', 'assign', 'assign', 'assign', 'assign', 'assign', 'for', 'for', 'for',
    ]);
  });

  it('builds the gate loop faithfully', () => {
    const loop = shapes(circuit)[17];
    expect(loop).toBe(
      'for g in (call range numGates) {' +
        'with (index in1 g) as i1 {(call (. (index tmp g) set_to) (index wires g i1))}; ' +
        'if (== (index gate g) 0) {(call (. (index tmp g) set_to) (call AND (index tmp g) (index tmp g)))} ' +
        'elif (== (index gate g) 1) {(call (. (index tmp g) set_to) (call XOR (index tmp g) (index tmp g)))} ' +
        'else {(call (. (index tmp g) set_to) (index tmp g))}; ' +
        'for w in (call range numWires) {(call (. (index tmpDoWrite g w) set_to) (call EqualityTest (index out g) w)); ' +
        'if (== (index tmpDoWrite g w) 1) {(call (. (index wires (+ g 1) w) set_to) (index tmp g))} ' +
        'else {(call (. (index wires (+ g 1) w) set_to) (index wires g w))}}}',
    );
  });

  it('gives the same tree with CRLF line endings, with old-Mac CR endings, and with a final newline', () => {
    const expected = shapes(circuit);
    expect(shapes(circuit.replace(/\n/g, '\r\n'))).toEqual(expected);
    expect(shapes(circuit.replace(/\n/g, '\r'))).toEqual(expected);
    expect(shapes(`${circuit}\n\n`)).toEqual(expected);
  });

  it('gives CRLF spans the same lines and columns as LF spans', () => {
    const lf = parseModule(circuit, 'c.tpt').module!.body;
    const crlf = parseModule(circuit.replace(/\n/g, '\r\n'), 'c.tpt').module!.body;
    const position = (s: { span: { line: number; column: number; endLine: number; endColumn: number } }) =>
      [s.span.line, s.span.column, s.span.endLine, s.span.endColumn];
    expect(crlf.map(position)).toEqual(lf.map(position));
  });
});

describe('programs/', () => {
  const root = fileURLToPath(new URL('../../programs', import.meta.url));
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tpt'));
  it.each(files)('%s parses', (file) => {
    const result = parseModule(readFileSync(join(root, file), 'utf8'), file);
    expect(result.diagnostics).toEqual([]);
    expect(result.module?.body.length).toBeGreaterThan(0);
  });
});
