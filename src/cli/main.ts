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
import { parseArgs, UsageError } from './args.ts';
import { ReportedFailure, UserError } from './common.ts';
import { LimitError, OptionError } from '../index.ts';
import type { Command } from './command.ts';

const COMMANDS: readonly Command[] = [synthCommand, checkCommand, runCommand, irCommand, gradCommand, tapeCommand, optimizersCommand, compareCommand, mergeCommand];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'tpt — gradient-based program synthesis for TerpreT-style sketches',
    '',
    'usage: tpt COMMAND PROGRAM [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `tpt COMMAND --help` for the options of one command.',
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
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`tpt: unknown command '${name}'\n\n${usage()}\n`);
    return 1;
  }
  try {
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
    if (e instanceof UsageError || e instanceof UserError || e instanceof OptionError) {
      process.stderr.write(`tpt ${command.name}: ${e.message}\n${e instanceof UsageError ? `usage: ${command.usage}\n` : ''}`);
      return 1;
    }
    throw e;
  }
}

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
