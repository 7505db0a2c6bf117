#!/usr/bin/env node
// Language-server soak (issue 8): a scripted LSP client (vscode-jsonrpc over stdio) starts
// packages/language-server/dist/server.js, opens N rule files (one of them with 1,000 rules),
// sends E random edits interleaved with completion, hover and other requests, and reports p50/p95
// latency per request kind, the diagnostics latency on the 1,000-rule file (edit → published
// diagnostics for that version, debounce 0, and the server's own analysis time), and memory after a
// forced GC at the start and after each round. The edits start once the files are open and the
// server's initial workspace scan has ended (its `$/progress` end, as an editor shows "indexing");
// the scan's time is reported.
//
// Forced GC: the server runs with --expose-gc and a preload (--import data:...) that, on SIGUSR2,
// collects garbage and writes `SOAK-MEM {json}` to stderr; the server's `promscope/workerHeaps`
// request then has each worker thread (analyzer, modeller) collect and answer its heap.
//
// Usage: node scripts/soak-lsp.mjs [--files 200] [--edits 20000] [--rounds 5] [--big-rules 1000] [--debounce 0] [--rate 0] [--edit-mode typing|random] [--measure-every N] [--client vscode|minimal] [--max-diagnostics N] [--seed N] [--json]
// --max-diagnostics N: the server's `maxDiagnosticsPerFile` (default: 1000 with --client vscode, as
// the VS Code extension sets it, since VS Code shows no more than 1,000 per file; 0 with minimal: all).
// --client: the diagnostics capabilities the client declares: `vscode` (the default: related
// information, code descriptions, versions, as VS Code's client does) or `minimal` (versions only:
// the server then leaves out the docs links and writes notes into the messages).
// --rate N: send N edits a second (requests in between as before); 0, the default, sends them as
// fast as the server takes them (a stress test: the client waits only for 16 pending requests).
// SOAK_SERVER: another server script to run (A/B comparisons); SOAK_SERVER_FLAGS: node flags for the
// server (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`); SOAK_STDERR: a file for the server's stderr,
// with a `MEASURED v<version> <ms> ms sent <time> mono <µs>` line after each measured diagnostics
// latency (`<time>`: when the edit was sent, as performance.timeOrigin + performance.now(); `<µs>`:
// the same on process.hrtime's clock, to line up with a server's own timestamps).
// It also reports the CPU the server process and this client used while the edits ran, and how
// long this client's event loop was held up (perf_hooks' monitorEventLoopDelay, 5 ms resolution).
// Targets: p95 diagnostics ≤ 30 ms on the 1,000-rule file; no growth of the heap after GC between
// rounds. Exit code 1 when a reply is malformed or an error, or the server died.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ruleFile } from './lib/rule-generator.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(path.join(root, 'packages/language-server/package.json'));
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

const argv = process.argv.slice(2);
const opt = (name, def) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : def;
};
const FILES = opt('--files', 200);
const EDITS = opt('--edits', 20000);
const ROUNDS = opt('--rounds', 5);
const SEED = opt('--seed', 20261125);
const BIG_RULES = opt('--big-rules', 1000);
/** the server's debounce: 0 measures edit → diagnostics without the editor's quiet time */
const DEBOUNCE = opt('--debounce', 0);
const JSON_OUT = argv.includes('--json');
const CLIENT = argv.includes('--client') ? argv[argv.indexOf('--client') + 1] : 'vscode';
if (CLIENT !== 'vscode' && CLIENT !== 'minimal') throw new Error(`--client ${CLIENT}: vscode or minimal`);
const MAX_DIAGNOSTICS = opt('--max-diagnostics', CLIENT === 'vscode' ? 1000 : 0);
const PUBLISH_DIAGNOSTICS = CLIENT === 'vscode' ? { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true, tagSupport: { valueSet: [1, 2] } } : { versionSupport: true };
/**
 * edits per second (0: as fast as the server takes them, a flood of a few hundred a second that
 * saturates a 2-core machine; an editor sends one per keystroke, a typist 5-10 a second)
 */
