/**
 * Live features against a real Prometheus (Debian's /usr/bin/prometheus) on 127.0.0.1: the test
 * starts it with a tiny config that scrapes itself, waits for the first scrape, and checks
 * metric-name, label-name and label-value completion and hover metadata through the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CompletionList, Hover } from 'vscode-languageserver-protocol';
import { LspClient, mark } from './support/lsp-client';

const PROMETHEUS = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

let dir: string;
let prom: ChildProcess | undefined;
let base: string;
let port: number;
let client: LspClient;
const promLog: string[] = [];

async function waitForFirstScrape(deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`${base}/api/v1/query?query=up`, { signal: AbortSignal.timeout(1000) });
      const body = (await r.json()) as { data?: { result?: unknown[] } };
      const meta = await fetch(`${base}/api/v1/metadata?metric=prometheus_build_info`, { signal: AbortSignal.timeout(1000) });
      const metaBody = (await meta.json()) as { data?: Record<string, unknown> };
      if ((body.data?.result?.length ?? 0) > 0 && metaBody.data?.prometheus_build_info) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Prometheus did not scrape itself in time\n${promLog.join('')}`);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'promscope-live-'));
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
  writeFileSync(
    path.join(dir, 'prometheus.yml'),
    `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: prometheus\n    static_configs:\n      - targets: ['127.0.0.1:${port}']\n`,
  );
  prom = spawn(
    PROMETHEUS,
    [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  prom.stdout!.on('data', (d) => promLog.push(String(d)));
  prom.stderr!.on('data', (d) => promLog.push(String(d)));
  await waitForFirstScrape(30_000);
  client = await LspClient.start({ root: dir, settings: { prometheusUrl: base, debounceMs: 10 } });
}, 60_000);

afterAll(async () => {
  await client?.stop();
  if (prom && prom.exitCode === null) {
    prom.kill('SIGTERM');
    await new Promise((r) => {
      const t = setTimeout(() => {
        prom!.kill('SIGKILL');
        r(undefined);
      }, 5000);
      prom!.once('exit', () => {
        clearTimeout(t);
        r(undefined);
      });
    });
  }
  rmSync(dir, { recursive: true, force: true });
});

async function completeAt(marked: string, name: string): Promise<CompletionList> {
  const m = mark(marked);
  const uri = pathToFileURL(path.join(dir, name)).href;
  await client.open(uri, m.text, 'promql');
  return client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: m.line, character: m.character } });
}

describe('with a live Prometheus', () => {
  test('metric names come from the server, with their type', async () => {
    const list = await completeAt('rate(prometheus_http_req|', 'a.promql');
    const item = list.items.find((i) => i.label === 'prometheus_http_requests_total');
    expect(item?.detail).toBe('counter (Prometheus)');
    expect(list.items.some((i) => i.label === 'prometheus_build_info')).toBe(true);
  });

  test('label names of the metric being typed (from /api/v1/series)', async () => {
    const list = await completeAt('prometheus_build_info{|', 'b.promql');
    expect(list.items.map((i) => i.label)).toEqual(expect.arrayContaining(['goversion', 'instance', 'job', 'version']));
  });

  test('label values narrowed by the other matchers', async () => {
    const ok = await completeAt('up{job="prometheus", instance=|}', 'c.promql');
    expect(ok.items.map((i) => i.label)).toEqual([`127.0.0.1:${port}`]);
    expect(ok.items[0].textEdit!.newText).toBe(`"127.0.0.1:${port}"`);
    const none = await completeAt('up{job="no-such-job", instance="|"}', 'd.promql');
    expect(none.items).toEqual([]);
  });

  test('hover shows HELP and TYPE from the server', async () => {
    const m = mark('rate(prometheus_http_requests_t|otal[5m])');
    const uri = pathToFileURL(path.join(dir, 'e.promql')).href;
    await client.open(uri, m.text, 'promql');
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: m.line, character: m.character } });
    const md = (h.contents as { value: string }).value;
    expect(md).toContain('TYPE `counter`');
    expect(md).toMatch(/Counter of HTTP requests/i);
  });
});
