// Published reference numbers (the GradSearch paper's Tables 1 and 2) for the cells of a comparison:
// the parity chain by K, the circuit tasks by batch; shipped with tpt in reference/ (reference-file.ts
// finds and reads the file).

/** One published number: success % and mean steps (Table 1), or seconds (Table 2), or "not solved". */
export type ReferenceCell =
  | { readonly kind: 'steps'; readonly successPct: number; readonly steps: number | null }
  | { readonly kind: 'seconds'; readonly successPct: number | null; readonly seconds: number }
  | { readonly kind: 'unsolved'; readonly note: string };

/** The reference file's shape (see reference/gradsearch-paper.json). */
export interface PaperReference {
  readonly source?: string;
  readonly parity_chain?: { readonly K: readonly number[]; readonly rows: Readonly<Record<string, readonly (readonly [number, number | null])[]>> };
  readonly circuits?: { readonly rows: Readonly<Record<string, Readonly<Record<string, unknown>>>> };
}

/** The file name of the paper's numbers in tpt's `reference/` folder. */
export const REFERENCE_FILE = 'gradsearch-paper.json';

/** Our method names where the paper's differ (fmgd-entropy is our closest to its "regularized" FMGD). */
const PAPER_NAME: Readonly<Record<string, string>> = { 'fmgd-entropy': 'fmgd-regularized' };
/** Our circuit batch names where the paper's differ. */
const PAPER_TASK: Readonly<Record<string, string>> = { adder2: 'adder' };

/** Which table a program belongs to, from its file name: `parity`, `circuit`, or null. */
export function benchmarkOf(program: string): 'parity' | 'circuit' | null {
  const stem = program.replace(/^.*[\\/]/, '').replace(/\.tpt$/, '');
  if (stem === 'parity_chain') return 'parity';
  if (stem === 'circuit') return 'circuit';
  return null;
}

/**
 * The published number for `optimizer` on `program` with these hypers and batch, or undefined when
 * the paper has none (not one of its benchmarks, sizes or methods).
 */
export function referenceCell(
  ref: PaperReference,
  program: string,
  optimizer: string,
  hypers: Readonly<Record<string, number>>,
  batch: string | null,
): ReferenceCell | undefined {
  const name = PAPER_NAME[optimizer] ?? optimizer;
  const bench = benchmarkOf(program);
  if (bench === 'parity' && ref.parity_chain && hypers['K'] !== undefined) {
    const i = ref.parity_chain.K.indexOf(hypers['K']);
    const cell = i >= 0 ? ref.parity_chain.rows[name]?.[i] : undefined;
    return cell ? { kind: 'steps', successPct: cell[0], steps: cell[1] } : undefined;
  }
  if (bench === 'circuit' && ref.circuits && batch !== null) {
    const row = ref.circuits.rows[PAPER_TASK[batch] ?? batch];
    if (!row) return undefined;
    const key = name === 'smt' ? 'z3_s' : name;
    if (!(key in row)) return undefined;
    const value = row[key];
    if (value === null) return { kind: 'unsolved', note: 'not solved in 1 h' };
    if (typeof value === 'number') return { kind: 'seconds', successPct: null, seconds: value };
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number') {
      return { kind: 'seconds', successPct: value[1], seconds: value[0] };
    }
  }
  return undefined;
}

/** A short text for a reference cell: `100% / 11.86`, `100% / 0.43 s`, `0.14 s`, `×`. */
export function formatReference(cell: ReferenceCell): string {
  switch (cell.kind) {
    case 'steps':
      return `${cell.successPct}% / ${cell.steps === null ? '-' : cell.steps}`;
    case 'seconds':
      return `${cell.successPct === null ? '' : `${cell.successPct}% / `}${cell.seconds} s`;
    case 'unsolved':
      return '×';
  }
}
