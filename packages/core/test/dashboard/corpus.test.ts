/**
 * Real dashboards (../shared/corpus/dashboards): every PromQL expression is found (the count is
 * checked against an independent scan of the parsed JSON) and analysed; none is an error, since
 * Prometheus accepts all of them once Grafana has replaced its variables.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeDashboard } from '../../src/dashboard/index';

const dir = path.resolve(process.cwd(), '../shared/corpus/dashboards');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

/** independent count: every non-empty `expr` string anywhere, plus template-variable queries with a PromQL part */
function scan(json: unknown): number {
  let n = 0;
  const walk = (v: unknown, key: string | null, parent: Record<string, unknown> | null): void => {
    if (Array.isArray(v)) return v.forEach((x) => walk(x, null, null));
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const [k, x] of Object.entries(o)) walk(x, k, o);
      return;
    }
    if (key === 'expr' && typeof v === 'string' && v.trim() !== '') {
      const ds = parent?.datasource as { type?: string } | string | undefined;
      if (!(ds && typeof ds === 'object' && ds.type && !['prometheus', 'datasource'].includes(ds.type))) n++;
    }
  };
  walk(json, null, null);
  const vars = ((json as { templating?: { list?: { type?: string; query?: unknown }[] } }).templating?.list ?? []).filter((v) => v.type === 'query');
  for (const v of vars) {
    const q = typeof v.query === 'string' ? v.query : (v.query as { query?: string } | undefined)?.query ?? '';
    if (/^\s*query_result\(/.test(q) || /^\s*label_values\(.+,.+\)\s*$/.test(q)) n++;
  }
  return n;
}

describe('dashboard corpus', () => {
  it('has the dashboards', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it.each(files)('%s: every expression found and analysed, no error', (f) => {
    const text = readFileSync(path.join(dir, f), 'utf8');
    const r = analyzeDashboard({ path: f, text });
    const expected = scan(JSON.parse(text));
    const bySeverity = { error: 0, warning: 0, info: 0 };
    for (const d of r.diagnostics) bySeverity[d.severity]++;
    console.log(`${f}: ${r.expressions.length} expressions (scan: ${expected}), diagnostics ${JSON.stringify(bySeverity)}`);
    expect(r.expressions.length).toBe(expected);
    expect(r.expressions.every((e) => e.substituted.length > 0 && !/\$\{?\w|\[\[/.test(e.substituted))).toBe(true);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.message} @ ${text.slice(d.range.start, d.range.end)}`)).toEqual([]);
  });
});
