// `tpt run --params FILE.cnf --from-model MODEL`: Param values from an external SAT solver's model of a
// CNF written by `tpt synth --export-cnf`, decoded through the CNF's header.
import { readFileSync } from 'node:fs';
import { paramsFromModel, readDimacsHeader, readModel, type Diagnostic, type Sketch } from '../index.ts';
import { printDiagnostics, ReportedFailure, UserError } from './common.ts';

function read(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new UserError(`cannot read ${what} ${path}`);
  }
}

/** The Param values (indexed by variable id) that the model in `modelPath` gives the CNF in `cnfPath`. */
export function loadModelParams(sketch: Sketch, cnfPath: string, modelPath: string): Int32Array {
  const cnfText = read(cnfPath, 'CNF file');
  const modelText = read(modelPath, 'model file');
  const sources = new Map([[cnfPath, cnfText], [modelPath, modelText]]);
  const diagnostics: Diagnostic[] = [];
  const header = readDimacsHeader(cnfText, cnfPath, diagnostics);
  const model = header ? readModel(modelText, modelPath, header.variables, diagnostics) : null;
  const params = header && model ? paramsFromModel(sketch.program, header, model, cnfPath, diagnostics) : null;
  printDiagnostics(diagnostics, sources);
  if (!params) throw new ReportedFailure(1);
  return params;
}
