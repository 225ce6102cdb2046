// Form fields: the methods and their options from tpt's own schemas (`tpt optimizers`), and the
// training options of programs with real values (named as `tpt synth`'s flags). Values are kept as
// typed and validated by the library when a run starts, so a bad one gets the CLI's message.
import { listMethods, type MethodInfo, type NetOptions, type OptionSpec } from '../../src/core.ts';

/** Every method the page can run: `sat` needs Node (its solver is an Emscripten module for Node). */
export const METHODS: readonly MethodInfo[] = listMethods().filter((m) => m.name !== 'sat');

/** Fills the optimizer menu, grouped by family. */
export function fillMethodSelect(select: HTMLSelectElement, selected: string): void {
  select.replaceChildren();
  const families: Record<MethodInfo['family'], string> = { relaxed: 'relaxed (gradient)', discrete: 'discrete (gradient-ranked)', exact: 'exact' };
  for (const [family, label] of Object.entries(families)) {
    const group = document.createElement('optgroup');
    group.label = label;
    for (const m of METHODS.filter((x) => x.family === family)) group.append(new Option(m.name, m.name, false, m.name === selected));
    select.append(group);
  }
}

function field(name: string, help: string, input: HTMLInputElement | HTMLSelectElement): HTMLLabelElement {
  const label = document.createElement('label');
  label.title = help;
  input.name = name;
  label.append(name, input);
  return label;
}

/** Inputs for one method's options; empty ones mean the default (shown as placeholder). */
export function renderOptionFields(container: HTMLElement, method: string, values: Readonly<Record<string, string | boolean>>): void {
  container.replaceChildren();
  const info = METHODS.find((m) => m.name === method);
  for (const o of info?.options ?? []) container.append(optionInput(o, values[o.name]));
  if (!info || info.options.length === 0) container.append('This method has no options.');
}

function optionInput(o: OptionSpec, value: string | boolean | undefined): HTMLLabelElement {
  if (o.type === 'choice') {
    const select = document.createElement('select');
    select.append(new Option(`default (${String(o.default)})`, ''));
    for (const c of o.choices ?? []) select.append(new Option(c, c, false, value === c));
    return field(o.name, o.doc, select);
  }
  const input = document.createElement('input');
  if (o.type === 'boolean') {
    input.type = 'checkbox';
    input.checked = value === undefined || value === '' ? o.default === true : value === true || value === 'true';
  } else {
    input.size = 8;
    input.placeholder = String(o.default);
    input.value = typeof value === 'string' ? value : '';
  }
  return field(o.name, `${o.doc} (default ${String(o.default)})`, input);
}

/** The options given in `container`: text fields that are filled, booleans that differ from the default. */
export function readOptionFields(container: HTMLElement, method: string): Record<string, string | boolean> {
  const info = METHODS.find((m) => m.name === method);
  const out: Record<string, string | boolean> = {};
  for (const o of info?.options ?? []) {
    const input = container.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${o.name}"]`);
    if (!input) continue;
    if (input instanceof HTMLInputElement && input.type === 'checkbox') {
      if (input.checked !== (o.default === true)) out[o.name] = input.checked;
    } else if (input.value.trim() !== '') out[o.name] = input.value.trim();
  }
  return out;
}

/** The training options of programs with real values (NetOptions), named as `tpt synth`'s flags. */
const NET_FIELDS: readonly { readonly name: string; readonly key: keyof NetOptions; readonly help: string; readonly choices?: readonly string[] }[] = [
  { name: 'batch-size', key: 'batchSize', help: 'examples per step (default: all; 1 = stochastic)' },
  { name: 'epochs', key: 'epochs', help: 'stop after N passes over the data' },
  { name: 'real-update', key: 'update', help: 'update of the real Params (default adam)', choices: ['adam', 'sgd', 'rmsprop'] },
  { name: 'real-lr', key: 'lr', help: 'learning rate of the real Params (default 0.01; sgd 0.1)' },
  { name: 'real-momentum', key: 'momentum', help: 'SGD momentum (default 0)' },
  { name: 'target-accuracy', key: 'targetAccuracy', help: 'success at this fraction of examples solved' },
  { name: 'target-loss', key: 'targetLoss', help: 'success at this data loss' },
  { name: 'tolerance', key: 'tolerance', help: 'a real output matches within this' },
  { name: 'reduction', key: 'reduction', help: 'average or add the loss over examples', choices: ['mean', 'sum'] },
  { name: 'l2', key: 'l2', help: 'add alpha/2 ||W||^2 (0 = none)' },
];

/** Inputs for the training options, as typed (empty = the program's setting or the default). */
export function renderNetFields(container: HTMLElement, values: Readonly<Record<string, string | boolean>>): void {
  container.replaceChildren(
    ...NET_FIELDS.map((f) => {
      const typed = typeof values[f.name] === 'string' ? (values[f.name] as string) : '';
      if (f.choices) {
        const select = document.createElement('select');
        select.append(new Option('default', ''), ...f.choices.map((c) => new Option(c, c, false, c === typed)));
        return field(f.name, f.help, select);
      }
      const input = document.createElement('input');
      input.size = 8;
      input.value = typed;
      return field(f.name, f.help, input);
    }),
  );
}

export function readNetFields(container: HTMLElement): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const f of NET_FIELDS) {
    const value = container.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${f.name}"]`)?.value.trim();
    if (value) out[f.name] = value;
  }
  return out;
}

/** NetOptions from the typed fields; throws with the field's name for a number that is not one. */
export function netOptions(values: Readonly<Record<string, string | boolean>>): NetOptions {
  const options: Record<string, string | number> = {};
  for (const f of NET_FIELDS) {
    const raw = values[f.name];
    if (typeof raw !== 'string' || raw === '') continue;
    if (f.choices) options[f.key] = raw;
    else if (Number.isFinite(Number(raw))) options[f.key] = Number(raw);
    else throw new Error(`${f.name} must be a number, got '${raw}'`);
  }
  return options as NetOptions;
}
