/** Rule-file validation, case by case: input YAML in, `line:col severity code message` out. */
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/analyze';
import type { AnalyzerOptions } from '../../src/options';
import { formatDiagnostics } from './format';

function lint(text: string, opts: Partial<AnalyzerOptions> = {}): string[] {
  // the loader's own verdicts only: the best-practice checks are tested in test/checks
  const r = analyzeFile({ path: 'f', text, kind: 'rules' }, { ...opts, bestPractice: false });
  return formatDiagnostics('f', text, r.diagnostics);
}
const rule = (body: string) => `groups:\n  - name: g\n    rules:\n      - ${body.replace(/\n/g, '\n        ')}\n`;

describe('structure (yaml.v3 strict decode wording)', () => {
  it('empty and comment-only files load', () => {
    expect(lint('')).toEqual([]);
    expect(lint('# nothing\n')).toEqual([]);
  });
  it('wrong shapes', () => {
    expect(lint('groups\n')).toEqual(['f:1:1 error rules/schema cannot unmarshal !!str `groups` into rulefmt.RuleGroups']);
    expect(lint('groups:\n  name: x\n')).toEqual(['f:2:3 error rules/schema cannot unmarshal !!map into []rulefmt.RuleGroup']);
    expect(lint('groups:\n  - name: x\n    rules: abc\n')).toEqual(['f:3:12 error rules/schema cannot unmarshal !!str `abc` into []rulefmt.Rule']);
    expect(lint('groups:\n  - name: x\n    limit: abc\n')).toEqual(['f:3:12 error rules/schema cannot unmarshal !!str `abc` into int']);
    expect(lint(rule('alert: A\nexpr: up\nlabels: [a]'))).toEqual(['f:6:17 error rules/schema cannot unmarshal !!seq into map[string]string']);
    expect(lint(rule('alert: A\nexpr: up\nlabels:\n  a: {b: c}'))).toEqual(['f:7:14 error rules/schema cannot unmarshal !!map into string']);
  });
  it('unknown fields', () => {
    expect(lint('groups: []\nfoo: 1\n')).toEqual(['f:2:1 error rules/schema field foo not found in type rulefmt.RuleGroups']);
  });
  it('a rule is a rulefmt.RuleNode in yaml.v3\'s words before Prometheus 3.3 (promtool 2.42), a rulefmt.Rule since', () => {
    expect(lint(rule('alert: A\nexpr: up\nfoo: 1'), { prometheusVersion: '3.2' })).toEqual(['f:6:9 error rules/schema field foo not found in type rulefmt.RuleNode']);
    expect(lint('groups:\n  - name: x\n    rules: abc\n', { prometheusVersion: '2.42' })).toEqual(['f:3:12 error rules/schema cannot unmarshal !!str `abc` into []rulefmt.RuleNode']);
    expect(lint(rule('alert: A\nexpr: up\nfoo: 1'), { prometheusVersion: '3.3' })).toEqual(['f:6:9 error rules/schema field foo not found in type rulefmt.Rule']);
  });
  it('null keys set nothing (yaml.v3 skips them, their values unread); collection keys cannot be strings (promtool 2.42)', () => {
    // `&severity: critical` is an anchored null key: the rule loads without labels
    expect(lint(rule('alert: A\nexpr: up\nlabels:\n  &severity: critical\n&annotations:\n  summary: s'))).toEqual([]);
    expect(lint('null: 1\ngroups:\n  - name: x\n    ~: 1\n    rules:\n      - alert: A\n        expr: up\n        null: foo\n        labels:\n          ~: {a: b}\n')).toEqual([]);
    // a tagged empty key is the empty string: a label without a name
    expect(lint(rule('alert: A\nexpr: up\nlabels:\n  !!str : x'))).toEqual(['f:7:11 error rules/schema group "g", rule 1, "A": invalid label name: ']);
    // a key tagged as a string is the field name "null"
    expect(lint(rule('alert: A\nexpr: up\n!!str null: foo'))).toEqual(['f:6:15 error rules/schema field null not found in type rulefmt.Rule']);
    expect(lint(rule('alert: A\nexpr: up\nlabels:\n  [a]: x'))).toEqual(['f:7:11 error rules/schema cannot unmarshal !!seq into string']);
    expect(lint(rule('alert: A\nexpr: up\n{a: b}: x'))).toEqual(['f:6:9 error rules/schema cannot unmarshal !!map into string']);
  });
  it('the non-specific tag `!` on an empty value is null for yaml.v3 (promtool 2.42 loads `groups: !` and a file of `!`)', () => {
    expect(lint('groups: !\n')).toEqual([]);
    expect(lint('!')).toEqual([]);
  });
  it('unit-test files are read with yaml.v2: a null key is the field named "" (promtool 2.42 test rules)', () => {
    const text = 'rule_files: []\nnull: x\ntests:\n- interval: 1m\n  ~: 1\n';
    const r = analyzeFile({ path: 'f', text, kind: 'rule-tests' }, { bestPractice: false });
    expect(formatDiagnostics('f', text, r.diagnostics)).toEqual([
      'f:2:1 error rule-tests/schema field  not found in type main.unitTestFile',
      'f:5:3 error rule-tests/schema field  not found in type main.testGroup',
    ]);
  });
  it('what Go accepts is not an error: numbers into strings, floats into int, zero durations', () => {
    expect(lint('groups:\n  - name: 123\n    limit: 1.5\n    interval: 0\n    rules:\n      - alert: 1e3\n        expr: 5\n        labels:\n          n: 1\n')).toEqual([]);
  });
  it('durations as model.ParseDuration parses them', () => {
    expect(lint('groups:\n  - name: g\n    interval: -1m\n')).toEqual(['f:3:15 error rules/schema not a valid duration string: "-1m"']);
    expect(lint('groups:\n  - name: g\n    interval: 1m1h\n')).toEqual(['f:3:15 error rules/schema not a valid duration string: "1m1h"']);
    expect(lint('groups:\n  - name: g\n    interval: 5x\n')).toEqual(['f:3:15 error rules/schema unknown unit "x" in duration "5x"']);
    expect(lint('groups:\n  - name: g\n    interval: 1y2w3d4h5m6s7ms\n')).toEqual([]);
  });
  it('duplicate keys', () => {
    expect(lint(rule('alert: A\nexpr: up\nexpr: down'))).toEqual(['f:6:9 error yaml/duplicate-key mapping key "expr" already defined at line 5']);
  });
  it('merge keys (<<) are applied as yaml.v3 applies them', () => {
    const text = 'groups:\n  - name: g\n    rules:\n      - &base\n        alert: A\n        expr: up\n        for: 5m\n      - <<: *base\n        alert: B\n';
    expect(lint(text)).toEqual([]);
  });
});

