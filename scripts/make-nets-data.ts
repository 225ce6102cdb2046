// Writes the data, hypers and weight files of the neural-network programs in programs/nets/.
// Deterministic (every random value comes from a seeded Rng). Run: npx tsx scripts/make-nets-data.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from '../src/util/rng.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'programs', 'nets');

type Json = number | string | boolean | null | readonly Json[] | { readonly [key: string]: Json };
interface Batch {
  readonly name: string;
  readonly hypers: string;
  readonly instances: readonly Record<string, Json>[];
}

const round = (x: number, digits = 4): number => Number(x.toFixed(digits));

function write(file: string, text: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), text);
  console.log(`wrote programs/nets/${file}`);
}

function writeData(stem: string, batches: readonly Batch[], hypers: Record<string, Record<string, number>>): void {
  const parts = batches.map((b) =>
    [
      '  {',
      `    "batch_name": ${JSON.stringify(b.name)},`,
      `    "hypers": ${JSON.stringify(b.hypers)},`,
      '    "instances": [',
      b.instances.map((i) => `      ${JSON.stringify(i).replace(/,/g, ', ').replace(/:/g, ': ')}`).join(',\n'),
      '    ]',
      '  }',
    ].join('\n'),
  );
  write(`${stem}.data.json`, `[\n${parts.join(',\n')}\n]\n`);
  const sets = Object.entries(hypers).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v).replace(/,/g, ', ').replace(/:/g, ': ')}`);
  write(`${stem}.hypers.json`, `{\n${sets.join(',\n')}\n}\n`);
}

function writeJson(file: string, value: Record<string, Json>): void {
  const lines = Object.entries(value).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v).replace(/,/g, ', ')}`);
  write(file, `{\n${lines.join(',\n')}\n}\n`);
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Seed 000's n-3-2-1 net: random inputs in [-1, 1]^4, labelled by a fixed linear rule. */
function n321(): void {
  const rng = new Rng(321);
  const instances = Array.from({ length: 16 }, () => {
    const x = Array.from({ length: 4 }, () => round(2 * rng.next() - 1));
    return { x, y: x[0]! + 0.5 * x[1]! - x[2]! + 0.25 * x[3]! >= 0 ? 1 : 0 };
  });
  writeData('n321', [{ name: 'random', hypers: 'n4', instances }], { n4: { n: 4 } });
}

/** Seed 002's 2-2-2 net: the lecture's worked numbers and the classic example. */
function backprop222(): void {
  const i = [0.05, 0.1];
  writeData(
    'backprop222',
    [
      { name: 'worked', hypers: 'sum', instances: [{ i, o: [0.01, 0.99] }] },
      { name: 'classic', hypers: 'half', instances: [{ i, o: [0.01, 0.99] }] },
    ],
    { sum: { HALF: 0 }, half: { HALF: 1 } },
  );
  const classic = { Wh: [[0.15, 0.2], [0.25, 0.3]], bh: [0.35, 0.35], Wo: [[0.4, 0.45], [0.5, 0.55]], bo: [0.6, 0.6] };
  writeJson('backprop222.classic.weights.json', classic);
  // The lecture prints net_h1 = 0.3775 (the classic hidden layer) but net_o1 = 0.5546 and net_o2 = 0.7188:
  // keep every classic weight and choose the output biases that give exactly those values.
  const h1 = sigmoid(0.15 * i[0]! + 0.2 * i[1]! + 0.35);
  const h2 = sigmoid(0.25 * i[0]! + 0.3 * i[1]! + 0.35);
  const bo = [round(0.5546 - 0.4 * h1 - 0.45 * h2, 6), round(0.7188 - 0.5 * h1 - 0.55 * h2, 6)];
  writeJson('backprop222.worked.weights.json', { ...classic, bo });
}

function truthTable(n: number, f: (x: number[]) => number): Record<string, Json>[] {
  return Array.from({ length: 1 << n }, (_, v) => {
    const x = Array.from({ length: n }, (_, j) => (v >> (n - 1 - j)) & 1);
    return { x, y: f(x) };
  });
}

/** Seed 004's perceptrons, with the lecture's weights as known solutions; XOR for both XOR programs. */
function logic(): void {
  writeData(
    'perceptron',
    [
      { name: 'and', hypers: 'two', instances: truthTable(2, ([a, b]) => a! & b!) },
      { name: 'or', hypers: 'two', instances: truthTable(2, ([a, b]) => a! | b!) },
      { name: 'not', hypers: 'one', instances: truthTable(1, ([a]) => 1 - a!) },
    ],
    { two: { n: 2 }, one: { n: 1 } },
  );
  // w1 x1 + w2 x2 >= T with (w1, w2, T) = (1, 1, 1.5), (1, 1, 0.5), (-1, 0, -0.5): b = -T.
  writeJson('perceptron.and.params.json', { w: [1, 1], b: -1.5 });
  writeJson('perceptron.or.params.json', { w: [1, 1], b: -0.5 });
  writeJson('perceptron.not.params.json', { w: [-1], b: 0.5 });
  const xor = truthTable(2, ([a, b]) => a! ^ b!);
  for (const stem of ['xor', 'xor_linear']) writeData(stem, [{ name: 'xor', hypers: 'default', instances: xor }], { default: {} });
}

/** 256 points uniform in [-1.5, 1.5]^2, labelled 1 outside the unit circle. */
function circle(): void {
  const rng = new Rng(256);
  const instances = Array.from({ length: 256 }, () => {
    const x = [round(3 * rng.next() - 1.5), round(3 * rng.next() - 1.5)];
    return { x, y: x[0]! ** 2 + x[1]! ** 2 >= 1 ? 1 : 0 };
  });
  writeData('circle', [{ name: 'circle256', hypers: 'h16', instances }], { h16: { H: 16 }, h8: { H: 8 } });
}

/** Three Gaussian blobs of 30 points each. */
function softmax3(): void {
  const rng = new Rng(3);
  const centres = [[-1, -1], [1.5, -0.5], [0, 1.5]];
  const instances: Record<string, Json>[] = [];
  for (let k = 0; k < 30; k++) {
    centres.forEach(([cx, cy], y) => instances.push({ x: [round(cx! + 0.4 * rng.normal()), round(cy! + 0.4 * rng.normal())], y }));
  }
  writeData('softmax3', [{ name: 'blobs', hypers: 'default', instances }], { default: {} });
}

/** 40 points of one family each on [-2, 2], with a little noise. */
function hybrid(): void {
  const rng = new Rng(7);
  const families: Record<string, (x: number) => number> = {
    line: (x) => 0.8 * x - 0.5,
    parabola: (x) => 0.6 * x * x - 0.4 * x - 1,
    sine: (x) => 1.2 * Math.sin(1.8 * x + 0.3),
  };
  const batches = Object.entries(families).map(([name, f]) => ({
    name,
    hypers: 'default',
    instances: Array.from({ length: 40 }, (_, k) => {
      const x = round(-2 + (4 * k) / 39);
      return { x, y: round(f(x) + 0.01 * rng.normal()) };
    }),
  }));
  writeData('hybrid', batches, { default: {} });
}

n321();
backprop222();
logic();
circle();
softmax3();
hybrid();
