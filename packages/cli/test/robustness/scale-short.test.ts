/**
 * Short form of scripts/bench-scale.mjs for CI (issue 8): ~200 rule files — generated ones (some
 * with an error promtool also reports) plus the plain rule files of ../shared/corpus/rules — checked
 * by the CLI and by Debian's `promtool check rules` (2.42, rule loader only: --lint=none). Asserts
 * correctness only, never speed: the same files fail in both, and a second `--cache` run is served
 * from the cache (the cache file is not rewritten) with identical output, as is a run without a
 * cache naming the files in the other order; changing one file invalidates only that file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureBuilt, fixtureDir, type JsonFinding } from '../helpers';
import { brokenKind, ruleFile } from './support/generate';
import { runCliAsync } from './support/spawn';
import { rmSync } from 'node:fs';

const PROMTOOL = '/usr/bin/promtool';
const corpusRules = path.resolve(process.cwd(), '../shared/corpus/rules');

function plainRuleFiles(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir).sort()) {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) out.push(...plainRuleFiles(p));
    else if (/\.ya?ml$/.test(n) && !/kube-prometheus-crds|kubernetes-mixin|tests?\.ya?ml$/.test(p)) out.push(p);
  }
  return out;
}

let dir = '';
const files: string[] = [];
beforeAll(() => {
  ensureBuilt();
  const gen: Record<string, string> = {};
  for (let f = 0; f < 60; f++) gen[`ws/rules-${String(f).padStart(3, '0')}.yml`] = ruleFile(f, 4, 5, brokenKind(f));
  dir = fixtureDir(gen);
  files.push(...Object.keys(gen).map((r) => path.join(dir, r)), ...plainRuleFiles(corpusRules));
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('promtool is installed (the comparison needs it)', () => {
  expect(existsSync(PROMTOOL)).toBe(true);
});

test('~200 files: promscope fails exactly the files promtool 2.42 fails; a warm cache gives the same answer', async () => {
  expect(files.length).toBeGreaterThan(180);
  expect(files.filter((_f, i) => i < 60 && brokenKind(i) !== 'none').length).toBeGreaterThan(2);
  // promtool: "Checking <file>" then "  SUCCESS: ..." on stdout for each file that passes
  const pt = spawnSync(PROMTOOL, ['check', 'rules', '--lint=none', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const lines = pt.stdout.split('\n');
  const promtoolOk = new Set<string>();
  lines.forEach((l, i) => {
    const m = /^Checking (.+)$/.exec(l);
    if (m && /^\s+SUCCESS/.test(lines[i + 1] ?? '')) promtoolOk.add(path.resolve(m[1]));
  });
  const cache = path.join(dir, '.cache');
  const run = () => runCliAsync(['check', '--format', 'json', '--prometheus-version', '2.42', '--cache-location', cache, ...files], { cwd: dir, timeoutMs: 180_000 });
  const cold = await run();
  expect(cold.timedOut).toBe(false);
  expect(cold.code, cold.stderr).toBe(1);
  const findings = JSON.parse(cold.stdout) as JsonFinding[];
  const failed = new Set(findings.filter((f) => f.severity === 'error').map((f) => path.resolve(dir, f.file)));
  const differ = files.filter((f) => promtoolOk.has(f) === failed.has(f)).map((f) => `${path.relative(dir, f)}: promtool ${promtoolOk.has(f) ? 'passes' : 'fails'}`);
  expect(differ).toEqual([]);
  expect(failed.size).toBeGreaterThan(5);
  // the files named in the other order (the corpus's first), without a cache: the analysis follows
  // the command line's order, the report does not
  const reversed = await runCliAsync(['check', '--format', 'json', '--prometheus-version', '2.42', ...[...files].reverse()], { cwd: dir, timeoutMs: 180_000 });
  expect(reversed.code).toBe(1);
  expect(reversed.stdout === cold.stdout).toBe(true);

  const cacheFile = path.join(cache, 'results.json');
  const written = statSync(cacheFile).mtimeMs;
  const warm = await run();
  expect(warm.code).toBe(1);
  expect(warm.stdout).toBe(cold.stdout);
  // every result came from the cache: nothing new to write
  expect(statSync(cacheFile).mtimeMs).toBe(written);

  // one changed file: only it is re-analysed (the cache is rewritten) and its new error appears
  const changed = files[0];
  writeFileSync(changed, ruleFile(0, 4, 5, 'promql'));
  const third = await run();
  expect(statSync(cacheFile).mtimeMs).toBeGreaterThan(written);
  const after = JSON.parse(third.stdout) as JsonFinding[];
  expect(after.some((f) => path.resolve(dir, f.file) === changed && f.code === 'promql/syntax')).toBe(true);
}, 400_000);
