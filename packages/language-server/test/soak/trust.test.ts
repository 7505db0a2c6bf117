/**
 * SECURITY.md, live: a workspace cannot make the language server reach the network. A local HTTP
 * server stands in for Prometheus and counts requests. A workspace that names it everywhere a
 * repository could (`.promscope.yml`, `.vscode/settings.json`, rule-file comments) gets no request
 * when the user's settings have no `prometheusUrl`; the positive control (the same URL in the
 * user's settings) does get requests, so the test can fail.
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { LspClient } from '../support/lsp-client';

let http: Server;
let hits: string[] = [];
let url = '';
let dir = '';
const clients: LspClient[] = [];

beforeAll(async () => {
  http = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ status: 'success', data: req.url?.includes('__name__') ? ['evil_metric_total'] : {} }));
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  dir = mkdtempSync(path.join(os.tmpdir(), 'promscope-trust-'));
  mkdirSync(path.join(dir, '.git'));
  mkdirSync(path.join(dir, '.vscode'));
  writeFileSync(path.join(dir, '.promscope.yml'), `prometheusUrl: ${url}\nprometheus:\n  url: ${url}\n`);
  writeFileSync(path.join(dir, '.vscode/settings.json'), JSON.stringify({ 'promscope.prometheusUrl': url }));
  writeFileSync(path.join(dir, 'rules.yml'), `# prometheusUrl: ${url}\ngroups:\n- name: g\n  rules:\n  - record: a:b\n    expr: sum(rate(ev\n`);
});
afterAll(async () => {
  for (const c of clients) await c.stop();
  http?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function completeIn(settings: Record<string, unknown>): Promise<void> {
  const client = await LspClient.start({ root: dir, settings, configuration: true });
  clients.push(client);
  const uri = pathToFileURL(path.join(dir, 'rules.yml')).href;
  const text = `# prometheusUrl: ${url}\ngroups:\n- name: g\n  rules:\n  - record: a:b\n    expr: sum(rate(ev\n`;
  await client.open(uri, text);
  await client.diagnosticsFor(uri);
  const line = 5;
  const character = text.split('\n')[line].length;
  for (let i = 0; i < 3; i++) await client.request('textDocument/completion', { textDocument: { uri }, position: { line, character } });
  await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character: character - 1 } });
}

test('a workspace that names a Prometheus URL gets no request without the user setting', async () => {
  hits = [];
  await completeIn({});
  await new Promise((r) => setTimeout(r, 300));
  expect(hits).toEqual([]);
}, 60_000);

test('positive control: the same URL in the user settings is used', async () => {
  hits = [];
  await completeIn({ prometheusUrl: url });
  await new Promise((r) => setTimeout(r, 300));
  expect(hits.length).toBeGreaterThan(0);
}, 60_000);
