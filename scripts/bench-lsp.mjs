// Benchmark of the language server over stdio with real LSP messages, on a generated 1,000-rule
// file: latency of diagnostics after an edit (didChange → publishDiagnostics of that version) and
// of completion (request → response, while typing). Prints p50/p95.
//
//   node scripts/bench-lsp.mjs [--rules 1000] [--edits 60] [--completions 200] [--insert]
// --insert: the edits insert a character (and delete it again the next time), moving every offset
// after them, as typing does; by default they replace one character.
// BENCH_SERVER: another server script to run (A/B comparisons); BENCH_SERVER_FLAGS: node flags for the server process (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
// Targets (issue 6): diagnostics ≤ 30 ms p95, completion ≤ 20 ms p95.
import { editorRuleFile } from './lib/rule-generator.mjs';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(path.join(root, 'packages/language-server/package.json'));
const rpc = require('vscode-jsonrpc/node');

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const RULES = arg('rules', 1000);
const EDITS = arg('edits', 60);
const COMPLETIONS = arg('completions', 200);
const INSERT = process.argv.includes('--insert');

const ruleFile = (n) => editorRuleFile(Math.ceil(n / 10), 10);

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const fmt = (xs) => xs.length === 0 ? 'n=0' : `p50 ${pct(xs, 50).toFixed(1)} ms  p95 ${pct(xs, 95).toFixed(1)} ms  (n=${xs.length}, max ${Math.max(...xs).toFixed(1)})`;

async function startServer(dir, settings) {
  const proc = spawn(process.execPath, [...(process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean), process.env.BENCH_SERVER ?? path.join(root, 'packages/language-server/bin/promscope-language-server.js'), '--stdio'], { stdio: 'pipe' });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  const listeners = new Set();
  conn.onNotification('textDocument/publishDiagnostics', (p) => listeners.forEach((f) => f(p)));
  const logs = [];
  conn.onNotification('window/logMessage', (p) => logs.push(p.message));
  conn.onRequest('workspace/configuration', () => [settings]);
  conn.listen();
  const rootUri = pathToFileURL(dir).href;
  await conn.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], initializationOptions: settings, capabilities: {} });
  await conn.sendNotification('initialized', {});
  const waitDiagnostics = (uri, version) =>
    new Promise((resolve) => {
      const f = (p) => {
        if (p.uri === uri && (version === undefined || p.version === version)) {
          listeners.delete(f);
          resolve(p);
        }
      };
      listeners.add(f);
    });
  const stop = async () => {
    await conn.sendRequest('shutdown');
    const exited = new Promise((r) => proc.once('exit', r));
    await conn.sendNotification('exit');
    // let the server exit by itself (so that --cpu-prof writes its profiles), then make sure
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    conn.dispose();
    proc.kill();
  };
  return { conn, waitDiagnostics, stop, logs };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'promscope-bench-'));
mkdirSync(path.join(dir, '.git'));
const text = ruleFile(RULES);
const file = path.join(dir, 'big.rules.yml');
writeFileSync(file, text);
const uri = pathToFileURL(file).href;
const lines = text.split('\n');
const alertThresholdLines = lines.map((l, i) => (l.trim() === '> 0.5' ? i : -1)).filter((i) => i >= 0);
const exprLines = lines.map((l, i) => (l.startsWith('        expr: sum') ? i : -1)).filter((i) => i >= 0);
console.log(`file: ${RULES} rules, ${lines.length} lines, ${(text.length / 1024).toFixed(0)} KiB; node ${process.version}, ${os.cpus().length} cpus`);

// 1. diagnostics after an edit: no debounce, so the number is the analysis + publish latency
{
  const s = await startServer(dir, { debounceMs: 0 });
  const first = s.waitDiagnostics(uri);
  await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  await first;
  const times = [];
  for (let i = 0; i < EDITS; i++) {
    const line = alertThresholdLines[(i * 37) % alertThresholdLines.length];
    const version = i + 2;
    const p = s.waitDiagnostics(uri, version);
    // `> 0.5` → `> 0.57` → `> 0.5` ... (insert), or `> 0.5` → `> 0.1` ... (replace)
    let change = { range: { start: { line, character: 14 }, end: { line, character: 15 } }, text: String(i % 10) };
    if (INSERT) {
      const end = '            > 0.5'.length;
      const long = lines[line].length > end;
      change = long ? { range: { start: { line, character: end }, end: { line, character: end + 1 } }, text: '' } : { range: { start: { line, character: end }, end: { line, character: end } }, text: '7' };
      lines[line] = long ? lines[line].slice(0, end) : lines[line] + '7';
    }
    const t0 = performance.now();
    await s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [change],
    });
    await p;
    times.push(performance.now() - t0);
  }
  const stats = await s.conn.sendRequest('promscope/stats', {});
  console.log(`diagnostics after an edit (debounce 0):  ${fmt(times.slice(5))}`);
  // the first edits after the server starts run code V8 has not optimised yet (a session of typing
  // is past them within seconds): the same, without the first 20
  console.log(`  after the first 20 edits:              ${fmt(times.slice(20))}`);
  // BENCH_DUMP: every latency, and the server's analysis time of the same edit (to see which edits are slow)
  if (process.env.BENCH_DUMP) console.log(JSON.stringify({ times: times.map((t) => +t.toFixed(1)), analysis: stats.analysisMs.slice(-EDITS).map((t) => +t.toFixed(1)) }));
  const analysis = stats.analysisMs.slice(-EDITS + 5);
  console.log(`  of which analysis in the server:       ${fmt(analysis)}`);
  console.log(`  the rest (threads, publish, transport): ${fmt(times.slice(5).map((t, i) => t - analysis[i]))}`);
  await s.stop();
}

// 2. completion while typing (default settings: diagnostics debounced behind the keystrokes)
{
  const s = await startServer(dir, { logLevel: 'debug' });
  const first = s.waitDiagnostics(uri);
  await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  await first;
  let version = 1;
  const times = [];
  const labels = [];
  for (let i = 0; i < COMPLETIONS; i++) {
    const line = exprLines[(i * 53) % exprLines.length];
    // type one character into the metric name, then ask for completion there
    const character = '        expr: sum by (job) (rate(http_requests_t'.length;
    version++;
    await s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character: character - 1 }, end: { line, character } }, text: 't' }],
    });
    const t0 = performance.now();
    const list = await s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    times.push(performance.now() - t0);
    labels.push(list.items.length);
    if (i % 10 === 9) await new Promise((r) => setTimeout(r, 400)); // a pause: the debounced analysis runs
  }
  console.log(`completion while typing (debounce 150):  ${fmt(times.slice(5))}  items ${labels[labels.length - 1]}`);
  const handler = s.logs.map((l) => /DEBUG completion in ([\d.]+) ms/.exec(l)).filter(Boolean).map((m) => Number(m[1]));
  if (handler.length) console.log(`  of which the handler in the server:     ${fmt(handler.slice(5))}`);
  await s.stop();
}
rmSync(dir, { recursive: true, force: true });
