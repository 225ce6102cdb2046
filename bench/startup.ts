// `npm run bench:startup`: how fast `tpt` starts from an installed package, and what the build
// choices cost. The shipped build (packed and installed into a fresh project, as a user gets it) is
// timed beside alternatives built from the same sources — the shipped bundle with one start-up
// saving undone, esbuild with chevrotain left to node_modules, tsc's per-file output — and bare
// `node`, in alternating rounds so that load on the machine falls on every variant alike. Also
// times each build once.
//
//   npm run bench:startup [-- --rounds N] [--also NAME=COMMAND ...]
//
// `--also` adds any other command line to the rounds, e.g. an older checkout's launcher:
// `--also "before=node /tmp/tpt-old/bin/tpt.mjs"`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { bundleOptions } from '../scripts/build.ts';
import { installPacked } from '../scripts/install-packed.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Variants live under the repository so that they resolve chevrotain from its node_modules. */
const WORK = join(ROOT, 'node_modules', '.cache', 'tpt-startup');

interface Variant {
  readonly name: string;
  /** The command line that runs `tpt` (arguments follow). */
  readonly argv: readonly string[];
}

function parseArgs(argv: readonly string[]): { rounds: number; also: Variant[] } {
  let rounds = 15;
  const also: Variant[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--rounds') rounds = Number(argv[++i]);
    else if (a === '--also') {
      const [name, ...command] = (argv[++i] ?? '').split('=');
      if (!name || command.length === 0) throw new Error('--also takes NAME=COMMAND');
      also.push({ name, argv: command.join('=').split(' ').filter(Boolean) });
    } else throw new Error(`unknown flag ${a}; known: --rounds N, --also NAME=COMMAND`);
  }
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a positive integer');
  return { rounds, also };
}

function seconds(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return (performance.now() - t0) / 1000;
}

function run(argv: readonly string[], cwd = ROOT): void {
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}`);
}

/** Replaces `from` by `to` in the source file ending in `file` as esbuild loads it. */
function patch(file: string, from: string, to: string): Plugin {
  return {
    name: `patch ${file}`,
    setup(b) {
      b.onLoad({ filter: new RegExp(`${file.replace(/[./]/g, '\\$&')}$`) }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes(from)) throw new Error(`${file} no longer contains ${JSON.stringify(from)}`);
        return { contents: text.replace(from, to), loader: 'ts' };
      });
    },
  };
}

/** The shipped bundle's settings with other externals or a patched source, into WORK/name. */
async function bundleVariant(name: string, external: readonly string[], plugins: Plugin[] = []): Promise<number> {
  const out = join(WORK, name);
  rmSync(out, { recursive: true, force: true });
  const t0 = performance.now();
  await build({ ...bundleOptions(out, external), plugins });
  return (performance.now() - t0) / 1000;
}

/** tsc's per-file output (each source file its own module), imports rewritten from .ts to .js. */
function emitPerFile(): number {
  const out = join(WORK, 'tsc');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const config = join(WORK, 'tsconfig.json');
  writeFileSync(config, JSON.stringify({
    extends: join(ROOT, 'tsconfig.json'),
    compilerOptions: { noEmit: false, rootDir: ROOT, outDir: out, rewriteRelativeImportExtensions: true, sourceMap: true, declaration: true },
    include: [join(ROOT, 'src'), join(ROOT, 'grammar')],
  }));
  return seconds(() => run([process.execPath, join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config]));
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const { rounds, also } = parseArgs(process.argv.slice(2));
process.stderr.write('packing and installing tpt into a fresh project ...\n');
const installed = await installPacked();
process.stderr.write('building the alternatives ...\n');
const buildSeconds = {
  'esbuild bundle (shipped)': seconds(() => run([process.execPath, '--import', 'tsx', join(ROOT, 'scripts', 'build.ts'), '--js'])),
  'tsc declarations (shipped)': seconds(() => run([process.execPath, '--import', 'tsx', join(ROOT, 'scripts', 'build.ts'), '--types'])),
  'esbuild bundle, chevrotain external': await bundleVariant('bundle-external', ['z3-solver', 'chevrotain']),
  'tsc per-file JavaScript and declarations': emitPerFile(),
};
// The two start-up savings of the shipped code, each undone in a variant of its bundle.
await bundleVariant('validations', ['z3-solver'], [patch('grammar/parser.ts', '{ validate = false }', '{ validate = true }')]);
await bundleVariant('eager-z3', ['z3-solver'], [patch('src/smt/z3.ts', "import type { init, ", "import 'z3-solver';\nimport type { init, ")]);

const node = process.execPath;
const variants: Variant[] = [
  { name: 'installed package (shipped)', argv: [installed.bin] },
  { name: 'shipped + grammar validations', argv: [node, join(WORK, 'validations', 'cli.js')] },
  { name: 'shipped + z3-solver at start', argv: [node, join(WORK, 'eager-z3', 'cli.js')] },
  { name: 'bundle, chevrotain external', argv: [node, join(WORK, 'bundle-external', 'cli.js')] },
  { name: 'tsc per file', argv: [node, join(WORK, 'tsc', 'src', 'cli', 'bin.js')] },
  ...also,
];
const program = join(installed.packageDir, 'programs', 'circuit', 'circuit.tpt');
const commands: readonly (readonly string[])[] = [['--help'], ['check', program], ['synth', program, '--batch', 'swap']];
const floor = [node, '-e', '0'];

// Warm the file cache, then time every (variant, command) once per round, rotating the order.
for (const v of variants) for (const c of commands) run([...v.argv, ...c], installed.project);
const times = new Map<string, number[]>();
const record = (key: string, t: number): void => void times.set(key, [...(times.get(key) ?? []), t]);
for (let r = 0; r < rounds; r++) {
  record('node -e 0', seconds(() => run(floor)));
  for (let i = 0; i < variants.length; i++) {
    const v = variants[(i + r) % variants.length]!;
    for (const c of commands) record(`${v.name}\t${c[0]}`, seconds(() => run([...v.argv, ...c], installed.project)));
  }
  process.stderr.write(`round ${r + 1}/${rounds}\n`);
}

const ms = (s: number): string => `${(s * 1000).toFixed(0)} ms`;
console.log(`tpt start-up, ${rounds} alternating rounds, median (min) wall time per command; node ${process.version}\n`);
console.log(`${'variant'.padEnd(30)}  ${commands.map((c) => c[0]!.padStart(16)).join('  ')}`);
for (const v of variants) {
  const cells = commands.map((c) => {
    const xs = times.get(`${v.name}\t${c[0]}`)!;
    return `${ms(median(xs))} (${ms(Math.min(...xs))})`.padStart(16);
  });
  console.log(`${v.name.padEnd(30)}  ${cells.join('  ')}`);
}
const nodeTimes = times.get('node -e 0')!;
console.log(`${'node -e 0'.padEnd(30)}  ${`${ms(median(nodeTimes))} (${ms(Math.min(...nodeTimes))})`.padStart(16)}`);
console.log('\nbuild times (one run each):');
for (const [name, s] of Object.entries(buildSeconds)) console.log(`  ${name.padEnd(42)} ${s.toFixed(1)} s`);
rmSync(dirname(installed.project), { recursive: true, force: true });
