/**
 * The CLI on real rule files: Prometheus's own rulefmt test data (verdicts and messages from
 * EXPECTED.json), the README's main job on test-fixtures/, and rule-file features end to end
 * (suppressions in YAML, --fix on YAML, ruleFiles, the cross-file pass).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, fixtureDir, json, repoRoot, runCli } from './helpers';

beforeAll(() => ensureBuilt(), 120_000);

const rulefmtDir = '../shared/corpus/rules/prometheus-rulefmt-testdata';
interface Expected {
  status: 'error' | 'valid';
  errMsg?: string;
  nameValidationScheme: string;
}
const expected = JSON.parse(readFileSync(path.join(repoRoot, rulefmtDir, 'EXPECTED.json'), 'utf8')).files as Record<string, Expected>;

describe("Prometheus's rulefmt test data through the CLI", () => {
  // legacy name validation is what a 2.x target means; UTF-8 validation is the 3.x default
  for (const [scheme, flags] of [
    ['UTF8', [] as string[]],
    ['Legacy', ['--prometheus-version', '2.53']],
  ] as const) {
    it(`${scheme} validation: the same verdict and message as Prometheus for every file`, () => {
      const names = Object.keys(expected).filter((n) => expected[n].nameValidationScheme.includes(scheme));
      expect(names.length).toBeGreaterThan(1);
      const r = runCli(['check', '--format', 'json', ...flags, ...names.map((n) => `${rulefmtDir}/${n}`)], { cwd: repoRoot });
      const findings = json(r);
      const verdicts = names.map((n) => {
        const errors = findings.filter((f) => f.file.endsWith(`/${n}`) && f.severity === 'error');
        const e = expected[n];
        return { file: n, error: errors.length > 0, message: e.errMsg ? errors.some((f) => f.message.includes(e.errMsg!)) : undefined };
      });
      expect(verdicts).toEqual(names.map((n) => ({ file: n, error: expected[n].status === 'error', message: expected[n].errMsg ? true : undefined })));
      expect(r.code).toBe(verdicts.some((v) => v.error) ? 1 : 0);
    });
  }
});

describe("the README's main job", () => {
  it('lints test-fixtures/ and shows findings with code frames', () => {
    const r = runCli(['check', 'test-fixtures'], { cwd: repoRoot });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^test-fixtures\/\S+:\d+:\d+ error \S+ /m);
    expect(r.stdout).toMatch(/^\d+ \| .*\n +\| +\^+/m);
    expect(r.stdout).toMatch(/\d+ problems \(\d+ errors, \d+ warnings?, \d+ info\) in \d+ files checked\.\n$/);
  });
});

const RULES = `groups:
  - name: example
    rules:
      - alert: Good
        expr: up == 0
        for: 5m
`;

describe('rule files end to end', () => {
  it('suppressions in YAML comments, including pint aliases', () => {
    const d = fixtureDir({
      'rules.yml': `groups:
  - name: g
    rules:
      # promscope-disable-next-line rules
      - record: job:r
        expr: up
        for: 5m
      - alert: A
        # pint disable promql/syntax
        expr: rate(up)
      - alert: B
        expr: rate(up)
`,
    });
    const r = runCli(['check', '--format', 'json'], { cwd: d });
    // errors and promscope's own reports (an unused suppression would show here); best-practice infos aside
    expect(json(r).filter((f) => f.severity === 'error' || f.code.startsWith('promscope')).map((f) => `${f.line} ${f.severity}`)).toEqual(['12 error']);
  });

  it('--fix on YAML keeps every other byte (CRLF, comments, quoting)', () => {
    const before = `# top comment\r\ngroups:\r\n  - name: 'g'   # quoted\r\n    rules:\r\n      # promscope-disable-next-line rules/schema\r\n      - alert: "A"\r\n        expr: up == 0\r\n`;
    // only promscope's own findings, so that the one fix applied is the unused suppression's
    const d = fixtureDir({ '.promscope.yml': 'checks:\n  rules: off\n  promql: off\n', 'rules.yml': before });
    const r = runCli(['check', '--fix', '--format', 'json'], { cwd: d });
    expect(r.stdout).toBe('[]\n');
    expect(readFileSync(path.join(d, 'rules.yml'), 'utf8')).toBe(before.replace('      # promscope-disable-next-line rules/schema\r\n', ''));
  });

  it('rule files with any name through ruleFiles in .promscope.yml', () => {
    const d = fixtureDir({ '.promscope.yml': 'ruleFiles: ["*.conf"]\n', 'alerts.conf': `${RULES}      - alert: Bad\n        expr: rate(up)\n`, 'other.conf': 'x = 1\n' });
    const r = runCli(['check', '--format', 'json'], { cwd: d });
    expect(json(r).map((f) => `${f.file}:${f.line} ${f.severity}`)).toEqual(expect.arrayContaining(['alerts.conf:8 error']));
    expect(r.code).toBe(1);
  });

  it('runs the cross-file pass: a rule test naming a rule file that is not there', () => {
    const d = fixtureDir({
      'rules.yml': RULES,
      'tests.yml': 'rule_files: [rules.yml, missing.yml]\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series: []\n    alert_rule_test: []\n',
    });
    const r = runCli(['check', '--format', 'json'], { cwd: d });
    expect(json(r).map((f) => `${f.file}:${f.line} ${f.severity} ${f.code}`)).toContain('tests.yml:1 warning rule-tests/missing-rule-file');
  });

  it('--dialect thanos accepts Thanos fields that the default rejects', () => {
    const d = fixtureDir({ 'rules.yml': RULES.replace('  - name: example\n', '  - name: example\n    partial_response_strategy: warn\n') });
    expect(runCli(['check'], { cwd: d }).code).toBe(1);
    expect(runCli(['check', '--dialect', 'thanos'], { cwd: d }).code).toBe(0);
  });
});
