// The exact solvers from the command line: tpt synth --optimizer sat, the exported instances, and a
// SAT model of the exported CNF checked by tpt run --from-model.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dimacsClauses, readDimacsHeader, runSolver } from '../../src/sat/index.ts';
import { tpt } from './run-cli.ts';
import { tempDir } from '../temp-dir.ts';

const dir = tempDir('tpt-sat-');
const PROGRAM = 'programs/circuit/circuit.tpt';

describe('tpt synth --optimizer sat', () => {
  it('solves shift and reports the solver time and conflicts', () => {
    const outPath = join(dir, 'shift.json');
    const r = tpt(['synth', PROGRAM, '--batch', 'shift', '--optimizer', 'sat', '--out', outPath]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^solved by sat \(seed 1\) in [\d.]+ s \(CaDiCaL solving [\d.]+ s, [\d,]+ conflicts\), encoding \d+ ms$/m);
    expect(r.stdout).toContain('8/8 examples solved');
    const result = JSON.parse(readFileSync(outPath, 'utf8'));
    expect(result).toMatchObject({ success: true, optimizer: 'sat', options: { encoding: 'onehot', solver: 'cadical' } });
    expect(result.sat.conflicts).toBeGreaterThan(0);
    expect(tpt(['run', PROGRAM, '--batch', 'shift', '--params', outPath]).code).toBe(0);
  });
});

describe('exported instances', () => {
  it('writes a DIMACS file whose model, decoded by tpt run --from-model, solves the examples', async () => {
    const cnf = join(dir, 'fa.cnf');
    const smt2 = join(dir, 'fa.smt2');
    const r = tpt(['synth', PROGRAM, '--batch', 'full_adder', '--export-cnf', cnf, '--export-smt2', smt2, '--optimizer', 'sat', '--encoding', 'order']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/wrote .*fa\.cnf: \d+ variables, \d+ clauses \(encoding order\)/);
    const text = readFileSync(cnf, 'utf8');
    expect(text).toMatch(/^c tpt: programs\/circuit\/circuit\.tpt, batch full_adder/);
    expect(text).toContain('c param "gate[0]" 0 ');
    const smtText = readFileSync(smt2, 'utf8');
    expect(smtText).toContain('(declare-fun |gate[0]=0| () Bool)');
    expect(smtText.trimEnd().endsWith('(check-sat)\n(get-model)')).toBe(true);

    // Solve the file as an external solver would and write the model in the competition format.
    const header = readDimacsHeader(text, cnf, [])!;
    const answer = await runSolver('cadical', dimacsClauses(text, header), { seconds: 60 });
    const lits = Array.from({ length: header.variables }, (_, i) => (answer.model![i + 1] ? i + 1 : -(i + 1)));
    const model = join(dir, 'fa.model');
    writeFileSync(model, `c from a SAT solver\ns SATISFIABLE\nv ${lits.join(' ')} 0\n`);
    const run = tpt(['run', PROGRAM, '--batch', 'full_adder', '--params', cnf, '--from-model', model]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/#\s+gate\s+in1\s+in2\s+out/);
    expect(run.stdout).toContain('8/8 examples solved');

    // An UNSAT answer, and a CNF of another task (adder2 has more gates), are explained.
    writeFileSync(join(dir, 'unsat.model'), 's UNSATISFIABLE\n');
    const bad = tpt(['run', PROGRAM, '--batch', 'full_adder', '--params', cnf, '--from-model', join(dir, 'unsat.model')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/unsat\.model:1:1: error\[model-unsat\]/);
    const other = tpt(['run', PROGRAM, '--batch', 'adder2', '--params', cnf, '--from-model', model]);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/error\[params-missing\]: .* has no literals for \d+ Params/);
  });
});
