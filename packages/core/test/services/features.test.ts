import { describe, expect, test } from 'vitest';
import {
  buildDocumentModel,
  codeActions,
  complete,
  documentSymbols,
  formatDocument,
  formatPromQL,
  hover,
  identityRegion,
  modelFromData,
  modelToData,
  nameAt,
  promqlTokens,
  references,
  renameEdits,
  renameError,
  semanticTokens,
  signature,
  treeShape,
  workspaceSymbols,
  type TextEdit,
} from '../../src/index';
import { cursor, editorDoc, indexOf } from './helpers';

function apply(text: string, edits: TextEdit[]): string {
  return [...edits].sort((a, b) => b.range.start - a.range.start).reduce((t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end), text);
}

const RECORDING = `groups:
  - name: http
    rules:
      - record: job:req:rate5m
        expr: sum by (job) (rate(req_total[5m]))
`;
const ALERTS = `groups:
  - name: alerts
    rules:
      - alert: Plain
        expr: job:req:rate5m > 1
      - alert: Double
        expr: "job:req:rate5m{job=\\"a\\"} > 2"
      - alert: Single
        expr: 'job:req:rate5m{job=''a''} > 3'
      - alert: Block
        expr: |
          # a comment
          job:req:rate5m
            > 4
`;

describe('hover', () => {
  test('function: signature, return type, docs and the labels of the result', () => {
    const { text, offset } = cursor('ra|te(x[5m])');
    const h = hover(editorDoc('q.promql', text), offset)!;
    expect(h.contents).toContain('rate(v range-vector)');
    expect(h.contents).toContain('Result: **instant vector** — labels: the input labels without the metric name');
    expect(h.range).toEqual({ start: 0, end: 4 });
  });

  test('a recorded metric shows its rule, file and group', () => {
    const index = indexOf({ 'file:///w/rules/rec.yml': RECORDING });
    const { text, offset } = cursor('job:req:ra|te5m > 1');
    const h = hover(editorDoc('q.promql', text), offset, { index })!;
    expect(h.contents).toContain('Recording rule in `rules/rec.yml` (group `http`)');
    expect(h.contents).toContain('sum by (job) (rate(req_total[5m]))');
  });

  test('live metadata: TYPE and HELP', () => {
    const { text, offset } = cursor('u|p');
    const h = hover(editorDoc('q.promql', text), offset, { live: { metadata: { up: { type: 'gauge', help: 'Target is up.' } } } })!;
    expect(h.contents).toContain('TYPE `gauge`');
    expect(h.contents).toContain('Target is up.');
  });

  test('hover inside a double-quoted scalar maps back through escapes', () => {
    const { text, offset } = cursor('groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: "x{a=\\"b\\"} and ab|sent(y)"\n');
    const h = hover(editorDoc('r.yml', text), offset)!;
    expect(text.slice(h.range.start, h.range.end)).toBe('absent');
  });
});

describe('signature help', () => {
  test.each([
    ['histogram_quantile(0.9, |', 'histogram_quantile(φ scalar, b instant-vector)', 1],
    ['round(x|', 'round(v instant-vector, to_nearest=1 scalar)', 0],
    ['label_join(x, "d", ",", "a", "b", |', 'label_join(v instant-vector, dst_label string, separator string, src_label_1 string, src_label_2 string, ...)', 4],
    ['topk(3, |', 'topk(k scalar, v instant-vector)', 1],
    ['sum by (job) (rate(x[5m]) + |', 'sum(v instant-vector)', 0],
  ])('%s', (marked, label, active) => {
    const { text, offset } = cursor(marked);
    const s = signature(editorDoc('q.promql', text), offset)!;
    expect(s.label).toBe(label);
    expect(s.activeParameter).toBe(active);
    for (const p of s.parameters) expect(s.label).toContain(p.label);
  });
});

