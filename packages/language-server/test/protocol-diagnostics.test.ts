/**
 * Diagnostics over the protocol: the same findings as `promscope check` on the fixture set,
 * publishing on open and change, code descriptions, workspace diagnostics that follow other files,
 * and `.promscope.yml` / settings picked up live.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { ensureBuilt } from './support/ensure-built';
import { analyzeWith } from '../src/analysis';
import { LspClient } from './support/lsp-client';
import { REPO_ROOT, tempWorkspace, type TempWorkspace } from './support/workspace';
import { ruleFile } from '../../../scripts/lib/rule-generator.mjs';

const SEVERITY = ['', 'error', 'warning', 'info'];

interface Finding {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

const key = (d: Finding) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${d.code} ${d.message.split('\n')[0]}`;

function fromLsp(d: Diagnostic): Finding {
  return {
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: SEVERITY[d.severity ?? 1],
    code: String(d.code),
    message: typeof d.message === 'string' ? d.message : d.message.value,
  };
}

/** a workspace of rule files only (a configuration file's analysis always runs the whole pass) */
function ruleFilesOnlyWorkspace(): TempWorkspace {
  const empty = mkdtempSync(path.join(os.tmpdir(), 'promscope-ls-empty-'));
  const w = tempWorkspace(empty);
  rmSync(empty, { recursive: true, force: true });
  return w;
}
/** a recording rule no rule reads, and how many `rules/unused-recording-rule` findings a file has */
const UNREAD_RULE = 'groups:\n  - name: u\n    rules:\n      - record: job:nobody_reads:sum\n        expr: sum by (job) (x)\n';
const unused = (d: { code?: string | number }[]) => d.filter((x) => x.code === 'rules/unused-recording-rule').length;
/** a recording rule and an alert that reads it (line 6: `        expr: job:x:sum > 1`) */
const RECORD_AND_ALERT = 'groups:\n  - name: p\n    rules:\n      - record: job:x:sum\n        expr: sum by (job) (x)\n      - alert: X\n        expr: job:x:sum > 1\n        for: 5m\n';

/** A client (debounce 0) with `RECORD_AND_ALERT` open as `name` in `w`, its diagnostics published. */
async function typingSession(w: TempWorkspace, name: string): Promise<{ client: LspClient; uri: string }> {
  const c = await LspClient.start({ root: w.dir, settings: { debounceMs: 0 } });
  const uri = w.uri(name);
  await c.open(uri, RECORD_AND_ALERT);
  await c.diagnosticsFor(uri);
  return { client: c, uri };
}

/** Types `text` at line `line`, character `character`; resolves with the version once its diagnostics are published. */
async function typeAt(c: LspClient, uri: string, line: number, character: number, text: string): Promise<number> {
  const v = await c.change(uri, [{ range: { start: { line, character }, end: { line, character } }, text }]);
  await c.until(() => c.diagnostics.get(uri)?.version === v || undefined, 10_000, `version ${v}`);
  return v;
}

/**
 * A server statistic once `ok` holds (or the last read after 10 s, for the caller's assertion to
 * fail on). Statistics of an analysis are taken when its complete answer comes, which may follow
 * the publication of its diagnostics from the analyzer's first answer.
 */
async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  let v = await read();
  for (const deadline = Date.now() + 10_000; !ok(v) && Date.now() < deadline; v = await read()) await new Promise((r) => setTimeout(r, 20));
  return v;
}