describe('rule validation (rulefmt Validate, with the loader framing)', () => {
  it('record xor alert, expr required', () => {
    expect(lint(rule('expr: up'))).toEqual([`f:4:9 error rules/schema group "g", rule 1, "": one of 'record' or 'alert' must be set`]);
    expect(lint(rule('alert: A\nrecord: b\nexpr: up'))[0]).toBe(`f:5:17 error rules/schema group "g", rule 1, "A": only one of 'record' and 'alert' must be set`);
    expect(lint(rule('alert: A\nexpr: ""'))).toEqual([`f:5:15 error rules/schema group "g", rule 1, "A": field 'expr' must be set in rule`]);
  });
  it('recording rules: no annotations, no non-zero for', () => {
    expect(lint(rule('record: a\nexpr: up\nfor: 0s\nannotations:\n  s: x'))).toEqual([
      `f:4:17 error rules/schema group "g", rule 1, "a": invalid field 'annotations' in recording rule`,
    ]);
  });
  it('group names: empty and repeated', () => {
    expect(lint('groups:\n  - name: ""\n  - name: a\n  - name: a\n')).toEqual([
      'f:2:11 error rules/schema Groupname must not be empty',
      'f:4:11 error rules/schema groupname: "a" is repeated in the same file',
    ]);
  });
  it('label names: UTF-8 in 3.x, legacy in 2.x, never __name__', () => {
    const text = rule('record: "my.metric"\nexpr: up\nlabels:\n  "a.b": c');
    expect(lint(text)).toEqual([]);
    expect(lint(text, { prometheusVersion: '2.55' })).toEqual([
      'f:4:17 error rules/schema group "g", rule 1, "my.metric": invalid recording rule name: my.metric',
      'f:7:11 error rules/schema group "g", rule 1, "my.metric": invalid label name: a.b',
    ]);
    expect(lint('groups:\n  - name: g\n    labels:\n      __name__: x\n')).toEqual(['f:4:7 error rules/schema invalid label name: __name__']);
  });
  it('templates of alerting rules are parsed (errors mapped into the value)', () => {
    const text = rule('alert: A\nexpr: up\nlabels:\n  sev: "{{ if gt $value 1.0 }}page{{ end }}"\n  bad: "x {{ nosuchfunc }}"');
    expect(lint(text)).toEqual([`f:8:22 error rules/template group "g", rule 1, "A": label "bad": template: __alert_A:1: function "nosuchfunc" not defined`]);
  });
  it('recording rules: label templates are not parsed (Prometheus does not)', () => {
    expect(lint(rule('record: a\nexpr: up\nlabels:\n  x: "{{ nosuchfunc }}"'))).toEqual([]);
  });
  it('duplicate rules (promtool --lint=duplicate-rules): same name and labels, a warning', () => {
    const text = 'groups:\n  - name: a\n    rules:\n      - record: r\n        expr: up\n  - name: b\n    rules:\n      - record: r\n        expr: down\n      - record: r\n        expr: up\n        labels:\n          x: y\n';
    expect(lint(text)).toEqual([
      'f:8:17 warning rules/duplicate-rule duplicate rule: metric "r" with the same labels is already defined at line 4; might cause inconsistency while recording expressions',
    ]);
  });
});

