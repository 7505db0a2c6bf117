/**
 * A second real client: neovim's built-in LSP client (Debian `neovim`), headless. It opens a rule
 * file of test-fixtures/ with the server started from the repository's bin, and the test asserts
 * the diagnostics, a completion and a hover it received.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { ensureBuilt } from './support/ensure-built';
import { SERVER_BIN } from './support/lsp-client';
import { REPO_ROOT } from './support/workspace';

const SCRIPT = fileURLToPath(new URL('./neovim/lsp-check.lua', import.meta.url));
const FILE = path.join(REPO_ROOT, 'test-fixtures/rules/bad.rules.yml');

test('neovim receives diagnostics, completion and hover from the server', () => {
  ensureBuilt();
  const lines = readFileSync(FILE, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes('expr: sum by (job) (up)'));
  const col = lines[line].indexOf('sum') + 1;
  const r = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', 'NONE', '-c', `luafile ${SCRIPT}`], {
    env: { ...process.env, PROMSCOPE_SERVER: SERVER_BIN, PROMSCOPE_FILE: FILE, PROMSCOPE_POS: `${line},${col}` },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.error, String(r.error)).toBeUndefined();
  expect(r.status, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as {
    attached: boolean;
    diagnostics: { lnum: number; source: string; message: string; severity: number }[];
    completion: { label: string; kind: number }[];
    hover: string;
  };
  expect(out.attached).toBe(true);
  // the same problems promscope check reports: unknown duration unit on line 4, the `for` of a recording rule, ...
  expect(out.diagnostics.every((d) => d.source === 'promscope')).toBe(true);
  expect(out.diagnostics.map((d) => d.message)).toEqual(expect.arrayContaining(['unknown unit "x" in duration "1x"']));
  expect(out.diagnostics.find((d) => d.message.includes('1x'))!.lnum).toBe(lines.findIndex((l) => l.includes('interval: 1x')));
  // completion at the aggregation: PromQL functions (LSP kind 3)
  expect(out.completion).toEqual(expect.arrayContaining([{ label: 'rate', kind: 3 }]));
  expect(out.hover).toContain('sum(v instant-vector)');
}, 90_000);
