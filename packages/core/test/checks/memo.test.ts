// Expression checks marked `memo` run once per expression view (checks/run.ts): their findings on
// one expression are reported again for every other rule with that expression. This holds them to
// what the mark promises (they read nothing but the expression, its options and, if so marked, the
// rule's kind), and the runner to reporting the memoised findings exactly as a fresh run would.
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS, getCheck, ruleFileViewFromText, runChecks } from '../../src/checks/index';
import type { AnyCheck, Report } from '../../src/checks/define';
import { isRuleFileExample } from '../../src/checks/examples';
import type { Expr } from '../../src/labelflow/expr';
import { labelFlow } from '../../src/labelflow/flow';
import { exprFromText } from '../../src/labelflow/from-ast';

/** an object that fails the test when any property but `allowed` is read */
function guarded(what: string, allowed: Record<string, unknown> = {}): object {
  return new Proxy(allowed, {
    get(target, prop) {
      if (typeof prop === 'string' && prop in target) return target[prop];
      throw new Error(`a memoised check read ${what}.${String(prop)}`);
    },
    has(_target, prop) {
      throw new Error(`a memoised check asked for ${what}.${String(prop)}`);
    },
  });
}

/** the expressions of a check's examples (rule files: every rule's expression) */
function exampleExprs(check: AnyCheck): string[] {
  const out: string[] = [];
  for (const src of [...check.examples.invalid, ...check.examples.valid]) {
    if (!isRuleFileExample(src)) out.push(src);
    else for (const g of ruleFileViewFromText('x.yaml', src).groups) for (const r of g.rules) if (r.expr) out.push(r.expr.value);
  }
  return out;
}

function runGuarded(check: AnyCheck, text: string, kind: 'alert' | 'record'): Report[] {
  const expr = exprFromText(text) as Expr;
  const reports: Report[] = [];
  const rule = check.memo === 'expression-and-rule-kind' ? guarded('rule', { kind }) : guarded('rule');
  check.run({
    expr,
    flow: labelFlow(expr),
    text,
    rule,
    group: guarded('group'),
    file: guarded('file'),
    env: guarded('env'),
    options: { ...check.defaults, ...(check.examples.options ?? {}) },
    report: (r: Report) => reports.push(r),
  } as never);
  return reports;
}

const memoised = ALL_CHECKS.filter((c) => c.memo !== undefined);

describe('memoised expression checks', () => {
  it('are expression checks, and there are some', () => {
    expect(memoised.length).toBeGreaterThan(10);
    for (const c of memoised) expect(c.scope).toBe('expr');
  });

  it.each(memoised.map((c) => [c.id, c] as const))('%s reads only what its mark allows', (_id, check) => {
    const exprs = exampleExprs(check);
    expect(exprs.length).toBeGreaterThan(0);
    let found = 0;
    for (const text of exprs) for (const kind of ['alert', 'record'] as const) found += runGuarded(check, text, kind).length;
    expect(found).toBeGreaterThan(0);
  });

  it('guards do catch a check that reads the environment', () => {
    const check = getCheck('promql/range-too-short')!;
    expect(check.memo).toBeUndefined();
    expect(() => runGuarded({ ...check, memo: 'expression' } as AnyCheck, 'rate(x_total[1m])', 'record')).toThrow(/env/);
  });
});

describe('the runner with memoised findings', () => {
  const rules = (...rs: string[]) => `groups:\n  - name: g\n    rules:\n${rs.join('')}`;
  const record = (name: string, expr: string) => `      - record: ${name}\n        expr: ${expr}\n`;
  const alert = (name: string, expr: string) => `      - alert: ${name}\n        expr: ${expr}\n        for: 5m\n`;
  const lint = (text: string) => runChecks({ kind: 'rules', file: ruleFileViewFromText('t.yaml', text) });

  it('reports a repeated expression at each rule, as each rule alone would', () => {
    const e = 'sum by (job) (rate(x_total{job=~"^api$"}[5m])) / count(up{job=~".*"})';
    const text = rules(record('job:a:ratio', e), record('job:b:ratio', `"${e.replace(/"/g, '\\"')}"`), record('job:c:ratio', `'${e}'`));
    const all = lint(text);
    const one = (i: number) => {
      // the i-th rule alone, at the same offsets (the others blanked out)
      const lines = text.split('\n');
      const start = 3 + 2 * i;
      const kept = lines.map((l, k) => (k < 3 || (k >= start && k < start + 2) || l === '' ? l : '#'.padEnd(l.length, ' ')));
      return lint(kept.join('\n'));
    };
    const singles = [0, 1, 2].flatMap((i) => one(i));
    const expected = singles.sort((a, b) => a.range.start - b.range.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    expect(all.filter((d) => d.code !== 'rules/duplicate-expression')).toEqual(expected);
    // three rules, the same findings at three places
    const anchors = all.filter((d) => d.code === 'promql/regex-anchors');
    expect(anchors).toHaveLength(3);
    expect(new Set(anchors.map((d) => text.slice(d.range.start, d.range.end)))).toEqual(new Set(['"^api$"', '\\"^api$\\"']));
  });

  it('keeps an alert apart from a recording rule with the same expression', () => {
    const ds = lint(rules(record('job:x:raw', 'x_total > 5'), alert('XHigh', 'x_total > 5'), record('job:y:raw', 'x_total > 5')));
    const counters = ds.filter((d) => d.code === 'promql/counter-without-rate');
    expect(counters).toHaveLength(1);
    expect(counters[0]!.message).toMatch(/alerting on its raw value/);
  });

  it('maps memoised findings into each file anew', () => {
    const e = 'rate(x_total{job=~"^api$"}[5m])';
    const a = rules(record('job:a:rate5m', e));
    const b = `# a longer head\n# moves everything\n${rules(record('job:b:rate5m', e))}`;
    const check = (text: string) => lint(text).filter((d) => d.code === 'promql/regex-anchors');
    const [da] = check(a);
    const [db] = check(b);
    expect(a.slice(da!.range.start, da!.range.end)).toBe('"^api$"');
    expect(b.slice(db!.range.start, db!.range.end)).toBe('"^api$"');
    expect(db!.range.start - da!.range.start).toBe(b.length - a.length);
    expect(db!.fix!.edits.map((x) => b.slice(x.range.start, x.range.end))).toEqual(['^', '$']);
  });
  it('shares them between files whose settings are equal (copies, as a worker thread gets them), not between different settings', () => {
    let runs = 0;
    const base = getCheck('promql/regex-anchors')!;
    expect(base.memo).toBeDefined();
    const checks = [{ ...base, run: (ctx: never) => (runs++, base.run(ctx)) } as AnyCheck];
    const e = 'rate(x_total{job=~"^api$"}[5m])';
    const lintWith = (name: string, level: 'warning' | 'error') =>
      runChecks({ kind: 'rules', file: ruleFileViewFromText(`${name}.yaml`, rules(record(`job:${name}:rate5m`, e))) }, { checks, settings: { 'promql/regex-anchors': { level } } });
    expect(lintWith('a', 'warning').map((d) => d.severity)).toEqual(['warning']);
    expect(lintWith('b', 'warning').map((d) => d.severity)).toEqual(['warning']);
    expect(runs).toBe(1);
    expect(lintWith('c', 'error').map((d) => d.severity)).toEqual(['error']);
    expect(runs).toBe(2);
  });
});
