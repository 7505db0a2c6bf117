/**
 * Protocol tests: a real client talks LSP to the real server process over stdio, for each editor
 * feature, on a temporary copy of the fixture workspace (test/fixtures/ws).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type {
  CodeAction,
  CompletionList,
  DocumentSymbol,
  Hover,
  Location,
  SemanticTokens,
  SignatureHelp,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { LspClient, mark } from './support/lsp-client';
import { tempWorkspace, type TempWorkspace } from './support/workspace';

let ws: TempWorkspace;
let client: LspClient;

beforeAll(async () => {
  ws = tempWorkspace();
  client = await LspClient.start({ root: ws.dir, workDoneProgress: true });
  // the initial scan indexes the closed files of the workspace and publishes their diagnostics
  await client.indexed([ws.uri('rules/alerts.rules.yml'), ws.uri('rules/recording.rules.yml'), ws.uri('prometheus.yml')]);
});

afterAll(async () => {
  await client?.stop();
  ws?.dispose();
});

const pos = (line: number, character: number) => ({ line, character });

/** Opens a document whose text contains a `|` cursor mark; returns the cursor position. */
async function openMarked(rel: string, marked: string, languageId = 'yaml') {
  const m = mark(marked);
  await client.open(ws.uri(rel), m.text, languageId);
  return { uri: ws.uri(rel), position: pos(m.line, m.character), text: m.text };
}

describe('initialize', () => {
  test('advertises every feature', () => {
    const c = client.capabilities!;
    expect(c.completionProvider?.triggerCharacters).toContain('{');
    expect(c).toMatchObject({
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
    });
    expect(c.semanticTokensProvider?.legend.tokenTypes).toEqual(expect.arrayContaining(['function', 'keyword', 'label', 'string', 'number', 'duration', 'operator']));
  });

  test('reports $/progress for the initial workspace scan', async () => {
    const kinds = await client.until(() => {
      const k = client.progress.map((p) => (p as { value: { kind: string } }).value.kind);
      return k.includes('end') ? k : undefined;
    });
    expect(kinds[0]).toBe('begin');
    expect(kinds).toContain('end');
  });
});

describe('completion', () => {
  test('metric names from recording rules of other (closed) files, inside a plain expr', async () => {
    const { uri, position } = await openMarked('rules/new.rules.yml', 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: job:http_err|\n');
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
    const item = list.items.find((i) => i.label === 'job:http_errors:ratio5m');
    expect(item?.detail).toBe('recording rule');
    expect(item?.textEdit).toMatchObject({ range: { start: pos(4, 14), end: pos(4, 26) } });
  });

  test('functions with snippets in a .promql file', async () => {
    const { uri, position } = await openMarked('queries/new.promql', 'histogram_q|', 'promql');
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
    const f = list.items.find((i) => i.label === 'histogram_quantile')!;
    expect(f.insertTextFormat).toBe(2);
    expect(f.textEdit!.newText).toBe('histogram_quantile(${1:φ}, ${2:b})');
    expect(f.detail).toContain('φ scalar');
  });

  test('label names and values from the workspace inside a double-quoted scalar', async () => {
    const { uri, position } = await openMarked('rules/q.rules.yml', 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: "job:http_requests:rate5m{|"\n');
    const names = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
    expect(names.items.map((i) => i.label)).toEqual(expect.arrayContaining(['job', 'code', 'team']));
  });

  test('YAML keys of a rule', async () => {
    const { uri, position } = await openMarked('rules/k.rules.yml', 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        |\n');
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
    expect(list.items.map((i) => i.label)).toEqual(expect.arrayContaining(['for', 'labels', 'annotations', 'keep_firing_for']));
  });

  test('relabel actions and __meta labels in prometheus.yml', async () => {
    const text = readFileSync(ws.file('prometheus.yml'), 'utf8');
    await client.open(ws.uri('prometheus.yml'), text);
    const line = text.split('\n').findIndex((l) => l.includes('action: keep'));
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: ws.uri('prometheus.yml') }, position: pos(line, '        action: '.length) });
    expect(list.items.map((i) => i.label)).toEqual(expect.arrayContaining(['keep', 'drop', 'labelmap', 'hashmod']));
    const metaLine = text.split('\n').findIndex((l) => l.includes('source_labels'));
    const meta = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri: ws.uri('prometheus.yml') },
      position: pos(metaLine, '      - source_labels: [__meta_k'.length),
    });
    expect(meta.items.map((i) => i.label)).toContain('__meta_kubernetes_pod_name');
  });
});

