// Names a program may use without defining them: TerpreT's `dummy` module and the Python built-ins we support.
export const BUILTINS = [
  'Hyper', 'Param', 'Var', 'Input', 'Output', 'Runtime', 'Inline',
  'range', 'int', 'min', 'max', 'abs', 'True', 'False', 'None',
] as const;
