// The playground page: editors, the example menu, live checking with the CLI's diagnostics, the two
// modes (synthesize, compare) and links — readable ones (`?example=circuit&batch=swap&run=1`) and share
// links that carry the whole state.
import type { EditorView } from '@codemirror/view';
import { hasErrors, renderDiagnostic, REPORT_CSS, type Sketch } from '../../src/core.ts';
import { CompareView } from './compare-view.ts';
import { createEditor, paneOf, setText, showDiagnostics, type Pane } from './editors.ts';
import { defaultBatch, EXAMPLES, findExample } from './examples.ts';
import { fillMethodSelect, METHODS, readNetFields, readOptionFields, renderNetFields, renderOptionFields } from './fields.ts';
import type { SketchChoice, SketchTexts, SynthRequest } from './protocol.ts';
import { loadTexts } from './sketch-texts.ts';
import { SynthView } from './synth-view.ts';
import { decodeState, encodeState, parseLink, type CompareState, type PlaygroundState } from './url-state.ts';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const input = (id: string): HTMLInputElement => $<HTMLInputElement>(id);
const select = (id: string): HTMLSelectElement => $<HTMLSelectElement>(id);

const DEFAULT_EXAMPLE = 'circuit';
/** Seconds a run may take when neither a step cap nor a time limit is given (as `tpt synth`). */
const DEFAULT_TIME_LIMIT = 60;
const DEFAULT_COMPARE: CompareState = {
  methods: ['gradsearch-ls', 'gradsearch+', 'fmgd'], runs: 4, seed: 1, maxSteps: 2000, timeLimit: '', sweep: '', values: '',
  jobs: Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2)),
};

/** What the page holds that no form field shows. */
const page = {
  example: null as string | null,
  name: 'sketch.tpt',
  sketch: null as Sketch | null,
  checkTimer: 0,
  /** The compared methods in the order they were given or ticked: the table's row order. */
  methodOrder: [] as string[],
};

const runKeys = [{ key: 'Mod-Enter', run: (): boolean => (runCurrentMode(), true) }];
const editors: Record<Pane, EditorView> = {
  program: createEditor($('program'), 'tpt', 'program', () => scheduleCheck(), runKeys),
  data: createEditor($('data'), 'json', 'data JSON', () => scheduleCheck(), runKeys),
  hypers: createEditor($('hypers'), 'json', 'hypers JSON', () => scheduleCheck(), runKeys),
};

const synthView = new SynthView();
const compareView = new CompareView();

function texts(): SketchTexts {
  return { name: page.name, program: editors.program.state.doc.toString(), data: editors.data.state.doc.toString(), hypers: editors.hypers.state.doc.toString() };
}

/** `K=16, numGates=4` as `--set` values; throws on a malformed entry. */
function parseSets(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of text.split(/[,\s]+/).filter(Boolean)) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(-?\d+)$/.exec(item);
    if (!m) throw new Error(`hyper values are NAME=INTEGER, e.g. K=16; '${item}' is not`);
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

function choice(): SketchChoice {
  const batch = select('batch').value;
  return { ...(batch ? { batch } : {}), set: parseSets(input('sets').value) };
}

/** Batch names of the data pane, or the hyper sets when there is no data (as the loader picks them). */
function batchesOf(t: SketchTexts): string[] {
  try {
    if (t.data.trim()) return (JSON.parse(t.data) as { batch_name?: string }[]).map((b, i) => b.batch_name ?? `batch${i}`);
    if (t.hypers.trim()) return Object.keys(JSON.parse(t.hypers) as object);
  } catch {
    // The checker reports the JSON error with its position.
  }
  return [];
}

function fillBatches(wanted: string | null): void {
  const names = batchesOf(texts());
  const current = wanted ?? select('batch').value;
  select('batch').replaceChildren(...(names.length ? names : ['']).map((n) => new Option(n || '(none)', n, false, n === current)));
  if (!names.includes(current) && names.length) select('batch').value = defaultBatch(names, texts().data.trim() !== '', null) ?? names[0]!;
}

function scheduleCheck(): void {
  clearTimeout(page.checkTimer);
  page.checkTimer = window.setTimeout(check, 250);
}

