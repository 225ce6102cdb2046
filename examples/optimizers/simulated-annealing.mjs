// An optimizer written outside tpt: simulated annealing over the Params' values. Every step shows
// the loop one neighbour of the current assignment (one Param changed at random), the loop
// evaluates it (a forward and reverse pass), and the neighbour is taken if it is no worse, or with
// probability exp(-(loss increase) / T); T cools geometrically from `temperature` to `minTemperature`.
//
// Use it like a built-in optimizer (its options are flags):
//   npx tpt synth programs/circuit/circuit.tpt --batch swap --optimizer ./examples/optimizers/simulated-annealing.mjs --cooling 0.999
//   npx tpt compare programs/parity_chain/parity_chain.tpt --optimizers ./examples/optimizers/simulated-annealing.mjs,gwg --sweep K=8,16
//
// The module needs nothing from tpt at run time: the loop hands `create` the problem's layout, a
// seeded random generator and the resolved options. The JSDoc types are for editors only.

/** @type {import('tpt').OptimizerDefinition} */
const simulatedAnnealing = {
  name: 'annealing',
  summary: 'simulated annealing: a random single-Param neighbour per step, Metropolis acceptance, geometric cooling',
  family: 'discrete',
  options: [
    { name: 'temperature', type: 'number', min: 0, minExclusive: true, default: 5, doc: 'starting temperature, in units of the loss' },
    { name: 'cooling', type: 'number', min: 0, max: 1, minExclusive: true, default: 0.998, doc: 'T is multiplied by this every step' },
    { name: 'minTemperature', type: 'number', min: 0, minExclusive: true, default: 0.1, doc: 'floor of the cooled temperature' },
  ],
  create(problem, rng, options) {
    const slots = problem.params;
    const current = new Int32Array(slots.length); // the annealed assignment
    const probs = new Float64Array(problem.size); // one-hot vectors shown to the loop
    for (let s = 0; s < slots.length; s++) current[s] = rng.int(slots[s].domain);
    const show = (s, value) => {
      const { offset, domain } = slots[s];
      probs.fill(0, offset, offset + domain);
      probs[offset + value] = 1;
    };
    for (let s = 0; s < slots.length; s++) show(s, current[s]);
    const movable = slots.map((slot, s) => s).filter((s) => slots[s].domain > 1);
    let currentLoss = NaN; // unknown until the loop has evaluated the start
    let slot = -1; // the Param the shown neighbour changes
    let value = -1;

    return {
      probs() {
        if (Number.isNaN(currentLoss) || movable.length === 0) return probs;
        slot = movable[rng.int(movable.length)];
        const j = rng.int(slots[slot].domain - 1);
        value = j >= current[slot] ? j + 1 : j;
        show(slot, value);
        return probs;
      },
      update(_grad, loss, step) {
        if (Number.isNaN(currentLoss) || slot < 0) {
          currentLoss = loss; // the loop evaluated the starting assignment
          return;
        }
        const t = Math.max(options.minTemperature, options.temperature * Math.pow(options.cooling, step));
        if (loss <= currentLoss || rng.next() < Math.exp(-(loss - currentLoss) / t)) {
          current[slot] = value;
          currentLoss = loss;
        } else show(slot, current[slot]);
        slot = -1;
      },
      decode(into) {
        into.set(current);
      },
    };
  },
};

export default simulatedAnnealing;
