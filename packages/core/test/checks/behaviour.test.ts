// Behaviour beyond the documented examples: file offsets through YAML scalar styles, quick fixes
// that produce what they say, the scrape-interval seam, options and levels.
import { describe, expect, it } from 'vitest';
import { defineCheck, getCheck, ruleFileViewFromText, runChecks } from '../../src/checks/index';
import { buildRuleGraph } from '../../src/graph/build';
import type { Diagnostic } from '../../src/diagnostics/types';
import { exprFromText as buildExpr } from '../../src/labelflow/from-ast';

function applyFix(text: string, d: Diagnostic): string {
  return [...d.fix!.edits].sort((a, b) => b.range.start - a.range.start).reduce((t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end), text);
}

function lintRules(text: string, ids: string[], extra: Parameters<typeof runChecks>[1] = {}): Diagnostic[] {
  const checks = ids.map((id) => getCheck(id)!);
  return runChecks({ kind: 'rules', file: ruleFileViewFromText('t.yaml', text) }, { checks, ...extra });
}

function lintExpr(text: string, ids: string[], extra: Parameters<typeof runChecks>[1] = {}): Diagnostic[] {
  return runChecks({ kind: 'promql', text }, { checks: ids.map((id) => getCheck(id)!), ...extra });
}

const expr = (style: string) => `groups:\n  - name: g\n    rules:\n      - record: job:x:sum\n        expr: ${style}\n`;

describe('ranges and fixes in the file', () => {
  it.each([
    ['plain', expr('sum(up{job=~"^api$"})')],
    ['single-quoted', expr(`'sum(up{job=~"^api$"})'`)],
    ['double-quoted', expr('"sum(up{job=~\\"^api$\\"})"')],
    ['literal block', 'groups:\n  - name: g\n    rules:\n      - record: job:x:sum\n        expr: |\n          sum(\n            up{job=~"^api$"}\n          )\n'],
    ['folded block', 'groups:\n  - name: g\n    rules:\n      - record: job:x:sum\n        expr: >-\n          sum(\n          up{job=~"^api$"})\n'],
  ])('points at the regex and fixes it in a %s scalar', (_style, text) => {
    const [d] = lintRules(text, ['promql/regex-anchors']);
    expect(d.code).toBe('promql/regex-anchors');
    expect(text.slice(d.range.start, d.range.end)).toMatch(/^\\?"\^api\$\\?"$/);
    const fixed = applyFix(text, d);
    expect(fixed).toContain('api');
    expect(fixed).not.toContain('^api$');
    expect(lintRules(fixed, ['promql/regex-anchors'])).toEqual([]);
  });

  it('adds `le` so that the fixed expression is clean', () => {
    for (const src of ['histogram_quantile(0.9, sum by (job) (rate(x_bucket[5m])))', 'histogram_quantile(0.9, sum(rate(x_bucket[5m])))', 'histogram_quantile(0.9, sum by () (rate(x_bucket[5m])))']) {
      const [d] = lintExpr(src, ['promql/histogram-quantile-le']);
      const fixed = applyFix(src, d);
      expect(buildExpr(fixed)).not.toBeNull();
      expect(lintExpr(fixed, ['promql/histogram-quantile-le'])).toEqual([]);
    }
  });

  it('turns a literal regex into an equality', () => {
    const [d] = lintExpr('up{job=~"api", env!~"dev"}', ['promql/regex-literal']);
    expect(applyFix('up{job=~"api", env!~"dev"}', d)).toBe('up{job="api", env!~"dev"}');
  });

  it('puts the aggregation that removed a label in a note, in file offsets', () => {
    const text = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: sum by (job) (up) == 0\n        annotations:\n          summary: "{{ $labels.instance }} down"\n';
    const [d] = lintRules(text, ['rules/template-label']);
    expect(text.slice(d.range.start, d.range.end)).toBe('instance');
    const n = d.notes![0].range!;
    expect(text.slice(n.start, n.end)).toBe('sum by (job)');
  });
});

