/**
 * The workspace pass from summaries: a file known only by its graph entries (what the CLI's workers
 * and the language server hand over, without parsing the file again) gets the same findings as a
 * file parsed from its text.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleFileChecks, runWorkspaceChecks } from '../../src/checks/for-file';
import { analyzeRuleFile } from '../../src/rules/file';
import { withDefaults } from '../../src/options';
import type { Diagnostic } from '../../src/diagnostics/types';
import { analyzeFile } from '../../src/analyze';
import { workspaceSignature } from '../../src/workspace/summary';

const root = path.resolve(__dirname, '../../../..');
const key = (d: Diagnostic) => `${d.code} ${d.severity} ${d.range.start}-${d.range.end} ${d.message} ${JSON.stringify(d.notes ?? [])}`;
const onAll = { 'rules/unused-recording-rule': { level: 'info' as const } };

function files(): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name) && !e.name.includes('EXPECTED')) out.push({ path: path.relative(root, p), text: readFileSync(p, 'utf8') });
    }
  };
  for (const d of [path.join(root, 'test-fixtures/rules'), path.resolve(root, '../shared/corpus/rules/monitoring-mixins')]) if (existsSync(d)) walk(d);
  return out;
}

describe("a rule file's summary and its graph entries", () => {
  // The CLI's cache and worker threads write each rule's name and name range once, in the summary
  // (recordedMetrics, alerts), and read the graph entries' from there in order (cli graph-entries.ts):
  // this holds the two lists to the same rules, in the same order, on every rule file of the corpus.
  const corpus = (): { path: string; text: string }[] => {
    const out: { path: string; text: string }[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(e.name)) out.push({ path: p, text: readFileSync(p, 'utf8') });
      }
    };
    for (const d of [path.join(root, 'test-fixtures'), path.resolve(root, '../shared/corpus')]) if (existsSync(d)) walk(d);
    return out;
  };
  it('name the same rules, in the same order, with the same ranges', () => {
    let files = 0;
    let rules = 0;
    for (const f of corpus()) {
      const r = analyzeFile({ path: f.path, text: f.text });
      if ((r.kind !== 'rules' && r.kind !== 'prometheus-rule') || !r.summary?.rules) continue;
      const entries = r.summary.rules;
      const of = (kind: 'record' | 'alert') => entries.filter((e) => e.kind === kind).map((e) => `${e.name} ${e.nameRange.start}-${e.nameRange.end}`);
      const refs = (list: readonly { name: string; range: { start: number; end: number } }[]) => list.map((x) => `${x.name} ${x.range.start}-${x.range.end}`);
      expect(refs(r.summary.recordedMetrics), f.path).toEqual(of('record'));
      expect(refs(r.summary.alerts), f.path).toEqual(of('alert'));
      files++;
      rules += entries.length;
    }
    expect(files).toBeGreaterThan(100);
    expect(rules).toBeGreaterThan(1000);
  });
});

describe('runWorkspaceChecks from graph entries', () => {
  const all = files();
  it('finds rule files to compare', () => {
    expect(all.length).toBeGreaterThan(5);
  });

  it('gives the same findings as parsing every file again', () => {
    const withGraph = all.map((f) => {
      const kind = /^\s*kind:\s*PrometheusRule\b/m.test(f.text) ? 'prometheus-rule' : 'rules';
      const model = analyzeRuleFile(f.text, withDefaults({}), { path: f.path, kind }).model;
      return { ...f, graph: ruleFileChecks(f.path, f.text, model).graph };
    });
    const fromText = runWorkspaceChecks(all, { checkSettings: onAll });
    const fromGraph = runWorkspaceChecks(withGraph, { checkSettings: onAll });
    const flat = (m: Map<string, Diagnostic[]>) => [...m].flatMap(([p, ds]) => ds.map((d) => `${p} ${key(d)}`)).sort();
    expect(flat(fromText).length).toBeGreaterThan(0);
    expect(flat(fromGraph)).toEqual(flat(fromText));
  });

  it('reads rules across files by their graph entries alone', () => {
    const a = { path: 'a.yaml', text: 'groups:\n  - name: a\n    rules:\n      - record: job:x:sum\n        expr: sum by (job) (x)\n' };
    const b = { path: 'b.yaml', text: 'groups:\n  - name: b\n    rules:\n      - alert: X\n        expr: job:x:sum > 1 and job:y:sum > 1\n' };
    const entries = (f: typeof a) => ruleFileChecks(f.path, f.text, analyzeRuleFile(f.text, withDefaults({}), { path: f.path, kind: 'rules' }).model).graph;
    // the texts are empty: only the entries can tell the pass what the files hold
    const res = runWorkspaceChecks([
      { path: a.path, text: '', graph: entries(a) },
      { path: b.path, text: '', graph: entries(b) },
    ]);
    expect([...res.keys()]).toEqual(['b.yaml']);
    expect(res.get('b.yaml')!.map((d) => `${d.code} ${b.text.slice(d.range.start, d.range.end)}`)).toEqual(['rules/undefined-recorded-metric job:y:sum']);
  });
});

describe('workspaceSignature', () => {
  const sig = (text: string) => workspaceSignature(analyzeFile({ path: 'r.yaml', text }, {}).summary, text);
  const base = 'groups:\n  - name: g\n    rules:\n      # promscope: used-externally\n      - record: job:a:sum\n        expr: sum by (job) (a)\n      - record: job:b:sum\n        expr: sum by (job) (b) > 1\n';
  it('is the same when only positions and thresholds change', () => {
    expect(sig(base.replace('> 1', '>   2'))).toBe(sig(base));
  });
  it('changes with a name read or recorded, a rule moved, or a used-externally mark moved', () => {
    expect(sig(base.replace('(b)', '(c)'))).not.toBe(sig(base));
    expect(sig(base.replace('job:b:sum', 'job:c:sum'))).not.toBe(sig(base));
    const swapped = 'groups:\n  - name: g\n    rules:\n      - record: job:b:sum\n        expr: sum by (job) (b) > 1\n      # promscope: used-externally\n      - record: job:a:sum\n        expr: sum by (job) (a)\n';
    expect(sig(swapped)).not.toBe(sig(base));
    const markMoved = base.replace('      # promscope: used-externally\n', '').replace('      - record: job:b:sum', '      # promscope: used-externally\n      - record: job:b:sum');
    expect(sig(markMoved)).not.toBe(sig(base));
  });
});
