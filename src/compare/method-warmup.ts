// A method's first run in a thread pays V8's compilation of the search loop and the evaluators
// (about 3x per step on parity256). So that every run of a comparison is measured warm, as smt's
// runs are (smt-warmup.ts), a gradient optimizer or local-search first searches a small built-in
// sketch, untimed, once per thread and set of options. No assignment solves that sketch, so the
// warm-up always runs its whole budget, and it shares nothing with the sketch compared.
import { sketchFromText, type Sketch } from '../sketch/sketch.ts';
import type { ResolvedOptions } from '../optimizers/options.ts';
import { runMethod } from './methods.ts';

/** A two-branch machine of three steps on a register mod 4; no machine maps x to x*x mod 4 on all four inputs. */
export const WARMUP_SOURCE = `from dummy import Param, Var, Input, Output, Runtime

@Runtime([4, 3], 4)
def Apply(a, o):
    if o == 0:
        return a
    elif o == 1:
        return (a + 1) % 4
    else:
        return (a * 3) % 4

@Runtime([4], 2)
def IsZero(a):
    return 1 if a == 0 else 0

onZero = Param(3)[3]
otherwise = Param(3)[3]
x = Input(4)
y = Output(4)
r = Var(4)[4]
z = Var(2)[3]

r[0].set_to(x)
for t in range(3):
    z[t].set_to(IsZero(r[t]))
    if z[t] == 1:
        r[t + 1].set_to(Apply(r[t], onZero[t]))
    else:
        r[t + 1].set_to(Apply(r[t], otherwise[t]))
y.set_to(r[3])
`;

export const WARMUP_DATA = JSON.stringify([
  { batch_name: 'square', instances: [0, 1, 2, 3].map((x) => ({ x, y: (x * x) % 4 })) },
]);

/** The warm-up's budget: enough steps for V8 to optimize the hot loops, never more than a fraction of a second. */
export const WARMUP_STEPS = 3000;
export const WARMUP_SECONDS = 0.5;

/** Methods that warm themselves up inside their own run (Z3's and the SAT solvers' start-up). */
const SELF_WARMING = new Set(['smt', 'sat']);

const warmed = new Set<string>();
let sketch: Sketch | null = null;

/** The built-in warm-up sketch (checked and lowered once per thread). */
export function warmUpSketch(): Sketch {
  if (sketch) return sketch;
  const { sketch: s, diagnostics } = sketchFromText(WARMUP_SOURCE, { name: 'warm-up.tpt', dataText: WARMUP_DATA });
  if (!s) throw new Error(`the warm-up sketch does not load: ${diagnostics.map((d) => d.message).join('; ')}`);
  return (sketch = s);
}

/** Whether this thread has warmed `optimizer` up with `options`. */
export function isWarm(optimizer: string, options: ResolvedOptions): boolean {
  return warmed.has(keyOf(optimizer, options));
}

const keyOf = (optimizer: string, options: ResolvedOptions): string => `${optimizer}|${JSON.stringify(options)}`;

/**
 * Runs `optimizer` with `options` on the warm-up sketch unless this thread already has. Errors are
 * swallowed: a method that cannot search this sketch reports its own error in the timed run.
 */
export async function warmUpMethod(optimizer: string, options: ResolvedOptions): Promise<void> {
  if (SELF_WARMING.has(optimizer)) return;
  const key = keyOf(optimizer, options);
  if (warmed.has(key)) return;
  warmed.add(key);
  try {
    await runMethod(warmUpSketch(), { optimizer, options, seed: 1, maxSteps: WARMUP_STEPS, timeLimitSeconds: WARMUP_SECONDS });
  } catch {
    // The timed run meets the same problem and reports it.
  }
}