describe('identical to `promscope check`', () => {
  let client: LspClient | undefined;
  afterAll(() => client?.stop());

  test('on every file of test-fixtures/ (server scan vs CLI run)', async () => {
    ensureBuilt(); // the build also writes the CLI bundle: never run the CLI while it is rebuilt
    const cli = spawnSync(process.execPath, [path.join(REPO_ROOT, 'packages/cli/bin/promscope.js'), 'check', 'test-fixtures', '--format', 'json'], { cwd: REPO_ROOT, encoding: 'utf8' });
    const findings = JSON.parse(cli.stdout) as (Finding & { file: string })[];
    expect(findings.length).toBeGreaterThan(5);
    const byFile = new Map<string, string[]>();
    for (const f of findings) {
      const uri = pathToFileURL(path.join(REPO_ROOT, f.file)).href;
      byFile.set(uri, [...(byFile.get(uri) ?? []), key(f)]);
    }
    client = await LspClient.start({ root: path.join(REPO_ROOT, 'test-fixtures') });
    // the scan publishes every analysed file; wait for the files the CLI has findings for
    for (const uri of byFile.keys()) await client.diagnosticsFor(uri);
    await client.until(() => client!.logs.some((l) => l.includes('workspace scan:')), 30_000, 'the end of the scan');
    for (const [uri, expected] of byFile) {
      const got = client.diagnostics.get(uri)!.diagnostics.map((d) => key(fromLsp(d)));
      expect({ uri, diagnostics: got.sort() }).toEqual({ uri, diagnostics: [...expected].sort() });
    }
    // files without CLI findings are published clean (or not at all)
    for (const [uri, p] of client.diagnostics) if (!byFile.has(uri)) expect({ uri, diagnostics: p.diagnostics }).toEqual({ uri, diagnostics: [] });
  }, 60_000);
});

