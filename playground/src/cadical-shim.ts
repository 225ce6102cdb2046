// Stands in for cadical-wasm in the page's bundle (scripts/build-playground.ts): the playground runs
// every method but `sat`, which needs Node; the method menu leaves it out.
export async function createModule(): Promise<never> {
  throw new Error("sat runs under Node only: use 'npx tpt synth PROGRAM --optimizer sat', or smt here");
}

export class Cadical {}