/** Loads the sketch as `tpt check` would and shows every diagnostic inline and as the CLI renders it. */
function check(): Sketch | null {
  clearTimeout(page.checkTimer);
  const t = texts();
  const batches = batchesOf(t);
  if (batches.join('\n') !== [...select('batch').options].map((o) => o.value).join('\n')) fillBatches(null);
  let result;
  try {
    result = loadTexts(t, choice());
  } catch (e) {
    // Only a malformed hyper value in the form gets here; the loader itself never throws for bad input.
    setProblems([e instanceof Error ? e.message : String(e)], 1);
    page.sketch = null;
    return null;
  }
  const byPane: Record<Pane, typeof result.diagnostics> = { program: [], data: [], hypers: [] };
  for (const d of result.diagnostics) {
    const pane = d.span ? paneOf(d.span.file, t.name) : null;
    if (pane) byPane[pane].push(d);
  }
  for (const pane of Object.keys(editors) as Pane[]) showDiagnostics(editors[pane], byPane[pane]);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  setProblems(result.diagnostics.map((d) => renderDiagnostic(d, result.sources)), errors);
  page.sketch = hasErrors(result.diagnostics) ? null : result.sketch;
  if (page.sketch) {
    fillSweep(page.sketch);
    $('net-options').hidden = !page.sketch.program.real;
  }
  return page.sketch;
}

function setProblems(lines: readonly string[], errors: number): void {
  const problems = $('problems');
  problems.hidden = lines.length === 0;
  problems.textContent = lines.join('\n') + (errors ? `\n${errors} error${errors === 1 ? '' : 's'} in ${page.name}` : '');
  const status = $('lint-status');
  status.textContent = errors ? `${errors} error${errors === 1 ? '' : 's'}` : lines.length ? 'warnings' : 'checks clean';
  status.className = errors ? 'errors' : 'clean';
}

/** The sweep menu: none, the batch, or one of the program's Hypers. */
function fillSweep(sketch: Sketch): void {
  const current = select('compare-sweep').value;
  const names = ['', ...(sketch.batchNames.length > 1 ? ['batch'] : []), ...sketch.hyperNames];
  if (names.join(',') === [...select('compare-sweep').options].map((o) => o.value).join(',')) return;
  select('compare-sweep').replaceChildren(...names.map((n) => new Option(n === '' ? '(none)' : n, n, false, n === current)));
}

function fillExampleMenu(): void {
  const menu = select('example');
  menu.replaceChildren(new Option('(your own sketch)', ''));
  for (const group of [...new Set(EXAMPLES.map((e) => e.group))]) {
    const og = document.createElement('optgroup');
    og.label = group;
    for (const e of EXAMPLES.filter((x) => x.group === group)) {
      for (const b of e.batches.length ? e.batches : ['']) og.append(new Option(`${e.title} — ${e.file}${b ? ` · ${b}` : ''}`, `${e.id}|${b}`));
    }
    menu.append(og);
  }
}

function showExampleInMenu(): void {
  const value = page.example ? `${page.example}|${select('batch').value}` : '';
  select('example').value = [...select('example').options].some((o) => o.value === value) ? value : '';
}

function compareForm(): CompareState {
  const num = (id: string, fallback: number): number => (input(id).value.trim() === '' ? fallback : Math.max(0, Math.floor(Number(input(id).value)) || 0));
  return {
    methods: page.methodOrder.filter((m) => document.querySelector<HTMLInputElement>(`#compare-methods input[value="${m}"]`)?.checked),
    runs: Math.max(1, num('compare-runs', 4)),
    seed: num('compare-seed', 1),
    maxSteps: num('compare-max-steps', 2000),
    timeLimit: input('compare-time-limit').value,
    sweep: select('compare-sweep').value,
    values: input('compare-values').value,
    jobs: Math.max(1, num('compare-jobs', DEFAULT_COMPARE.jobs)),
  };
}