describe('dialects and versions', () => {
  const mimir = 'groups:\n  - name: x\n    source_tenants: [a]\n    evaluation_delay: 1m\n    align_evaluation_time_on_interval: true\n    rules: []\n';
  it('mimir/cortex group fields: accepted under mimir, errors naming the dialect under prometheus', () => {
    expect(lint(mimir, { dialect: 'mimir' })).toEqual([]);
    expect(lint(mimir)).toEqual([
      'f:3:5 error rules/schema field source_tenants not found in type rulefmt.RuleGroup (it is a mimir/cortex rule-group field: set dialect: mimir if these rules are loaded by Mimir or Cortex)',
      'f:4:5 error rules/schema field evaluation_delay not found in type rulefmt.RuleGroup (it is a mimir/cortex rule-group field: set dialect: mimir if these rules are loaded by Mimir or Cortex)',
      'f:5:5 error rules/schema field align_evaluation_time_on_interval not found in type rulefmt.RuleGroup (it is a mimir rule-group field: set dialect: mimir if these rules are loaded by Mimir)',
    ]);
  });
  it('thanos: partial_response_strategy values', () => {
    expect(lint('groups:\n  - name: x\n    partial_response_strategy: maybe\n', { dialect: 'thanos' })).toEqual([
      'f:3:32 error rules/schema unknown partial_response_strategy "maybe": must be "warn" or "abort"',
    ]);
  });
  it('fields newer than the target version', () => {
    expect(lint('groups:\n  - name: x\n    query_offset: 1m\n    rules:\n      - alert: A\n        expr: up\n        keep_firing_for: 1m\n', { prometheusVersion: '2.40' })).toEqual([
      'f:3:5 error rules/schema field query_offset not found in type rulefmt.RuleGroup (added in Prometheus 2.53; the target is 2.40)',
      'f:7:9 error rules/schema field keep_firing_for not found in type rulefmt.RuleNode (added in Prometheus 2.42; the target is 2.40)',
    ]);
    const groupLabels = 'groups:\n  - name: x\n    labels:\n      team: a\n    rules:\n      - alert: A\n        expr: up\n        labels:\n          team: b\n';
    expect(lint(groupLabels)).toEqual([]);
    expect(lint(groupLabels, { prometheusVersion: '2.55' })).toEqual([
      'f:3:5 error rules/schema field labels not found in type rulefmt.RuleGroup (added in Prometheus 3.0; the target is 2.55)',
    ]);
  });
});

