// Command-line flags for training programs with real values (`tpt synth`): their specs, in the shape
// the CLI's flag parser takes, and their translation into NetOptions. Names avoid the discrete
// optimizers' own option flags (`--lr`, `--momentum`, `--update` belong to those).
import { OptionError, type NetOptions } from '../index.ts';

export interface NetFlagSpec {
  readonly name: string;
  readonly type: 'string' | 'boolean';
  readonly value?: string;
  readonly help: string;
}

export const NET_FLAGS: readonly NetFlagSpec[] = [
  { name: 'batch-size', type: 'string', value: 'N', help: 'real programs: examples per step (default: all; 1 = stochastic)' },
  { name: 'epochs', type: 'string', value: 'N', help: 'real programs: stop after N passes over the data' },
  { name: 'no-shuffle', type: 'boolean', help: 'real programs: keep the data order in mini-batches (default: reshuffle every epoch)' },
  { name: 'real-update', type: 'string', value: 'adam|sgd|rmsprop', help: 'real programs: update of the real Params (default adam)' },
  { name: 'real-lr', type: 'string', value: 'LR', help: 'real programs: learning rate of the real Params (default 0.01; sgd 0.1)' },
  { name: 'real-momentum', type: 'string', value: 'M', help: 'real programs: SGD momentum (default 0)' },
  { name: 'target-accuracy', type: 'string', value: 'A', help: 'real programs: success at this fraction of examples solved' },
  { name: 'target-loss', type: 'string', value: 'L', help: 'real programs: success at this data loss' },
  { name: 'tolerance', type: 'string', value: 'T', help: 'real programs: a real output matches within T' },
  { name: 'squared-error', type: 'string', value: 'half|full', help: 'real programs: E = 1/2 sum (o - t)^2 or sum (o - t)^2' },
  { name: 'reduction', type: 'string', value: 'mean|sum', help: 'real programs: average or add the loss over examples' },
  { name: 'l2', type: 'string', value: 'ALPHA', help: 'real programs: add alpha/2 ||W||^2 (0 = none)' },
];

/** NetOptions from parsed flags (name -> value); throws OptionError for a malformed value. */
export function netOptionsFromFlags(flags: ReadonlyMap<string, string | boolean | readonly string[]>): NetOptions {
  const text = (name: string): string | undefined => {
    const v = flags.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const number = (name: string): number | undefined => {
    const raw = text(name);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) throw new OptionError(`--${name} must be a number, got '${raw}'`);
    return n;
  };
  const choice = <T extends string>(name: string, choices: readonly T[]): T | undefined => {
    const raw = text(name);
    if (raw !== undefined && !choices.includes(raw as T)) throw new OptionError(`--${name} must be one of ${choices.join(', ')}, got '${raw}'`);
    return raw as T | undefined;
  };
  const squared = choice('squared-error', ['half', 'full'] as const);
  const options: Record<string, unknown> = {
    batchSize: number('batch-size'),
    epochs: number('epochs'),
    shuffle: flags.get('no-shuffle') === true ? false : undefined,
    update: choice('real-update', ['adam', 'sgd', 'rmsprop'] as const),
    lr: number('real-lr'),
    momentum: number('real-momentum'),
    targetAccuracy: number('target-accuracy'),
    targetLoss: number('target-loss'),
    tolerance: number('tolerance'),
    half: squared === undefined ? undefined : squared === 'half',
    reduction: choice('reduction', ['mean', 'sum'] as const),
    l2: number('l2'),
  };
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as NetOptions;
}
