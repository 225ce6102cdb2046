// Names a program may use without defining them: TerpreT's `dummy` module, the Python built-ins we
// support, and the real-valued extensions (declarations, functions, bridges, training settings).

/** The real-valued extensions; src/ir/activations.ts, real-lower.ts and real-declarations.ts give them meaning. */
export const REAL_BUILTIN_NAMES: readonly string[] = [
  'Real', 'Bernoulli', 'Categorical',
  'SquaredError', 'CrossEntropy', 'L2', 'Accuracy', 'Loss', 'Training',
  'sigmoid', 'tanh', 'relu', 'leaky_relu', 'elu', 'softplus', 'arctan', 'exp', 'log', 'sin', 'cos', 'sqrt',
  'softmax', 'sum', 'mean', 'matmul', 'transpose',
];

export const BUILTINS: readonly string[] = [
  'Hyper', 'Param', 'Var', 'Input', 'Output', 'Runtime', 'Inline',
  'range', 'len', 'int', 'min', 'max', 'abs', 'True', 'False', 'None',
  ...REAL_BUILTIN_NAMES,
];