describe('semantic tokens', () => {
  test('classifies PromQL tokens', () => {
    const text = 'sum by (job) (rate(x{a=~"b"}[5m] offset 1h)) > bool 2 # c';
    const toks = promqlTokens(text).map((t) => `${t.type}:${text.slice(t.start, t.end)}`);
    expect(toks).toEqual(['keyword:sum', 'keyword:by', 'label:job', 'function:rate', 'metric:x', 'label:a', 'operator:=~', 'string:"b"', 'duration:5m', 'keyword:offset', 'duration:1h', 'operator:>', 'keyword:bool', 'number:2', 'comment:# c']);
  });

  test('tokens of a folded scalar are split at line breaks and land on the file text', () => {
    const text = 'groups:\n  - name: g\n    rules:\n      - record: a:b\n        expr: >-\n          sum(\n          rate(x[5m]))\n';
    const m = buildDocumentModel('r.yml', text);
    const toks = semanticTokens(text, m.regions).map((t) => text.slice(t.start, t.end));
    expect(toks).toEqual(['sum', 'rate', 'x', '5m']);
  });

  test('regions out of file order: the tokens still come in file order', () => {
    const text = 'groups:\n  - name: g\n    rules:\n      - record: a:b\n        expr: sum(x)\n      - record: c:d\n        expr: rate(y[5m])\n';
    const m = buildDocumentModel('r.yml', text);
    const toks = semanticTokens(text, [...m.regions].reverse()).map((t) => text.slice(t.start, t.end));
    expect(toks).toEqual(['sum', 'x', 'rate', 'y', '5m']);
  });
});

describe('formatting', () => {
  test.each([
    ['sum(rate(x[5m]))by(job)', 'sum(rate(x[5m])) by (job)'],
    ['a+on(job)group_left(x)b', 'a + on (job) group_left (x) b'],
    ['-x*2', '-x * 2'],
    ['x{a="b",c=~"d"}[5m:1m]', 'x{a="b", c=~"d"}[5m:1m]'],
    ['foo offset -5m @ end()', 'foo offset -5m @ end()'],
  ])('%s → %s', (input, output) => {
    expect(formatPromQL(input)).toBe(output);
    expect(treeShape(formatPromQL(input)!)).toBe(treeShape(input));
  });

  test('keeps comments and line breaks, indents by depth', () => {
    expect(formatPromQL('sum(\n# why\nrate(x[5m])\n)')).toBe('sum(\n  # why\n  rate(x[5m])\n)');
  });

  test('refuses broken input instead of guessing', () => {
    expect(formatPromQL('sum(rate(x[5m]')).toBeNull();
    expect(formatPromQL('x{a="b}')).toBeNull();
  });

  test('every scalar style is kept, and the re-parsed trees are the same', () => {
    const text = `groups:
  - name: g
    rules:
      - record: a:plain
        expr: sum(x)by(job)
      - record: a:double
        expr: "x{a=\\"b\\"}>1"
      - record: a:single
        expr: 'x{a=''b''}>1'
      - record: a:block
        expr: |
          sum(
          # keep me
          rate(x[5m]))by(job)
`;
    const m = buildDocumentModel('r.yml', text);
    const out = apply(text, formatDocument(m));
    expect(out).toContain('expr: sum(x) by (job)\n');
    expect(out).toContain('expr: "x{a=\\"b\\"} > 1"\n');
    expect(out).toContain("expr: 'x{a=''b''} > 1'\n");
    expect(out).toContain('        expr: |\n          sum(\n            # keep me\n            rate(x[5m])) by (job)\n');
    const after = buildDocumentModel('r.yml', out);
    expect(after.regions.map((r) => treeShape(r.text))).toEqual(m.regions.map((r) => treeShape(r.text)));
  });
});

