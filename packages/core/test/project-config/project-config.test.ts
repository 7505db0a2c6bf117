import { describe, expect, it } from 'vitest';
import {
  analyzeFile,
  applyCheckSettings,
  checkSettingsFor,
  configAnalyzerOptions,
  isConfiguredRuleFile,
  isPathIncluded,
  LineIndex,
  matchesAnyGlob,
  parseProjectConfig,
  type Diagnostic,
} from '../../src/index';

const where = (text: string, d: Diagnostic) => {
  const p = new LineIndex(text).positionAt(d.range.start);
  return `${p.line + 1}:${p.character + 1} ${d.severity} ${d.code} ${d.message}`;
};

describe('.promscope.yml parsing', () => {
  it('reads a full configuration', () => {
    const text = `prometheusVersion: 3.10
features: [promql-experimental-functions, "promql-extended-range-selectors"]
dialect: thanos
include: ["rules/**"]
exclude: [vendor]
ruleFiles: ["*.rules"]
checks:
  promql/regex: off
  rules/*: warning
  rules/duplicate: { level: info, options: { ignore: [a] } }
overrides:
  - files: ["legacy/**"]
    checks:
      rules/duplicate: off
`;
    const { config, diagnostics } = parseProjectConfig(text);
    expect(diagnostics).toEqual([]);
    expect(configAnalyzerOptions(config)).toEqual({
      prometheusVersion: '3.10',
      features: ['promql-experimental-functions', 'promql-extended-range-selectors'],
      dialect: 'thanos',
    });
    expect(checkSettingsFor(config, 'legacy/a.yml')['rules/duplicate']).toEqual({ level: 'off', options: { ignore: ['a'] } });
    expect(checkSettingsFor(config, 'rules/a.yml')['rules/duplicate']).toEqual({ level: 'info', options: { ignore: ['a'] } });
    expect(isPathIncluded(config, 'rules/x/a.yml')).toBe(true);
    expect(isPathIncluded(config, 'other/a.yml')).toBe(false);
    expect(isPathIncluded(config, 'rules/vendor/a.yml')).toBe(false);
    expect(isConfiguredRuleFile(config, 'deep/dir/alert.rules')).toBe(true);
  });

  it('reports each problem at its position and keeps the good parts', () => {
    const text = `dialect: loki
features: [promql-experimental-functions, no-such-flag]
checks:
  promql/regex: loud
colour: red
prometheusVersion: 4.0
include: ["{a,b"]
`;
    const { config, diagnostics } = parseProjectConfig(text);
    expect(diagnostics.map((d) => where(text, d))).toEqual([
      '1:10 error promscope-config/invalid dialect must be one of prometheus, thanos, mimir, cortex',
      '2:43 warning promscope-config/unknown-feature unknown Prometheus feature flag "no-such-flag" (Prometheus warns: Unknown option for --enable-feature)',
      '4:17 error promscope-config/invalid level of check "promql/regex" must be one of error, warning, info, off, default',
      '5:1 error promscope-config/invalid unknown key "colour" (expected one of prometheusVersion, features, dialect, include, exclude, ruleFiles, checks, overrides, limits)',
      '6:20 error promscope-config/invalid prometheusVersion must be a Prometheus version such as "3.5" or "2.53" (quote it: 3.10 is not 3.1)',
      '7:11 error promscope-config/invalid include: unclosed \'{\' in glob "{a,b"',
    ]);
    expect(config.features).toEqual(['promql-experimental-functions', 'no-such-flag']);
  });

  it('reports YAML syntax errors and never throws on garbage', () => {
    for (const text of ['a: [', '\u0000\u0001', ': :', '- 1', 'checks: 3', '&a [*a]', '']) {
      const r = parseProjectConfig(text);
      expect(Array.isArray(r.diagnostics)).toBe(true);
    }
    expect(parseProjectConfig('a: [').diagnostics[0].code).toBe('promscope-config/syntax');
    expect(parseProjectConfig('- 1').diagnostics[0].message).toBe('the configuration must be a mapping');
  });
});

