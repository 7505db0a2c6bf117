import { describe, expect, it } from 'vitest';
import { extractDashboardExpressions } from '../../src/dashboard/index';

const dashboard = JSON.stringify(
  {
    __inputs: [
      { name: 'DS_PROM', type: 'datasource', pluginId: 'prometheus' },
      { name: 'DS_LOKI', type: 'datasource', pluginId: 'loki' },
    ],
    __elements: { lib1: { name: 'Library CPU', model: { title: 'Library CPU', targets: [{ refId: 'A', expr: 'node_load1' }] } } },
    annotations: {
      list: [
        { name: 'Annotations & Alerts', datasource: { type: 'datasource', uid: 'grafana' }, expr: '' },
        { name: 'Deploys', datasource: '${DS_PROM}', expr: 'changes(kube_deployment_status_observed_generation[5m]) > 0' },
      ],
    },
    panels: [
      {
        title: 'Mixed',
        datasource: { type: 'datasource', uid: '-- Mixed --' },
        targets: [
          { refId: 'A', datasource: { type: 'prometheus', uid: 'p' }, expr: 'up' },
          { refId: 'B', datasource: { type: 'loki', uid: 'l' }, expr: '{app="x"}' },
          { refId: 'C', datasource: '${DS_LOKI}', expr: 'rate({app="x"}[5m])' },
          { refId: 'D', expr: 'process_open_fds' },
        ],
      },
      { title: 'Elastic by name', datasource: 'Elasticsearch logs', targets: [{ refId: 'A', expr: 'not promql' }] },
      { title: 'Default datasource', targets: [{ refId: 'A', expr: 'sum(up)' }] },
      { title: 'Library instance', libraryPanel: { uid: 'lib1', name: 'Library CPU' } },
    ],
    templating: {
      list: [
        { name: 'ns', type: 'query', datasource: '${DS_PROM}', query: 'label_values(kube_namespace_labels, namespace)' },
        { name: 'q', type: 'query', query: { query: 'query_result(topk(5, sum by (pod) (rate(x_total[5m]))))' } },
        { name: 'names', type: 'query', query: 'label_names()' },
        { name: 'logs', type: 'query', datasource: { type: 'loki', uid: 'l' }, query: 'label_values(app)' },
      ],
    },
  },
  null,
  2,
);

describe('extracting PromQL from a dashboard', () => {
  const r = extractDashboardExpressions(dashboard);
  it('takes Prometheus and unspecified datasources, skips the others', () => {
    expect(r.diagnostics).toEqual([]);
    expect(r.expressions.map((e) => `${e.source.kind} ${e.source.path}: ${e.expr}`).sort()).toEqual([
      'annotation annotations.list[1].expr: changes(kube_deployment_status_observed_generation[5m]) > 0',
      'target __elements.lib1.model.targets[0].expr: node_load1',
      'target panels[0].targets[0].expr: up',
      'target panels[0].targets[3].expr: process_open_fds',
      'target panels[2].targets[0].expr: sum(up)',
      'variable templating.list[0].query: kube_namespace_labels',
      'variable templating.list[1].query.query: topk(5, sum by (pod) (rate(x_total[5m])))',
    ]);
  });
  it('maps each expression to its text in the file', () => {
    for (const e of r.expressions) expect(dashboard.slice(e.range.start, e.range.end)).toBe(JSON.stringify(e.expr).slice(1, -1));
  });
  it('reports invalid JSON', () => {
    const bad = extractDashboardExpressions('{"panels": [ {"targets": [{"expr": "up"}] ]}');
    expect(bad.diagnostics.map((d) => d.code)).toContain('dashboard/json');
  });
});

describe('a dashboard as the HTTP API returns it', () => {
  it('reads the wrapped `dashboard` object', () => {
    const text = JSON.stringify({ meta: { slug: 'x' }, dashboard: { panels: [{ targets: [{ refId: 'A', expr: 'up == 0' }] }] } });
    const r = extractDashboardExpressions(text);
    expect(r.expressions.map((e) => [e.source.path, text.slice(e.range.start, e.range.end)])).toEqual([['dashboard.panels[0].targets[0].expr', 'up == 0']]);
  });
});