describe('hover', () => {
  test('function docs, result type and labels', async () => {
    const { uri, position } = await openMarked('queries/h.promql', 'sum by (job) (ra|te(http_requests_total[5m]))', 'promql');
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position });
    const md = (h.contents as { value: string }).value;
    expect(md).toContain('rate(v range-vector)');
    expect(md).toContain('Result: **instant vector**');
  });

  test("a recording rule's expression and file", async () => {
    const text = readFileSync(ws.file('rules/alerts.rules.yml'), 'utf8');
    await client.open(ws.uri('rules/alerts.rules.yml'), text);
    const line = text.split('\n').findIndex((l) => l.includes('expr: job:http_errors:ratio5m > 0.05'));
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: ws.uri('rules/alerts.rules.yml') }, position: pos(line, 16) });
    const md = (h.contents as { value: string }).value;
    expect(md).toContain('Recording rule in `rules/recording.rules.yml`');
    expect(md).toContain('sum by (job) (job:http_requests:rate5m{code=~"5.."})');
  });

  test('a relabel step: labels before and after on an example target', async () => {
    const text = readFileSync(ws.file('prometheus.yml'), 'utf8');
    await client.open(ws.uri('prometheus.yml'), text);
    const line = text.split('\n').findIndex((l) => l.includes('action: keep'));
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: ws.uri('prometheus.yml') }, position: pos(line, 10) });
    const md = (h.contents as { value: string }).value;
    expect(md).toContain('**Relabel step 1** (`keep`)');
    expect(md).toContain('__meta_kubernetes_pod_label_app="example-pod_label_app"');
  });

  test('aggregation labels kept', async () => {
    const { uri, position } = await openMarked('queries/h2.promql', 'su|m by (job, code) (up)', 'promql');
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position });
    expect((h.contents as { value: string }).value).toContain('only `job`, `code`');
  });
});

describe('signature help', () => {
  test('active parameter of a function call', async () => {
    const { uri, position } = await openMarked('queries/s.promql', 'clamp(up, 0, |', 'promql');
    const s = await client.request<SignatureHelp>('textDocument/signatureHelp', { textDocument: { uri }, position });
    expect(s.signatures[0].label).toBe('clamp(v instant-vector, min scalar, max scalar)');
    expect(s.activeParameter).toBe(2);
  });
});

describe('definition, references, rename', () => {
  const alerts = () => readFileSync(ws.file('rules/alerts.rules.yml'), 'utf8');

  test('go to definition of a recorded metric in another file', async () => {
    const text = alerts();
    await client.open(ws.uri('rules/alerts.rules.yml'), text);
    const line = text.split('\n').findIndex((l) => l.includes('ErrorsQuoted')) + 1;
    const locs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: ws.uri('rules/alerts.rules.yml') }, position: pos(line, 16) });
    expect(locs).toEqual([{ uri: ws.uri('rules/recording.rules.yml'), range: { start: pos(7, 16), end: pos(7, 16 + 'job:http_errors:ratio5m'.length) } }]);
  });

  test('references in every scalar style', async () => {
    const locs = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: ws.uri('rules/recording.rules.yml') },
      position: pos(7, 20),
      context: { includeDeclaration: true },
    });
    const inAlerts = locs.filter((l) => l.uri === ws.uri('rules/alerts.rules.yml')).map((l) => l.range.start.line);
    expect(inAlerts).toEqual([4, 9, 11, 15]);
    expect(locs[0].uri).toBe(ws.uri('rules/recording.rules.yml'));
  });

  test('rename edits the record and all uses, escaping for each scalar style', async () => {
    const prep = await client.request<{ placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: ws.uri('rules/recording.rules.yml') }, position: pos(7, 20) });
    expect(prep.placeholder).toBe('job:http_errors:ratio5m');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: ws.uri('rules/recording.rules.yml') },
      position: pos(7, 20),
      newName: 'job:http_errors:ratio_5m',
    });
    const applied = applyEdits(alerts(), edit.changes![ws.uri('rules/alerts.rules.yml')]);
    expect(applied).toContain('expr: job:http_errors:ratio_5m > 0.05');
    expect(applied).toContain('expr: "job:http_errors:ratio_5m{job=\\"api\\"} > 0.1"');
    expect(applied).toContain("expr: 'job:http_errors:ratio_5m{job=''api''} > 0.2'");
    expect(applied).toContain('          job:http_errors:ratio_5m{job="api"}');
    expect(edit.changes![ws.uri('rules/recording.rules.yml')]).toHaveLength(1);
  });

  test('rename refuses an invalid metric name', async () => {
    await expect(
      client.request('textDocument/rename', { textDocument: { uri: ws.uri('rules/recording.rules.yml') }, position: pos(7, 20), newName: 'not a name' }),
    ).rejects.toThrow(/not a valid metric name/);
  });
});

