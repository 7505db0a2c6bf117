// Runs every best-practice check over ../shared/corpus/rules and prints the count of findings per
// check (the table for issue 4's review). Each corpus folder is one workspace (its rule graph).
// Usage: node scripts/corpus-report.mjs [--show <check-id>] [--all] [--corpus <dir>]
//   --show <id>: print every finding of that check with its line, for review by hand
//   --all: also run checks that are off by default
import { build } from 'esbuild';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const corpus = path.resolve(root, arg('--corpus') ?? '../shared/corpus/rules');
const show = arg('--show');
const all = process.argv.includes('--all');

const out = path.join(tmpdir(), `promscope-corpus-report-${process.pid}.mjs`);
await build({
  stdin: {
    contents: "export { ALL_CHECKS, runChecks, ruleFileViewFromText } from './checks/index'; export { buildRuleGraph } from './graph/build'; export { LineIndex } from './text/line-index';",
    resolveDir: path.join(root, 'packages/core/src'), loader: 'ts',
  },
  bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const core = await import(pathToFileURL(out).href);
rmSync(out, { force: true });

function walk(dir) {
  const res = [];
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) res.push(...walk(p));
    else if (/\.ya?ml$/.test(e) && !/test/i.test(e) && !e.includes('EXPECTED')) res.push(p);
  }
  return res;
}

const settings = all ? Object.fromEntries(core.ALL_CHECKS.filter((c) => !c.policy).map((c) => [c.id, { level: c.severity }])) : undefined;
const counts = new Map(core.ALL_CHECKS.map((c) => [c.id, { n: 0, files: new Set() }]));
let files = 0;
let rules = 0;
let checkMs = 0;
const t0 = Date.now();
for (const ws of readdirSync(corpus)) {
  const wsDir = path.join(corpus, ws);
  if (!statSync(wsDir).isDirectory()) continue;
  const views = walk(wsDir).map((p) => core.ruleFileViewFromText(path.relative(corpus, p), readFileSync(p, 'utf8')));
  const graph = core.buildRuleGraph(views);
  for (const v of views) {
    files++;
    rules += v.groups.reduce((n, g) => n + g.rules.length, 0);
    const tc = performance.now();
    const ds = core.runChecks({ kind: 'rules', file: v }, { graph, settings });
    checkMs += performance.now() - tc;
    const idx = new core.LineIndex(v.text);
    for (const d of ds) {
      const c = counts.get(d.code);
      c.n++;
      c.files.add(v.path);
      if (d.code === show) {
        const p = idx.positionAt(d.range.start);
        console.log(`${v.path}:${p.line + 1}:${p.character + 1} ${d.message}\n    ${idx.lineText(p.line).trim().slice(0, 200)}`);
      }
    }
  }
}
console.log(`\n${files} rule files, ${rules} rules, ${Date.now() - t0} ms in all, ${Math.round(checkMs)} ms in runChecks\n`);
console.log('| check | severity | findings | files |');
console.log('|---|---|---|---|');
for (const c of core.ALL_CHECKS) {
  const k = counts.get(c.id);
  const off = c.policy ? ' (policy, off)' : c.enabledByDefault === false && !all ? ' (off by default)' : '';
  console.log(`| ${c.id}${off} | ${c.severity} | ${k.n} | ${k.files.size} |`);
}
