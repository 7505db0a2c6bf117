/**
 * Soak test: thousands of random edits and requests against the real server process. Every
 * request must be answered with a well-formed result (never an internal error), the server must
 * stay up, and its memory must stay bounded.
 */
import { readFileSync } from 'node:fs';
import { afterAll, expect, test } from 'vitest';
import { LspClient } from './support/lsp-client';
import { tempWorkspace, type TempWorkspace } from './support/workspace';
import { prng } from '../../core/test/support/prng';

/** mulberry32: a small seeded PRNG so that a failure can be replayed */

const FRAGMENTS = ['sum(', ')', '{', '}', '[5m]', 'rate(', 'by (job)', '"', "'", '\\', '\n', '  ', '- ', 'expr: ', '|\n', '>-\n', '#', ':', 'offset 5m', '@ start()', '==', '/ on(job) group_left', 'label_replace(up, "a", "$1", "b", "(.*)")', '\t', 'é', '😀', '{{ $labels.job }}', 'record: x:y', 'alert: Z'];

let ws: TempWorkspace;
let client: LspClient;
afterAll(async () => {
  await client?.stop();
  ws?.dispose();
});

test('3,000 random edits and requests: every reply well-formed, server alive, memory bounded', async () => {
  const seed = Number(process.env.SOAK_SEED ?? 20261125);
  const rnd = prng(seed);
  ws = tempWorkspace();
  client = await LspClient.start({ root: ws.dir, settings: { debounceMs: 5 } });
  const uri = ws.uri('rules/alerts.rules.yml');
  let text = readFileSync(ws.file('rules/alerts.rules.yml'), 'utf8');
  await client.open(uri, text);
  const position = () => {
    const lines = text.split('\n');
    const line = Math.floor(rnd() * lines.length);
    return { line, character: Math.floor(rnd() * (lines[line].length + 1)) };
  };
  const offsetOf = (p: { line: number; character: number }) => text.split('\n').slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const failures: string[] = [];
  const pending: Promise<unknown>[] = [];
  const REQUESTS: [string, (p: { line: number; character: number }) => unknown, (r: unknown) => boolean][] = [
    ['textDocument/completion', (p) => ({ textDocument: { uri }, position: p }), (r) => r === null || Array.isArray((r as { items: unknown[] }).items)],
    ['textDocument/hover', (p) => ({ textDocument: { uri }, position: p }), (r) => r === null || typeof (r as { contents: { value: string } }).contents.value === 'string'],
    ['textDocument/signatureHelp', (p) => ({ textDocument: { uri }, position: p }), (r) => r === null || Array.isArray((r as { signatures: unknown[] }).signatures)],
    ['textDocument/definition', (p) => ({ textDocument: { uri }, position: p }), (r) => r === null || Array.isArray(r)],
    ['textDocument/references', (p) => ({ textDocument: { uri }, position: p, context: { includeDeclaration: true } }), (r) => r === null || Array.isArray(r)],
    ['textDocument/semanticTokens/full', () => ({ textDocument: { uri } }), (r) => Array.isArray((r as { data: number[] }).data) && (r as { data: number[] }).data.length % 5 === 0],
    ['textDocument/documentSymbol', () => ({ textDocument: { uri } }), (r) => Array.isArray(r)],
    ['textDocument/formatting', () => ({ textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }), (r) => Array.isArray(r)],
    ['textDocument/codeAction', (p) => ({ textDocument: { uri }, range: { start: p, end: p }, context: { diagnostics: [] } }), (r) => Array.isArray(r)],
    ['workspace/symbol', () => ({ query: 'e' }), (r) => Array.isArray(r)],
  ];
  for (let i = 0; i < 3000; i++) {
    if (rnd() < 0.5) {
      const a = position();
      let b = a;
      let insert = '';
      if (rnd() < 0.3) {
        // delete up to 12 characters of the line
        const len = text.split('\n')[a.line].length;
        b = { line: a.line, character: Math.min(len, a.character + 1 + Math.floor(rnd() * 12)) };
      } else insert = FRAGMENTS[Math.floor(rnd() * FRAGMENTS.length)];
      const s = offsetOf(a);
      const e = Math.max(s, offsetOf(b));
      text = text.slice(0, s) + insert + text.slice(e);
      await client.change(uri, [{ range: { start: a, end: e === s ? a : b }, text: insert }]);
    } else {
      const [method, params, ok] = REQUESTS[Math.floor(rnd() * REQUESTS.length)];
      const p = params(position());
      pending.push(
        client.request(method, p).then(
          (r) => {
            if (!ok(r)) failures.push(`${method} ${JSON.stringify(p)} → ${JSON.stringify(r).slice(0, 200)}`);
          },
          (e: Error) => failures.push(`${method} ${JSON.stringify(p)} threw ${e.message}`),
        ),
      );
    }
    if (pending.length >= 25) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  expect(failures.slice(0, 5)).toEqual([]);
  // the server still answers and its last diagnostics are for the final text
  const stats = await client.request<{ memory: { heapUsed: number; rss: number } }>('promscope/stats', {});
  expect(stats.memory.heapUsed).toBeLessThan(400 * 1024 * 1024);
  // and so are the worker threads' heaps, each after a full collection
  const workers = await client.request<Record<'analyzer' | 'modeller', { heap: number; external: number } | undefined>>('promscope/workerHeaps', {});
  expect(workers.analyzer?.heap).toBeGreaterThan(0);
  expect(workers.modeller?.heap).toBeGreaterThan(0);
  expect(Math.max(workers.analyzer!.heap, workers.modeller!.heap)).toBeLessThan(400 * 1024 * 1024);
  expect(Math.max(workers.analyzer!.external, workers.modeller!.external)).toBeLessThan(400 * 1024 * 1024);
  expect(client.stderr.join('')).not.toMatch(/uncaught|unhandled/);
  expect(client.logs.filter((l) => l.includes('ERROR'))).toEqual([]);
  console.log(`soak seed ${seed}: heap ${(stats.memory.heapUsed / 1048576).toFixed(0)} MB (analyzer ${(workers.analyzer!.heap / 1048576).toFixed(0)} MB, modeller ${(workers.modeller!.heap / 1048576).toFixed(0)} MB), rss ${(stats.memory.rss / 1048576).toFixed(0)} MB, final text ${text.length} chars`);
}, 180_000);