describe('files', () => {
  it('multi-document: only the first document is loaded (a warning), problems after it are not errors', () => {
    expect(lint('groups: []\n---\ngroups:\n  - name: x\n    bogus: [1\n')).toEqual([
      "f:2:1 warning rules/multi-document Multiple document yaml rules files are not supported, only the first document is processed",
      "f:5:12 warning yaml/syntax yaml: did not find expected ',' or ']'",
    ]);
  });
  it('an empty entry of the rules or groups list is skipped, as yaml.v3 drops it (a warning); rules are numbered without it', () => {
    // promtool 2.42: "SUCCESS: 1 rules found"; with a bad name after it, `group "g", rule 1, "a b": ...` at 5:13
    const text = 'groups:\n-\n- name: g\n  rules:\n  -\n  - ~\n  - record: "a b"\n    expr: up\n';
    expect(analyzeFile({ path: 'f', text }, { bestPractice: false, prometheusVersion: '2.42' }).diagnostics.map((d) => `${d.severity} ${d.code} ${d.message}`)).toEqual([
      'warning rules/empty-entry an empty entry in the groups list: Prometheus skips it (no group is read from it)',
      'warning rules/empty-entry an empty entry in the rules list: Prometheus skips it (no rule is read from it)',
      'warning rules/empty-entry an empty entry in the rules list: Prometheus skips it (no rule is read from it)',
      'error rules/schema group "g", rule 1, "a b": invalid recording rule name: a b',
    ]);
  });
  it('a tag on an empty value makes it no null: an empty string, or a collection, as yaml.v3 reads it (promtool 2.42 says the same)', () => {
    const rule = (more: string) => analyzeFile({ path: 'f', text: `groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n${more}` }, { bestPractice: false }).diagnostics.map((d) => d.message);
    expect(rule('    for: !0m\n')).toEqual(['empty duration string']);
    expect(rule('    for: !!str\n')).toEqual(['empty duration string']);
    expect(rule('    for: !!null\n')).toEqual([]);
    expect(rule('    labels: !!map\n')).toEqual(['cannot unmarshal !!map into map[string]string']);
  });
  it('YAML syntax errors are reported and the rest of the file is still checked', () => {
    const text = 'groups:\n  - name: a\n    rules:\n      - alert: "A\\q"\n        expr: up +\n';
    expect(lint(text)).toEqual([
      'f:4:18 error yaml/syntax yaml: found unknown escape character while parsing a quoted scalar',
      'f:5:19 error promql/syntax group "a", rule 1, "Aq": could not parse expression: parse error: unexpected end of input',
    ]);
  });
  it('a Go-templated (Helm) file is skipped with one info; Prometheus templates in strings are not', () => {
    expect(lint('groups:\n  - name: {{ .Release.Name }}\n')).toEqual([
      'f:2:11 info rules/template-file file contains Helm/Go-template syntax outside strings ({{ ... }}); it is not valid YAML until rendered and was not checked',
    ]);
    expect(lint(rule('alert: A\nexpr: up\nannotations:\n  d: |\n    {{ range $i := .Labels }}x{{ end }}'))).toEqual([]);
    // a YAML error in a file whose description goes on with a line that starts with an action (the
    // node-exporter mixin's `{{ printf "%.2f" $value }}%.`): reported, not taken for a template
    // (promtool 2.42: `yaml: line 9: mapping values are not allowed in this context`)
    const prose = 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    annotations:\n     description: at\n        {{ printf "%.2f" $value }}%.\n      summary: x\n';
    expect(lint(prose).filter((l) => / error yaml\/syntax /.test(l))).toEqual(['f:9:14 error yaml/syntax yaml: mapping values are not allowed in this context (an implicit key must be on a single line)']);
    expect(lint('groups:\n{{- range .Values.groups }}\n  - name: x\n{{- end }}\n')[0]).toMatch(/info rules\/template-file/);
    expect(lint('groups:\n  - name: a\n{{- if true }}\n    rules: []\n{{ end }}\n')[0]).toMatch(/info rules\/template-file/);
  });
  it('PrometheusRule manifests (spec.groups), next to other manifests', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\n---\napiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups:\n    - name: g\n      rules:\n        - alert: A\n          expr: up ==\n';
    const r = analyzeFile({ path: 'm.yaml', text }, { bestPractice: false });
    expect(r.kind).toBe('prometheus-rule');
    expect(formatDiagnostics('m.yaml', text, r.diagnostics)).toEqual([
      'm.yaml:11:22 error promql/syntax group "g", rule 1, "A": could not parse expression: parse error: unexpected end of input',
    ]);
  });
});
