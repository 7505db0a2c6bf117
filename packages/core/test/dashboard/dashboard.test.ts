import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeDashboard, isDashboardJson, parseVariableQuery, substituteGrafanaVariables } from '../../src/dashboard/index';
import { decodeJsonString } from '../../src/dashboard/json-string';
import { parsePromQL } from '../../src/promql/index';

const fixture = path.resolve(process.cwd(), 'test-fixtures/dashboards/small-dashboard.json');

describe('JSON string decoding with a source map', () => {
  it('maps decoded offsets back through escapes', () => {
    const file = '{"expr": "a{b=\\"c\\"}\\n\\u00e9\\ud83d\\ude00x"}';
    const start = file.indexOf('"a');
    const end = file.lastIndexOf('"') + 1;
    const d = decodeJsonString(file, start, end);
    expect(d.value).toBe('a{b="c"}\né😀x');
    // every decoded character maps to the start of its source text
    expect(file.slice(d.toFile(4), d.toFile(4) + 2)).toBe('\\"');
    expect(file.slice(d.toFile(8), d.toFile(8) + 2)).toBe('\\n');
    expect(file.slice(d.toFile(9), d.toFile(9) + 6)).toBe('\\u00e9');
    expect(file[d.toFile(d.value.length - 1)]).toBe('x');
    expect(d.toFile(d.value.length)).toBe(end - 1);
  });
});

describe('Grafana variable substitution', () => {
  const cases: [string, string][] = [
    ['rate(x{job="$job"}[$__rate_interval])', 'rate(x{job="job"}[5m])'],
    ['rate(x{job=~"${job:regex}"}[${__interval}])', 'rate(x{job=~"job"}[5m])'],
    ['sum(increase(x[$__range])) / $__range_s', 'sum(increase(x[5m])) / 1'],
    ['x offset $__interval', 'x offset 5m'],
    ['$metric{instance="[[node]]"}', 'metric{instance="node"}'],
    ['node_${fs}_bytes > 0', 'node_fs_bytes > 0'],
    ['topk($n, x)', 'topk(1, x)'],
    ['sum by ($label) (x)', 'sum by (label) (x)'],
    ['rate(x[$sum])', 'rate(x[5m])'],
    ['$sum', 'sum_'],
  ];
  it.each(cases)('%s → %s', (input, expected) => {
    expect(substituteGrafanaVariables(input).text).toBe(expected);
  });

  it('maps offsets of the substituted text back to the original', () => {
    const s = substituteGrafanaVariables('rate(x{job="$job"}[$__rate_interval]) +');
    expect(s.toSource(s.text.indexOf('+'))).toBe('rate(x{job="$job"}[$__rate_interval]) +'.indexOf('+'));
    const r = s.substituted[1];
    expect(s.toSource(r.start, 'start')).toBe(19);
    expect(s.toSource(r.end, 'end')).toBe(35);
  });

  it('uses interval and numeric variable definitions', () => {
    const kinds = new Map([
      ['res', 'interval' as const],
      ['k', 'number' as const],
    ]);
    expect(substituteGrafanaVariables('x > $k and on() vector($res)', kinds).text).toBe('x > 1 and on() vector(300)');
  });
});

describe('template variable queries', () => {
  it.each([
    ['label_values(up{job="x"}, instance)', 'label_values', 'up{job="x"}'],
    ['label_values(instance)', 'label_values', undefined],
    ['query_result(topk(5, up))', 'query_result', 'topk(5, up)'],
    ['metrics(node_.*)', 'metrics', undefined],
    ['label_names()', 'label_names', undefined],
    ['up{job="x"}', 'series', 'up{job="x"}'],
  ])('%s', (q, kind, promql) => {
    const p = parseVariableQuery(q);
    expect(p?.kind).toBe(kind);
    expect(p?.promql ? q.slice(p.promql.start, p.promql.end) : undefined).toBe(promql);
  });
});

describe('dashboard fixture', () => {
  const text = readFileSync(fixture, 'utf8');
  const result = analyzeDashboard({ path: fixture, text });

  it('is detected as a dashboard', () => {
    expect(isDashboardJson(text)).toBe(true);
    expect(isDashboardJson('{"groups": []}')).toBe(false);
  });

  it('finds the PromQL of targets, collapsed rows and variables, not the Loki panel', () => {
    expect(result.expressions.map((e) => e.source.path)).toEqual([
      'templating.list[1].query.query',
      'panels[0].targets[0].expr',
      'panels[0].targets[1].expr',
      'panels[1].panels[0].targets[0].expr',
    ]);
    expect(result.expressions[2].substituted).toBe('topk(1, sum by (handler) (rate(http_requests_total{job=~"job"}[5m])))');
  });

  it('reports exactly the bad expression, at the place in the JSON string', () => {
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    const bad = result.expressions[3];
    const [d] = errors;
    expect(d.range.start).toBeGreaterThanOrEqual(bad.range.start);
    expect(d.range.end).toBeLessThanOrEqual(bad.range.end);
    // independent mapping: the analyzer's offset in the decoded text, plus one per escape before it
    expect(bad.substituted).toBe(bad.expr); // no variables in this one: the offsets are the decoded text's
    const direct = parsePromQL(bad.substituted).diagnostics.find((x) => x.severity === 'error')!;
    const decoded = JSON.parse(text.slice(bad.range.start - 1, bad.range.end + 1)) as string;
    expect(decoded).toBe(bad.expr);
    const raw = text.slice(bad.range.start, bad.range.end);
    let rawOffset = 0;
    for (let i = 0; i < direct.range.start; i++) rawOffset += raw[rawOffset] === '\\' ? 2 : 1;
    expect(d.range.start).toBe(bad.range.start + rawOffset);
    expect(d.message).toBe(direct.message);
    expect(d.notes?.[0].message).toContain('in panel "Error ratio" (id 3), query A');
  });
});