describe('code actions', () => {
  test('"disable this check for this line" for a diagnostic', async () => {
    const uri = ws.uri('rules/broken.rules.yml');
    const text = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == \n';
    await client.open(uri, text);
    const diags = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'promql/syntax'));
    const d = diags.find((x) => x.code === 'promql/syntax')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const disable = actions.find((a) => a.title === 'Disable promql/syntax for this line')!;
    const fixed = applyEdits(text, disable.edit!.changes![uri]);
    expect(fixed).toContain('        # promscope-disable-next-line promql/syntax\n        expr: up == \n');
  });

  test('asked right after an edit, the fixes are those of the edited text (the request waits for its analysis)', async () => {
    const uri = ws.uri('rules/anchors.rules.yml');
    const text = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up{job=~"api"} == 0\n';
    await client.open(uri, text);
    await client.diagnosticsFor(uri, () => true);
    // the anchors typed, and Ctrl+. at once: the analysis of the new text is still to come (debounced)
    await client.change(uri, [{ range: { start: pos(4, 22), end: pos(4, 27) }, text: '"^api$"' }]);
    const range = { start: pos(4, 24), end: pos(4, 24) };
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
    expect(actions.map((a) => a.title)).toEqual(expect.arrayContaining([expect.stringMatching(/remove the anchors/i)]));
    const fix = actions.find((a) => /remove the anchors/i.test(a.title));
    expect(fix?.diagnostics?.[0]?.code).toBe('promql/regex-anchors');
    const edited = text.replace('"api"', '"^api$"');
    expect(applyEdits(edited, fix!.edit!.changes![uri])).toBe(text);
  });
});

describe('formatting', () => {
  test('formats PromQL inside expr scalars and keeps their style', async () => {
    const uri = ws.uri('rules/fmt.rules.yml');
    const text = 'groups:\n  - name: g\n    rules:\n      - record: a:b\n        expr: sum   by(job)(rate(x[5m]))\n      - alert: Q\n        expr: "x{a=\\"b\\"}>1"\n';
    await client.open(uri, text);
    const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    expect(applyEdits(text, edits)).toBe('groups:\n  - name: g\n    rules:\n      - record: a:b\n        expr: sum by (job) (rate(x[5m]))\n      - alert: Q\n        expr: "x{a=\\"b\\"} > 1"\n');
  });

  test('range formatting touches only the expressions in the range', async () => {
    const uri = ws.uri('rules/fmt2.rules.yml');
    const text = 'groups:\n  - name: g\n    rules:\n      - record: a:b\n        expr: sum(x)by(job)\n      - record: c:d\n        expr: sum(y)by(job)\n';
    await client.open(uri, text);
    const edits = await client.request<TextEdit[]>('textDocument/rangeFormatting', { textDocument: { uri }, range: { start: pos(6, 0), end: pos(6, 20) }, options: { tabSize: 2, insertSpaces: true } });
    expect(applyEdits(text, edits)).toBe(text.replace('sum(y)by(job)', 'sum(y) by (job)'));
  });
});

