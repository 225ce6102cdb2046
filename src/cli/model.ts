// `tpt run --params FILE.cnf --from-model MODEL`: Param values from an external SAT solver's model of a
// CNF written by `tpt synth --export-cnf`, decoded through the CNF's header.
import { paramsFromModel, readDimacsHeader, readModel, readText, type Diagnostic, type Limits, type Sketch } from '../index.ts';
import { printDiagnostics, ReportedFailure, UserError } from './common.ts';

function read(path: string, what: string, limits: Limits): string {
  const file = readText(path, 'data-size', limits);
  if ('error' in file) throw new UserError(`${what}: ${file.error}`);
  return file.text;
}

/** The Param values (indexed by variable id) that the model in `modelPath` gives the CNF in `cnfPath`. */
export function loadModelParams(sketch: Sketch, cnfPath: string, modelPath: string, limits: Limits): Int32Array {
  const cnfText = read(cnfPath, 'CNF file', limits);
  const modelText = read(modelPath, 'model file', limits);
  const sources = new Map([[cnfPath, cnfText], [modelPath, modelText]]);
  const diagnostics: Diagnostic[] = [];
  const header = readDimacsHeader(cnfText, cnfPath, diagnostics);
  const model = header ? readModel(modelText, modelPath, header.variables, diagnostics) : null;
  const params = header && model ? paramsFromModel(sketch.program, header, model, cnfPath, diagnostics) : null;
  printDiagnostics(diagnostics, sources);
  if (!params) throw new ReportedFailure(1);
  return params;
}
