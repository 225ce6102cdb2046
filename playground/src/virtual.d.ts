// Modules the build makes (scripts/build-playground.ts) and the constants it defines.
declare module 'tpt-playground:examples' {
  const examples: readonly import('./example.ts').Example[];
  export default examples;
}
declare module 'tpt-playground:reference' {
  const reference: { readonly reference: import('../../src/core.ts').PaperReference; readonly source: string } | null;
  export default reference;
}
declare const TPT_VERSION: string;
