// The playground's worker: runs one synthesis or one planned comparison run at a time with tpt's
// public API, posting progress and the result, so the page stays responsive. Z3's script is loaded
// the first time a run asks for `smt`.
import {
  canonicalJson, executeRun, formatAssignment, formatSynthesis, paramsToJson,
  plotShape, plotSynthesis, renderDiagnostic, runMethod, SketchCache, SketchLoadError, synthesisJson, type Progress,
} from '../../src/core.ts';
import type { CompareRunRequest, FromWorker, SynthRequest, ToWorker } from './protocol.ts';
import { netOptions } from './fields.ts';
import { loadTexts, textLoader } from './sketch-texts.ts';

/** The parts of a dedicated worker's global scope used here (the page's TypeScript lib is the DOM's). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
  importScripts(...urls: string[]): void;
  readonly location: { readonly href: string };
  readonly crossOriginIsolated: boolean;
  initZ3?: (overrides: Record<string, unknown>) => Promise<unknown>;
}
const scope = self as unknown as WorkerScope;
const post = (m: FromWorker): void => scope.postMessage(m);

/** Loads Z3's Emscripten script once; its threads start from the same URL and find the .wasm beside it. */
function loadZ3(): void {
  if (scope.initZ3) return;
  if (!scope.crossOriginIsolated) {
    throw new Error(
      'smt needs Z3\'s threads, which need a cross-origin isolated page: serve the playground with `npx tpt playground`, ' +
        'or from a server that sends Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp',
    );
  }
  const url = new URL('z3/z3-built.js', scope.location.href).href;
  scope.importScripts(url);
  const initZ3 = scope.initZ3!;
  scope.initZ3 = (overrides) => initZ3({ ...overrides, mainScriptUrlOrBlob: url, locateFile: (file: string) => new URL(file, url).href });
}

async function synth(request: SynthRequest): Promise<void> {
  const loaded = loadTexts(request.texts, request.choice);
  const sketch = loaded.sketch;
  if (!sketch) {
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    return post({ type: 'error', message: `${errors.length} error${errors.length === 1 ? '' : 's'} in ${request.texts.name}`, details: errors.map((d) => renderDiagnostic(d, loaded.sources)) });
  }
  if (request.optimizer === 'smt') loadZ3();
  let shown = '';
  const t0 = performance.now();
  const s = await runMethod(sketch, {
    optimizer: request.optimizer,
    options: request.options,
    seed: request.seed,
    maxSteps: request.maxSteps,
    restarts: request.restarts,
    ...(request.timeLimitSeconds !== undefined ? { timeLimitSeconds: request.timeLimitSeconds } : {}),
    net: netOptions(request.net),
    ...(request.stop ? { stop: request.stop } : {}),
    progressIntervalSeconds: 0.1,
    onProgress: (p: Progress) => {
      if (p.done) return;
      // The annotated program is rebuilt only when the best assignment changed.
      const key = p.assignment ? p.assignment.join(',') : '';
      const params = key !== shown && p.assignment ? paramsToJson(sketch.program, p.assignment) : undefined;
      shown = key;
      post({
        type: 'progress', step: p.step, loss: p.loss, bestLoss: p.bestLoss, stepsPerSecond: p.stepsPerSecond, elapsedSeconds: p.elapsedSeconds,
        ...(p.examplesSolved !== undefined ? { examplesSolved: p.examplesSolved } : {}),
        ...(params ? { params, assignmentText: formatAssignment(sketch, params) } : {}),
      });
    },
  });
  post({
    type: 'result',
    success: s.result.success,
    text: formatSynthesis(sketch, s, 'the Stop button'),
    json: synthesisJson(sketch, s, { program: request.texts.name, version: TPT_VERSION, wallSeconds: (performance.now() - t0) / 1000 }),
    lossCurve: s.result.lossCurve,
    examplesSolved: s.examplesSolved,
    examples: sketch.dataset.examples.length,
    assignmentText: formatAssignment(sketch, s.params),
    fitSvg: s.net && plotShape(sketch) !== null ? plotSynthesis(sketch, s) : null,
  });
}

/** Sketch caches per comparison and texts: a worker runs many runs of one comparison. */
let cache: { key: string; sketches: SketchCache } | null = null;

async function compareRun(request: CompareRunRequest): Promise<void> {
  const key = canonicalJson({ texts: request.texts, config: request.config });
  if (cache?.key !== key) {
    cache = { key, sketches: new SketchCache(request.config, textLoader(request.texts)) };
  }
  if (request.spec.optimizer === 'smt') loadZ3();
  const record = await executeRun(request.config, request.spec, cache.sketches, (fraction) => post({ type: 'run-progress', fraction }));
  post({ type: 'record', record });
}

scope.onmessage = (event) => {
  const request = event.data;
  const job = request.type === 'synth' ? synth(request) : compareRun(request);
  job.catch((e: unknown) =>
    post({
      type: 'error',
      message: e instanceof Error ? e.message : String(e),
      details: e instanceof SketchLoadError ? [...e.details] : [],
    }),
  );
};