const RATE = opt('--rate', 0);
/** measure every Nth edit of the 1,000-rule file (0: the default sampling, see below) */
const MEASURE_EVERY = opt('--measure-every', 0);
/**
 * typing (the default): each edit types a fragment into a one-line expression and the document's
 * next edit removes it, so files stay valid rule files with one broken expression at most; random:
 * fragments (line breaks among them) typed and text deleted anywhere, never undone, which leaves
 * the 1,000-rule file broken: after ~1,200 edits it no longer parsed as rule groups (15 findings
 * instead of 1,644), and its analysis took 3 ms instead of 20-60.
 */
const EDIT_MODE = (() => {
  const i = argv.indexOf('--edit-mode');
  const m = i >= 0 ? argv[i + 1] : 'typing';
  if (m !== 'typing' && m !== 'random') throw new Error(`--edit-mode: typing or random, not ${m}`);
  return m;
})();
// SOAK_SERVER: another server script to run (A/B comparisons)
const server = process.env.SOAK_SERVER ?? path.join(root, 'packages/language-server/dist/server.js');
const log = (s) => {
  if (!JSON_OUT) console.log(s);
};

function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = prng(SEED);
const pick = (a) => a[Math.floor(rnd() * a.length)];

const FRAGMENTS = ['sum(', ')', '{', '}', '[5m]', 'rate(', ' by (job)', '"', "'", '\\', '\n', '  ', '- ', 'expr: ', '|\n', '#', ':', ' offset 5m', ' @ start()', ' == ', ' / on(job) group_left ', 'label_replace(up, "a", "$1", "b", "(.*)")', '\t', 'é', '😀', '{{ $labels.job }}', 'x', 'e', 'http_', '_total', ',', '=~".+"', ' and ', ' > 0'];

/** what --edit-mode typing types into an expression: FRAGMENTS without line breaks and tabs (which break the YAML around it) */
const TYPED = FRAGMENTS.filter((f) => !/[\n\t]/.test(f));

/** user + system CPU seconds of a process, all its threads (Linux /proc; undefined elsewhere) */
function processCpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields 14 and 15 of stat (utime, stime), in clock ticks (100 a second on Linux)
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return undefined;
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

