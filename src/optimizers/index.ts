// Public surface of the optimizers: the interface, the registry, option schemas and continuous updates.

export type { Optimizer, OptimizerDefinition, OptimizerProblem } from './optimizer.ts';
export type { OptionSpec, OptionValue, ResolvedOptions } from './options.ts';
export { OptionError, describeOption, resolveOptions } from './options.ts';
export { createOptimizer, formatOptimizers, getOptimizer, listOptimizers, optimizerModuleSource, registerOptimizer, resolveOptimizerOptions } from './registry.ts';
export type { OptimizerModuleSource } from './registry.ts';
export type { ContinuousRule, ContinuousSettings } from './adam.ts';
export { ContinuousUpdate, continuousOptions, continuousSettings } from './adam.ts';