describe('rules/same-group-order', () => {
  const later = '      - record: job:b:sum\n        expr: sum by (job) (b_total)\n      - alert: B\n        expr: job:b:sum > 1\n';
  it.each([
    ['plain', 'sum(job:b:sum) + count(ALERTS{alertname="B"})'],
    ['double-quoted', '"sum(job:b:sum) + count(ALERTS{alertname=\\"B\\"})"'],
    ['literal block', '|\n          sum(job:b:sum)\n            + count(ALERTS{alertname="B"})'],
  ])('points at each use (in a %s scalar) once per name, its note at the later rule', (_style, e) => {
    const text = `groups:\n  - name: g\n    rules:\n      - record: job:a:sum\n        expr: ${e}\n${later}  - name: h\n    rules:\n      - record: job:c:sum\n        expr: sum(job:b:sum) + sum(job:b:sum)\n${later}`;
    const ds = lintRules(text, ['rules/same-group-order']);
    const at = (r: { start: number; end: number }) => text.slice(r.start, r.end);
    // group g: the metric and the alert, each noted at its rule's name; group h: one finding for two uses
    expect(ds.map((d) => [at(d.range), at(d.notes![0]!.range!), d.message.replace(/ is .* later in group "(.)".*/, ' $1')])).toEqual([
      ['job:b:sum', 'job:b:sum', '`job:b:sum` g'],
      [expect.stringMatching(/^\\?"B\\?"$/), 'B', '`B` g'],
      ['job:b:sum', 'job:b:sum', '`job:b:sum` h'],
    ]);
    expect(ds[1]!.message).toContain('an alert evaluated later');
    // the note of group h's finding points at group h's rule, not group g's
    expect(ds[2]!.notes![0]!.range!.start).toBeGreaterThan(text.indexOf('name: h'));
  });

  it('notes the first of the later rules recording the name', () => {
    const text = 'groups:\n  - name: g\n    rules:\n      - record: job:a:sum\n        expr: sum(job:b:sum)\n      - record: job:b:sum\n        expr: sum(b_total)\n      - record: job:b:sum\n        expr: sum(c_total)\n';
    const [d, ...rest] = lintRules(text, ['rules/same-group-order']);
    expect(rest).toEqual([]);
    expect(d!.notes![0]!.range!.start).toBe(text.indexOf('job:b:sum\n'));
  });
});

describe('the file graph', () => {
  it('given as a function, is built when a check reads it, once, and not otherwise', () => {
    const file = ruleFileViewFromText('t.yaml', 'groups:\n  - name: g\n    rules:\n      - record: job:a:sum\n        expr: sum(a)\n');
    let built = 0;
    const fileGraph = () => (built++, buildRuleGraph([file]));
    const reader = defineCheck({ id: 'test/graph-reader', severity: 'info', scope: 'file', summary: 's', why: 'w', defaults: {}, examples: { valid: [], invalid: [] }, run(ctx) {
      for (const n of ctx.env.graph.byFile.get('t.yaml') ?? []) ctx.report({ range: n.nameRange, message: n.name });
      ctx.report({ range: { start: 0, end: 0 }, message: String(ctx.env.graph.rules.length) });
    } });
    expect(runChecks({ kind: 'rules', file }, { checks: [getCheck('rules/duplicate-expression')!], fileGraph })).toEqual([]);
    expect(built).toBe(0);
    expect(runChecks({ kind: 'rules', file }, { checks: [reader], fileGraph }).map((d) => d.message)).toEqual(['1', 'job:a:sum']);
    expect(built).toBe(1);
  });
});

describe('the contexts of expression and rule checks', () => {
  it('are set to each rule in turn: its expression, text, rule and group, with the options of each check', () => {
    const text = 'groups:\n  - name: g1\n    rules:\n      - record: job:a:sum\n        expr: sum(a)\n  - name: g2\n    rules:\n      - alert: B\n        expr: b > 1\n      - record: job:c:sum\n        expr: sum(c)\n';
    const file = ruleFileViewFromText('t.yaml', text);
    const at = { start: 0, end: 0 };
    const exprSeen = defineCheck<{ tag: string }>({ id: 'test/expr-seen', severity: 'info', scope: 'expr', summary: 's', why: 'w', defaults: { tag: 'e' }, examples: { valid: [], invalid: [] }, run(ctx) {
      ctx.report({ range: at, message: `${ctx.options.tag} ${ctx.group?.name} ${ctx.rule?.name} ${ctx.text} ${ctx.expr.kind}` });
    } });
    const ruleSeen = defineCheck<{ tag: string }>({ id: 'test/rule-seen', severity: 'info', scope: 'rule', summary: 's', why: 'w', defaults: { tag: 'r' }, examples: { valid: [], invalid: [] }, run(ctx) {
      ctx.report({ range: at, message: `${ctx.options.tag} ${ctx.group.name} ${ctx.rule.name} ${ctx.parsed.rule === ctx.rule}` });
    } });
    expect(runChecks({ kind: 'rules', file }, { checks: [exprSeen, ruleSeen] }).map((d) => d.message)).toEqual([
      // (sorted by position: the rule checks' reports are at 0, the expression checks' at each
      // expression, their offset 0 mapped into the file)
      'r g1 job:a:sum true',
      'r g2 B true',
      'r g2 job:c:sum true',
      'e g1 job:a:sum sum(a) aggregate',
      'e g2 B b > 1 binary',
      'e g2 job:c:sum sum(c) aggregate',
    ]);
  });
});

