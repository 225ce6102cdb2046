// The playground's whole state, and the two ways a URL carries it: readable query parameters
// (`?example=circuit&batch=swap&optimizer=gradsearch-ls&run=1`) and a share link whose fragment holds
// the compressed state, texts included, so that it reproduces a run exactly.

export interface CompareState {
  readonly methods: readonly string[];
  readonly runs: number;
  readonly seed: number;
  readonly maxSteps: number;
  /** Seconds per run; '' = none. */
  readonly timeLimit: string;
  /** '' = no sweep, `batch`, or a Hyper's name. */
  readonly sweep: string;
  readonly values: string;
  readonly jobs: number;
}

export interface PlaygroundState {
  /** The bundled program the texts came from, if any. */
  readonly example: string | null;
  readonly name: string;
  readonly program: string;
  readonly data: string;
  readonly hypers: string;
  readonly batch: string | null;
  /** `--set` values as typed: `K=16, numGates=4`. */
  readonly sets: string;
  readonly mode: 'synth' | 'compare';
  readonly optimizer: string;
  /** The optimizer's options as typed (name -> text or boolean); unset ones take their defaults. */
  readonly options: Readonly<Record<string, string | boolean>>;
  readonly seed: number;
  /** Steps and seconds as typed; '' = none (with neither, the CLI's 60 s limit). */
  readonly maxSteps: string;
  readonly timeLimit: string;
  readonly restarts: number;
  /** Training options of programs with real values, by `tpt synth` flag name. */
  readonly net: Readonly<Record<string, string | boolean>>;
  readonly compare: CompareState;
}

/** What a readable link asks for; absent fields keep the example's or the defaults. */
export interface LinkRequest {
  readonly example?: string;
  readonly patch: Partial<Omit<PlaygroundState, 'compare'>>;
  readonly compare: Partial<CompareState>;
  readonly run: boolean;
}

const int = (text: string | null): number | undefined => (text !== null && /^\d+$/.test(text) ? Number(text) : undefined);
const list = (text: string | null): string[] | undefined => (text === null ? undefined : text.split(',').map((s) => s.trim()).filter(Boolean));

/** Reads the query parameters of a readable link. */
export function parseLink(search: string): LinkRequest {
  const q = new URLSearchParams(search);
  const patch: Record<string, unknown> = {};
  const compare: Record<string, unknown> = {};
  const put = (o: Record<string, unknown>, key: string, value: unknown): void => {
    if (value !== undefined && value !== null) o[key] = value;
  };
  put(patch, 'batch', q.get('batch'));
  put(patch, 'optimizer', q.get('optimizer'));
  put(patch, 'seed', int(q.get('seed')));
  put(patch, 'maxSteps', q.get('max-steps'));
  put(patch, 'timeLimit', q.get('time-limit'));
  put(patch, 'restarts', int(q.get('restarts')));
  const sets = q.getAll('set');
  if (sets.length > 0) patch['sets'] = sets.join(', ');
  const mode = q.get('mode');
  if (mode === 'compare' || mode === 'synth') patch['mode'] = mode;
  const options: Record<string, string> = {};
  const net: Record<string, string> = {};
  for (const [key, value] of q) {
    if (key.startsWith('opt.')) options[key.slice(4)] = value;
    if (key.startsWith('net.')) net[key.slice(4)] = value;
  }
  if (Object.keys(options).length > 0) patch['options'] = options;
  if (Object.keys(net).length > 0) patch['net'] = net;
  // In compare mode the run settings belong to the comparison.
  if (mode === 'compare') {
    put(compare, 'seed', patch['seed']);
    put(compare, 'maxSteps', int(q.get('max-steps')));
    put(compare, 'timeLimit', patch['timeLimit']);
  }
  put(compare, 'methods', list(q.get('methods')));
  put(compare, 'runs', int(q.get('runs')));
  put(compare, 'sweep', q.get('sweep'));
  put(compare, 'values', q.get('values'));
  put(compare, 'jobs', int(q.get('jobs')));
  const example = q.get('example');
  return { ...(example ? { example } : {}), patch, compare, run: q.get('run') === '1' };
}

/** Bytes as URL-safe base64 without padding. */
function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** The fragment of a share link: `s=` and the state as compressed JSON. */
export async function encodeState(state: PlaygroundState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify({ v: 1, ...state }));
  return `s=${toBase64Url(await pipe(json, new CompressionStream('deflate-raw')))}`;
}

/** The state a share link's fragment holds, or null when there is none; throws on a damaged one. */
export async function decodeState(hash: string): Promise<PlaygroundState | null> {
  const m = /(?:^#?|&)s=([A-Za-z0-9_-]+)/.exec(hash);
  if (!m) return null;
  const bytes = await pipe(fromBase64Url(m[1]!), new DecompressionStream('deflate-raw'));
  const parsed = JSON.parse(new TextDecoder().decode(bytes)) as PlaygroundState & { v?: number };
  if (parsed.v !== 1 || typeof parsed.program !== 'string') throw new Error('this link was made by another version of the playground');
  const { v: _version, ...state } = parsed;
  return state;
}
