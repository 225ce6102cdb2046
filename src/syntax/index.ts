// Public entry of the syntax stage: text -> AST with diagnostics.
export { parseModule, type ParseResult } from './parse.ts';
export type * from './ast.ts';
