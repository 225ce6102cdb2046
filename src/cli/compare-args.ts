// Command-line pieces of `tpt compare`: method lists, `--sweep NAME=V1,V2`, `--shard I/N`,
// `--runs-for NAME=N`, per-method options (`--A.opt=V` or `A.opt=V`), and the reference file.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import {
  canonicalJson, defaultReferencePath, getMethod, loadReference,
  type ComparisonConfig, type MethodInfo, type PaperReference, type Shard, type Sweep,
} from '../index.ts';
import { flagBool, flagString, kebabCase, UsageError, type FlagSpec, type ParsedArgs } from './args.ts';
import { methodName, rawFlagValue, splitList } from './optimizer-modules.ts';
import { findOption, methodsWithOption, optionFlag, whoHasOption } from './option-flags.ts';

/** `a,b,./mine.mjs` -> names (each must be a known method; a module path stands for its optimizer). */
export function parseMethods(text: string | undefined): string[] {
  if (!text) throw new UsageError('--optimizers is required, e.g. --optimizers gradsearch-ra,fmgd');
  const names = splitList(text).map(methodName);
  if (names.length === 0) throw new UsageError('--optimizers lists no method');
  if (new Set(names).size !== names.length) throw new UsageError(`--optimizers names a method twice: ${text}`);
  for (const n of names) getMethod(n); // throws OptionError with the known names
  return names;
}

/** `K=4,8,16` (integers) or `batch=nand,swap` (names). */
export function parseSweep(text: string | undefined): Sweep | null {
  if (text === undefined) return null;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(text);
  if (!m) throw new UsageError(`--sweep expects NAME=V1,V2,..., got '${text}'`);
  const name = m[1]!;
  const raw = m[2]!.split(',').map((s) => s.trim()).filter(Boolean);
  if (new Set(raw).size !== raw.length) throw new UsageError(`--sweep repeats a value: ${text}`);
  if (name === 'batch') return { name, values: raw };
  const values = raw.map((v) => {
    if (!/^-?\d+$/.test(v)) throw new UsageError(`--sweep ${name}: values of a Hyper are integers, got '${v}'`);
    return Number(v);
  });
  return { name, values };
}

/** `I/N` with 0 <= I < N. */
export function parseShard(text: string | undefined): Shard | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index >= count) throw new UsageError(`--shard expects I/N with 0 <= I < N, got '${text}'`);
  return { index, count };
}

/** Repeated `--runs-for NAME=N`. */
export function parseRunsFor(entries: readonly string[], methods: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of entries) {
    const m = /^([^=]+)=(\d+)$/.exec(e);
    if (!m) throw new UsageError(`--runs-for expects NAME=N, got '${e}'`);
    if (!methods.includes(m[1]!)) throw new UsageError(`--runs-for ${m[1]}: not among --optimizers`);
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

/** The `--optimizers` entries from raw argv (needed before parsing, to know the option flags). */
export function methodsInArgv(argv: readonly string[]): string[] {
  return splitList(rawFlagValue(argv, 'optimizers'));
}

/** The methods of `--optimizers` that are module paths: method name -> path. */
export function parseModules(text: string | undefined): Record<string, string> {
  return Object.fromEntries(splitList(text).filter((e) => methodName(e) !== e).map((e) => [methodName(e), e]));
}

/** One flag `--A.opt` (kebab-case) per option of every listed method. */
export function methodOptionFlags(argv: readonly string[]): FlagSpec[] {
  const flags: FlagSpec[] = [];
  for (const name of methodsInArgv(argv).map(methodName)) {
    let method: MethodInfo;
    try {
      method = getMethod(name);
    } catch {
      continue; // reported when the command runs
    }
    for (const o of method.options) flags.push(optionFlag(method, o, `${name}.`));
  }
  return flags;
}

/** An unknown flag of tpt compare that is a method option written without (or with the wrong) method. */
export function explainMethodFlag(flag: string, argv: readonly string[]): string | undefined {
  const dot = flag.indexOf('.');
  const listed = methodsInArgv(argv).map(methodName);
  if (dot < 0) {
    const who = whoHasOption(flag);
    if (!who) return undefined;
    const owners = methodsWithOption(flag).map((m) => m.name);
    const owner = owners.find((m) => listed.includes(m)) ?? owners[0]!;
    return `${who}; in tpt compare a method option names its method: --${owner}.${kebabCase(flag)}=V or ${owner}.${kebabCase(flag)}=V`;
  }
  const method = flag.slice(0, dot);
  if (!listed.includes(method)) return `'${method}' is not among --optimizers (${listed.join(', ') || 'none given'})`;
  const who = whoHasOption(flag.slice(dot + 1));
  return `${method} has no option '${flag.slice(dot + 1)}'${who ? `; ${who}` : ''} (tpt optimizers lists every option)`;
}

/**
 * Method options from `--A.opt=V` flags and `A.opt=V` positionals (after PROGRAM), keyed by the
 * schema's option names; a camelCase spelling is accepted with a note on stderr.
 */
export function parseMethodOptions(args: ParsedArgs, methods: readonly string[]): Record<string, Record<string, string>> {
  const options: Record<string, Record<string, string>> = {};
  const set = (method: string, opt: string, value: string, from: string): void => {
    if (!methods.includes(method)) throw new UsageError(`${from}: '${method}' is not among --optimizers`);
    const spec = findOption(getMethod(method), opt);
    if (!spec) throw new UsageError(`${from}: ${method} has no option '${opt}'; known: ${getMethod(method).options.map((o) => kebabCase(o.name)).join(', ') || 'none'}`);
    if (opt !== kebabCase(spec.name)) process.stderr.write(`tpt compare: note: ${from}: ${opt} is written ${kebabCase(spec.name)}\n`);
    (options[method] ??= {})[spec.name] = value;
  };
  for (const [flag, value] of args.flags) {
    const dot = flag.indexOf('.');
    if (dot > 0 && typeof value === 'string') set(flag.slice(0, dot), flag.slice(dot + 1), value, `--${flag}`);
  }
  for (const p of args.positionals.slice(1)) {
    const m = /^([^.=\s]+)\.([A-Za-z_][A-Za-z0-9_-]*)=(.*)$/.exec(p);
    if (!m) throw new UsageError(`unexpected argument '${p}' (method options are written METHOD.OPTION=VALUE)`);
    set(m[1]!, m[2]!, m[3]!, p);
  }
  return options;
}

/** The default results directory: `results/<program stem>-<hash of the comparison>`. */
export function defaultOutDir(config: ComparisonConfig): string {
  const hash = createHash('sha256').update(canonicalJson(config)).digest('hex').slice(0, 8);
  return `results/${basename(config.program).replace(/\.tpt$/, '')}-${hash}`;
}

/** `--reference FILE`, `--no-reference`, or the paper's numbers shipped with tpt. */
export function referenceFromArgs(args: ParsedArgs): { reference?: PaperReference; referenceSource?: string } {
  if (flagBool(args, 'no-reference')) return {};
  const path = flagString(args, 'reference') ?? defaultReferencePath();
  try {
    return { reference: loadReference(path), referenceSource: path };
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** The flags shared by compare and merge for reference numbers. */
export const REFERENCE_FLAGS: readonly FlagSpec[] = [
  { name: 'reference', type: 'string', value: 'FILE', help: 'published numbers to show beside ours (default: the paper\'s Tables 1 and 2, reference/gradsearch-paper.json in the tpt package)' },
  { name: 'no-reference', type: 'boolean', help: 'show no reference numbers' },
];
