/**
 * Short form of scripts/soak-lsp.mjs for CI (issue 8): the real server bundle over stdio, 20 rule
 * files (one of 200 rules), 500 edits (random, then typing: see the script) interleaved with completion, hover, signature help,
 * semantic tokens, symbols, definition and code-action requests, in 2 rounds with a forced GC
 * (SIGUSR2 preload) between them. Asserts only correctness: every reply and every published
 * diagnostic is well-formed, no request fails, no uncaught error, and the server is alive and
 * answering at the end. Latencies and memory are printed, never asserted (the full form reports
 * them: `node scripts/soak-lsp.mjs`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, test } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const server = path.join(root, 'packages/language-server/dist/server.js');

beforeAll(() => {
  if (!existsSync(server)) {
    const b = spawnSync(process.execPath, ['scripts/build.mjs', 'server'], { cwd: root, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`server build failed: ${b.stderr}`);
  }
}, 120_000);

interface SoakReport {
  requests: Record<string, { n: number; p50: number; p95: number }>;
  diagnostics: { n: number; p50: number; p95: number };
  memory: { label: string; heapUsedMB: number; rssMB: number }[];
  malformed: string[];
  errors: string[];
  stderrProblems: string[];
  alive: boolean;
}

// random: edits anywhere, never undone (the files end up broken: the analyzer's error paths);
// typing: edits inside expressions, each undone by the next (the files stay rule files)
test.each(['random', 'typing'])('20 files, 500 %s edits and requests: every reply well-formed, server alive', (mode) => {
  const r = spawnSync(process.execPath, ['scripts/soak-lsp.mjs', '--files', '20', '--edits', '500', '--rounds', '2', '--big-rules', '200', '--debounce', '40', '--edit-mode', mode, '--json'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 170_000,
  });
  expect(r.error, r.stderr).toBeUndefined();
  let report: SoakReport;
  try {
    report = JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as SoakReport;
  } catch {
    throw new Error(`no JSON report (exit ${r.status}):\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
  }
  expect(report.malformed).toEqual([]);
  expect(report.errors).toEqual([]);
  expect(report.stderrProblems).toEqual([]);
  expect(report.alive).toBe(true);
  expect(r.status).toBe(0);
  // every request kind was exercised, the diagnostics of the big file were observed, memory read
  for (const m of ['textDocument/completion', 'textDocument/hover']) expect(report.requests[m]?.n ?? 0, m).toBeGreaterThan(10);
  expect(report.diagnostics.n).toBeGreaterThan(0);
  expect(report.memory).toHaveLength(3);
  console.log(`soak (short, ${mode}): ${JSON.stringify(report.requests)} diagnostics ${JSON.stringify(report.diagnostics)} memory ${JSON.stringify(report.memory)}`);
}, 180_000);
