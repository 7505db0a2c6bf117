/**
 * The versions read off the stream (incoming.ts): the reader notes each didOpen/didChange/didClose
 * before the server handles it, so a publication for a version the editor has already replaced is
 * known to be stale; the newest version, a closed and reopened document, and other messages are not.
 */
import { PassThrough } from 'node:stream';
import { expect, test } from 'vitest';
import type { Message } from 'vscode-languageserver/node';
import { IncomingVersions, NoticingReader } from '../src/incoming';

const frame = (m: object) => {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...m }), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
};
const change = (uri: string, version: number) => ({ method: 'textDocument/didChange', params: { textDocument: { uri, version }, contentChanges: [{ text: 'x' }] } });

test('a version is stale once a newer change of its document has been read', () => {
  const inc = new IncomingVersions();
  const a = 'file:///a.yml';
  expect(inc.newer(a, 1)).toBe(false);
  inc.note({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: a, version: 1, languageId: 'yaml', text: '' } } } as Message);
  expect(inc.newer(a, 1)).toBe(false);
  inc.note({ jsonrpc: '2.0', ...change(a, 4) } as Message);
  expect(inc.newer(a, 3)).toBe(true);
  expect(inc.newer(a, 4)).toBe(false);
  // a disk file (no version) and other documents are never stale
  expect(inc.newer(a, undefined)).toBe(false);
  expect(inc.newer('file:///b.yml', 1)).toBe(false);
  // requests and other notifications change nothing
  inc.note({ jsonrpc: '2.0', id: 1, method: 'textDocument/hover', params: { textDocument: { uri: a }, position: { line: 0, character: 0 } } } as Message);
  expect(inc.newer(a, 3)).toBe(true);
  // closed, then opened again at version 1: its versions start over
  inc.note({ jsonrpc: '2.0', method: 'textDocument/didClose', params: { textDocument: { uri: a } } } as Message);
  expect(inc.newer(a, 3)).toBe(false);
  inc.note({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: a, version: 1, languageId: 'yaml', text: '' } } } as Message);
  expect(inc.newer(a, 1)).toBe(false);
});

test('the reader notes every message of a chunk before the first is handled', async () => {
  const inc = new IncomingVersions();
  const stream = new PassThrough();
  const reader = new NoticingReader(stream, inc);
  const seen: { version: number; staleAtHandling: boolean }[] = [];
  reader.listen((m) => {
    const v = (m as unknown as { params: { textDocument: { version: number } } }).params.textDocument.version;
    // the connection handles each message in a later turn of the event loop (vscode-jsonrpc queues
    // them and takes the next one with setImmediate); the reader reads the rest of the chunk first
    setImmediate(() => seen.push({ version: v, staleAtHandling: inc.newer('file:///a.yml', v) }));
  });
  stream.write(Buffer.concat([2, 3, 4].map((v) => frame(change('file:///a.yml', v)))));
  await new Promise((r) => setTimeout(r, 20));
  expect(seen).toEqual([
    { version: 2, staleAtHandling: true },
    { version: 3, staleAtHandling: true },
    { version: 4, staleAtHandling: false },
  ]);
  reader.dispose();
});