describe('check settings', () => {
  const d = (code: string): Diagnostic => ({ code, severity: 'warning', range: { start: 0, end: 1 }, message: code });
  it('drops checks turned off and re-levels others; exact code beats a family', () => {
    const out = applyCheckSettings([d('rules/a'), d('rules/b'), d('promql/c'), d('x/y')], {
      rules: { level: 'error' },
      'rules/b': { level: 'off' },
      'promql/*': { level: 'info' },
      'x/y': { level: 'default' },
    });
    expect(out.map((x) => `${x.code}:${x.severity}`)).toEqual(['rules/a:error', 'promql/c:info', 'x/y:warning']);
  });
});

describe('globs', () => {
  it.each([
    ['*.rules', 'a/b/c.rules', true],
    ['/top.yml', 'sub/top.yml', false],
    ['rules/**/*.yml', 'rules/a.yml', true],
    ['rules/**/*.yml', 'rules/x/y/a.yml', true],
    ['rules/*.yml', 'rules/x/a.yml', false],
    ['{alerts,records}/*.y?ml', 'records/r.yaml', true],
    ['[!a]*.yml', 'b.yml', true],
    ['[!a]*.yml', 'a.yml', false],
    ['vendor/', 'vendor/x/y.yml', true],
    ['a.b', 'axb', false],
  ])('%s ~ %s → %s', (glob, p, want) => {
    expect(matchesAnyGlob([glob], p)).toBe(want);
  });
});

describe('limits (issue 8): the YAML limits from .promscope.yml', () => {
  it('reads limits.yaml and hands them to analyzeFile as yamlLimits', () => {
    const { config, diagnostics } = parseProjectConfig('limits:\n  yaml:\n    maxDepth: 50\n    maxDocuments: 3\n');
    expect(diagnostics).toEqual([]);
    expect(configAnalyzerOptions(config)).toEqual({ yamlLimits: { maxDepth: 50, maxDocuments: 3 } });
  });

  it('the limits reach the analysis of every YAML kind', () => {
    const { config } = parseProjectConfig('limits:\n  yaml:\n    maxDepth: 3\n');
    const deep = 'a:\n  b:\n    c:\n      d:\n        e: 1\n';
    const codes = (text: string, kind: Parameters<typeof analyzeFile>[0]['kind']) =>
      analyzeFile({ path: 'x.yml', text, kind }, configAnalyzerOptions(config)).diagnostics.filter((d) => d.code === 'yaml/limits').length;
    // each kind with nesting deeper than 3 gets the limit's diagnostic; with the defaults none does
    for (const kind of ['rules', 'rule-tests', 'prometheus-config', 'alertmanager-config'] as const) {
      expect({ kind, n: codes(deep, kind) }).toEqual({ kind, n: 1 });
      expect(analyzeFile({ path: 'x.yml', text: deep, kind }).diagnostics.some((d) => d.code === 'yaml/limits')).toBe(false);
    }
  });

  it('reports bad values at their place and keeps the good ones', () => {
    const text = `limits:
  yaml:
    maxDepth: 20000
    maxBytes: 64MiB
    maxAliasExpansion: 0.5
    maxDocuments: 7
    maxNodes: 10
  json: {}
`;
    const { config, diagnostics } = parseProjectConfig(text);
    expect(diagnostics.map((d) => where(text, d))).toEqual([
      '3:15 error promscope-config/invalid limits.yaml.maxDepth must be a whole number from 1 to 10000',
      '4:15 error promscope-config/invalid limits.yaml.maxBytes must be a whole number of at least 1',
      '5:24 error promscope-config/invalid limits.yaml.maxAliasExpansion must be a whole number of at least 1',
      '7:5 error promscope-config/invalid unknown key "maxNodes" in limits.yaml (expected one of maxBytes, maxDepth, maxAliasExpansion, maxDocuments)',
      '8:3 error promscope-config/invalid unknown key "json" in limits (expected yaml)',
    ]);
    expect(config.yamlLimits).toEqual({ maxDocuments: 7 });
  });

  it('limits and limits.yaml must be mappings', () => {
    expect(parseProjectConfig('limits: 5\n').diagnostics.map((d) => d.message)).toEqual(['limits must be a mapping, e.g. limits: {yaml: {maxDepth: 200}}']);
    expect(parseProjectConfig('limits:\n  yaml: [1]\n').diagnostics.map((d) => d.message)).toEqual([
      'limits.yaml must be a mapping of maxBytes, maxDepth, maxAliasExpansion, maxDocuments',
    ]);
  });
});
