// What a second thread buys on this machine: the same allocation-heavy JavaScript (short-lived
// objects, as an analysis makes them) run in one worker thread alone, then in two at once. On a
// machine with two real cores the two take about as long as the one; on a shared 2-vCPU VM each
// took ~1.4-1.6× as long (2026-11-27), so that two threads did ~1.3× the work of one, not 2×.
// bench-scale.mjs prints it beside its table: the CLI's workers can gain no more than that.
import { Worker } from 'node:worker_threads';

const WORK = `
const { parentPort } = require('node:worker_threads');
const t = performance.now();
let keep = [];
for (let i = 0; i < 3e6; i++) {
  keep.push({ a: i, b: 'x' + i, c: [i, i + 1] });
  if (keep.length > 50000) keep = [];
}
parentPort.postMessage(performance.now() - t);
`;

function run(n) {
  return Promise.all(
    Array.from({ length: n }, () => new Promise((resolve, reject) => {
      const w = new Worker(WORK, { eval: true });
      w.once('message', resolve);
      w.once('error', reject);
    })),
  );
}

/** ms for one thread alone, ms for each of two at once (medians of `reps`), and the throughput gain of the two */
export async function threadScaling(reps = 3) {
  const ones = [];
  const twos = [];
  for (let i = 0; i < reps; i++) {
    ones.push((await run(1))[0]);
    const [a, b] = await run(2);
    twos.push(Math.max(a, b));
  }
  const median = (xs) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const one = median(ones);
  const two = median(twos);
  return { one, two, gain: (2 * one) / two };
}
