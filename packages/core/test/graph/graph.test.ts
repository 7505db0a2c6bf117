// The rule dependency graph: producers, users, cycles, and its DOT/JSON renderings.
import { describe, expect, it } from 'vitest';
import { ruleFileViewFromText } from '../../src/checks/model-from-rules';
import { buildRuleGraph, buildRuleGraphFromEntries, dependenciesOf, metricUses, ruleGraphEntries } from '../../src/graph/build';
import { findCycles } from '../../src/graph/cycles';
import { exprFromText } from '../../src/labelflow/from-ast';
import { graphToDot, graphToJson } from '../../src/graph/render';

const a = `groups:
  - name: a
    rules:
      - record: job:requests:rate5m
        expr: sum by (job) (rate(requests_total[5m]))
      - alert: HighRequests
        expr: job:requests:rate5m > 100 and job:missing:sum > 0
`;
const b = `groups:
  - name: b
    rules:
      - record: job:x:sum
        expr: sum by (job) (job:y:sum)
      - record: job:y:sum
        expr: sum by (job) (job:x:sum)
      - alert: Meta
        expr: ALERTS{alertname="HighRequests"} == 1
`;

function workspace() {
  return buildRuleGraph([ruleFileViewFromText('a.yaml', a), ruleFileViewFromText('b.yaml', b)]);
}

describe('rule graph', () => {
  it('joins a file given in consecutive parts (one per group) in order, without changing the parts', () => {
    const text = ['groups:', ...[0, 1, 2, 3].flatMap((g) => [`  - name: g${g}`, '    rules:', `      - record: r${g}:a`, '        expr: up', `      - record: r${g}:b`, `        expr: r${g}:a`])].join('\n') + '\n';
    const entries = ruleGraphEntries(ruleFileViewFromText('f.yml', text));
    const parts = [0, 1, 2, 3].map((g) => entries.filter((e) => e.groupIndex === g));
    const whole = buildRuleGraphFromEntries([{ path: 'f.yml', entries }]);
    const joined = buildRuleGraphFromEntries([{ path: 'other.yml', entries: [] }, ...parts.map((p) => ({ path: 'f.yml', entries: p }))]);
    const names = (g: typeof whole) => (g.byFile.get('f.yml') ?? []).map((n) => `${n.id}:${n.name}`);
    expect(names(joined)).toEqual(names(whole));
    expect(names(joined)).toHaveLength(8);
    expect(parts.map((p) => p.length)).toEqual([2, 2, 2, 2]);
    // the parts' own node arrays are reused by the next build, unchanged
    expect(names(buildRuleGraphFromEntries(parts.map((p) => ({ path: 'f.yml', entries: p }))))).toEqual(names(whole));
  });

  it('indexes producers, alerts and users across files', () => {
    const g = workspace();
    expect([...g.producers.keys()].sort()).toEqual(['job:requests:rate5m', 'job:x:sum', 'job:y:sum']);
    expect([...g.alerts.keys()].sort()).toEqual(['HighRequests', 'Meta']);
    expect(g.users.get('job:requests:rate5m')?.map((n) => n.name)).toEqual(['HighRequests']);
    const meta = g.rules.find((n) => n.name === 'Meta')!;
    expect(dependenciesOf(g, meta).map((d) => `${d.rule.file}:${d.rule.name}`)).toEqual(['a.yaml:HighRequests']);
  });

  it('maps uses to file offsets', () => {
    const g = workspace();
    const alert = g.rules.find((n) => n.name === 'HighRequests')!;
    const u = alert.uses.find((x) => x.name === 'job:missing:sum')!;
    expect(a.slice(u.range.start, u.range.end)).toBe('job:missing:sum');
  });

  it('finds cycles, and only them', () => {
    expect(findCycles(workspace()).map((c) => c.map((n) => n.name).sort())).toEqual([['job:x:sum', 'job:y:sum']]);
    expect(findCycles(buildRuleGraph([ruleFileViewFromText('a.yaml', a)]))).toEqual([]);
  });

  it('finds a rule that reads its own output', () => {
    const self = 'groups:\n  - name: s\n    rules:\n      - record: job:z:sum\n        expr: sum by (job) (job:z:sum)\n';
    expect(findCycles(buildRuleGraph([ruleFileViewFromText('s.yaml', self)])).map((c) => c.map((n) => n.name))).toEqual([['job:z:sum']]);
  });

  it('renders JSON with dependencies, undefined recorded metrics and cycles', () => {
    const j = graphToJson(workspace());
    expect(j.undefinedRecordedMetrics).toEqual(['job:missing:sum']);
    expect(j.cycles).toHaveLength(1);
    const alert = j.rules.find((r) => r.name === 'HighRequests')!;
    expect(alert.dependsOn.map((id) => j.rules[id].name)).toEqual(['job:requests:rate5m']);
  });

  it('renders DOT with clusters, red cycle edges and dashed missing metrics', () => {
    const dot = graphToDot(workspace());
    expect(dot.startsWith('digraph rules {')).toBe(true);
    expect(dot).toContain('label="a.yaml / a"');
    expect(dot).toMatch(/r\d+ -> r\d+ \[color=red\];/);
    expect(dot).toContain('"missing:job:missing:sum" [label="job:missing:sum", shape=box, style=dashed];');
  });

  it('reads metric and ALERTS uses from an expression', () => {
    expect(metricUses('rate(a_total[5m]) / on() group_left b + ALERTS{alertname="X"}').map((u) => `${u.kind}:${u.name}`)).toEqual(['metric:a_total', 'metric:b', 'alert:X']);
    expect(metricUses('sum(')).toEqual([]);
  });

  it('reads an expression view once: its graph entry and rules/same-group-order share the uses', () => {
    const text = 'a_total + ALERTS{alertname="X"}';
    const view = exprFromText(text)!;
    const uses = metricUses(text, view);
    expect(uses.map((u) => `${u.kind}:${u.name}`)).toEqual(['metric:a_total', 'alert:X']);
    expect(metricUses(text, view)).toBe(uses);
    // another view of the same text has its own (its ranges are its own)
    expect(metricUses(text, exprFromText(text)!)).not.toBe(uses);
  });
});
