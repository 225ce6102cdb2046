// Form fields generated from tpt's own schemas: the methods and their options (`tpt optimizers`), and
// the training flags of programs with real values (`tpt synth --help`). Values are kept as typed and
// validated by the library when a run starts, so a bad one gets the CLI's message.
import { listMethods, NET_FLAGS, type MethodInfo, type OptionSpec } from '../../src/core.ts';

export const METHODS: readonly MethodInfo[] = listMethods();

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

/** Inputs for the training flags (`batch-size`, `epochs`, …), as typed. */
export function renderNetFields(container: HTMLElement, values: Readonly<Record<string, string | boolean>>): void {
  container.replaceChildren(
    ...NET_FLAGS.map((f) => {
      const input = document.createElement('input');
      if (f.type === 'boolean') {
        input.type = 'checkbox';
        input.checked = values[f.name] === true;
      } else {
        input.size = 8;
        input.placeholder = f.value ?? '';
        input.value = typeof values[f.name] === 'string' ? (values[f.name] as string) : '';
      }
      return field(f.name, f.help, input);
    }),
  );
}

export function readNetFields(container: HTMLElement): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const f of NET_FLAGS) {
    const input = container.querySelector<HTMLInputElement>(`[name="${f.name}"]`);
    if (!input) continue;
    if (input.type === 'checkbox') {
      if (input.checked) out[f.name] = true;
    } else if (input.value.trim() !== '') out[f.name] = input.value.trim();
  }
  return out;
}
