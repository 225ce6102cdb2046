// Method options as command-line flags, derived from each method's option schema: kebab-case names
// (`firstImprovement` is `--first-improvement`), the schema's spelling accepted with a note, and an
// option given to the wrong method (or without --optimizer) explained by who has it.
import { listMethods, type MethodInfo, type OptionSpec } from '../index.ts';
import { kebabCase, type FlagSpec } from './args.ts';

/** The flag of one option, `prefix` + kebab-case name (`bop.` in tpt compare, none in tpt synth). */
export function optionFlag(method: MethodInfo, o: OptionSpec, prefix = ''): FlagSpec {
  return {
    name: `${prefix}${kebabCase(o.name)}`,
    type: o.type === 'boolean' && prefix === '' ? 'boolean' : 'string',
    value: o.type === 'choice' ? o.choices!.join('|') : o.type.toUpperCase(),
    help: `${method.name}: ${o.doc} (default ${String(o.default)})`,
  };
}

/** The option of `method` written `written` (kebab-case, or the schema's own spelling). */
export function findOption(method: MethodInfo, written: string): OptionSpec | undefined {
  return method.options.find((o) => o.name === written || kebabCase(o.name) === kebabCase(written));
}

/** Every method that has an option written `written`. */
export function methodsWithOption(written: string): MethodInfo[] {
  return listMethods().filter((m) => findOption(m, written) !== undefined);
}

/** "it is an option of bop and gradsearch-ra" (or undefined when no method has it). */
export function whoHasOption(written: string): string | undefined {
  const owners = methodsWithOption(written).map((m) => m.name);
  if (owners.length === 0) return undefined;
  const list = owners.length === 1 ? owners[0]! : `${owners.slice(0, -1).join(', ')} and ${owners[owners.length - 1]}`;
  return `--${kebabCase(written)} is an option of ${list}`;
}