function currentState(): PlaygroundState {
  const t = texts();
  const optimizer = select('optimizer').value;
  return {
    example: page.example, name: t.name, program: t.program, data: t.data, hypers: t.hypers,
    batch: select('batch').value || null, sets: input('sets').value,
    mode: $('compare').hidden ? 'synth' : 'compare',
    optimizer, options: readOptionFields($('optimizer-options').querySelector('.fields')!, optimizer),
    seed: Number(input('seed').value) || 0, maxSteps: input('max-steps').value,
    timeLimit: input('time-limit').value, restarts: Number(input('restarts').value) || 0,
    net: readNetFields($('net-options').querySelector('.fields')!),
    compare: compareForm(),
  };
}

function applyState(s: PlaygroundState): void {
  page.example = s.example;
  page.name = s.name;
  $('program-name').textContent = s.name;
  setText(editors.program, s.program);
  setText(editors.data, s.data);
  setText(editors.hypers, s.hypers);
  fillBatches(s.batch);
  input('sets').value = s.sets;
  fillMethodSelect(select('optimizer'), s.optimizer);
  renderOptionFields($('optimizer-options').querySelector('.fields')!, s.optimizer, s.options);
  renderNetFields($('net-options').querySelector('.fields')!, s.net);
  input('seed').value = String(s.seed);
  input('max-steps').value = s.maxSteps;
  input('time-limit').value = s.timeLimit;
  input('restarts').value = String(s.restarts);
  const c = s.compare;
  page.methodOrder = c.methods.filter((m) => METHODS.some((x) => x.name === m));
  $('compare-methods').replaceChildren(
    ...METHODS.map((m) => {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = m.name;
      box.checked = page.methodOrder.includes(m.name);
      box.addEventListener('change', () => {
        page.methodOrder = page.methodOrder.filter((x) => x !== m.name);
        if (box.checked) page.methodOrder.push(m.name);
      });
      label.title = m.summary;
      label.append(box, m.name);
      return label;
    }),
  );
  input('compare-runs').value = String(c.runs);
  input('compare-seed').value = String(c.seed);
  input('compare-max-steps').value = String(c.maxSteps);
  input('compare-time-limit').value = c.timeLimit;
  input('compare-values').value = c.values;
  input('compare-jobs').value = String(c.jobs);
  check();
  select('compare-sweep').value = c.sweep;
  showExampleInMenu();
  setMode(s.mode);
}

/** The state of a bundled example opened fresh, with the form's other settings kept from `base`. */
function exampleState(id: string, batch: string | null, base: PlaygroundState): PlaygroundState {
  const e = findExample(id) ?? findExample(DEFAULT_EXAMPLE)!;
  return { ...base, example: e.id, name: e.file, program: e.source, data: e.data, hypers: e.hypers, batch: defaultBatch(e.batches, e.data !== '', batch), sets: '' };
}

function defaultState(): PlaygroundState {
  const blank: PlaygroundState = {
    example: null, name: 'sketch.tpt', program: '', data: '', hypers: '', batch: null, sets: '', mode: 'synth',
    optimizer: 'gradsearch-ls', options: {}, seed: 1, maxSteps: '10000', timeLimit: '', restarts: 0, net: {}, compare: DEFAULT_COMPARE,
  };
  return exampleState(DEFAULT_EXAMPLE, 'swap', blank);
}

function setMode(mode: 'synth' | 'compare'): void {
  $('synth').hidden = mode !== 'synth';
  $('compare').hidden = mode !== 'compare';
  for (const m of ['synth', 'compare'] as const) {
    $(`tab-${m}`).setAttribute('aria-selected', String(mode === m));
    $(`tab-${m}`).tabIndex = mode === m ? 0 : -1;
  }
}

function runSynthesis(): void {
  const sketch = check();
  if (!sketch) return void $('problems').focus();
  const s = currentState();
  // As `tpt synth`: a step cap alone, a time limit alone, or with neither a 60 s limit.
  const maxSteps = s.maxSteps.trim() === '' ? Infinity : Math.max(0, Math.floor(Number(s.maxSteps)) || 0);
  const timeLimit = s.timeLimit.trim() === '' ? (Number.isFinite(maxSteps) ? undefined : DEFAULT_TIME_LIMIT) : Number(s.timeLimit);
  const request: SynthRequest = {
    type: 'synth', texts: texts(), choice: choice(), optimizer: s.optimizer, options: s.options, seed: s.seed, maxSteps,
    restarts: s.restarts, net: s.net, ...(timeLimit !== undefined && Number.isFinite(timeLimit) ? { timeLimitSeconds: timeLimit } : {}),
  };
  synthView.start(request, sketch);
}

