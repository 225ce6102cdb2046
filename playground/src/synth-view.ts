// Synthesize mode: one run in a Web Worker with live step, loss, best loss, steps/s, examples solved,
// loss curve and best assignment; at the end the CLI's result text and a params download. Stop sets
// the run's stop flag in shared memory, so it ends with its best assignment; where there is no shared
// memory (a page that is not cross-origin isolated) or the method cannot stop between steps (smt),
// Stop ends the worker and the best assignment it last reported is checked here exactly.
import {
  compact, formatAssignment, formatRun, PALETTE, paramsFromJson, renderChart, runExact, type LossCurve, type Sketch,
} from '../../src/core.ts';
import { download, fileStem } from './download.ts';
import type { FromWorker, SynthDone, SynthProgress, SynthRequest } from './protocol.ts';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

/** Where a run stands; the buttons follow it. */
type RunPhase = 'running' | 'solved' | 'not-solved' | 'stopped' | 'failed';

export class SynthView {
  private worker: Worker | null = null;
  private stopFlag: Int32Array | null = null;
  private sketch: Sketch | null = null;
  private request: SynthRequest | null = null;
  private curve: { steps: number[]; losses: number[] } = { steps: [], losses: [] };
  private last: SynthProgress | null = null;
  private lastParams: Record<string, unknown> | null = null;
  private resultJson: Record<string, unknown> | null = null;

  constructor() {
    $('stop').addEventListener('click', () => this.stop());
    $('download-params').addEventListener('click', () => this.downloadParams());
  }

