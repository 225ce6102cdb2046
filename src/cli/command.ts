// The shape of one `tpt` subcommand.
import type { FlagSpec, ParsedArgs } from './args.ts';

export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly flags: readonly FlagSpec[];
  /** Runs before the flags are parsed: loads the optimizer modules the arguments name. */
  readonly prepare?: (argv: readonly string[]) => Promise<void>;
  /** Extra flags that depend on the arguments themselves (e.g. the chosen optimizer's options). */
  readonly extraFlags?: (argv: readonly string[]) => readonly FlagSpec[];
  /** More about an unknown flag (`--tau` is an option of bop), given the whole argv. */
  readonly explainFlag?: (flag: string, argv: readonly string[]) => string | undefined;
  /** Positional arguments it takes at most (default 1, the PROGRAM). */
  readonly maxPositionals?: number;
  /** Returns the exit code. */
  run(args: ParsedArgs): number | Promise<number>;
}
