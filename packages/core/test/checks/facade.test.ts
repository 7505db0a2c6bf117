// Through the facade: the best-practice checks only add warnings and infos; with every check
// turned off, exactly the Prometheus-exact diagnostics remain.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/analyze';
import { ALL_CHECKS, runWorkspaceChecks } from '../../src/checks/index';
import type { Diagnostic } from '../../src/diagnostics/types';
import type { CheckSettings } from '../../src/project-config/types';

const root = path.resolve(__dirname, '../../../..');
const allOff = Object.fromEntries(ALL_CHECKS.map((c) => [c.id, { level: 'off' as const }]));
const ids = new Set(ALL_CHECKS.map((c) => c.id));

function ruleFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name) && !e.name.includes('EXPECTED')) out.push(p);
    }
  };
  // the fixtures and the corpus folders with rule-file quirks (the registry test covers the whole corpus)
  const corpus = path.resolve(process.cwd(), '../shared/corpus/rules');
  for (const d of [path.join(root, 'test-fixtures/rules'), ...['kube-prometheus-crds', 'monitoring-mixins', 'thanos', 'prometheus-rulefmt-testdata'].map((x) => path.join(corpus, x))]) if (existsSync(d)) walk(d);
  return out;
}

const key = (d: Diagnostic) => `${d.code} ${d.severity} ${d.range.start}-${d.range.end} ${d.message}`;

describe('best-practice checks through analyzeFile', () => {
  const files = ruleFiles();

  it('add only warnings and infos of registered checks, and every check off leaves the rest unchanged', () => {
    expect(files.length).toBeGreaterThan(10);
    let added = 0;
    for (const f of files) {
      const input = { path: path.relative(root, f), text: readFileSync(f, 'utf8') };
      const without = analyzeFile(input, { bestPractice: false }).diagnostics.map(key).sort();
      const off = analyzeFile(input, { bestPractice: true, checkSettings: allOff }).diagnostics.map(key).sort();
      expect(off).toEqual(without);
      const on = analyzeFile(input, { bestPractice: true }).diagnostics;
      const extra = on.filter((d) => ids.has(d.code));
      for (const d of extra) expect(d.severity === 'warning' || d.severity === 'info').toBe(true);
      expect(on.filter((d) => !ids.has(d.code)).map(key).sort()).toEqual(without);
      added += extra.length;
    }
    expect(added).toBeGreaterThan(0);
  });

  it('enables policy checks from per-check options', () => {
    const text = 'groups:\n  - name: g\n    rules:\n      - alert: instance_down\n        expr: up == 0\n        for: 5m\n';
    const codes = (o: object) => analyzeFile({ path: 'a.yaml', text }, { bestPractice: true, ...o }).diagnostics.map((d) => d.code);
    expect(codes({})).not.toContain('policy/rule-name');
    expect(codes({ checkOptions: { 'policy/rule-name': { alert: '[A-Z][A-Za-z]+' } } })).toContain('policy/rule-name');
  });

  it('runs the workspace checks across files', () => {
    const a = { path: 'a.yaml', text: 'groups:\n  - name: a\n    rules:\n      - record: job:x:sum\n        expr: sum by (job) (x)\n' };
    const b = { path: 'b.yaml', text: 'groups:\n  - name: b\n    rules:\n      - alert: X\n        expr: job:x:sum > 1 and job:y:sum > 1\n' };
    const res = runWorkspaceChecks([a, b]);
    expect([...res.keys()]).toEqual(['b.yaml']);
    const d = res.get('b.yaml')!;
    expect(d.map((x) => `${x.code} ${b.text.slice(x.range.start, x.range.end)}`)).toEqual(['rules/undefined-recorded-metric job:y:sum']);
    // off by default until enabled; then `job:x:sum` is used, so nothing is unused
    const withUnused = runWorkspaceChecks([a, b], { checkSettings: { 'rules/unused-recording-rule': { level: 'info' } } });
    expect(withUnused.get('a.yaml')).toBeUndefined();
    expect(runWorkspaceChecks([a], { checkSettings: { 'rules/unused-recording-rule': { level: 'info' } } }).get('a.yaml')?.map((x) => x.code)).toEqual(['rules/unused-recording-rule']);
  });
});

describe('workspace pass with per-file settings', () => {
  it('gives each file its own settings', () => {
    const a = { path: 'team-a/rules.yaml', text: 'groups:\n  - name: a\n    rules:\n      - record: job:x:sum\n        expr: sum by (job) (x)\n' };
    const b = { path: 'team-b/rules.yaml', text: 'groups:\n  - name: b\n    rules:\n      - record: job:y:sum\n        expr: sum by (job) (y)\n' };
    const res = runWorkspaceChecks([a, b], { settingsFor: (p): CheckSettings => (p.startsWith('team-a/') ? { 'rules/unused-recording-rule': { level: 'info' } } : {}) });
    expect([...res.keys()]).toEqual(['team-a/rules.yaml']);
  });

  it('passes prometheus.yml intervals through analyzeFile', () => {
    const text = 'groups:\n  - name: g\n    rules:\n      - record: job:x:rate2m\n        expr: sum by (job) (rate(x_total[2m]))\n';
    const codes = (o: object) => analyzeFile({ path: 'r.yaml', text }, { bestPractice: true, ...o }).diagnostics.map((d) => d.code);
    expect(codes({})).not.toContain('promql/range-too-short');
    expect(codes({ checkIntervals: { scrapeIntervalMs: 60_000 } })).toContain('promql/range-too-short');
  });
});
