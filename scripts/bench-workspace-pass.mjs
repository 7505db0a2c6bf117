#!/usr/bin/env node
/**
 * Benchmark (not a test): the language server's workspace pass after an edit of one rule file, in
 * generated workspaces of 200 and 2,000 rule files (one of 1,000 rules, the others 5–80).
 * Per edit the server runs the edited file's part (its `WorkspacePass` with `only`, plus
 * `crossFileDiagnostics`) at once, and the pass over every file shortly after. Prints, side by
 * side in one run, the median time of:
 *   - the rule graph updated from the last one (`buildRuleGraphFromEntries`) against the graph built
 *     whole (`buildGraph`), for the same change;
 *   - the edited file's part, and the whole pass that follows it (same graph, memoised), with the
 *     server's `WorkspacePass` (it checks again the files the change reaches) against
 *     `runWorkspaceChecks` (every file checked, as a pass run once does).
 * Usage: node scripts/bench-workspace-pass.mjs [--files 200,2000] [--edits 50]
 */
import { importBundled } from './lib/import-bundled.mjs';
import { ruleFile } from './lib/rule-generator.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : def;
};
const sizes = arg('--files', '200,2000').split(',').map(Number);
const EDITS = Number(arg('--edits', 50));

const core = await importBundled(
  `
    export { analyzeFile, runWorkspaceChecks, crossFileDiagnostics, WorkspacePass } from './index';
    export { buildGraph, buildRuleGraphFromEntries } from './graph/build';
  `,
  join(root, 'packages/core/src'),
);

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ms = (x) => x.toFixed(2).padStart(8);

console.log('| rule files | rules | graph updated | graph built whole | ratio | edited file\'s part | whole pass after it | every file checked | ratio |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const FILES of sizes) {
  const texts = [];
  for (let f = 0; f < FILES; f++) texts.push(f === 0 ? ruleFile(0, 25, 40) : ruleFile(f, 1 + (f % 4), 5 + (f % 16)));
  const sums = texts.map((text, f) => core.analyzeFile({ text, path: `/w/r${f}.yml` }).summary);
  const files = () => sums.map((s, f) => ({ path: s.path, text: texts[f], graph: s.rules }));
  let seed = 1;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  // the edits: a file's summary analysed again (new entries arrays, as after an edit)
  const edits = Array.from({ length: EDITS }, () => {
    const f = 1 + Math.floor(rnd() * (FILES - 1));
    return { f, s: core.analyzeFile({ text: texts[f], path: `/w/r${f}.yml` }).summary };
  });
  const update = [];
  const whole = [];
  const part = [];
  const pass = [];
  const every = [];
  const kept = new core.WorkspacePass();
  kept.run(files());
  for (let round = 0; round < 4; round++) {
    for (const { f, s } of edits) {
      sums[f] = { ...s, rules: s.rules.slice() };
      const input = files().map((x) => ({ path: x.path, entries: x.graph }));
      let t = performance.now();
      core.buildGraph(input);
      const w = performance.now() - t;
      t = performance.now();
      core.buildRuleGraphFromEntries(input);
      const u = performance.now() - t;
      // the same change again, as the server's pass sees it: its own graph, updated
      sums[f] = { ...s, rules: s.rules.slice() };
      t = performance.now();
      kept.run(files(), { only: new Set([sums[f].path]) });
      core.crossFileDiagnostics(sums);
      const p = performance.now() - t;
      t = performance.now();
      kept.run(files());
      const a = performance.now() - t;
      // every file checked on the same graph (a pass run once; the server's before WorkspacePass):
      // the first call updates the shared graph, the second (timed) gets it back as the server's did
      core.runWorkspaceChecks(files());
      t = performance.now();
      core.runWorkspaceChecks(files());
      const e = performance.now() - t;
      if (round > 0) {
        whole.push(w);
        update.push(u);
        part.push(p);
        pass.push(a);
        every.push(e);
      }
    }
  }
  const rules = sums.reduce((n, s) => n + (s.rules?.length ?? 0), 0);
  console.log(`| ${FILES} | ${rules} | ${ms(median(update))} ms | ${ms(median(whole))} ms | ${(median(update) / median(whole)).toFixed(2)} | ${ms(median(part))} ms | ${ms(median(pass))} ms | ${ms(median(every))} ms | ${(median(pass) / median(every)).toFixed(2)} |`);
}