describe('scrape intervals', () => {
  const id = ['promql/range-too-short'];
  it('assumes Prometheus\'s default 1m and then only asks for two samples', () => {
    expect(lintExpr('rate(x_total[1m])', id)).toHaveLength(1);
    expect(lintExpr('rate(x_total[2m])', id)).toEqual([]);
  });
  it('asks for four scrapes once the interval is configured', () => {
    expect(lintExpr('rate(x_total[2m])', id, { scrapeIntervalMs: 60_000 })[0].message).toContain('use at least [4m]');
    expect(lintExpr('rate(x_total[2m])', id, { settings: { 'promql/range-too-short': { options: { scrapeInterval: '15s' } } } })).toEqual([]);
    // a prometheus.yml's global interval says more than the option (meant for files without one)
    expect(lintExpr('rate(x_total[2m])', id, { scrapeIntervalMs: 60_000, settings: { 'promql/range-too-short': { options: { scrapeInterval: '15s' } } } })[0]?.message).toContain('use at least [4m]');
  });
  it('uses the job\'s interval from prometheus.yml (the seam)', () => {
    const perJob = (job: string) => (job === 'slow' ? 120_000 : undefined);
    const [d] = lintExpr('rate(x_total{job="slow"}[5m])', id, { scrapeIntervalForJob: perJob, scrapeIntervalMs: 15_000 });
    expect(d.message).toContain('(job "slow")');
    expect(lintExpr('rate(x_total{job="fast"}[5m])', id, { scrapeIntervalForJob: perJob, scrapeIntervalMs: 15_000 })).toEqual([]);
  });
});

describe('settings', () => {
  it('re-levels a check and passes options', () => {
    const text = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        for: 5m\n        annotations:\n          summary: x\n';
    expect(lintRules(text, ['rules/alert-annotations'])).toEqual([]);
    const ds = lintRules(text, ['rules/alert-annotations'], { settings: { 'rules/alert-annotations': { level: 'warning', options: { required: ['summary', 'runbook_url'], mode: 'all' } } } });
    expect(ds.map((d) => `${d.severity} ${d.message}`)).toEqual(['warning Alert `A` has no `runbook_url` annotation.']);
  });
  it('turns a whole family off', () => {
    expect(lintExpr('up{job=~"api"}', ['promql/regex-literal'], { settings: { promql: { level: 'off' } } })).toEqual([]);
  });
  it('stays silent on broken expressions in rule files', () => {
    const text = expr('sum(rate(x[5m]) by (job)');
    expect(runChecks({ kind: 'rules', file: ruleFileViewFromText('t.yaml', text) })).toEqual([]);
  });
});

describe('intervals from prometheus.yml', () => {
  it('reads per-job and global intervals from the configuration model', async () => {
    const { analyzePrometheusConfig } = await import('../../src/config/index');
    const { intervalsFromConfig } = await import('../../src/checks/index');
    const yml = 'global:\n  scrape_interval: 30s\n  evaluation_interval: 2m\nscrape_configs:\n  - job_name: slow\n    scrape_interval: 5m\n    static_configs:\n      - targets: [a:1]\n  - job_name: api\n    static_configs:\n      - targets: [b:1]\n';
    const iv = intervalsFromConfig(analyzePrometheusConfig({ path: 'prometheus.yml', text: yml }).model);
    expect([iv.scrapeIntervalForJob!('slow'), iv.scrapeIntervalForJob!('api'), iv.scrapeIntervalForJob!('other'), iv.scrapeIntervalMs, iv.evaluationIntervalMs]).toEqual([300_000, 30_000, undefined, 30_000, 120_000]);
    const ds = runChecks({ kind: 'promql', text: 'rate(x_total{job="slow"}[10m]) + rate(x_total{job="api"}[2m]) + rate(x_total[1m])' }, { checks: [getCheck('promql/range-too-short')!], ...iv });
    expect(ds.map((d) => d.message.slice(0, d.message.indexOf(':')))).toEqual([
      '[10m] covers fewer than 4 scrapes at a 5m scrape interval (job "slow")',
      '[1m] covers fewer than 4 scrapes at a 30s scrape interval',
    ]);
  });
});
