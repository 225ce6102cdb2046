// neural-reparam: the logits are the output of a small network with a fixed random input,
// logits = W2 tanh(W1 z + b1) + b2; the evaluator sees softmax(logits); Adam on the network weights.

import type { OptimizerDefinition } from './optimizer.ts';
import { ContinuousUpdate, continuousOptions, continuousSettings } from './adam.ts';
import { num, withDefaults } from './options.ts';
import { argmaxSlots, softmaxBackward, softmaxSlots } from './simplex.ts';

/**
 * `neural-reparam`: reparameterise every Param through one hidden layer of `hidden` tanh units fed
 * a fixed N(0, 1) input of size `inputSize`. Weights start as N(0, 1/fan-in) (LeCun), so the initial
 * logits have unit scale. The paper (Table 1) gives no sizes; 16 -> 32 is "small" and cheap. Adam's
 * learning rate defaults to 0.01: a step moves every logit through the shared weights at once.
 */
export const neuralReparam: OptimizerDefinition = {
  name: 'neural-reparam',
  summary: 'softmax of a small fixed-input network\'s output; Adam on the network weights',
  family: 'relaxed',
  options: [
    ...withDefaults(continuousOptions, { lr: 0.01 }),
    { name: 'hidden', type: 'integer', min: 1, default: 32, doc: 'hidden units' },
    { name: 'inputSize', type: 'integer', min: 1, default: 16, doc: 'size of the fixed random input' },
  ],
  create(problem, rng, options) {
    const slots = problem.params;
    const n = problem.size;
    const h = num(options, 'hidden');
    const d = num(options, 'inputSize');
    // One flat weight vector so one ContinuousUpdate serves all: [W1 (h x d) | b1 (h) | W2 (n x h) | b2 (n)].
    const w1 = 0;
    const b1 = h * d;
    const w2 = b1 + h;
    const b2 = w2 + n * h;
    const weights = new Float64Array(b2 + n);
    const weightGrad = new Float64Array(weights.length);
    const z = new Float64Array(d);
    const hiddenOut = new Float64Array(h);
    const hiddenGrad = new Float64Array(h);
    const logits = new Float64Array(n);
    const logitGrad = new Float64Array(n);
    const probs = new Float64Array(n);
    for (let i = 0; i < d; i++) z[i] = rng.normal();
    for (let i = 0; i < h * d; i++) weights[w1 + i] = rng.normal() / Math.sqrt(d);
    for (let i = 0; i < n * h; i++) weights[w2 + i] = rng.normal() / Math.sqrt(h);
    const tieRng = rng.fork(0x7e5);
    const continuous = new ContinuousUpdate(weights.length, continuousSettings(options));
    let fresh = false; // logits and hiddenOut match the weights

    const forward = (): void => {
      if (fresh) return;
      for (let j = 0; j < h; j++) {
        let a = weights[b1 + j];
        for (let i = 0; i < d; i++) a += weights[w1 + j * d + i] * z[i];
        hiddenOut[j] = Math.tanh(a);
      }
      for (let k = 0; k < n; k++) {
        let a = weights[b2 + k];
        for (let j = 0; j < h; j++) a += weights[w2 + k * h + j] * hiddenOut[j];
        logits[k] = a;
      }
      fresh = true;
    };

    return {
      probs() {
        forward();
        softmaxSlots(slots, logits, 1, probs);
        return probs;
      },
      update(grad) {
        softmaxBackward(slots, probs, grad, 1, logitGrad);
        hiddenGrad.fill(0);
        for (let k = 0; k < n; k++) {
          const gk = logitGrad[k];
          weightGrad[b2 + k] = gk;
          for (let j = 0; j < h; j++) {
            weightGrad[w2 + k * h + j] = gk * hiddenOut[j];
            hiddenGrad[j] += gk * weights[w2 + k * h + j];
          }
        }
        for (let j = 0; j < h; j++) {
          const pre = hiddenGrad[j] * (1 - hiddenOut[j] * hiddenOut[j]);
          weightGrad[b1 + j] = pre;
          for (let i = 0; i < d; i++) weightGrad[w1 + j * d + i] = pre * z[i];
        }
        continuous.step(weights, weightGrad);
        fresh = false;
      },
      decode(into) {
        forward();
        argmaxSlots(slots, logits, tieRng, into);
      },
    };
  },
};
