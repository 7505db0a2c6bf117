/**
 * Requests that need a document's whole model (document symbols, go to definition) while the
 * document is being edited: answered from the model the modeller thread builds for the edited text,
 * never by building it on the main thread (a 1,000-rule file's model takes 50–300 ms; on the main
 * thread it would hold up the diagnostics and every other request meanwhile). A request about a
 * text that is replaced before its model is built gets an empty answer.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DocumentSymbol, Location } from 'vscode-languageserver-protocol';
import { ensureBuilt } from './support/ensure-built';
import { LspClient } from './support/lsp-client';
import { tempWorkspace, type TempWorkspace } from './support/workspace';

const GROUPS = 30;
const group = (g: number, name = `job:m${g}:rate5m`) =>
  `  - name: g${g}\n    rules:\n` +
  `      - record: ${name}\n        expr: sum by (job) (rate(m${g}_total[5m]))\n` +
  Array.from({ length: 8 }, (_, r) => `      - record: job:m${g}_${r}:rate5m\n        expr: sum by (job) (rate(m${g}_${r}_total[5m]))\n`).join('') +
  `      - alert: A${g}\n        expr: ${name} > 1\n        for: 5m\n`;

let ws: TempWorkspace;
let client: LspClient;
beforeAll(async () => {
  ensureBuilt();
  ws = tempWorkspace();
  client = await LspClient.start({ root: ws.dir, settings: { debounceMs: 0 } });
});
afterAll(async () => {
  await client?.stop();
  ws?.dispose();
});

const stats = () => client.request<{ modelsBuiltOnMainThread: number }>('promscope/stats', {});
const TEXT = `groups:\n${Array.from({ length: GROUPS }, (_, g) => group(g)).join('')}`;

/** `rel` opened with TEXT and analysed; how many models the main thread had built by then */
async function openBig(rel: string): Promise<{ uri: string; before: number }> {
  const uri = ws.uri(rel);
  await client.open(uri, TEXT);
  await client.diagnosticsFor(uri);
  return { uri, before: (await stats()).modelsBuiltOnMainThread };
}

describe('requests that need the whole model, during edits', () => {
  test('document symbols and definitions right after an edit: the edited text, built by the modeller', async () => {
    const { uri, before } = await openBig('rules/big-model.yml');

    // rename the first group's first recorded metric (its record line and its use in the alert)
    const lines = TEXT.split('\n');
    const rec = lines.indexOf('      - record: job:m0:rate5m');
    const use = lines.indexOf('        expr: job:m0:rate5m > 1');
    const col = '      - record: job:m0'.length;
    const useCol = '        expr: job:m0'.length;
    const at = (line: number, character: number) => ({ line, character });
    // the use first (a later line), then the record: no request waits in between
    void client.change(uri, [{ range: { start: at(use, useCol), end: at(use, useCol) }, text: 'x' }]);
    void client.change(uri, [{ range: { start: at(rec, col), end: at(rec, col) }, text: 'x' }]);
    const [symbols, definition] = await Promise.all([
      client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } }),
      client.request<Location[] | null>('textDocument/definition', { textDocument: { uri }, position: at(use, useCol + 2) }),
    ]);
    expect(symbols).toHaveLength(GROUPS);
    expect(symbols[0]!.children!.map((c) => c.name)).toContain('job:m0x:rate5m');
    expect(symbols[0]!.children!.map((c) => c.name)).not.toContain('job:m0:rate5m');
    expect(definition).toEqual([{ uri, range: { start: at(rec, '      - record: '.length), end: at(rec, '      - record: job:m0x:rate5m'.length) } }]);
    // neither request built the model on the main thread
    expect((await stats()).modelsBuiltOnMainThread).toBe(before);
  });

  test('a request about a text replaced before its model is built: an empty answer; the next one has the new text', async () => {
    const { uri, before } = await openBig('rules/replaced.yml');
    // edit, ask, edit again: the server reads the three messages before any model can be built
    void client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# one\n' }]);
    const stale = client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    void client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# two\n' }]);
    expect(await stale).toEqual([]);
    const fresh = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(fresh).toHaveLength(GROUPS);
    // the two comment lines moved every group down by two lines
    expect(fresh[0]!.range.start.line).toBe(3);
    expect((await stats()).modelsBuiltOnMainThread).toBe(before);
  });
});
