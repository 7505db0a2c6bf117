/**
 * `promscope check --fix` end to end on temporary copies of the corpus rule files (issue 8): each
 * copy gets an unused suppression comment above its first `expr:` (the fix the CLI offers today
 * removes that line), half of them with CRLF line endings, some with a BOM and without a final
 * newline. After `--fix` every file is byte-identical to its original except for the removed line;
 * a second `--fix` run changes no byte (idempotence). The corpus itself is never written.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureBuilt } from '../helpers';
import { runCliAsync } from './support/spawn';

const corpusRules = path.resolve(process.cwd(), '../shared/corpus/rules');
const SUPPRESSION = '# promscope-disable-next-line promql/regex-anchors';
let dir = '';
const originals = new Map<string, Buffer>();
const expected = new Map<string, Buffer>();

function files(d: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(d).sort()) {
    const p = path.join(d, n);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.ya?ml$/.test(n)) out.push(p);
  }
  return out;
}

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'promscope-fix-'));
  cpSync(corpusRules, path.join(dir, 'rules'), { recursive: true });
  // this test is about the one fix every file gets (the unused suppression): the checks whose own
  // safe fixes would also edit corpus files are off here (their fixes are proven lossless in
  // packages/core/test/robustness/lossless-fixes.test.ts)
  writeFileSync(path.join(dir, '.promscope.yml'), 'checks:\n  promql/regex-anchors: off\n  promql/regex-literal: off\n  promql/histogram-quantile-le: off\n');
  files(path.join(dir, 'rules')).forEach((f, i) => {
    let text = readFileSync(f, 'utf8');
    const m = /^([ \t]*)expr:/m.exec(text);
    if (!m) return;
    const crlf = i % 2 === 1;
    const bom = i % 5 === 0;
    const noFinalNewline = i % 7 === 3;
    if (noFinalNewline) text = text.replace(/\n+$/, '');
    const withLine = text.slice(0, m.index) + `${m[1]}${SUPPRESSION}\n` + text.slice(m.index);
    const eol = (s: string) => (crlf ? s.replace(/\r?\n/g, '\r\n') : s);
    const enc = (s: string) => Buffer.from((bom ? '\uFEFF' : '') + eol(s), 'utf8');
    writeFileSync(f, enc(withLine));
    originals.set(f, enc(withLine));
    expected.set(f, enc(text));
  });
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('--fix removes only the unused suppression line, keeps every other byte, and is idempotent', async () => {
  expect(originals.size).toBeGreaterThan(100);
  const run = () => runCliAsync(['check', '--format', 'json', '--fix', 'rules'], { cwd: dir, timeoutMs: 240_000 });
  const first = await run();
  expect(first.timedOut).toBe(false);
  expect([0, 1], first.stderr).toContain(first.code);
  const wrong: string[] = [];
  for (const [f, want] of expected) {
    const got = readFileSync(f);
    if (Buffer.compare(got, want) !== 0 && Buffer.compare(got, originals.get(f)!) !== 0) wrong.push(`${path.relative(dir, f)}: neither fixed exactly nor left alone`);
  }
  expect(wrong).toEqual([]);
  const fixed = [...expected].filter(([f, want]) => Buffer.compare(readFileSync(f), want) === 0).length;
  // files the analyzer does not fix (errors elsewhere make the guard refuse, other kinds) stay as they were
  expect(fixed).toBeGreaterThan(originals.size * 0.8);
  const snapshot = new Map([...expected.keys()].map((f) => [f, readFileSync(f)]));
  const second = await run();
  expect(second.timedOut).toBe(false);
  for (const [f, before] of snapshot) expect(Buffer.compare(readFileSync(f), before), path.relative(dir, f)).toBe(0);
  console.log(`--fix over the corpus copies: ${fixed} of ${originals.size} files fixed exactly; second run changed nothing`);
}, 300_000);