describe('definition, references, rename', () => {
  const files = { 'file:///rec.yml': RECORDING, 'file:///alerts.yml': ALERTS };

  test('references in every scalar style, with file ranges on the name', () => {
    const index = indexOf(files);
    const refs = references(index, 'job:req:rate5m', true);
    expect(refs).toHaveLength(5);
    for (const r of refs) expect((r.uri === 'file:///rec.yml' ? RECORDING : ALERTS).slice(r.range.start, r.range.end)).toBe('job:req:rate5m');
  });

  test('rename keeps every file valid and every use renamed', () => {
    const index = indexOf(files);
    expect(renameError(index, 'job:req:rate5m', 'job:req:rate_5m')).toBeNull();
    expect(renameError(index, 'job:req:rate5m', 'bad name')).toMatch(/not a valid metric name/);
    const edits = renameEdits(index, 'job:req:rate5m', 'job:req:rate_5m');
    const alerts = apply(ALERTS, edits.get('file:///alerts.yml')!);
    expect(alerts.match(/job:req:rate_5m/g)).toHaveLength(4);
    expect(buildDocumentModel('a.yml', alerts).regions.map((r) => r.text)).toEqual(buildDocumentModel('a.yml', ALERTS).regions.map((r) => r.text.replace('job:req:rate5m', 'job:req:rate_5m')));
    expect(apply(RECORDING, edits.get('file:///rec.yml')!)).toContain('record: job:req:rate_5m');
  });

  test('nameAt finds names on record: and inside PromQL', () => {
    const m = buildDocumentModel('a.yml', ALERTS);
    expect(nameAt(m, ALERTS.indexOf('job:req:rate5m{job=\\"a') + 3)?.name).toBe('job:req:rate5m');
    const r = buildDocumentModel('r.yml', RECORDING);
    expect(nameAt(r, RECORDING.indexOf('job:req') + 1)).toMatchObject({ name: 'job:req:rate5m', role: 'definition', kind: 'record' });
  });
});

describe('code actions', () => {
  const diag = (text: string, needle: string, code = 'promql/x') => ({ code, severity: 'warning' as const, message: 'm', range: { start: text.indexOf(needle), end: text.indexOf(needle) + needle.length } });

  test('the quick fix of a diagnostic, and a disable comment above the expr of a quoted scalar', () => {
    const text = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: "x > 1"\n';
    const m = buildDocumentModel('r.yml', text);
    const d = { ...diag(text, 'x > 1'), fix: { description: 'use y', safe: true, edits: [{ range: { start: text.indexOf('x >'), end: text.indexOf('x >') + 1 }, newText: 'y' }] } };
    const actions = codeActions(text, m.kind, m.regions, [d], d.range);
    expect(actions.map((a) => a.title)).toEqual(['use y', 'Disable promql/x for this line']);
    expect(apply(text, actions[1].edits)).toBe('groups:\n  - name: g\n    rules:\n      - alert: A\n        # promscope-disable-next-line promql/x\n        expr: "x > 1"\n');
  });

  test('inside a literal block the comment goes on the line before, as a PromQL comment', () => {
    const text = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: |\n          x\n            > 1\n';
    const m = buildDocumentModel('r.yml', text);
    const d = diag(text, '> 1');
    const out = apply(text, codeActions(text, m.kind, m.regions, [d], d.range)[0].edits);
    expect(out).toBe('groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: |\n          x\n            # promscope-disable-next-line promql/x\n            > 1\n');
    expect(buildDocumentModel('r.yml', out).regions[0].text).toBe('x\n  # promscope-disable-next-line promql/x\n  > 1\n');
  });
});

