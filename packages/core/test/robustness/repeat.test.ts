/**
 * Analyses share work through memos (parsed expressions, expression views, label flows, template
 * results): analysing a file again, or after other files, must give exactly the same result.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/analyze';
import { parsePromQLShared } from '../../src/promql/index';

const root = path.resolve(__dirname, '../../../..');

function fixtures(): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ya?ml|json|promql)$/.test(e.name)) out.push({ path: path.relative(root, p), text: readFileSync(p, 'utf8') });
    }
  };
  for (const d of [path.join(root, 'test-fixtures'), path.resolve(root, '../shared/corpus/rules/monitoring-mixins')]) if (existsSync(d)) walk(d);
  return out;
}

describe('repeated analysis', () => {
  it('shares a parsed expression between identical requests only', () => {
    const a = parsePromQLShared('sum by (job) (rate(x_total[5m]))');
    expect(parsePromQLShared('sum by (job) (rate(x_total[5m]))')).toBe(a);
    expect(parsePromQLShared('sum by (job) (rate(x_total[5m]))', { prometheusVersion: '2.42' })).not.toBe(a);
    expect(parsePromQLShared('sum by (job) (rate(x_total[1m]))')).not.toBe(a);
  });

  it('keeps the results of different options apart, whatever the order of the calls', () => {
    const text = 'sort_by_label(up, "job")'; // an experimental function
    const errors = (r: { diagnostics: { severity: string }[] }) => r.diagnostics.filter((d) => d.severity === 'error').length;
    const features = ['promql-experimental-functions'];
    const on = parsePromQLShared(text, { features });
    expect(errors(on)).toBe(0);
    const off = parsePromQLShared(text);
    expect(errors(off)).toBeGreaterThan(0);
    expect(parsePromQLShared(text, { features })).toBe(on);
    expect(parsePromQLShared(text, { features: [] })).toBe(off);
    // the same array, changed in place: other options
    features.length = 0;
    expect(parsePromQLShared(text, { features })).toBe(off);
    features.push('promql-experimental-functions');
    expect(parsePromQLShared(text, { features })).toBe(on);
    expect(parsePromQLShared(text, { features, prometheusVersion: '3.0' })).not.toBe(on);
  });

  it('gives the same diagnostics the second time, and after other files', () => {
    const files = fixtures();
    expect(files.length).toBeGreaterThan(10);
    const run = () => files.map((f) => JSON.stringify(analyzeFile(f, {}).diagnostics));
    const first = run();
    expect(first.join('').length).toBeGreaterThan(1000);
    expect(run()).toEqual(first);
    // in reverse order: every file now meets memos filled by the others
    const reversed = [...files].reverse().map((f) => JSON.stringify(analyzeFile(f, {}).diagnostics));
    expect(reversed.reverse()).toEqual(first);
  });

  it('sees an edit: only the changed expression differs', () => {
    const text = 'groups:\n  - name: g\n    rules:\n      - record: job:x:rate5m\n        expr: sum by (job) (rate(x_total[5m]))\n      - alert: A\n        expr: job:x:rate5m > 1\n';
    const before = analyzeFile({ path: 'r.yaml', text }, {}).diagnostics;
    const edited = text.replace('rate(x_total[5m])', 'rate(x_total[5m)');
    const after = analyzeFile({ path: 'r.yaml', text: edited }, {}).diagnostics;
    expect(before.filter((d) => d.severity === 'error')).toEqual([]);
    expect(after.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['promql/syntax']);
  });
});
