// The Z3 backend's public surface: solveSmt, its options and result, the registry description, shutdown.
export { solveSmt, smt2Text, DEFAULT_ENCODING, defaultLogic, type SmtOptions, type SmtResult, type SmtStatus } from './solve.ts';
export { ENCODINGS, type EncodingName } from './encoding.ts';
export { smtBackend, type SmtBackend, type SmtOptionSpec } from './describe.ts';
export { shutdownSmt } from './z3.ts';
