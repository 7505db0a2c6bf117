// The catalogue: registry ↔ module files ↔ docs, severities, pint aliases, robustness.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS, PINT_ALIASES, ruleFileViewFromText, runChecks } from '../../src/checks/index';
import { renderAllDocs } from '../../src/checks/docs';
import { buildRuleGraph } from '../../src/graph/build';

const root = path.resolve(__dirname, '../../../..');
const checksDir = path.join(root, 'packages/core/src/checks');
const GROUPS = ['promql', 'rules', 'policy'];

describe('check catalogue', () => {
  it('registers exactly the modules under checks/<group>/, each under the id of its path', () => {
    const files = GROUPS.flatMap((g) => readdirSync(path.join(checksDir, g)).filter((f) => f.endsWith('.ts')).map((f) => `${g}/${f.slice(0, -3)}`));
    expect(ALL_CHECKS.map((c) => c.id).sort()).toEqual(files.sort());
    expect(new Set(ALL_CHECKS.map((c) => c.id)).size).toBe(ALL_CHECKS.length);
  });

  it('has no check whose default severity is error', () => {
    expect(ALL_CHECKS.filter((c) => (c.severity as string) === 'error').map((c) => c.id)).toEqual([]);
    for (const c of ALL_CHECKS) expect(['warning', 'info']).toContain(c.severity);
  });

  it('keeps docs/checks equal to what the modules generate (run `node scripts/gen-docs.mjs`)', () => {
    const docs = renderAllDocs(ALL_CHECKS);
    const stale: string[] = [];
    for (const [rel, content] of docs) {
      const p = path.join(root, 'docs/checks', rel);
      if (!existsSync(p) || readFileSync(p, 'utf8') !== content) stale.push(rel);
    }
    expect(stale).toEqual([]);
    const committed = GROUPS.flatMap((g) => (existsSync(path.join(root, 'docs/checks', g)) ? readdirSync(path.join(root, 'docs/checks', g)).map((f) => `${g}/${f}`) : []));
    expect(committed.filter((f) => !docs.has(f))).toEqual([]);
  });

  it('lists every check in the docs index with its severity', () => {
    const index = renderAllDocs(ALL_CHECKS).get('README.md')!;
    for (const c of ALL_CHECKS) expect(index).toContain(`| [${c.id}](${c.id}.md) | ${c.severity} |`);
  });

  it('maps pint names only to existing promscope ids', () => {
    const known = new Set([...ALL_CHECKS.map((c) => c.id), 'promql/syntax', 'yaml/syntax', 'rules/duplicate-rule', 'rules/template']);
    for (const [pint, ids] of Object.entries(PINT_ALIASES)) {
      expect(pint).toMatch(/^[a-z]+\/[a-z_]+$/);
      for (const id of ids) expect(known.has(id), `${pint} → ${id}`).toBe(true);
    }
    expect(PINT_ALIASES['promql/rate']).toContain('promql/rate-non-counter');
  });
});

const BOGUS_EXPRESSIONS = [
  'foo{}{} > 0', 'sum(', '', '   ', 'rate(x[5m]', '1 +', 'x[5m][5m]', 'histogram_quantile()', 'histogram_quantile(0.9)',
  'label_replace(x)', 'absent()', 'topk(x)', 'count_values(1, x)', 'sum by (le) ()', 'a / on() group_left() b',
  'vector(1)', 'time()', '1', '"str"', 'rate(x[$__rate_interval])', '{__name__=~".*"}', 'x @ start()', 'x[5m:5m] offset -1h',
];

function bogusRuleFile(expr: string): string {
  return `groups:\n  - name: g\n    interval: 10m\n    rules:\n      - record: a:b:c\n        expr: ${JSON.stringify(expr)}\n      - alert: A\n        expr: ${JSON.stringify(expr)}\n        for: 1s\n        labels:\n          x: "{{ $value }}"\n        annotations:\n          summary: "{{ $labels.instance }} {{"\n`;
}

describe('robustness: no check throws', () => {
  // every check, also the off-by-default and policy ones, with options
  const settings = Object.fromEntries(ALL_CHECKS.map((c) => [c.id, { level: c.severity, options: { ...(c.examples.options ?? {}) } }]));
  it.each(BOGUS_EXPRESSIONS.map((e) => [e]))('on %j', (expr) => {
    expect(() => runChecks({ kind: 'promql', text: expr }, { settings, rethrow: true })).not.toThrow();
    const file = ruleFileViewFromText('bogus.yaml', bogusRuleFile(expr));
    expect(() => runChecks({ kind: 'rules', file }, { settings, rethrow: true, graph: buildRuleGraph([file]) })).not.toThrow();
  });

  it('on the test fixtures and the corpus, reporting warnings and infos only', () => {
    const dirs = [path.join(root, 'test-fixtures/rules'), path.resolve(process.cwd(), '../shared/corpus/rules')].filter(existsSync);
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(e.name)) files.push(p);
      }
    };
    dirs.forEach(walk);
    expect(files.length).toBeGreaterThan(10);
    const views = files.map((f) => ruleFileViewFromText(path.relative(root, f), readFileSync(f, 'utf8')));
    const graph = buildRuleGraph(views);
    let findings = 0;
    for (const file of views) {
      const ds = runChecks({ kind: 'rules', file }, { settings, rethrow: true, graph });
      findings += ds.length;
      for (const d of ds) {
        expect(d.severity).not.toBe('error');
        expect(d.range.start).toBeGreaterThanOrEqual(0);
        expect(d.range.end).toBeLessThanOrEqual(file.text.length);
        expect(d.range.start).toBeLessThanOrEqual(d.range.end);
      }
    }
    expect(findings).toBeGreaterThan(0);
  });
});

describe('the configuration shown in each check\'s docs', () => {
  it.each(ALL_CHECKS.map((c) => [c.id, c] as const))('%s: parses as .promscope.yml and does what the docs say', async (_id, check) => {
    const { parseProjectConfig, checkSettingsFor } = await import('../../src/project-config/index');
    const { resolveChecks } = await import('../../src/checks/index');
    const doc = renderAllDocs([check]).get(`${check.id}.md`)!;
    const yaml = /## Configuration[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)![1];
    const parsed = parseProjectConfig(yaml);
    expect(parsed.diagnostics).toEqual([]);
    const settings = checkSettingsFor(parsed.config, 'rules.yaml');
    const running = resolveChecks({ checks: [check], settings, graph: buildRuleGraph([]) }).map((r) => r.check.id);
    const onByDefault = !check.policy && check.enabledByDefault !== false;
    const hasOptions = check.examples.options !== undefined || check.optionDocs !== undefined;
    // off-by-default checks and policies are turned on by the snippet; others are turned off (or re-levelled with options)
    expect(running).toEqual(onByDefault && !hasOptions ? [] : [check.id]);
  });
});