function runComparison(): void {
  if (!check()) return void $('problems').focus();
  void compareView.start(texts(), choice(), compareForm());
}

function runCurrentMode(): void {
  if ($('compare').hidden) runSynthesis();
  else runComparison();
}

async function share(): Promise<void> {
  const url = new URL(location.href);
  url.search = '';
  url.hash = await encodeState(currentState());
  history.replaceState(null, '', url);
  let copied = false;
  try {
    await navigator.clipboard.writeText(url.href);
    copied = true;
  } catch {
    // No clipboard permission: the link is in the address bar.
  }
  $('share-status').textContent = copied ? 'link copied' : 'link in the address bar';
}

function wire(): void {
  $('synth-form').addEventListener('submit', (e) => {
    e.preventDefault();
    runSynthesis();
  });
  $('compare-form').addEventListener('submit', (e) => {
    e.preventDefault();
    runComparison();
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !(e.target instanceof HTMLElement && e.target.closest('.cm-editor'))) {
      e.preventDefault();
      runCurrentMode();
    }
  });
  select('example').addEventListener('change', () => {
    const [id, batch] = select('example').value.split('|');
    if (!id) return;
    applyState(exampleState(id, batch || null, currentState()));
  });
  select('batch').addEventListener('change', () => {
    check();
    showExampleInMenu();
  });
  input('sets').addEventListener('input', scheduleCheck);
  select('optimizer').addEventListener('change', () => renderOptionFields($('optimizer-options').querySelector('.fields')!, select('optimizer').value, {}));
  select('compare-sweep').addEventListener('change', () => {
    const sweep = select('compare-sweep').value;
    if (sweep === 'batch' && page.sketch) input('compare-values').value = page.sketch.batchNames.join(',');
    else if (sweep && page.sketch) input('compare-values').value = String(page.sketch.hypers[sweep] ?? '');
  });
  for (const mode of ['synth', 'compare'] as const) $(`tab-${mode}`).addEventListener('click', () => setMode(mode));
  // The tabs as ARIA's pattern has them: arrow keys move between them.
  document.querySelector('[role=tablist]')!.addEventListener('keydown', (e) => {
    const key = (e as KeyboardEvent).key;
    if (key !== 'ArrowLeft' && key !== 'ArrowRight') return;
    const mode = $('compare').hidden ? 'compare' : 'synth';
    setMode(mode);
    $(`tab-${mode}`).focus();
  });
  $('share').addEventListener('click', () => void share());
}

async function init(): Promise<void> {
  // The comparison shows the report's own markup, so it gets the report's own styles.
  const style = document.createElement('style');
  style.textContent = `.report { ${REPORT_CSS} }`;
  document.head.append(style);
  fillExampleMenu();
  wire();
  let state = defaultState();
  let run = false;
  let shared: PlaygroundState | null = null;
  try {
    shared = await decodeState(location.hash);
  } catch (e) {
    $('share-status').textContent = `cannot read this link: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (shared) state = { ...state, ...shared, compare: { ...DEFAULT_COMPARE, ...shared.compare } };
  else {
    const link = parseLink(location.search);
    if (link.example) state = exampleState(link.example, link.patch.batch ?? null, state);
    const { batch: _batch, ...patch } = link.patch;
    state = { ...state, ...patch, compare: { ...state.compare, ...link.compare } };
    if (link.example && !findExample(link.example)) $('share-status').textContent = `no bundled program named '${link.example}'`;
    run = link.run;
  }
  if (!METHODS.some((m) => m.name === state.optimizer)) {
    $('share-status').textContent = `unknown optimizer '${state.optimizer}'; using gradsearch-ls`;
    state = { ...state, optimizer: 'gradsearch-ls' };
  }
  applyState(state);
  document.body.dataset['ready'] = 'true';
  if (run) runCurrentMode();
}

void init();