  /** Starts a run of `request` on the loaded `sketch` (the same texts), ending any earlier one. */
  start(request: SynthRequest, sketch: Sketch): void {
    this.worker?.terminate();
    this.sketch = sketch;
    this.request = request;
    this.curve = { steps: [], losses: [] };
    this.last = null;
    this.lastParams = null;
    this.resultJson = null;
    this.setStats({ status: `running ${request.optimizer}…`, step: '0', loss: '-', best: '-', speed: '-', solved: `-/${sketch.dataset.examples.length}` });
    $('assignment').textContent = '';
    $('result').textContent = '';
    $('result').classList.remove('error');
    $('fit').replaceChildren();
    this.drawCurve(request.optimizer === 'smt' ? 'Z3 reports no loss; it answers when it is done.' : '');
    const worker = new Worker('worker.js');
    this.worker = worker;
    this.stopFlag = crossOriginIsolated && request.optimizer !== 'smt' ? new Int32Array(new SharedArrayBuffer(4)) : null;
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      if (this.worker === worker) this.receive(e.data);
    };
    worker.onerror = (e) => {
      if (this.worker === worker) this.fail(`the worker failed: ${e.message}`, []);
    };
    this.setPhase('running');
    worker.postMessage(this.stopFlag ? { ...request, stop: this.stopFlag } : request);
  }

  /** Stops the run: by its flag (the result follows), or by ending the worker (see the top of this file). */
  stop(): void {
    if (!this.worker || !this.sketch || !this.request) return;
    if (this.stopFlag) {
      Atomics.store(this.stopFlag, 0, 1);
      this.setStats({ status: 'stopping…' });
      ($('stop') as HTMLButtonElement).disabled = true;
      return;
    }
    this.worker.terminate();
    this.worker = null;
    const p = this.last;
    const n = this.sketch.dataset.examples.length;
    const lines = [`stopped: ${this.request.optimizer} (seed ${this.request.seed}) after ${p ? `${p.step} steps, ${p.elapsedSeconds.toFixed(2)} s` : 'starting'}`];
    const decoded = this.lastParams ? paramsFromJson(this.sketch.program, this.lastParams, []) : null;
    if (decoded) {
      // Nets stream no real Params, so a stopped net has no assignment to check here.
      const exact = runExact(this.sketch.program, this.sketch.dataset, decoded.assignment, this.sketch.program.real ? decoded.real : undefined);
      lines[0] += `; the best assignment so far satisfies ${exact.examplesSolved}/${n} examples`;
      lines.push('', formatAssignment(this.sketch, this.lastParams!), '', formatRun(this.sketch, exact));
      this.resultJson = { success: false, stopReason: 'stopped', steps: p?.step ?? 0, examplesSolved: exact.examplesSolved, examples: n, assignment: this.lastParams, optimizer: this.request.optimizer, seed: this.request.seed };
    }
    $('result').textContent = lines.join('\n');
    this.setStats({ status: 'stopped' });
    this.setPhase('stopped');
  }

  private receive(m: FromWorker): void {
    if (m.type === 'progress') return this.progress(m);
    if (m.type === 'result') return this.done(m);
    if (m.type === 'error') return this.fail(m.message, m.details);
  }

  private progress(p: SynthProgress): void {
    this.last = p;
    if (p.params) this.lastParams = p.params;
    if (p.assignmentText) $('assignment').textContent = p.assignmentText;
    if (Number.isFinite(p.loss)) {
      this.curve.steps.push(p.step);
      this.curve.losses.push(p.loss);
    }
    const n = this.sketch!.dataset.examples.length;
    this.setStats({
      status: `running ${this.request!.optimizer}… ${p.elapsedSeconds.toFixed(1)} s`,
      step: String(p.step), loss: compact(p.loss), best: compact(p.bestLoss), speed: compact(p.stepsPerSecond),
      solved: p.examplesSolved !== undefined ? `${p.examplesSolved}/${n}` : `-/${n}`,
    });
    this.drawCurve();
  }

  private done(m: SynthDone): void {
    this.worker?.terminate();
    this.worker = null;
    this.resultJson = m.json;
    this.curve = { steps: [...m.lossCurve.steps], losses: [...m.lossCurve.losses] };
    const j = m.json as { steps: number; loss: number; bestLoss: number; stepsPerSecond: number; wallSeconds: number };
    this.setStats({
      status: m.success ? `solved in ${j.wallSeconds.toFixed(2)} s` : m.json['stopReason'] === 'interrupted' ? 'stopped' : `not solved (${String(m.json['stopReason'])})`,
      step: String(j.steps), loss: compact(j.loss), best: compact(j.bestLoss), speed: compact(j.stepsPerSecond), solved: `${m.examplesSolved}/${m.examples}`,
    });
    $('assignment').textContent = m.assignmentText;
    $('result').textContent = m.text;
    // The picture is drawn by tpt's own plot code, which escapes every label it writes.
    if (m.fitSvg) $('fit').innerHTML = m.fitSvg;
    this.drawCurve();
    this.setPhase(m.success ? 'solved' : m.json['stopReason'] === 'interrupted' ? 'stopped' : 'not-solved');
  }

  private fail(message: string, details: readonly string[]): void {
    this.worker?.terminate();
    this.worker = null;
    $('result').textContent = [message, ...details].join('\n');
    $('result').classList.add('error');
    this.setStats({ status: 'failed' });
    this.setPhase('failed');
  }

  private drawCurve(note = ''): void {
    const c: LossCurve = this.curve;
    const chart = $('loss-chart');
    if (c.steps.length === 0) {
      chart.textContent = note;
      return;
    }
    chart.innerHTML = renderChart({
      title: 'Loss', xLabel: 'step', yLabel: 'loss', yMin: 0, width: 560, height: 240,
      series: [{ name: this.request!.optimizer, color: PALETTE[0]!, xs: c.steps, ys: c.losses, markers: c.steps.length < 30 }],
    });
  }

  private downloadParams(): void {
    if (!this.resultJson || !this.request) return;
    download(`${fileStem(this.request.texts.name, this.request.choice.batch ?? null)}.params.json`, JSON.stringify(this.resultJson, null, 2) + '\n');
  }

  private setStats(s: Partial<Record<'status' | 'step' | 'loss' | 'best' | 'speed' | 'solved', string>>): void {
    for (const [key, value] of Object.entries(s)) $(`stat-${key}`).textContent = value;
  }

  private setPhase(phase: RunPhase): void {
    const status = $('stat-status');
    status.classList.toggle('solved', phase === 'solved');
    status.classList.toggle('failed', phase === 'failed' || phase === 'not-solved');
    ($('stop') as HTMLButtonElement).disabled = phase !== 'running';
    ($('run') as HTMLButtonElement).textContent = phase === 'running' ? 'Restart' : 'Run';
    ($('download-params') as HTMLButtonElement).disabled = this.resultJson === null || phase === 'running';
  }
}
