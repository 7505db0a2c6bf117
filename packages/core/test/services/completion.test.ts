import { describe, expect, test } from 'vitest';
import { complete, promqlContextAt } from '../../src/index';
import { cursor, editorDoc, indexOf } from './helpers';

const RULES = `groups:
  - name: api
    rules:
      - record: job:http_requests:rate5m
        expr: sum by (job) (rate(http_requests_total{job="api", code="500"}[5m]))
        labels:
          team: sre
`;

function labels(marked: string, path = 'x.promql', files: Record<string, string> = { 'file:///r.yml': RULES }) {
  const { text, offset } = cursor(marked);
  const r = complete(editorDoc(path, text), offset, { index: indexOf(files) });
  return r.items.map((i) => i.label);
}

describe('PromQL completion context', () => {
  test.each([
    ['rate(fo|', 'expression'],
    ['foo{|', 'label-name'],
    ['foo{job="a", |', 'label-name'],
    ['foo{job=|', 'label-value'],
    ['foo{job="a|"}', 'label-value'],
    ['foo[|', 'duration'],
    ['foo offset |', 'duration'],
    ['sum by (|', 'grouping-label'],
    ['sum(foo) without (jo|', 'grouping-label'],
    ['foo # a comment |', 'none'],
    ['label_replace(foo, "a|', 'none'],
  ])('%s → %s', (marked, kind) => {
    const { text, offset } = cursor(marked);
    expect(promqlContextAt(text, offset).kind).toBe(kind);
  });

  test('label value context knows the metric, the label and the other matchers', () => {
    const { text, offset } = cursor('up{instance="a:1", job="|"}');
    expect(promqlContextAt(text, offset)).toMatchObject({ kind: 'label-value', metric: 'up', label: 'job', matchers: [{ name: 'instance', op: '=', value: 'a:1' }] });
  });
});

describe('completion items', () => {
  test('functions come with snippets and docs; aggregations too', () => {
    const { text, offset } = cursor('ra|');
    const r = complete(editorDoc('q.promql', text), offset, {});
    const rate = r.items.find((i) => i.label === 'rate')!;
    expect(rate.snippet).toBe(true);
    expect(rate.insertText).toBe('rate(${1:v})');
    expect(rate.detail).toContain('range-vector');
    expect(r.items.find((i) => i.label === 'sum')?.kind).toBe('aggregation');
    expect(rate.range).toEqual({ start: 0, end: 2 });
  });

  test('experimental functions only with the feature flag, new ones only for new versions', () => {
    const { text, offset } = cursor('|');
    const doc = editorDoc('q.promql', text);
    expect(complete(doc, offset, {}).items.map((i) => i.label)).not.toContain('mad_over_time');
    expect(complete(doc, offset, { options: { features: ['promql-experimental-functions'] } }).items.map((i) => i.label)).toContain('mad_over_time');
    expect(complete(doc, offset, { options: { prometheusVersion: '2.42' } }).items.map((i) => i.label)).not.toContain('histogram_avg');
  });

  test('recorded metrics and referenced metrics of the workspace are offered', () => {
    const got = labels('rate(|');
    expect(got).toContain('job:http_requests:rate5m');
    expect(got).toContain('http_requests_total');
  });

  test('label names of the metric, without those already written', () => {
    expect(labels('http_requests_total{job="x", |')).toEqual(['code']);
    expect(labels('job:http_requests:rate5m{|')).toEqual(['job', 'team']);
  });

  test('label values of the label, quoted when no quote is open', () => {
    const { text, offset } = cursor('http_requests_total{code=|');
    const r = complete(editorDoc('q.promql', text), offset, { index: indexOf({ 'file:///r.yml': RULES }) });
    expect(r.items.map((i) => i.insertText)).toEqual(['"500"']);
  });

  test('live data is merged in', () => {
    const { text, offset } = cursor('up{job="|"}');
    const r = complete(editorDoc('q.promql', text), offset, { live: { labelValues: ['prometheus'] } });
    expect(r.items.map((i) => i.label)).toEqual(['prometheus']);
  });

  test('after an expression: binary operators and modifiers, not functions', () => {
    const got = labels('sum(foo) |');
    expect(got).toEqual(expect.arrayContaining(['and', 'or', 'unless', 'by', 'without', 'offset']));
    expect(got).not.toContain('rate');
  });

  test('durations inside brackets', () => {
    expect(labels('rate(foo[|')).toContain('5m');
  });

  test('inside a double-quoted YAML scalar, inserted text is escaped for the scalar', () => {
    const yaml = `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: "http_requests_total{code=|"\n`;
    const { text, offset } = cursor(yaml);
    const r = complete(editorDoc('r.yml', text), offset, { index: indexOf({ 'file:///r.yml': RULES }) });
    expect(r.items.map((i) => i.insertText)).toEqual(['\\"500\\"']);
  });

  test.each([
    ['plain', `        expr: rate(fo|`],
    ['single-quoted', `        expr: 'rate(fo|'`],
    ['literal block', `        expr: |\n          sum(\n            rate(fo|`],
    ['folded block', `        expr: >-\n          sum(rate(fo|`],
  ])('completion works in a %s scalar', (_style, exprLine) => {
    const yaml = `groups:\n  - name: g\n    rules:\n      - record: a:b\n${exprLine}\n`;
    const { text, offset } = cursor(yaml);
    const r = complete(editorDoc('r.yml', text), offset, { index: indexOf({ 'file:///r.yml': RULES }) });
    const item = r.items.find((i) => i.label === 'http_requests_total');
    expect(item).toBeDefined();
    expect(text.slice(item!.range.start, item!.range.end)).toBe('fo');
  });
});

describe('YAML completion', () => {
  test('rule keys inside a rule', () => {
    const { text, offset } = cursor(`groups:\n  - name: g\n    rules:\n      - record: a:b\n        |\n`);
    const got = complete(editorDoc('r.yml', text), offset).items.map((i) => i.label);
    expect(got).toEqual(expect.arrayContaining(['expr', 'labels']));
    expect(got).not.toContain('record');
  });

  test('relabel actions in prometheus.yml', () => {
    const { text, offset } = cursor(`scrape_configs:\n  - job_name: x\n    relabel_configs:\n      - source_labels: [a]\n        action: |\n`);
    expect(complete(editorDoc('prometheus.yml', text), offset).items.map((i) => i.label)).toContain('labelmap');
  });

  test('__meta_* labels of the SD of the job', () => {
    const { text, offset } = cursor(`scrape_configs:\n  - job_name: x\n    kubernetes_sd_configs:\n      - role: pod\n    relabel_configs:\n      - source_labels: [__meta_kubernetes_pod_l|]\n`);
    const got = complete(editorDoc('prometheus.yml', text), offset).items.map((i) => i.label);
    expect(got).toContain('__meta_kubernetes_pod_label_<labelname>');
    expect(got).not.toContain('__meta_consul_service');
  });

  test('alertmanager route keys', () => {
    const { text, offset } = cursor(`route:\n  receiver: x\n  |\nreceivers:\n  - name: x\n`);
    expect(complete(editorDoc('alertmanager.yml', text), offset).items.map((i) => i.label)).toEqual(expect.arrayContaining(['group_by', 'routes', 'matchers']));
  });
});