describe('symbols and model data', () => {
  test('document symbols: groups → rules; workspace symbols by query', () => {
    const m = buildDocumentModel('a.yml', ALERTS);
    expect(documentSymbols(m).map((s) => [s.name, s.children.map((c) => `${c.kind}:${c.name}`)])).toEqual([['alerts', ['alert:Plain', 'alert:Double', 'alert:Single', 'alert:Block']]]);
    expect(workspaceSymbols(indexOf({ 'file:///a.yml': ALERTS, 'file:///r.yml': RECORDING }), 'rate').map((s) => s.name)).toEqual(['job:req:rate5m']);
  });

  test('a model survives the trip through plain data', () => {
    const m = buildDocumentModel('a.yml', ALERTS);
    const back = modelFromData(structuredClone(modelToData(m)), ALERTS);
    expect(back.rules.map((r) => [r.name, r.expr?.text])).toEqual(m.rules.map((r) => [r.name, r.expr?.text]));
    const at = ALERTS.indexOf('rate5m{job=\\"');
    expect(back.regions[1].fromFile(at)).toBe(m.regions[1].fromFile(at));
    expect(back.regions[1].toFileEnd(5)).toBe(m.regions[1].toFileEnd(5));
  });

  test('every offset of every region maps as before the trip, in every scalar style and line ending', () => {
    const styles = [
      ALERTS,
      RECORDING,
      'groups:\n  - name: s\n    rules:\n      - record: a:b:c\n        expr: \'sum(x{a=\'\'b\'\'})\'\n      - record: a:b:d\n        expr: "sum(x{a=\\"b\\\\t\\u00e9\\"})  \\\n          + y"\n',
      'groups:\n  - name: s\n    rules:\n      - record: a:b:c\n        expr: |\n          sum(\n            x\n          )\n      - record: a:b:d\n        expr: >-\n          sum by (job)\n\n            (rate(x[5m]))\n          / 2\n      - record: a:b:e\n        expr: sum(x)\n          by (job)\n',
    ];
    let regions = 0;
    for (const base of styles) {
      for (const text of [base, base.replace(/\n/g, '\r\n')]) {
        const m = buildDocumentModel('a.yml', text);
        const back = modelFromData(structuredClone(modelToData(m)), text);
        expect(back.regions.length).toBe(m.regions.length);
        m.regions.forEach((r, k) => {
          const b = back.regions[k]!;
          regions++;
          for (let i = -2; i <= r.text.length + 2; i++) expect([i, b.toFile(i), b.toFileEnd(i)]).toEqual([i, r.toFile(i), r.toFileEnd(i)]);
          for (let o = r.range.start - 2; o <= r.range.end + 2; o++) expect([o, b.fromFile(o)]).toEqual([o, r.fromFile(o)]);
        });
      }
    }
    expect(regions).toBeGreaterThanOrEqual(20);
  });

  test('identity regions for .promql text', () => {
    const r = identityRegion('up', 10);
    expect([r.toFile(1), r.fromFile(11), r.fromFile(20)]).toEqual([11, 1, null]);
  });
});

describe('dashboards', () => {
  test('PromQL in a dashboard target: completion range and hover map through JSON escapes', () => {
    const { text, offset } = cursor('{"panels": [{"targets": [{"expr": "sum(rate(x{a=\\"b\\"}[5m])) by (jo|b)", "refId": "A"}]}]}');
    const doc = editorDoc('d.json', text);
    expect(doc.kind).toBe('dashboard');
    const h = hover(doc, text.indexOf('rate') + 1)!;
    expect(text.slice(h.range.start, h.range.end)).toBe('rate');
    const toks = semanticTokens(text, doc.full.regions).map((t) => text.slice(t.start, t.end));
    expect(toks).toContain('\\"b\\"');
    const item = complete(doc, offset, { live: { labelNames: ['job'] } }).items.find((i) => i.label === 'job')!;
    expect(text.slice(item.range.start, item.range.end)).toBe('job');
  });
});

describe('relabel hover', () => {
  test('labels before and after a step, on an example target of the job', () => {
    const text = `scrape_configs:
  - job_name: pods
    kubernetes_sd_configs:
      - role: pod
    relabel_configs:
      - source_labels: [__meta_kubernetes_pod_label_app]
        target_label: app
      - source_labels: [app]
        regex: nope
        action: keep
`;
    const first = hover(editorDoc('prometheus.yml', text), text.indexOf('target_label'))!;
    expect(first.contents).toContain('**Relabel step 1** (`replace`)');
    expect(first.contents).toContain('after: `{__address__="host.example:9100", __meta_kubernetes_pod_label_app="example-pod_label_app", __metrics_path__="/metrics", __scheme__="http", app="example-pod_label_app", job="pods"}`');
    const second = hover(editorDoc('prometheus.yml', text), text.indexOf('regex: nope'))!;
    expect(second.contents).toContain('**dropped** by this step');
  });
});
