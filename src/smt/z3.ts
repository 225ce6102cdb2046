// Z3 lifetime: one initialised z3-solver API and Context per process, created on first use and shared.
import { init, killThreads } from 'z3-solver';

export type Z3Api = Awaited<ReturnType<typeof init>>;
export type Z3Context = InstanceType<Z3Api['Context']> & { readonly name: 'main' };
export type Z3Bool = ReturnType<Z3Context['Bool']['const']>;
export type Z3Int = ReturnType<Z3Context['Int']['const']>;
export type Z3BitVec = ReturnType<Z3Context['BitVec']['const']>;
export type Z3Solver = InstanceType<Z3Context['Solver']>;
export type Z3Model = ReturnType<Z3Solver['model']>;

export interface Z3Handle {
  readonly api: Z3Api;
  readonly ctx: Z3Context;
}

let handle: Promise<Z3Handle> | null = null;

/** The shared Z3 API and context; the first call loads the WebAssembly module (about a second). */
export function z3(): Promise<Z3Handle> {
  handle ??= init().then((api) => ({ api, ctx: new api.Context('main') as Z3Context }));
  return handle;
}

/** Stops Z3's worker threads so the process can exit; a later `solveSmt` initialises Z3 again. */
export async function shutdownSmt(): Promise<void> {
  if (!handle) return;
  const current = handle;
  handle = null;
  const { api } = await current;
  await killThreads(api.em);
}