describe('publishing', () => {
  let ws: TempWorkspace;
  let client: LspClient;
  afterEach(async () => {
    await client?.stop();
    ws?.dispose();
  });

  test('on open and after an edit, with code, code description and version', async () => {
    ws = tempWorkspace();
    client = await LspClient.start({ root: ws.dir, settings: { debounceMs: 10 } });
    const uri = ws.uri('rules/edit.rules.yml');
    await client.open(uri, 'groups:\n  - name: g\n    rules:\n      - record: job:up:sum\n        expr: sum(up) by (job)\n');
    expect(await client.diagnosticsFor(uri)).toEqual([]);
    const version = await client.change(uri, [{ range: { start: { line: 4, character: 20 }, end: { line: 4, character: 21 } }, text: '' }]);
    const diags = await client.diagnosticsFor(uri, (d) => d.length > 0);
    expect(client.diagnostics.get(uri)!.version).toBe(version);
    expect(diags[0]).toMatchObject({ code: 'promql/syntax', severity: 1, source: 'promscope', range: { start: { line: 4 } } });
    expect(diags[0].codeDescription!.href).toMatch(/promql\/syntax/);
  });

  test("only what the client supports: without related information and code descriptions, a note is a line of the message, before and after an edit", async () => {
    ws = tempWorkspace();
    client = await LspClient.start({ root: ws.dir, settings: { debounceMs: 10 }, publishDiagnostics: { versionSupport: true } });
    const uri = ws.uri('rules/level.rules.yml');
    const text = 'groups:\n  - name: g\n    rules:\n      - record: job_a:up:sum\n        expr: sum by (job) (up)\n';
    await client.open(uri, text);
    const level = (ds: Diagnostic[]) => ds.find((d) => d.code === 'rules/record-name-level');
    const check = (d: Diagnostic | undefined, line: number) => {
      expect(d).toBeDefined();
      expect(d!.relatedInformation).toBeUndefined();
      expect(d!.codeDescription).toBeUndefined();
      expect(d!.message).toMatch(new RegExp(`\\nthe labels are set by \`sum by \\(job\\)\` \\(line ${line}, column 15\\)$`));
    };
    check(level(await client.diagnosticsFor(uri, (ds) => level(ds) !== undefined)), 5);
    // an edit: the LSP text is written by the analyzer worker, with the same features
    const version = await client.change(uri, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: '      # a comment\n' }]);
    const after = await client.diagnosticsFor(uri, () => client.diagnostics.get(uri)!.version === version);
    check(level(after), 6);
  });

  test('closing an unsaved buffer goes back to the file on disk', async () => {
    ws = tempWorkspace();
    client = await LspClient.start({ root: ws.dir, settings: { debounceMs: 10 } });
    const uri = ws.uri('queries/errors.promql');
    expect(await client.diagnosticsFor(uri)).toEqual([]);
    await client.open(uri, 'sum(', 'promql');
    await client.diagnosticsFor(uri, (d) => d.length > 0);
    await client.close(uri);
    expect(await client.diagnosticsFor(uri, (d) => d.length === 0)).toEqual([]);
  });

  test('a burst of edits is analysed once, for the last version', async () => {
    ws = tempWorkspace();
    client = await LspClient.start({ root: ws.dir, settings: { debounceMs: 200 } });
    const uri = ws.uri('queries/burst.promql');
    await client.open(uri, 'up', 'promql');
    await client.diagnosticsFor(uri);
    let v = 0;
    for (const ch of ['{', 'j', 'o', 'b', '=', '"', 'a', '"', '}']) {
      const end = { line: 0, character: 2 + v };
      v++;
      await client.change(uri, [{ range: { start: end, end }, text: ch }]);
    }
    await client.until(() => client.diagnostics.get(uri)?.version === 10 || undefined, 10_000, 'version 10');
    const stats = await client.request<{ analysisRuns: Record<string, number> }>('promscope/stats', {});
    // one analysis on open, one for the whole burst of 9 edits
    expect(stats.analysisRuns[uri]).toBe(2);
    expect(client.diagnostics.get(uri)!.diagnostics).toEqual([]);
  });

  test('workspace diagnostics follow another file: a tested alert appears when its rule file is edited', async () => {
    ws = tempWorkspace();
    writeFileSync(ws.file('rules/tests.yml'), 'rule_files:\n  - alerts.rules.yml\ntests:\n  - interval: 1m\n    alert_rule_test:\n      - eval_time: 5m\n        alertname: BrandNewAlert\n');
    client = await LspClient.start({ root: ws.dir, settings: { debounceMs: 10 } });
    const testsUri = ws.uri('rules/tests.yml');
    const before = await client.diagnosticsFor(testsUri);
    expect(before.map((d) => d.code)).toContain('rule-tests/unknown-alert');
    // define the alert in the other file (open buffer, not saved): the test file's diagnostic goes away
    const alertsUri = ws.uri('rules/alerts.rules.yml');
    await client.open(alertsUri, 'groups:\n  - name: a\n    rules:\n      - alert: BrandNewAlert\n        expr: up == 0\n');
    const after = await client.diagnosticsFor(testsUri, (d) => !d.some((x) => x.code === 'rule-tests/unknown-alert'));
    expect(after.map((d) => d.code)).not.toContain('rule-tests/unknown-alert');
  });

  test('an edit of a many-group rule file re-analyses only its group, and the result is the whole file\'s', async () => {
    ws = tempWorkspace();
    client = await LspClient.start({ root: ws.dir, settings: { debounceMs: 10 } });
    const uri = ws.uri('rules/many.yml');
    const group = (g: number) => `  - name: g${g}\n    rules:\n      - record: job:m${g}:rate5m\n        expr: sum by (job) (rate(m${g % 5}_total[5m]))\n      - alert: A${g}\n        expr: job:m${g}:rate5m > 1\n        for: 5m\n`;
    const text = `groups:\n${Array.from({ length: 6 }, (_, g) => group(g)).join('')}`;
    await client.open(uri, text);
    await client.diagnosticsFor(uri);
    const how = async () => (await client.request<{ howAnalysed: Record<string, unknown> }>('promscope/stats', {})).howAnalysed[uri];
    expect(await how()).toMatchObject({ analysed: 6 });
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('m2_total[5m]'));
    const col = lines[line]!.indexOf('[5m]') + 1;
    const edit = async (newText: string) => {
      const v = await client.change(uri, [{ range: { start: { line, character: col }, end: { line, character: col + 1 } }, text: newText }]);
      await client.until(() => client.diagnostics.get(uri)?.version === v || undefined, 10_000, 'the edit');
    };
    // (group 5 records what group 0 records: a finding of the whole file)
    // (the editor's settings may arrive after the first analysis: then this one starts over)
    await edit('5');
    // the third group's range shrinks to [1m] (and grows by one character): that group is analysed again, the later ones only moved
    await edit('10');
    expect(await eventually(how, (h) => JSON.stringify(h) === JSON.stringify({ analysed: 1, reused: 5 }))).toEqual({ analysed: 1, reused: 5 });
    // what `promscope check` says about the same text (the whole-file path)
    lines[line] = lines[line]!.slice(0, col) + '10' + lines[line]!.slice(col + 1);
    const edited = lines.join('\n');
    const whole = analyzeWith(ws.file('rules/many.yml'), edited, {}, {}).diagnostics.map((d) => d.code).sort();
    expect(client.diagnostics.get(uri)!.diagnostics.map((d) => d.code).sort()).toEqual(whole);
    expect(whole).toContain('rules/duplicate-expression');

    // `: ` typed into the expression: a YAML error that stays in its group, analysed alone too
    const before = lines[line]!;
    const at = before.indexOf('(rate(') + 1;
    const v = await client.change(uri, [{ range: { start: { line, character: at }, end: { line, character: at } }, text: ': ' }]);
    await client.until(() => client.diagnostics.get(uri)?.version === v || undefined, 10_000, 'the YAML error');
    expect(await eventually(how, (h) => JSON.stringify(h) === JSON.stringify({ analysed: 1, reused: 5 }))).toEqual({ analysed: 1, reused: 5 });
    lines[line] = before.slice(0, at) + ': ' + before.slice(at);
    const broken = analyzeWith(ws.file('rules/many.yml'), lines.join('\n'), {}, {}).diagnostics.map((d) => d.code).sort();
    expect(broken).toContain('yaml/syntax');
    expect(client.diagnostics.get(uri)!.diagnostics.map((d) => d.code).sort()).toEqual(broken);
  });

  test('the workspace pass is skipped only for edits that cannot change it', async () => {
    ws = tempWorkspace();
    client = await LspClient.start({ root: ws.dir, settings: { debounceMs: 10 } });
    const producer = ws.uri('rules/producer.yml');
    const consumer = ws.uri('rules/consumer.yml');
    await client.open(producer, 'groups:\n  - name: p\n    rules:\n      - record: job:x:sum\n        expr: sum by (job) (x)\n');
    await client.open(consumer, 'groups:\n  - name: c\n    rules:\n      - alert: X\n        expr: job:x:sum > 1\n        for: 5m\n');
    const undefinedMetric = (d: { code?: string | number }[]) => d.filter((x) => x.code === 'rules/undefined-recorded-metric').length;
    expect(undefinedMetric(await client.diagnosticsFor(consumer))).toBe(0);
    const skipped = async () => (await client.request<{ workspacePassesSkipped: number }>('promscope/stats', {})).workspacePassesSkipped;
    const before = await skipped();
    // a new threshold: same names in the same places, no workspace findings -> skipped
    let v = await client.change(consumer, [{ range: { start: { line: 4, character: 26 }, end: { line: 4, character: 27 } }, text: '2' }]);
    await client.until(() => client.diagnostics.get(consumer)?.version === v || undefined, 10_000, 'the threshold edit');
    expect(await eventually(skipped, (n) => n > before)).toBeGreaterThan(before);
    // the producer renames its record: the pass runs, and the consumer's finding appears
    await client.change(producer, [{ range: { start: { line: 3, character: 20 }, end: { line: 3, character: 21 } }, text: 'y' }]);
    expect(undefinedMetric(await client.diagnosticsFor(consumer, (d) => undefinedMetric(d) > 0))).toBe(1);
    // an edit of the consumer while it has a workspace finding runs the pass: the finding moves with the text
    v = await client.change(consumer, [{ range: { start: { line: 4, character: 14 }, end: { line: 4, character: 14 } }, text: ' ' }]);
    await client.until(() => client.diagnostics.get(consumer)?.version === v || undefined, 10_000, 'the indent edit');
    const moved = client.diagnostics.get(consumer)!.diagnostics.find((d) => d.code === 'rules/undefined-recorded-metric')!;
    expect(moved.range.start).toEqual({ line: 4, character: 15 });
  });

  test('an edit is published once per version, from the analyzer\'s first answer; a workspace finding it brings follows', async () => {
    ws = tempWorkspace();
    let uri: string;
    ({ client, uri } = await typingSession(ws, 'rules/first.yml'));
    const edit = async (line: number, character: number, text: string) => {
      const v = await typeAt(client, uri, line, character, text);
      // the complete answer follows the first: let it come (and any publication it makes)
      await client.request('promscope/stats', {});
      await new Promise((r) => setTimeout(r, 100));
      return client.publications.filter((p) => p.uri === uri && p.version === v);
    };
    const fromFirst = async () => (await client.request<{ publishedFromFirstAnswer: number }>('promscope/stats', {})).publishedFromFirstAnswer;
    const before = await fromFirst();
    // typing in the threshold: the file's own diagnostics, published once, from the first answer
    for (const [i, ch] of ['0', '0', '1'].entries()) expect(await edit(6, 26 + i, ch)).toEqual([{ uri, version: expect.any(Number), codes: ['rules/alert-annotations'] }]);
    expect(await fromFirst()).toBe(before + 3);
    // a rename of the alert's input: its own diagnostics first, then, once the edits pause (the
    // pass over every file), with the workspace finding
    const [first] = await edit(6, 20, 'y');
    expect(first!.codes).toEqual(['rules/alert-annotations']);
    const renamed = () => client.publications.filter((p) => p.uri === uri && p.version === first!.version);
    await client.until(() => renamed().some((p) => p.codes.includes('rules/undefined-recorded-metric')) || undefined, 10_000, 'the workspace finding');
    expect(renamed().at(-1)!.codes).toEqual(['rules/alert-annotations', 'rules/undefined-recorded-metric']);
    expect(renamed().length).toBe(2);
  });

  test('while the user types, the pass over every file waits for a pause; its finding then follows', async () => {
    // (no alertmanager.yml: new alerts would run the pass for its inhibit rules)
    ws = ruleFilesOnlyWorkspace();
    let uri: string;
    ({ client, uri } = await typingSession(ws, 'rules/typing.yml'));
    const passes = async () => (await client.request<{ workspacePassesDeferred: number }>('promscope/stats', {})).workspacePassesDeferred;
    // let the passes of the opening run, then type the alert's input anew, 40 ms a keystroke: every
    // keystroke changes the names the file uses, and each one's own diagnostics are published
    await new Promise((r) => setTimeout(r, 300));
    const before = await passes();
    let v = 0;
    const started = Date.now();
    for (const [i, ch] of [...'_abcdefgh'].entries()) {
      v = await typeAt(client, uri, 6, 21 + i, ch);
      await new Promise((r) => setTimeout(r, 40));
    }
    // nine keystrokes in ~0.5 s: at most one pass per longest wait (1 s) ran among them, not one each
    expect((await passes()) - before).toBeLessThanOrEqual(1 + Math.floor((Date.now() - started) / 1000));
    // after the pause, the finding of the new name (recorded nowhere) is published on the last version
    const last = await client.until(() => client.publications.find((p) => p.uri === uri && p.version === v && p.codes.includes('rules/undefined-recorded-metric')), 10_000, 'the workspace finding');
    expect(last.codes).toEqual(['rules/alert-annotations', 'rules/undefined-recorded-metric']);
    expect((await passes()) - before).toBeGreaterThanOrEqual(1);
  });

  /**
   * How many times the server asked the analyzer for the rest of an answer it held back (the
   * analyzer holds it a while after the diagnostics, while the editor parses the publication) during
   * `act`, in a typing session.
   */
  async function restsAskedDuring(act: (c: LspClient, uri: string) => Promise<void>): Promise<number> {
    ws = ruleFilesOnlyWorkspace();
    let uri: string;
    ({ client, uri } = await typingSession(ws, 'rules/typing.yml'));
    const asked = async () => (await client.request<{ analysisRestsHurried: number }>('promscope/stats', {})).analysisRestsHurried;
    const before = await asked();
    await act(client, uri);
    return (await asked()) - before;
  }

  test('a keystroke right after a publication does not wait for the rest of the last answer', async () => {
    // each keystroke as soon as the last one's diagnostics are published: the server, with a newer
    // text of the document to analyse, asks for the rest at once instead of waiting
    const asked = await restsAskedDuring(async (c, uri) => {
      for (let k = 0; k < 8; k++) await typeAt(c, uri, 6, 21 + k, 'z');
    });
    expect(asked).toBeGreaterThanOrEqual(1);
  });

  test('a request that waits for the model right after a publication does not wait for the rest of the answer', async () => {
    // document symbols come from the model of the current text, which the modeller builds once the
    // analysis' answer is whole: asked as soon as a keystroke's diagnostics are published
    const asked = await restsAskedDuring(async (c, uri) => {
      for (let k = 0; k < 5; k++) {
        await typeAt(c, uri, 6, 21 + k, 'z');
        const symbols = await c.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri } });
        expect(symbols.length).toBeGreaterThan(0);
      }
    });
    expect(asked).toBeGreaterThanOrEqual(1);
  });

  test('code actions asked right after a publication do not wait for the rest of the answer', async () => {
    // the request waits for the analysis of the current text, complete once its rest has come
    const asked = await restsAskedDuring(async (c, uri) => {
      // an unclosed `(` typed into the alert's expression, again and again: a syntax error to fix
      for (let k = 0; k < 5; k++) {
        await typeAt(c, uri, 6, 23, '(');
        const line = { start: { line: 6, character: 0 }, end: { line: 6, character: 40 } };
        const actions = await c.request<{ title: string }[]>('textDocument/codeAction', { textDocument: { uri }, range: line, context: { diagnostics: [] } });
        expect(actions.map((a) => a.title)).toContain('Disable promql/syntax for this line');
      }
    });
    expect(asked).toBeGreaterThanOrEqual(1);
  });

  test('typing that does not pause: the pass runs after its longest wait, between two keystrokes', async () => {
    ws = ruleFilesOnlyWorkspace();
    let uri: string;
    ({ client, uri } = await typingSession(ws, 'rules/typing.yml'));
    const found = () => client.publications.some((p) => p.uri === uri && p.codes.includes('rules/undefined-recorded-metric'));
    // a keystroke every 50 ms into the alert's input (the name it reads is recorded nowhere from
    // the first one on), until the workspace finding is published: while the typing goes on
    let keystrokes = 0;
    const started = Date.now();
    while (!found() && Date.now() - started < 6_000) {
      await typeAt(client, uri, 6, 21 + keystrokes, 'q');
      keystrokes++;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(found()).toBe(true);
    expect(keystrokes).toBeGreaterThan(1);
  });

  test('a cycle across files: the other file\'s notes follow an edit that keeps every name', async () => {
    ws = tempWorkspace();
    client = await LspClient.start({ root: ws.dir, settings: { debounceMs: 10 } });
    const a = ws.uri('rules/cycle-a.yml');
    const b = ws.uri('rules/cycle-b.yml');
    await client.open(a, 'groups:\n  - name: a\n    rules:\n      - record: job:a:sum\n        expr: sum by (job) (job:b:sum)\n');
    await client.open(b, 'groups:\n  - name: b\n    rules:\n      - record: job:b:sum\n        expr: sum by (job) (job:a:sum)\n');
    const noteLine = (ds: { code?: string | number; relatedInformation?: { location: { uri: string; range: { start: { line: number } } } }[] }[]) =>
      ds.find((d) => d.code === 'rules/dependency-cycle')?.relatedInformation?.find((r) => r.location.uri === a)?.location.range.start.line;
    expect(noteLine(await client.diagnosticsFor(b, (d) => noteLine(d) !== undefined))).toBe(3);
    // comment lines on top of a: the same names, every position three lines down (a note left at its
    // old offset would land on line 5)
    await client.change(a, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# moved\n# twice\n# three\n' }]);
    await client.until(() => client.diagnostics.get(a)?.diagnostics.find((d) => d.code === 'rules/dependency-cycle')?.range.start.line === 6 || undefined, 10_000, 'a analysed');
    expect(noteLine(await client.diagnosticsFor(b, (d) => noteLine(d) !== 3))).toBe(6);
  });

  test('.promscope.yml changes are picked up live (disk + watched-files notification)', async () => {
    ws = tempWorkspace();
    client = await LspClient.start({ root: ws.dir, settings: { debounceMs: 10 } });
    const uri = ws.uri('queries/bad.promql');
    await client.open(uri, 'sum(', 'promql');
    expect((await client.diagnosticsFor(uri, (d) => d.length > 0))[0].code).toBe('promql/syntax');
    writeFileSync(ws.file('.promscope.yml'), 'checks:\n  promql/syntax: warning\n');
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('.promscope.yml'), type: 1 }] });
    const levelled = await client.diagnosticsFor(uri, (d) => d.length > 0 && d[0].severity === 2);
    expect(levelled[0].code).toBe('promql/syntax');
  });

  test('settings that turn a workspace check on reach files whose names did not change', async () => {
    ws = ruleFilesOnlyWorkspace();
    client = await LspClient.start({ root: ws.dir, settings: { debounceMs: 10 }, configuration: true });
    const uri = ws.uri('rules/unused.yml');
    await client.open(uri, UNREAD_RULE);
    expect(unused(await client.diagnosticsFor(uri))).toBe(0);
    client.settings = { debounceMs: 10, checks: { 'rules/unused-recording-rule': 'info' } };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    expect(unused(await client.diagnosticsFor(uri, (d) => unused(d) > 0))).toBe(1);
  });

  test('a .promscope.yml that turns a workspace check on reaches files whose names did not change', async () => {
    // the workspace pass remembers each file's check settings: a changed .promscope.yml must be seen
    ws = ruleFilesOnlyWorkspace();
    client = await LspClient.start({ root: ws.dir, settings: { debounceMs: 10 } });
    const uri = ws.uri('rules/unused.yml');
    const other = ws.uri('rules/other.yml');
    await client.open(uri, UNREAD_RULE);
    await client.open(other, UNREAD_RULE.replace('nobody_reads', 'other'));
    expect(unused(await client.diagnosticsFor(uri))).toBe(0);
    writeFileSync(ws.file('.promscope.yml'), 'checks:\n  rules/unused-recording-rule: info\n');
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('.promscope.yml'), type: 1 }] });
    expect(unused(await client.diagnosticsFor(uri, (d) => unused(d) > 0))).toBe(1);
    expect(unused(await client.diagnosticsFor(other, (d) => unused(d) > 0))).toBe(1);
    // and off again
    writeFileSync(ws.file('.promscope.yml'), 'checks:\n  rules/unused-recording-rule: off\n');
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('.promscope.yml'), type: 1 }] });
    expect(unused(await client.diagnosticsFor(other, (d) => unused(d) === 0))).toBe(0);
  });

  test('maxDiagnosticsPerFile: a publication carries that many (errors, then warnings, then infos) and a notice, after edits too, and all once it is 0', async () => {
    ws = tempWorkspace();
    client = await LspClient.start({ root: ws.dir, settings: { debounceMs: 10, maxDiagnosticsPerFile: 6 }, configuration: true });
    // (after the scan: its prometheus.yml's scrape interval changes the findings)
    await client.until(() => client.logs.some((l) => l.includes('workspace scan:')), 30_000, 'the end of the scan');
    const uri = ws.uri('rules/many.rules.yml');
    // 10 rules: warnings and infos on most of them
    const text = ruleFile(0, 1, 10);
    await client.open(uri, text);
    const limited = await client.diagnosticsFor(uri, (d) => d.length > 0);
    expect(limited).toHaveLength(7);
    const notice = limited.at(-1)!;
    expect(notice).toMatchObject({ severity: 3, source: 'promscope', range: { start: { line: 0, character: 0 } } });
    const omitted = Number(/^(\d+) more findings are not shown: at most 6 are published per file/.exec(String(notice.message))?.[1]);
    expect(omitted).toBeGreaterThan(0);
    // a keystroke that makes an expression invalid: its error is among the six
    const at = text.split('\n').findIndex((l) => l.includes('expr: '));
    const character = text.split('\n')[at]!.indexOf('expr: ') + 'expr: '.length;
    const version = await client.change(uri, [{ range: { start: { line: at, character }, end: { line: at, character } }, text: 'sum(' }]);
    const typed = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'promql/syntax'));
    expect(client.diagnostics.get(uri)!.version).toBe(version);
    expect(typed).toHaveLength(7);
    expect(typed[0]).toMatchObject({ code: 'promql/syntax', severity: 1 });
    // no limit: all of them
    client.settings = { debounceMs: 10, maxDiagnosticsPerFile: 0 };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    // (the count the notice gave: the file's own diagnostics come first, its workspace ones with the pass)
    const total = 6 + Number(/^(\d+) more/.exec(String(typed.at(-1)!.message))?.[1]);
    const all = await client.diagnosticsFor(uri, (d) => d.length === total);
    expect(all.filter((d) => d.source === 'promscope' && d.code === undefined)).toEqual([]);
    // the six shown were the first error, warnings and infos in that order of severity, in file order
    const byRank = all.map((d, i) => ({ d, i })).sort((a, b) => a.d.severity! - b.d.severity! || a.i - b.i);
    const chosen = byRank.slice(0, 6).sort((a, b) => a.i - b.i).map((x) => x.d);
    expect(typed.slice(0, -1)).toEqual(chosen);
    expect(new Set(all.map((d) => d.severity))).toEqual(new Set([1, 2, 3]));
  });

  test('maxDiagnosticsPerFile holds for a file whose workspace diagnostics the main thread publishes with its own', async () => {
    ws = tempWorkspace();
    writeFileSync(ws.file('rules/tests.yml'), 'rule_files:\n  - alerts.rules.yml\ntests:\n  - interval: 1m\n    alert_rule_test:\n      - eval_time: 5m\n        alertname: BrandNewAlert\n      - eval_time: 6m\n        alertname: OtherNewAlert\n');
    client = await LspClient.start({ root: ws.dir, settings: { debounceMs: 10, maxDiagnosticsPerFile: 1 } });
    const testsUri = ws.uri('rules/tests.yml');
    const got = await client.diagnosticsFor(testsUri, (d) => d.length > 0);
    expect(got).toHaveLength(2);
    expect(got[0]!.code).toBe('rule-tests/unknown-alert');
    expect(String(got[1]!.message)).toMatch(/^1 more finding is not shown: at most 1 are published per file/);
  });

  test('settings: checks turned off and target version from workspace/configuration', async () => {
    ws = tempWorkspace();
    client = await LspClient.start({ root: ws.dir, settings: { debounceMs: 10 }, configuration: true });
    const uri = ws.uri('queries/v.promql');
    await client.open(uri, 'sum(', 'promql');
    await client.diagnosticsFor(uri, (d) => d.length > 0);
    client.settings = { debounceMs: 10, checks: { 'promql/syntax': 'off' } };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    expect(await client.diagnosticsFor(uri, (d) => d.length === 0)).toEqual([]);
  });
});
