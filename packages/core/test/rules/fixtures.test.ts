/**
 * The example files in test-fixtures/rules (the ones the README's main job lints): each file's
 * findings as `file:line:col severity code message` lines, plus the workspace pass over them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile, type FileResult } from '../../src/analyze';
import { crossFileDiagnostics } from '../../src/workspace/index';
import { formatDiagnostics } from './format';

const dir = join(process.cwd(), 'test-fixtures/rules');
const lint = (name: string) => {
  const text = readFileSync(join(dir, name), 'utf8');
  const r = analyzeFile({ path: `test-fixtures/rules/${name}`, text }, { bestPractice: false });
  return { r, lines: formatDiagnostics(name, text, r.diagnostics) };
};

describe('test-fixtures/rules', () => {
  it('good.rules.yml is clean', () => {
    const { r, lines } = lint('good.rules.yml');
    expect(r.kind).toBe('rules');
    expect(lines).toEqual([]);
    expect(r.summary.alerts.map((a) => a.name)).toEqual(['HighErrorRate']);
    expect(r.summary.recordedMetrics.map((a) => a.name)).toEqual(['job:http_requests:rate5m']);
  });

  it('bad.rules.yml: every problem at once, with Prometheus wording', () => {
    expect(lint('bad.rules.yml').lines).toEqual([
      'bad.rules.yml:4:15 error rules/schema unknown unit "x" in duration "1x"',
      `bad.rules.yml:6:17 error rules/schema group "broken", rule 1, "job:up:sum": invalid field 'for' in recording rule`,
      'bad.rules.yml:10:24 error promql/syntax group "broken", rule 2, "InstanceDown": could not parse expression: parse error: unexpected end of input',
      'bad.rules.yml:11:9 error rules/schema field annotation not found in type rulefmt.Rule',
      `bad.rules.yml:13:9 error rules/schema group "broken", rule 3, "NoExpr": field 'expr' must be set in rule`,
      'bad.rules.yml:14:17 error rules/schema group "broken", rule 4, "strawberry{flavor=\\"sweet\\"}": braces present in the recording rule name; should it be in expr?: strawberry{flavor="sweet"}',
      'bad.rules.yml:19:21 error rules/template group "broken", rule 5, "BadTemplate": annotation "summary": template: __alert_BadTemplate:1: unclosed action',
      'bad.rules.yml:20:11 error rules/schema groupname: "broken" is repeated in the same file',
      'bad.rules.yml:24:16 warning rules/duplicate-rule duplicate rule: alert "Dup" with the same labels is already defined at line 22; might cause inconsistency while recording expressions',
    ]);
  });

  it('thanos.rules.yml: an error naming the dialect, clean under dialect thanos', () => {
    expect(lint('thanos.rules.yml').lines).toEqual([
      'thanos.rules.yml:5:5 error rules/schema field partial_response_strategy not found in type rulefmt.RuleGroup (it is a thanos rule-group field: set dialect: thanos if these rules are loaded by Thanos)',
    ]);
    const text = readFileSync(join(dir, 'thanos.rules.yml'), 'utf8');
    expect(analyzeFile({ path: 'x', text }, { dialect: 'thanos', bestPractice: false }).diagnostics).toEqual([]);
  });

  it('prometheusrule.yaml: a PrometheusRule manifest', () => {
    const { r, lines } = lint('prometheusrule.yaml');
    expect(r.kind).toBe('prometheus-rule');
    expect(lines).toEqual(['prometheusrule.yaml:12:16 error rules/schema not a valid duration string: "15"']);
  });

  it('helm-template.yaml: skipped with one info', () => {
    expect(lint('helm-template.yaml').lines).toEqual([
      'helm-template.yaml:1:1 info rules/template-file file contains Helm/Go-template syntax outside strings ({{ ... }}); it is not valid YAML until rendered and was not checked',
    ]);
  });

  it('alerts.test.yml: rule unit tests checked statically', () => {
    const { r, lines } = lint('alerts.test.yml');
    expect(r.kind).toBe('rule-tests');
    expect(lines).toEqual([
      'alerts.test.yml:11:29 error promql/series unexpected "oops" in series values',
      // Prometheus's first error: the grammar's, met before the lexer's unclosed parenthesis
      'alerts.test.yml:18:49 error promql/syntax unexpected <by> in aggregation',
    ]);
    expect(r.summary.ruleFileRefs.map((x) => x.name)).toEqual(['good.rules.yml']);
    expect(r.summary.testedAlerts.map((x) => x.name)).toEqual(['HighErrorRate', 'NoSuchAlert']);
  });

  it('workspace pass: tested alerts resolved against the referenced rule files', () => {
    const results: FileResult[] = readdirSync(dir)
      .sort()
      .map((f) => analyzeFile({ path: `test-fixtures/rules/${f}`, text: readFileSync(join(dir, f), 'utf8') }, { bestPractice: false }));
    const cross = crossFileDiagnostics(results.map((r) => r.summary));
    const text = readFileSync(join(dir, 'alerts.test.yml'), 'utf8');
    expect(cross.map((c) => c.path)).toEqual(['test-fixtures/rules/alerts.test.yml']);
    expect(formatDiagnostics('alerts.test.yml', text, cross.map((c) => c.diagnostic))).toEqual([
      'alerts.test.yml:16:20 warning rule-tests/unknown-alert alertname "NoSuchAlert" is not defined in the rule files of this test',
    ]);
    // without the rule file in the workspace: the reference itself is reported
    const alone = crossFileDiagnostics(results.filter((r) => r.kind === 'rule-tests').map((r) => r.summary));
    expect(formatDiagnostics('alerts.test.yml', text, alone.map((c) => c.diagnostic))).toEqual([
      'alerts.test.yml:3:5 warning rule-tests/missing-rule-file rule file "good.rules.yml" not found among the checked files',
    ]);
  });
});