// ── shape checks of replies (a malformed reply is a failure) ──
const isRange = (r) => r && Number.isInteger(r.start?.line) && Number.isInteger(r.start?.character) && Number.isInteger(r.end?.line) && Number.isInteger(r.end?.character);
const SHAPES = {
  'textDocument/completion': (r) => r === null || Array.isArray(r) || (Array.isArray(r.items) && r.items.every((i) => typeof i.label === 'string')),
  'textDocument/hover': (r) => r === null || (r.contents !== undefined && (r.range === undefined || isRange(r.range))),
  'textDocument/signatureHelp': (r) => r === null || Array.isArray(r.signatures),
  'textDocument/semanticTokens/full': (r) => r !== null && Array.isArray(r.data) && r.data.length % 5 === 0 && r.data.every((n) => Number.isInteger(n) && n >= 0),
  'textDocument/documentSymbol': (r) => r === null || Array.isArray(r),
  'textDocument/definition': (r) => r === null || Array.isArray(r) || isRange(r.range),
  'textDocument/codeAction': (r) => r === null || Array.isArray(r),
};
const REQUEST_WEIGHTS = [
  ['textDocument/completion', 4],
  ['textDocument/hover', 4],
  ['textDocument/signatureHelp', 1],
  ['textDocument/semanticTokens/full', 1],
  ['textDocument/documentSymbol', 1],
  ['textDocument/definition', 1],
  ['textDocument/codeAction', 1],
];
const requestKinds = REQUEST_WEIGHTS.flatMap(([m, w]) => Array(w).fill(m));

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'promscope-soak-'));
  const report = { bigRules: BIG_RULES, files: FILES, edits: EDITS, rounds: ROUNDS, rate: RATE, editMode: EDIT_MODE, seed: SEED, requests: {}, diagnostics: {}, memory: [], malformed: [], errors: [], alive: false, stderrProblems: [] };
  const docs = [];
  mkdirSync(path.join(dir, 'rules'), { recursive: true });
  for (let f = 0; f < FILES; f++) {
    // file 0: the big file (1,000 rules by default: 25 groups × 40 rules); the others: 1-4 groups of 5-20 rules
    const text = f === 0 ? ruleFile(0, Math.max(1, Math.round(BIG_RULES / 40)), Math.min(40, BIG_RULES)) : ruleFile(f, 1 + (f % 4), 5 + (f % 16));
    const file = path.join(dir, 'rules', `r${String(f).padStart(4, '0')}.yml`);
    writeFileSync(file, text);
    docs.push({ uri: pathToFileURL(file).href, text, version: 1 });
  }
  const gcPreload = 'data:text/javascript,' + encodeURIComponent("process.on('SIGUSR2',()=>{globalThis.gc&&globalThis.gc();globalThis.gc&&globalThis.gc();process.stderr.write('SOAK-MEM '+JSON.stringify(process.memoryUsage())+'\\n')})");
  const proc = spawn(process.execPath, [...(process.env.SOAK_SERVER_FLAGS ?? '').split(' ').filter(Boolean), '--expose-gc', `--import=${gcPreload}`, server, '--stdio'], { stdio: 'pipe' });
  let stderr = '';
  const memWaiters = [];
  // SOAK_STDERR: a file that gets the server's stderr (timelines, traces)
  const stderrFile = process.env.SOAK_STDERR;
  if (stderrFile) writeFileSync(stderrFile, '');
  proc.stderr.on('data', (d) => {
    stderr += d;
    if (stderrFile) appendFileSync(stderrFile, d);
    for (const m of String(d).matchAll(/SOAK-MEM (\{.*\})/g)) memWaiters.shift()?.(JSON.parse(m[1]));
  });
  let exited = false;
  proc.on('exit', () => (exited = true));
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const published = new Map(); // uri → { version, at }
  const diagWaiters = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    published.set(p.uri, { version: p.version, at: performance.now(), count: p.diagnostics.length });
    for (const d of p.diagnostics) if (!isRange(d.range) || typeof d.message !== 'string') report.malformed.push(`publishDiagnostics ${p.uri}: ${JSON.stringify(d).slice(0, 200)}`);
    for (let i = diagWaiters.length - 1; i >= 0; i--) if (diagWaiters[i].uri === p.uri && (p.version ?? 0) >= diagWaiters[i].version) diagWaiters.splice(i, 1)[0].resolve();
  });
  conn.onNotification('window/logMessage', () => {});
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({ debounceMs: DEBOUNCE, maxDiagnosticsPerFile: MAX_DIAGNOSTICS })));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  // the server's initial workspace scan reports progress (begin ... end): the edits start after it
  let scanEnded;
  const scanDone = new Promise((resolve) => (scanEnded = resolve));
  conn.onNotification('$/progress', (p) => {
    if (p?.value?.kind === 'end') scanEnded(true);
  });
  conn.listen();
  const rootUri = pathToFileURL(dir).href;
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'soak' }],
    initializationOptions: { debounceMs: DEBOUNCE, maxDiagnosticsPerFile: MAX_DIAGNOSTICS },
    capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } }, hover: { contentFormat: ['markdown'] }, publishDiagnostics: PUBLISH_DIAGNOSTICS }, workspace: { configuration: false }, window: { workDoneProgress: true } },
  });
  await conn.sendNotification('initialized', {});

  const memory = async (label) => {
    const m = new Promise((resolve) => {
      memWaiters.push(resolve);
      setTimeout(() => resolve(null), 10_000).unref();
    });
    proc.kill('SIGUSR2');
    const mem = await m;
    // the workers' heaps after a full collection each (the server's own request: signals reach only its main thread)
    const workers = await conn.sendRequest('promscope/workerHeaps', {}).catch(() => ({}));
    const mb = (b) => (b === undefined ? undefined : +(b / 1048576).toFixed(1));
    const entry = {
      label,
      heapUsedMB: mem ? mb(mem.heapUsed) : undefined,
      externalMB: mem ? mb(mem.external) : undefined,
      rssMB: mem ? mb(mem.rss) : undefined,
      analyzerHeapMB: mb(workers.analyzer?.heap),
      analyzerExternalMB: mb(workers.analyzer?.external),
      modellerHeapMB: mb(workers.modeller?.heap),
      modellerExternalMB: mb(workers.modeller?.external),
    };
    if (mem) report.memory.push(entry);
    const threads = `analyzer ${entry.analyzerHeapMB ?? '?'} MB (+${entry.analyzerExternalMB ?? '?'} external), modeller ${entry.modellerHeapMB ?? '?'} MB (+${entry.modellerExternalMB ?? '?'})`;
    log(`memory ${label}: ${mem ? `heap ${entry.heapUsedMB} MB (+${entry.externalMB} external; workers: ${threads}), rss ${entry.rssMB} MB (after forced GC)` : 'no answer'}`);
  };

  const waitDiagnostics = (uri, version, ms = 15_000) =>
    new Promise((resolve) => {
      const p = published.get(uri);
      if (p && (p.version ?? 0) >= version) return resolve(true);
      const w = { uri, version, resolve: () => resolve(true) };
      diagWaiters.push(w);
      setTimeout(() => {
        const i = diagWaiters.indexOf(w);
        if (i >= 0) diagWaiters.splice(i, 1);
        resolve(false);
      }, ms).unref();
    });

  const t0 = performance.now();
  for (const d of docs) await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: 'yaml', version: 1, text: d.text } });
  await waitDiagnostics(docs[0].uri, 1, 60_000);
  await waitDiagnostics(docs[docs.length - 1].uri, 1, 60_000);
  log(`opened ${FILES} files in ${(performance.now() - t0).toFixed(0)} ms (client capabilities: ${CLIENT}, maxDiagnosticsPerFile ${MAX_DIAGNOSTICS}); ${EDIT_MODE} edits ${RATE > 0 ? `at ${RATE} a second` : "as fast as the server takes them"}`);
  const scanned = await Promise.race([scanDone, new Promise((r) => setTimeout(() => r(false), 120_000).unref())]);
  report.scanMs = scanned ? +(performance.now() - t0).toFixed(0) : null;
  log(scanned ? `workspace scan (the server's $/progress) ended ${report.scanMs} ms after the first didOpen` : 'no end of the workspace scan within 120 s (no $/progress): edits start now');
  await memory('start (files open)');

  const lat = {};
  const diagLatency = [];
  const position = (doc) => {
    const lines = doc.text.split('\n');
    const line = Math.floor(rnd() * lines.length);
    return { line, character: Math.floor(rnd() * (lines[line].length + 1)) };
  };
  const offsetOf = (text, p) => {
    let off = 0;
    for (let l = 0; l < p.line; l++) off = text.indexOf('\n', off) + 1;
    return off + p.character;
  };
  /**
   * A typist's edit of `doc` (--edit-mode typing): a fragment typed into the expression of a random
   * one-line `expr:`, which the document's next edit takes out again (typing, then undo), so that
   * the file goes from valid to invalid inside one expression and back, and its structure stays.
   */
  const exprLines = new Map();
  const typingEdit = (doc) => {
    if (doc.undo) {
      const u = doc.undo;
      doc.undo = undefined;
      return { a: u.a, s: u.s, e: u.s + u.text.length, insert: '' };
    }
    let lines = exprLines.get(doc);
    if (!lines) {
      lines = [];
      doc.text.split('\n').forEach((l, n) => {
        const m = /^(\s*(?:- )?expr: )(?![|>])(\S.*)$/.exec(l);
        if (m) lines.push({ line: n, from: m[1].length, to: l.length });
      });
      exprLines.set(doc, lines);
    }
    // a document without one-line expressions: an edit at a random place, as in random mode
    if (lines.length === 0) {
      const a = position(doc);
      const s = offsetOf(doc.text, a);
      return { a, s, e: s, insert: pick(TYPED) };
    }
    const l = pick(lines);
    const a = { line: l.line, character: l.from + Math.floor(rnd() * (l.to - l.from + 1)) };
    const s = offsetOf(doc.text, a);
    const insert = pick(TYPED);
    doc.undo = { a, s, text: insert };
    return { a, s, e: s, insert };
  };
  const pending = [];
  let bigEdits = 0;
  const perRound = Math.ceil(EDITS / ROUNDS);
  let edits = 0;
  // the CPU both processes use while the edits run, and how long this client's event loop is held
  // up (a publication waits for the client too): what shares the machine with the measured latency
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const clientCpu0 = process.cpuUsage();
  const serverCpu0 = processCpuSeconds(proc.pid);
  const editsStart = performance.now();
  for (let round = 1; round <= ROUNDS; round++) {
    const roundStart = performance.now();
    for (let i = 0; i < perRound && edits < EDITS; i++, edits++) {
      if (RATE > 0) {
        const due = roundStart + (i * 1000) / RATE - performance.now();
        if (due > 1) await new Promise((r) => setTimeout(r, due));
      }
      const doc = rnd() < 0.2 ? docs[0] : pick(docs);
      let a;
      let s;
      let e;
      let insert = '';
      if (EDIT_MODE === 'typing') ({ a, s, e, insert } = typingEdit(doc));
      else {
        a = position(doc);
        s = offsetOf(doc.text, a);
        e = s;
        if (rnd() < 0.3) {
          const lineEnd = doc.text.indexOf('\n', s);
          e = Math.min(lineEnd < 0 ? doc.text.length : lineEnd, s + 1 + Math.floor(rnd() * 8));
        } else insert = pick(FRAGMENTS);
      }
      const endPos = { line: a.line, character: a.character + (e - s) };
      doc.text = doc.text.slice(0, s) + insert + doc.text.slice(e);
      doc.version++;
      const sentAt = performance.now();
      await conn.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version: doc.version }, contentChanges: [{ range: { start: a, end: endPos }, text: insert }] });
      // measured: an edit of the big file at every 25th edit of the round (about one of 125 edits), or
      // with --measure-every N every Nth edit of the big file: wait for its diagnostics (edit → published, debounce 0)
      if (doc === docs[0]) bigEdits++;
      if (doc === docs[0] && (MEASURE_EVERY > 0 ? bigEdits % MEASURE_EVERY === 0 : i % 25 === 0)) {
        await Promise.all(pending.splice(0));
        if (await waitDiagnostics(doc.uri, doc.version)) {
          diagLatency.push(published.get(doc.uri).at - sentAt);
          if (stderrFile) appendFileSync(stderrFile, `MEASURED v${doc.version} ${(published.get(doc.uri).at - sentAt).toFixed(1)} ms sent ${(performance.timeOrigin + sentAt).toFixed(1)} mono ${(Number(process.hrtime.bigint()) / 1000 - (performance.now() - sentAt) * 1000).toFixed(0)}\n`);
        }
        else report.errors.push(`no diagnostics for version ${doc.version} of the 1,000-rule file within 15 s`);
      }
      if (rnd() < 0.5) {
        const method = pick(requestKinds);
        const target = rnd() < 0.7 ? doc : pick(docs);
        const p = position(target);
        const params =
          method === 'textDocument/semanticTokens/full' || method === 'textDocument/documentSymbol'
            ? { textDocument: { uri: target.uri } }
            : method === 'textDocument/codeAction'
              ? { textDocument: { uri: target.uri }, range: { start: p, end: p }, context: { diagnostics: [] } }
              : { textDocument: { uri: target.uri }, position: p };
        const at = performance.now();
        pending.push(
          conn.sendRequest(method, params).then(
            (r) => {
              (lat[method] ??= []).push(performance.now() - at);
              if (!SHAPES[method](r)) report.malformed.push(`${method} → ${JSON.stringify(r).slice(0, 200)}`);
            },
            (err) => report.errors.push(`${method} ${JSON.stringify(params).slice(0, 200)}: ${err.message}`),
          ),
        );
      }
      if (pending.length >= 16) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending.splice(0));
    await memory(`after round ${round} (${edits} edits)`);
  }
  loopDelay.disable();
  {
    const seconds = (performance.now() - editsStart) / 1000;
    const c = process.cpuUsage(clientCpu0);
    const client = (c.user + c.system) / 1e6;
    const server = serverCpu0 === undefined ? undefined : (processCpuSeconds(proc.pid) ?? NaN) - serverCpu0;
    report.cpu = {
      seconds: +seconds.toFixed(1),
      clientCpuSeconds: +client.toFixed(1),
      serverCpuSeconds: server === undefined ? undefined : +server.toFixed(1),
      clientLoopDelayMs: { p50: +(loopDelay.percentile(50) / 1e6).toFixed(1), p99: +(loopDelay.percentile(99) / 1e6).toFixed(1), max: +(loopDelay.max / 1e6).toFixed(1) },
    };
  }
  // the server is still alive and answering
  try {
    const stats = await Promise.race([conn.sendRequest('promscope/stats', {}), new Promise((_r, rej) => setTimeout(() => rej(new Error('no answer within 15 s')), 15_000).unref())]);
    report.alive = !exited && typeof stats?.documents === 'number';
    const an = [...(stats.analysisMs ?? [])].map((x) => (typeof x === 'number' ? x : x?.ms)).filter((x) => typeof x === 'number').sort((a, b) => a - b);
    report.interrupted = stats.analysesInterrupted;
    report.stalePublications = stats.stalePublications;
    report.serverAnalysisMs = { n: an.length, p50: +percentile(an, 50).toFixed(1), p95: +percentile(an, 95).toFixed(1) };
  } catch (e) {
    report.errors.push(`promscope/stats: ${e.message}`);
  }
  for (const [m, xs] of Object.entries(lat)) {
    xs.sort((a, b) => a - b);
    report.requests[m] = { n: xs.length, p50: +percentile(xs, 50).toFixed(1), p95: +percentile(xs, 95).toFixed(1), max: +xs[xs.length - 1].toFixed(1) };
  }
  diagLatency.sort((a, b) => a - b);
  report.diagnostics = { n: diagLatency.length, p50: +percentile(diagLatency, 50).toFixed(1), p95: +percentile(diagLatency, 95).toFixed(1), max: +(diagLatency[diagLatency.length - 1] ?? NaN).toFixed(1) };
  report.stderrProblems = stderr.split('\n').filter((l) => /uncaught|unhandled|FATAL|out of memory/i.test(l)).slice(0, 10);
  report.wallSeconds = +((performance.now() - t0) / 1000).toFixed(1);
  try {
    await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
    await conn.sendNotification('exit');
  } catch {
    /* gone */
  }
  conn.dispose();
  // the server exits on `exit`; kill it (by its own pid) if it has not after 3 s
  await new Promise((resolve) => {
    if (exited) return resolve();
    const t = setTimeout(() => {
      proc.kill('SIGKILL');
      resolve();
    }, 3000);
    proc.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
  });
  rmSync(dir, { recursive: true, force: true });

  if (JSON_OUT) console.log(JSON.stringify(report));
  else {
    console.log(`\n| request | n | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|`);
    for (const [m, r] of Object.entries(report.requests)) console.log(`| ${m.replace('textDocument/', '')} | ${r.n} | ${r.p50} | ${r.p95} | ${r.max} |`);
    console.log(`| diagnostics, ${BIG_RULES}-rule file (edit → publish) | ${report.diagnostics.n} | ${report.diagnostics.p50} | ${report.diagnostics.p95} | ${report.diagnostics.max} |`);
    if (report.serverAnalysisMs) console.log(`server analysis time (last ${report.serverAnalysisMs.n} runs, all files): p50 ${report.serverAnalysisMs.p50} ms, p95 ${report.serverAnalysisMs.p95} ms; analyses stopped because their text was superseded: ${report.interrupted ?? 'n/a'}; publications left out because a newer text had come: ${report.stalePublications ?? 'n/a'}`);
    console.log(`memory after forced GC: ${report.memory.map((m) => `${m.label}: heap ${m.heapUsedMB} MB + analyzer ${m.analyzerHeapMB ?? '?'} MB + modeller ${m.modellerHeapMB ?? '?'} MB / rss ${m.rssMB} MB`).join('; ')}`);
    if (report.cpu) {
      const c = report.cpu;
      const share = (x) => (x === undefined ? '?' : `${x} s, ${((100 * x) / c.seconds).toFixed(0)}% of one core`);
      console.log(`while the edits ran (${c.seconds} s): server CPU ${share(c.serverCpuSeconds)}; client CPU ${share(c.clientCpuSeconds)}; the client's event loop held up p50 ${c.clientLoopDelayMs.p50} ms, p99 ${c.clientLoopDelayMs.p99} ms, max ${c.clientLoopDelayMs.max} ms`);
    }
    console.log(`malformed replies: ${report.malformed.length}; errors: ${report.errors.length}; server alive: ${report.alive}; wall ${report.wallSeconds} s`);
    for (const x of [...report.malformed, ...report.errors, ...report.stderrProblems].slice(0, 10)) console.log(`  ${x}`);
  }
  return report.malformed.length === 0 && report.errors.length === 0 && report.alive && report.stderrProblems.length === 0 ? 0 : 1;
}

// exit as soon as the report is out (pending time bounds must not keep the process alive)
process.exit(await main());
