/** The --node-ipc transport, and the parsing of untrusted settings and Prometheus selectors. */
import { fork } from 'node:child_process';
import { expect, test } from 'vitest';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import type { InitializeResult } from 'vscode-languageserver-protocol';
import { selectorOf } from '../src/prometheus-client';
import { defaultSettings, parseSettings } from '../src/settings';
import { ensureBuilt } from './support/ensure-built';
import { SERVER_BIN } from './support/lsp-client';

test('the server speaks LSP over --node-ipc', async () => {
  ensureBuilt();
  const child = fork(SERVER_BIN, ['--node-ipc'], { silent: true });
  const conn = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  conn.listen();
  try {
    const init = (await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as InitializeResult;
    expect(init.serverInfo?.name).toBe('promscope-language-server');
    expect(init.capabilities.hoverProvider).toBe(true);
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
  } finally {
    conn.dispose();
    if (child.exitCode === null) child.kill();
  }
});

test('settings: wrong shapes fall back to defaults, valid values are kept', () => {
  expect(parseSettings(undefined)).toEqual(defaultSettings);
  expect(parseSettings('nonsense')).toEqual(defaultSettings);
  const s = parseSettings({ promscope: { prometheusVersion: ' 2.42 ', features: ['promql-experimental-functions', 3], prometheusUrl: 'http://127.0.0.1:9090/', checks: { 'promql/syntax': 'off', 'rules/x': 'loud', 'rules/y': false }, debounceMs: -1 } });
  expect(s).toMatchObject({ prometheusVersion: '2.42', features: ['promql-experimental-functions'], prometheusUrl: 'http://127.0.0.1:9090', checks: { 'promql/syntax': 'off', 'rules/y': 'off' }, debounceMs: defaultSettings.debounceMs });
  // maxDiagnosticsPerFile: a whole number of 0 or more, else the default (0: all)
  expect(parseSettings({ maxDiagnosticsPerFile: 1000.7 }).maxDiagnosticsPerFile).toBe(1000);
  expect(parseSettings({ maxDiagnosticsPerFile: -5 }).maxDiagnosticsPerFile).toBe(0);
  expect(parseSettings({ maxDiagnosticsPerFile: '1000' }).maxDiagnosticsPerFile).toBe(0);
});

test('match[] selectors: metric plus matchers, none when it would match everything', () => {
  expect(selectorOf('up', [{ name: 'job', op: '=', value: 'a"b' }])).toBe('up{job="a\\"b"}');
  expect(selectorOf(undefined, [{ name: 'job', op: '=~', value: '.*' }])).toBeUndefined();
  expect(selectorOf(undefined, [{ name: 'job', op: '=', value: 'api' }, { name: 'my.label', op: '!=', value: '' }])).toBe('{job="api","my.label"!=""}');
});
