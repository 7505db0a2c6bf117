#!/usr/bin/env node
/**
 * Benchmark (not a test): parse + check every PromQL expression of the shared corpus (Prometheus's
 * parser cases and every `expr:` of the corpus rule files) and print expressions/second for
 *   (a) the raw lezer-promql parse and (b) promscope's parsePromQL (parse + all checks),
 * plus the overhead of (b) over (a). Target: checks cost at most 50% on top of the parse.
 *
 * The TypeScript sources are bundled on the fly with esbuild into a temp file, then imported.
 * Usage: node scripts/bench-promql.mjs [--seconds N]
 */
import { readFileSync } from 'node:fs';
import { importBundled } from './lib/import-bundled.mjs';
import { corpusExprs } from './lib/corpus-exprs.mjs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, '..', 'shared', 'corpus');
const secondsArg = process.argv.indexOf('--seconds');
const budgetMs = 1000 * (secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 3);

const { parsePromQL, parser, parseAllDocuments } = await importBundled(
  `
      export { parsePromQL } from './index';
      export { parser } from '@prometheus-io/lezer-promql';
      export { parseAllDocuments } from 'yaml';
    `,
  join(root, 'packages/core/src/promql'),
);

// ---- inputs
const exprs = [];
for (const c of JSON.parse(readFileSync(join(corpus, 'promql/parser-cases.json'), 'utf8'))) {
  if (c.kind === 'expr' && typeof c.input === 'string') exprs.push(c.input);
}
const parserCaseCount = exprs.length;
exprs.push(...corpusExprs(join(corpus, 'rules'), parseAllDocuments));
const chars = exprs.reduce((n, e) => n + e.length, 0);
const features = ['promql-experimental-functions', 'promql-extended-range-selectors', 'promql-binop-fill-modifiers'];

/** per-round times of (a) and (b), alternating rounds so machine load hits both alike */
function measure(fa, fb) {
  for (let i = 0; i < 3; i++) for (const e of exprs) (fa(e), fb(e));
  const ta = [];
  const tb = [];
  const t0 = performance.now();
  // CPU time of this process (less sensitive than wall time to other jobs sharing the machine)
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  while (performance.now() - t0 < 2 * budgetMs || ta.length < 5) {
    let t = cpuMs();
    for (const e of exprs) fa(e);
    ta.push(cpuMs() - t);
    t = cpuMs();
    for (const e of exprs) fb(e);
    tb.push(cpuMs() - t);
  }
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  // the overhead is the median of the per-round ratios: each round's (a) and (b) ran back to back,
  // so load from other jobs on this shared machine mostly cancels out
  const ratio = median(ta.map((a, i) => tb[i] / a));
  return { a: median(ta), b: median(tb), ratio, rounds: ta.length };
}

function line(label, ms) {
  const perSec = exprs.length / (ms / 1000);
  console.log(`${label.padEnd(32)} ${perSec.toFixed(0).padStart(9)} expr/s   ${((ms * 1000) / exprs.length).toFixed(1).padStart(7)} µs/expr`);
}

console.log(`inputs: ${exprs.length} expressions (${parserCaseCount} parser cases + ${exprs.length - parserCaseCount} rule-file exprs), ${chars} characters`);
const safeParse = (e) => {
  try {
    return parser.parse(e);
  } catch {
    return null; // lezer can overflow the stack on pathological inputs
  }
};
const ruleExprs = exprs.slice(parserCaseCount);
const cases = exprs.slice(0, parserCaseCount).filter((e) => e.length < 10000);
for (const [name, set] of [
  ['all corpus expressions', exprs],
  ['rule-file exprs (real-world, valid)', ruleExprs],
  ['parser cases without the 55k-char one (41% invalid: error path)', cases],
]) {
  const saved = exprs.splice(0, exprs.length, ...set);
  const m = measure(safeParse, (e) => parsePromQL(e, { features }));
  console.log(`-- ${name} (${exprs.length} expressions, median CPU time of ${m.rounds} alternating rounds)`);
  line('(a) lezer parser.parse', m.a);
  line('(b) parsePromQL (parse+checks)', m.b);
  console.log(`overhead of checks over the raw parse: ${((m.ratio - 1) * 100).toFixed(1)}% (median of per-round ratios; target ≤ 50%)`);
  exprs.splice(0, exprs.length, ...saved);
}
