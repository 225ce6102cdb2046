// The elementwise functions of real expressions, each with its derivative beside it (the activation
// table of the seed lecture 004). Shared by lowering (names), the exact interpreter and the relaxed ops.

/** The elementwise functions of real expressions. */
export type UnaryFn =
  | 'neg' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'elu' | 'softplus' | 'arctan'
  | 'exp' | 'log' | 'sin' | 'cos' | 'sqrt' | 'pow';

/** An elementwise function with its derivative. */
export interface Activation {
  readonly name: UnaryFn;
  /** Callable by this name in a program (`neg` and `pow` come from `-x` and `x ** k`). */
  readonly callable: boolean;
  /** Default of the optional parameter (leaky_relu slope, elu scale; pow's exponent is required). */
  readonly alpha: number;
  /** f(x). */
  f(x: number, alpha: number): number;
  /** f'(x), given x and y = f(x). */
  df(x: number, y: number, alpha: number): number;
  /** Where finite differences are meaningful (away from kinks and outside the domain). */
  smoothAt(x: number, alpha: number): boolean;
}

const anywhere = (): boolean => true;
const awayFromZero = (x: number): boolean => Math.abs(x) > 1e-3;
const positive = (x: number): boolean => x > 1e-3;

/** Logistic sigmoid without overflow for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** log(1 + e^x) without overflow. */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

const table: readonly Activation[] = [
  { name: 'neg', callable: false, alpha: 0, f: (x) => -x, df: () => -1, smoothAt: anywhere },
  { name: 'sigmoid', callable: true, alpha: 0, f: sigmoid, df: (_x, y) => y * (1 - y), smoothAt: anywhere },
  { name: 'tanh', callable: true, alpha: 0, f: Math.tanh, df: (_x, y) => 1 - y * y, smoothAt: anywhere },
  { name: 'relu', callable: true, alpha: 0, f: (x) => (x >= 0 ? x : 0), df: (x) => (x >= 0 ? 1 : 0), smoothAt: awayFromZero },
  {
    name: 'leaky_relu', callable: true, alpha: 0.01,
    f: (x, a) => (x >= 0 ? x : a * x), df: (x, _y, a) => (x >= 0 ? 1 : a), smoothAt: awayFromZero,
  },
  {
    name: 'elu', callable: true, alpha: 1,
    f: (x, a) => (x >= 0 ? x : a * Math.expm1(x)), df: (x, y, a) => (x >= 0 ? 1 : y + a), smoothAt: awayFromZero,
  },
  { name: 'softplus', callable: true, alpha: 0, f: softplus, df: (x) => sigmoid(x), smoothAt: anywhere },
  { name: 'arctan', callable: true, alpha: 0, f: Math.atan, df: (x) => 1 / (x * x + 1), smoothAt: anywhere },
  { name: 'exp', callable: true, alpha: 0, f: Math.exp, df: (_x, y) => y, smoothAt: anywhere },
  { name: 'log', callable: true, alpha: 0, f: Math.log, df: (x) => 1 / x, smoothAt: positive },
  { name: 'sin', callable: true, alpha: 0, f: Math.sin, df: (x) => Math.cos(x), smoothAt: anywhere },
  { name: 'cos', callable: true, alpha: 0, f: Math.cos, df: (x) => -Math.sin(x), smoothAt: anywhere },
  { name: 'sqrt', callable: true, alpha: 0, f: Math.sqrt, df: (_x, y) => 0.5 / y, smoothAt: positive },
  {
    name: 'pow', callable: false, alpha: 1,
    f: (x, a) => Math.pow(x, a), df: (x, _y, a) => (a === 0 ? 0 : a * Math.pow(x, a - 1)),
    // Integer exponents are smooth everywhere; others only for x > 0.
    smoothAt: (x, a) => Number.isInteger(a) || x > 1e-3,
  },
];

/** Every elementwise function, in a stable order. */
export const ACTIVATIONS: ReadonlyMap<UnaryFn, Activation> = new Map(table.map((a) => [a.name, a]));

/** The function a program calls by `name` (sigmoid, tanh, ...), if there is one. */
export function callableActivation(name: string): Activation | undefined {
  const a = ACTIVATIONS.get(name as UnaryFn);
  return a?.callable ? a : undefined;
}

/** The entry for `fn` (always present). */
export function activation(fn: UnaryFn): Activation {
  return ACTIVATIONS.get(fn)!;
}
