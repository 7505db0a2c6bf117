#!/usr/bin/env node
// Differential fuzz of parse-error messages (issue 8's "Prometheus-exact" check on broken input):
// mutated corpus expressions (tokens deleted, inserted, swapped) go into one rule file, `promtool
// check rules` (Debian's 2.42) runs once, and the first error it prints for each rule is compared
// with the analyzer's first error (message and byte column). Prints the counts and the mismatches.
// promtool 2.42 is older than the 3.x parser promscope follows: some messages changed since (a
// bracket or `offset` now takes durations and numbers, "bad number or duration syntax", `@` printed
// as `"<Item 57385>"`), so mismatches are read, not asserted; found this way (2026-11-27): the
// "in aggregation" context, grammar errors before a lexer error, type checks after a parse error.
//
// Usage: node scripts/promtool-first-errors.mjs [--seed 1] [--count 1500] [--show 20] [--promtool /usr/bin/promtool] [--prometheus-version 2.42]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importBundled } from './lib/import-bundled.mjs';
import { corpusExprs } from './lib/corpus-exprs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, def) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : def);
const SEED = Number(opt('--seed', 1));
const COUNT = Number(opt('--count', 1500));
const SHOW = Number(opt('--show', 20));
const PROMTOOL = opt('--promtool', '/usr/bin/promtool');
/** the analyzer's target: promtool's version (Debian's is 2.42) */
const VERSION = opt('--prometheus-version', '2.42');

const { parsePromQL } = await importBundled("export { parsePromQL } from './packages/core/src/promql/index.ts';", root);
const { parseAllDocuments } = createRequire(join(root, 'packages/core/package.json'))('yaml');


const TOKEN_RE = /\s+|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|`[^`]*`?|[A-Za-z_:][\w:]*|\d+(?:\.\d+)?(?:ms|[smhdwy])?|[=!<>]=|=~|!~|\S/gu;
let seed = SEED;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
// one-line expressions within what 2.42 knows (newer functions and syntax left out)
const exprs = [...new Set(corpusExprs(join(root, '../shared/corpus/rules'), parseAllDocuments))].filter((e) => e.length < 300 && !e.includes('\n') && !/holt_winters|limitk|limit_ratio|\bstep\(|\brange\(|[<>]\//.test(e));
const POOL = ['(', ')', '[', ']', '{', '}', ',', 'by', 'without', 'on', 'offset', '@', '5m', '1', '"a"', 'foo', '+', '>', 'bool', ':', '=', '=~', 'sum', 'rate', 'group_left', 'ignoring'];
const inputs = [];
for (let n = 0; n < COUNT; n++) {
  const t = exprs[Math.floor(rnd() * exprs.length)].match(TOKEN_RE);
  for (let k = 1 + Math.floor(rnd() * 2); k > 0; k--) {
    const at = Math.floor(rnd() * (t.length + 1));
    const r = rnd();
    if (r < 0.4 && t.length > 1) t.splice(at, 1);
    else if (r < 0.8) t.splice(at, 0, POOL[Math.floor(rnd() * POOL.length)]);
    else if (t.length > 2) {
      const b = Math.floor(rnd() * t.length);
      [t[at % t.length], t[b]] = [t[b], t[at % t.length]];
    }
  }
  const e = t.join('');
  if (e.trim()) inputs.push(e);
}

const dir = mkdtempSync(join(tmpdir(), 'promscope-first-errors-'));
let output = '';
try {
  const file = join(dir, 'rules.yml');
  writeFileSync(file, ['groups:', '- name: d', '  rules:', ...inputs.flatMap((e, i) => [`  - record: r${i}`, `    expr: ${JSON.stringify(e)}`])].join('\n') + '\n');
  try {
    output = execFileSync(PROMTOOL, ['check', 'rules', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  } catch (x) {
    output = `${x.stdout ?? ''}\n${x.stderr ?? ''}`;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const theirs = new Map();
for (const m of output.matchAll(/rule \d+, "r(\d+)": (.*)/g)) theirs.set(Number(m[1]), m[2]);

const groups = { verdict: [], message: [], column: [] };
let rejected = 0;
// the leftmost error (what a report sorted by position shows first) against promtool's message
let leftmostDiffers = 0;
inputs.forEach((e, i) => {
  const errors = parsePromQL(e, { prometheusVersion: VERSION }).diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0];
  const leftmost = [...errors].sort((a, b) => a.range.start - b.range.start)[0];
  const t = theirs.get(i);
  if (t) rejected++;
  if (!!t !== !!first) return groups.verdict.push(`${e}\n    promtool: ${t ?? 'ok'}\n    promscope: ${first?.message ?? 'ok'}`);
  const m = t && /could not parse expression: 1:(\d+): parse error: (.*)$/.exec(t);
  if (!m) return;
  if (leftmost.message !== m[2] || String(Buffer.byteLength(e.slice(0, leftmost.range.start)) + 1) !== m[1]) leftmostDiffers++;
  const col = Buffer.byteLength(e.slice(0, first.range.start)) + 1;
  const line = `${e}\n    promtool:  ${m[1]}: ${m[2]}\n    promscope: ${col}: ${first.message}`;
  if (first.message !== m[2]) groups.message.push(line);
  else if (String(col) !== m[1]) groups.column.push(line);
});
console.log(
  `${inputs.length} mutated expressions (seed ${SEED}); promtool rejects ${rejected}; verdict differs ${groups.verdict.length}, first message differs ${groups.message.length}, column differs ${groups.column.length}; the leftmost error differs ${leftmostDiffers}`,
);
for (const [k, v] of Object.entries(groups)) {
  if (v.length === 0 || SHOW === 0) continue;
  console.log(`\n## ${k} (${v.length}${v.length > SHOW ? `, first ${SHOW}` : ''})`);
  for (const x of v.slice(0, SHOW)) console.log(x);
}
