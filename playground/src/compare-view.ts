// Compare mode: methods × runs × a swept Hyper or batch, planned exactly as `tpt compare` plans them
// (same seeds), run one by one in a pool of Web Workers, shown with the report's own table and charts
// (the paper's numbers beside ours), and downloadable as summary.json, summary.csv, runs.jsonl and report.html.
import {
  fitSection, normalizeConfigWith, planRuns, renderReport, reportBody, SketchCache, SketchLoadError, summarize, summaryCsv,
  type ComparisonConfig, type InputHashes, type NormalizedConfig, type RunRecord, type RunSpec, type SketchLoader, type Summary, type SweepValue,
} from '../../src/core.ts';
import reference from 'tpt-playground:reference';
import { download, fileStem } from './download.ts';
import type { CompareRunRequest, FromWorker, SketchChoice, SketchTexts } from './protocol.ts';
import { textLoader } from './sketch-texts.ts';
import type { CompareState } from './url-state.ts';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

/** A comparison in the page: its plan, the records so far and the workers running it. */
interface Running {
  readonly config: NormalizedConfig;
  readonly texts: SketchTexts;
  readonly load: SketchLoader;
  readonly todo: RunSpec[];
  readonly total: number;
  readonly records: RunRecord[];
  readonly failures: string[];
  readonly workers: Worker[];
  /** The fraction of its budget each worker's current run has used. */
  readonly inFlight: Map<Worker, number>;
  active: number;
  stopped: boolean;
}

/** The swept values typed in the form: batch names, or a Hyper's integers. */
export function parseSweep(sweep: string, values: string): { name: string; values: SweepValue[] } | null {
  if (!sweep) return null;
  const items = values.split(',').map((v) => v.trim()).filter(Boolean);
  if (items.length === 0) throw new Error(`give the values to sweep ${sweep} over, e.g. ${sweep === 'batch' ? 'nand,swap' : '4,8,16'}`);
  if (sweep === 'batch') return { name: 'batch', values: items };
  const bad = items.find((v) => !/^-?\d+$/.test(v));
  if (bad !== undefined) throw new Error(`${sweep} takes integers; '${bad}' is not one`);
  return { name: sweep, values: items.map(Number) };
}

