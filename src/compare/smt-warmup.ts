// Z3's first solve in a thread is slow (loading and compiling its WebAssembly paths): solve a tiny
// program once, untimed, before the first timed smt run so that every run is measured warm.
import { smtBackend } from '../smt/index.ts';
import { resolveOptions, type OptionSpec } from '../optimizers/options.ts';

const TINY = `@Runtime([2, 2], 2)
def AND(a, b):
    return int(a and b)
p = Param(2)
q = Param(2)
y = Output(2)
y.set_to(AND(p, q))
y.observe_value(1)
`;

let warm: Promise<void> | null = null;

/** Resolves once this thread has solved one tiny program with Z3 (at most once per thread). */
export function warmUpSmt(): Promise<void> {
  warm ??= (async () => {
    // Imported here, not at the top: the parser is a start-up cost the synthesis worker should not pay.
    const { sketchFromText } = await import('../sketch/sketch.ts');
    const { sketch } = sketchFromText(TINY, { name: 'smt-warmup.tpt' });
    if (!sketch) return;
    const options = resolveOptions('smt', smtBackend.options as readonly OptionSpec[], { timeLimit: 30 });
    await smtBackend.run(sketch.program, sketch.dataset, options, 1);
  })();
  return warm;
}
