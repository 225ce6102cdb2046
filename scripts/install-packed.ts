// Packs tpt as `npm publish` would and installs the tarball into a fresh project, as a user would:
// what the package test (test/package/) and the start-up benchmark (bench/startup.ts) run against.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackage } from './build.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface InstalledPackage {
  /** The consumer project: package.json, node_modules/. */
  readonly project: string;
  /** node_modules/tpt inside it. */
  readonly packageDir: string;
  /** The installed executable, node_modules/.bin/tpt. */
  readonly bin: string;
  readonly tarball: string;
}

/** Runs npm with `args` in `cwd`; throws with npm's output when it fails. */
function npm(args: readonly string[], cwd: string): string {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/**
 * Brings dist/ up to date, packs the repository (`npm pack`, its files as published) into `root`,
 * and installs the tarball into `root/project` with npm's cache preferred: on a machine where
 * `npm ci` has run, nothing is downloaded.
 */
export async function installPacked(root: string = mkdtempSync(join(tmpdir(), 'tpt-package-'))): Promise<InstalledPackage> {
  await buildPackage(['js', 'types'], true);
  // `prepare` would rebuild dist/, which is current: pack what is built.
  const packed = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', root], ROOT)) as { filename: string }[];
  const tarball = join(root, packed[0]!.filename);
  const project = join(root, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'tpt-consumer', private: true, type: 'module' }, null, 2)}\n`);
  npm(['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], project);
  return { project, packageDir: join(project, 'node_modules', 'tpt'), bin: join(project, 'node_modules', '.bin', 'tpt'), tarball };
}
