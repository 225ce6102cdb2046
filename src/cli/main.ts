// `tpt` command-line entry: dispatches to subcommands; no stack trace ever reaches the user for bad input.
import { checkCommand } from './commands/check.ts';
import { irCommand } from './commands/ir.ts';
import { runCommand } from './commands/run.ts';
import { gradCommand } from './commands/grad.ts';
import { tapeCommand } from './commands/tape.ts';
import { synthCommand } from './commands/synth.ts';
import { optimizersCommand } from './commands/optimizers.ts';
import { compareCommand } from './commands/compare.ts';
import { mergeCommand } from './commands/merge.ts';
import { playgroundCommand } from './commands/playground.ts';
import { parseArgs, UsageError } from './args.ts';
import { ReportedFailure, UserError } from './common.ts';
import { LimitError, OptimizerModuleError, OptionError, packageVersion } from '../index.ts';
import type { Command } from './command.ts';

const COMMANDS: readonly Command[] = [synthCommand, checkCommand, runCommand, irCommand, gradCommand, tapeCommand, optimizersCommand, compareCommand, mergeCommand, playgroundCommand];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'tpt — gradient-based program synthesis for TerpreT-style sketches',
    '',
    'usage: tpt COMMAND PROGRAM [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `tpt COMMAND --help` for the options of one command; `tpt --version` prints the version.',
  ].join('\n');
}

function commandHelp(c: Command): string {
  const width = Math.max(...c.flags.map((f) => f.name.length + (f.value ? f.value.length + 1 : 0)));
  return [
    `usage: ${c.usage}`,
    '',
    c.summary,
    '',
    ...c.flags.map((f) => `  --${`${f.name}${f.value ? ` ${f.value}` : ''}`.padEnd(width)}  ${f.help}`),
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 1;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`tpt: unknown command '${name}'\n\n${usage()}\n`);
    return 1;
  }
  try {
    await command.prepare?.(rest);
    const flags = [...command.flags, ...(command.extraFlags?.(rest) ?? [])];
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(commandHelp({ ...command, flags }) + '\n');
      return 0;
    }
    const args = parseArgs(rest, flags, (flag) => command.explainFlag?.(flag, rest));
    const extra = args.positionals[command.maxPositionals ?? 1];
    if (extra !== undefined) {
      const takes = command.maxPositionals === 0 ? 'no arguments' : 'one PROGRAM';
      throw new UsageError(`unexpected argument '${extra}': tpt ${command.name} takes ${takes}`);
    }
    for (const note of args.notes) process.stderr.write(`tpt ${command.name}: note: ${note}\n`);
    return await command.run(args);
  } catch (e) {
    if (e instanceof ReportedFailure) return e.code;
    if (e instanceof LimitError) {
      process.stderr.write(`tpt ${command.name}: error[${e.code}]: ${e.message}\n`);
      return 1;
    }
    if (e instanceof UsageError || e instanceof UserError || e instanceof OptionError || e instanceof OptimizerModuleError) {
      process.stderr.write(`tpt ${command.name}: ${e.message}\n${e instanceof UsageError ? `usage: ${command.usage}\n` : ''}`);
      return 1;
    }
    throw e;
  }
}

const CLOSED_PIPE_STATUS = 128 + 13;

/**
 * A reader that went away (`tpt tape x | head`) ends tpt at once and quietly, with the status a Unix
 * tool killed by SIGPIPE has (141), so that a pipeline under `set -o pipefail` still sees the cut.
 */
function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(CLOSED_PIPE_STATUS);
  });
}
endQuietlyOnClosedPipe(process.stdout);
endQuietlyOnClosedPipe(process.stderr);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // Reaching here is a bug in tpt, not in the user's input: say so briefly; TPT_DEBUG=1 shows the trace.
    const detail = process.env['TPT_DEBUG'] ? (e instanceof Error ? e.stack : String(e)) : e instanceof Error ? e.message : String(e);
    process.stderr.write(`tpt: internal error: ${detail}\n(this is a bug in tpt; set TPT_DEBUG=1 for details)\n`);
    process.exitCode = 70;
  },
);