/** SHA-256 (16 hex digits) of a text's UTF-8 bytes, as `tpt compare` hashes the files; null for an empty pane. */
async function hashText(text: string): Promise<string | null> {
  // crypto.subtle exists only in a secure context (https or this machine); elsewhere nothing is hashed.
  if (!text.trim() || !globalThis.crypto?.subtle) return null;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The inputs of a comparison of the page's texts, hashed as the CLI hashes its files. */
async function hashTexts(texts: SketchTexts): Promise<InputHashes> {
  const [program, data, hypers] = await Promise.all([hashText(texts.program), hashText(texts.data), hashText(texts.hypers)]);
  return { program, data, hypers };
}

export class CompareView {
  private run: Running | null = null;
  private summary: Summary | null = null;
  private drawPending = false;

  constructor() {
    $('compare-stop').addEventListener('click', () => this.stop());
    $('download-json').addEventListener('click', () => this.save('summary.json'));
    $('download-csv').addEventListener('click', () => this.save('summary.csv'));
    $('download-runs').addEventListener('click', () => this.save('runs.jsonl'));
    $('download-report').addEventListener('click', () => this.save('report.html'));
  }

  private get running(): boolean {
    return this.run !== null && !this.run.stopped && this.run.active > 0;
  }

  /** Plans and starts a comparison; a bad configuration or a sketch that does not load is reported instead. */
  async start(texts: SketchTexts, choice: SketchChoice, form: CompareState): Promise<void> {
    this.stop();
    const inputs = await hashTexts(texts);
    let config: NormalizedConfig;
    const load = textLoader(texts);
    try {
      if (form.methods.length === 0) throw new Error('choose at least one method');
      const timeLimit = form.timeLimit.trim() === '' ? null : Number(form.timeLimit);
      if (timeLimit !== null && !(timeLimit > 0)) throw new Error(`the time limit must be a positive number of seconds, got '${form.timeLimit}'`);
      const raw: ComparisonConfig = {
        program: texts.name,
        ...(choice.batch !== undefined ? { batch: choice.batch } : {}),
        set: choice.set,
        optimizers: form.methods,
        runs: form.runs,
        maxSteps: form.maxSteps,
        timeLimitSeconds: timeLimit,
        seed: form.seed,
        sweep: parseSweep(form.sweep, form.values),
      };
      config = normalizeConfigWith(raw, inputs);
      // Every sweep value must load before any worker starts.
      const sketches = new SketchCache(config, load);
      for (const v of config.sweep ? config.sweep.values : [null]) sketches.get(v);
    } catch (e) {
      const details = e instanceof SketchLoadError ? e.details : [];
      this.status([e instanceof Error ? e.message : String(e), ...details].join('\n'), true);
      return;
    }
    const todo = planRuns(config);
    const jobs = Math.max(1, Math.min(form.jobs, todo.length));
    const run: Running = { config, texts, load, todo, total: todo.length, records: [], failures: [], workers: [], inFlight: new Map(), active: 0, stopped: false };
    this.run = run;
    this.summary = null;
    $('report').replaceChildren();
    for (let i = 0; i < jobs; i++) this.startWorker(run);
    this.progress();
    this.buttons();
  }

  stop(): void {
    const run = this.run;
    if (!run || run.stopped) return;
    run.stopped = true;
    for (const w of run.workers) w.terminate();
    run.active = 0;
    if (run.records.length < run.total) this.progress('stopped');
    this.buttons();
  }

  private startWorker(run: Running): void {
    const worker = new Worker('worker.js');
    run.workers.push(worker);
    run.active++;
    const next = (): void => {
      const spec = run.todo.shift();
      if (!spec || run.stopped) {
        worker.terminate();
        run.active--;
        if (run.active === 0) this.finish(run);
        return;
      }
      worker.postMessage({ type: 'compare-run', texts: run.texts, config: run.config, spec } satisfies CompareRunRequest);
    };
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (run.stopped) return;
      if (m.type === 'run-progress') {
        run.inFlight.set(worker, m.fraction);
        this.progress();
      } else if (m.type === 'record') {
        run.inFlight.delete(worker);
        run.records.push(m.record);
        this.progress();
        this.scheduleDraw();
        next();
      } else if (m.type === 'error') {
        run.inFlight.delete(worker);
        run.failures.push([m.message, ...m.details].join('\n'));
        this.progress();
        next();
      }
    };
    worker.onerror = (e) => {
      run.failures.push(`a worker failed: ${e.message}`);
      run.active--;
      if (run.active === 0) this.finish(run);
    };
    next();
  }

  private finish(run: Running): void {
    if (this.run !== run) return;
    this.draw();
    this.progress(run.stopped ? 'stopped' : 'done');
    this.buttons();
  }

  /** Redraws at most every quarter second while records arrive. */
  private scheduleDraw(): void {
    if (this.drawPending) return;
    this.drawPending = true;
    setTimeout(() => {
      this.drawPending = false;
      this.draw();
    }, 250);
  }

  private draw(): void {
    const run = this.run;
    if (!run) return;
    this.summary = summarize(run.config, run.records, reference?.reference, reference?.source);
    // The report's HTML is tpt's own, with every user-given text escaped.
    $('report').innerHTML = reportBody(this.summary, run.records, fitSection(this.summary, run.records, run.load));
  }

  private progress(state?: 'done' | 'stopped'): void {
    const run = this.run!;
    const bar = $('compare-progress') as HTMLProgressElement;
    bar.hidden = false;
    bar.max = run.total;
    bar.value = run.records.length + run.failures.length + [...run.inFlight.values()].reduce((a, b) => a + b, 0);
    const solved = run.records.filter((r) => r.success).length;
    const failed = run.failures.length ? `; ${run.failures.length} failed:\n${run.failures.join('\n')}` : '';
    const word = state === 'done' ? 'finished' : state === 'stopped' ? 'stopped' : 'running';
    this.status(`${word}: ${run.records.length}/${run.total} runs, ${solved} solved${failed}`, run.failures.length > 0);
  }

  private status(text: string, error = false): void {
    const el = $('compare-status');
    el.textContent = text;
    el.classList.toggle('error', error);
  }

  private buttons(): void {
    const running = this.running;
    ($('compare-stop') as HTMLButtonElement).disabled = !running;
    const has = (this.run?.records.length ?? 0) > 0;
    for (const id of ['download-json', 'download-csv', 'download-runs', 'download-report']) ($(id) as HTMLButtonElement).disabled = !has;
  }

  private save(file: 'summary.json' | 'summary.csv' | 'runs.jsonl' | 'report.html'): void {
    const run = this.run;
    if (!run) return;
    const summary = (this.summary = summarize(run.config, run.records, reference?.reference, reference?.source));
    const stem = fileStem(run.texts.name, null);
    if (file === 'summary.json') download(`${stem}.summary.json`, JSON.stringify(summary, null, 2) + '\n');
    else if (file === 'summary.csv') download(`${stem}.summary.csv`, summaryCsv(summary), 'text/csv');
    else if (file === 'runs.jsonl') download(`${stem}.runs.jsonl`, run.records.map((r) => JSON.stringify(r)).join('\n') + '\n', 'application/x-ndjson');
    else download(`${stem}.report.html`, renderReport(summary, run.records, fitSection(summary, run.records, run.load)), 'text/html');
  }
}