describe('semantic tokens and symbols', () => {
  /** a document's semantic tokens, decoded: `line:character type:text` (or `type:text`) */
  async function tokensOf(uri: string, text: string, withPositions: boolean): Promise<string[]> {
    await client.open(uri, text, uri.endsWith('.promql') ? 'promql' : 'yaml');
    const t = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const legend = client.capabilities!.semanticTokensProvider!.legend.tokenTypes;
    const lines = text.split('\n');
    const decoded: string[] = [];
    let line = 0;
    let ch = 0;
    for (let i = 0; i < t.data.length; i += 5) {
      line += t.data[i];
      ch = t.data[i] === 0 ? ch + t.data[i + 1] : t.data[i + 1];
      decoded.push(`${withPositions ? `${line}:${ch} ` : ''}${legend[t.data[i + 3]]}:${lines[line].slice(ch, ch + t.data[i + 2])}`);
    }
    return decoded;
  }

  test('semantic tokens for PromQL inside YAML', async () => {
    const text = 'groups:\n  - name: g\n    rules:\n      - record: a:b\n        expr: sum by (job) (rate(x{a="b"}[5m]))\n';
    expect(await tokensOf(ws.uri('rules/tok.rules.yml'), text, false)).toEqual(['keyword:sum', 'keyword:by', 'label:job', 'function:rate', 'metric:x', 'label:a', 'operator:=', 'string:"b"', 'duration:5m']);
  });

  test('semantic tokens over several lines and rules: each at its line and character', async () => {
    const text =
      'groups:\n  - name: g\n    rules:\n      - record: a:b\n        expr: |\n          sum by (job) (\n            rate(x[5m])\n          )\n' +
      '      - alert: A\n        expr: "up\n          == 0"\n\n\n      - record: c:d\n        expr: y\n';
    expect(await tokensOf(ws.uri('rules/tok2.rules.yml'), text, true)).toEqual(['5:10 keyword:sum', '5:14 keyword:by', '5:18 label:job', '6:12 function:rate', '6:17 metric:x', '6:19 duration:5m', '9:15 metric:up', '10:10 operator:==', '10:13 number:0', '14:14 metric:y']);
    // a .promql file: tokens at the start of their lines
    expect((await tokensOf(ws.uri('tok.promql'), 'sum(\nrate(x[5m])\n)\n', true)).slice(0, 2)).toEqual(['0:0 keyword:sum', '1:0 function:rate']);
  });

  test('document symbols: groups and their rules', async () => {
    const uri = ws.uri('rules/recording.rules.yml');
    await client.open(uri, readFileSync(ws.file('rules/recording.rules.yml'), 'utf8'));
    const syms = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(syms.map((s) => [s.name, s.children?.map((c) => c.name)])).toEqual([['http', ['job:http_requests:rate5m', 'job:http_errors:ratio5m']]]);
  });

  test('workspace symbols: rules of all files', async () => {
    const syms = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'errors' });
    expect(syms.map((s) => s.name)).toEqual(expect.arrayContaining(['job:http_errors:ratio5m', 'ErrorsQuoted', 'ErrorsSingle', 'ErrorsBlock']));
  });
});

describe('cancellation', () => {
  test('a cancelled request is answered with RequestCancelled or a result, and the server goes on', async () => {
    const { CancellationTokenSource } = await import('vscode-jsonrpc/node');
    const src = new CancellationTokenSource();
    const p = client.conn.sendRequest('workspace/symbol', { query: '' }, src.token);
    src.cancel();
    await p.then(
      (r) => expect(Array.isArray(r)).toBe(true),
      (e: { code: number }) => expect(e.code).toBe(-32800),
    );
    const after = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'HighErrorRatio' });
    expect(after.map((s) => s.name)).toEqual(['HighErrorRatio']);
  });
});

/** Applies LSP text edits to a text (for asserting on the result). */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
