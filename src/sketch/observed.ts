// Whether a loaded program observes anything: without an observed value (an Output with data, an
// observe_value, a real Output or a Bernoulli / Categorical draw) every assignment solves it.
import type { Program } from '../ir/ir.ts';
import { DONT_CARE, type Dataset } from '../data/dataset.ts';
import type { Diagnostic, Span } from '../util/diagnostics.ts';

/** True when no example observes any value (every Output masked or without data, no observe_value). */
export function observesNothing(program: Program, dataset: Dataset): boolean {
  if ((dataset.realOutputs?.length ?? 0) > 0 || (program.real?.bridges.length ?? 0) > 0) return false;
  return dataset.examples.every((e) => e.expected.every((v) => v === DONT_CARE));
}

/** The `nothing-observed` warning for a program that observes nothing, or null. */
export function nothingObserved(program: Program, dataset: Dataset, file: string, hasData: boolean): Diagnostic | null {
  if (!observesNothing(program, dataset)) return null;
  const output = program.groups.find((g) => g.role === 'output') ?? program.real?.tensors.find((t) => t.role === 'output');
  const empty = program.body.length === 0 && program.groups.length === 0 && !program.real;
  const span: Span = output?.span ?? { file, line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, endOffset: 0 };
  const why = empty
    ? 'the program is empty'
    : !output
      ? 'the program has no Output and no observe_value'
      : hasData
        ? `no example gives a value for ${output.name} or any other Output, and nothing is observe_value'd`
        : `there is no data file for ${output.name} or any other Output, and nothing is observe_value'd`;
  return { code: 'nothing-observed', severity: 'warning', message: `nothing is observed (${why}): every assignment solves it`, span };
}
