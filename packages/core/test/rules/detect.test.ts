/** File-kind detection from content over the corpus and small synthetic files. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectKind } from '../../src/detect';

const corpus = join(process.cwd(), '../shared/corpus');
const kindsIn = (dir: string, filter: (f: string) => boolean = () => true) => {
  const out: Record<string, number> = {};
  for (const f of readdirSync(join(corpus, dir)).filter(filter)) {
    const k = detectKind(readFileSync(join(corpus, dir, f), 'utf8'), f);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
};

describe('detectKind', () => {
  it('synthetic files', () => {
    expect(detectKind('# c\ngroups:\n  - name: a\n')).toBe('rules');
    expect(detectKind('{"groups": [{"name": "a", "rules": []}]}', 'r.json')).toBe('rules');
    expect(detectKind('apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups: []\n')).toBe('prometheus-rule');
    expect(detectKind('rule_files: [a.yml]\ntests: []\n')).toBe('rule-tests');
    expect(detectKind('global:\n  scrape_interval: 15s\n')).toBe('prometheus-config');
    expect(detectKind('rule_files:\n  - alert.rules\nscrape_configs: []\n')).toBe('prometheus-config');
    expect(detectKind('global:\n  resolve_timeout: 5m\nroute:\n  receiver: x\nreceivers:\n  - name: x\n')).toBe('alertmanager-config');
    expect(detectKind('{\n  "panels": [],\n  "title": "x"\n}')).toBe('dashboard');
    expect(detectKind('rate(x[5m])', 'q.promql')).toBe('promql');
    expect(detectKind('{{- if .Values.x }}\ngroups: []\n{{- end }}\n')).toBe('rules');
    expect(detectKind('a:\n  groups:\n    - name: x\n')).toBe('unknown');
  });
  it.each([
    // a document indented as a whole is still YAML with the same top-level keys (promtool loads it)
    ['# c\n groups:\n  - name: a\n', 'rules'],
    ['---\n  route:\n    receiver: x\n  receivers:\n    - name: x\n', 'alertmanager-config'],
    ['  apiVersion: monitoring.coreos.com/v1\n  kind: PrometheusRule\n  spec:\n    groups: []\n', 'prometheus-rule'],
    [' groups:\n - name: a\n   rules: []\n kind: PrometheusRule\n', 'prometheus-rule'],
    // but not when a later line is to its left: yaml.v3 reads only the root that line ends (promtool: 0 rules)
    [' groups:\n- name: g\n  rules: []\n', 'unknown'],
    [' groups:\n # c\n\n  - name: g\n', 'rules'],
  ])('an indented document: %j is %s', (text, kind) => {
    expect(detectKind(text)).toBe(kind);
  });
  it('nothing to go by', () => {
    expect(detectKind('foo: bar\n')).toBe('unknown');
    expect(detectKind('')).toBe('unknown');
  });
  it('corpus: rule files, manifests, unit tests', () => {
    expect(kindsIn('rules/monitoring-mixins/kubernetes')).toEqual({ rules: 2 });
    expect(kindsIn('rules/kube-prometheus-crds')).toEqual({ 'prometheus-rule': 8 });
    expect(kindsIn('rules/kubernetes-mixin')).toEqual({ 'rule-tests': 1 });
    expect(kindsIn('rules/thanos', (f) => f.endsWith('.yaml'))).toEqual({ rules: 2, 'rule-tests': 1 });
  });
  it('corpus: configs and dashboards', () => {
    const prom = kindsIn('config/prometheus-examples', (f) => f.startsWith('prometheus'));
    // web-config, http-config and RBAC manifests are none of ours
    expect(kindsIn('config/prometheus-examples', (f) => !f.startsWith('prometheus'))).toEqual({ unknown: 3 });
    expect(Object.keys(prom)).toEqual(['prometheus-config']);
    expect(kindsIn('alertmanager/examples')).toEqual({ 'alertmanager-config': 2 });
    expect(kindsIn('dashboards')).toEqual({ dashboard: 4 });
  });
});
