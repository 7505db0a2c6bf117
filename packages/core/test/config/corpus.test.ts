/**
 * prometheus.yml analysis over Prometheus's own config testdata and documentation examples
 * (../shared/corpus/config, with EXPECTED.json generated from config_test.go): valid files get no
 * error; intentionally invalid ones get an error containing the message Prometheus's test expects,
 * for at least 95% of them. The share and the misses are printed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzePrometheusConfig, analyzeScrapeConfigFile } from '../../src/config/analyze';
import { checkScrapeConfigFiles } from '../../src/config/scrape-config-files';

const corpus = path.resolve(process.cwd(), '../shared/corpus/config');
interface Expected {
  status: 'error' | 'valid' | 'unclassified' | 'auxiliary';
  errors?: Array<{ errMsg: string }>;
}
const expected: Record<string, Expected> = JSON.parse(fs.readFileSync(path.join(corpus, 'EXPECTED.json'), 'utf8')).files;

function analyze(rel: string) {
  const text = fs.readFileSync(path.join(corpus, rel), 'utf8');
  return analyzePrometheusConfig({ path: rel, text }, { agentMode: path.basename(rel).startsWith('agent_mode.') });
}

/** Prometheus prefixes load errors with "parsing YAML file <path>: "; the rest is what a position-aware tool reports */
function coreMessage(errMsg: string): string {
  return errMsg.replace(/^parsing YAML file [^:]+: /, '');
}

describe('prometheus-testdata and examples', () => {
  it('no error on valid files', () => {
    const files = Object.entries(expected).filter(([, e]) => e.status === 'valid').map(([f]) => `prometheus-testdata/${f}`);
    files.push(...fs.readdirSync(path.join(corpus, 'prometheus-examples')).filter((f) => f.startsWith('prometheus')).map((f) => `prometheus-examples/${f}`));
    const bad: string[] = [];
    for (const f of files) {
      const errors = analyze(f).diagnostics.filter((d) => d.severity === 'error');
      if (errors.length) bad.push(`${f}: ${errors.map((e) => e.message).join(' | ')}`);
    }
    expect(bad).toEqual([]);
    expect(files.length).toBeGreaterThan(70);
  });

  it('files named by scrape_config_files are checked as such', () => {
    const dir = path.join(corpus, 'prometheus-testdata/scrape_configs');
    const files = fs.readdirSync(dir);
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) {
      const res = analyzeScrapeConfigFile({ path: f, text: fs.readFileSync(path.join(dir, f), 'utf8') });
      expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(res.model.jobs.length).toBeGreaterThan(0);
    }
  });

  it('the expected error on at least 95% of the invalid files', () => {
    const files = Object.entries(expected).filter(([, e]) => e.status === 'error');
    const misses: string[] = [];
    for (const [f, e] of files) {
      const msgs = analyze(`prometheus-testdata/${f}`).diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
      const want = coreMessage(e.errors![0].errMsg);
      if (!msgs.some((m) => m.includes(want))) misses.push(`${f}: want ${JSON.stringify(want)}, got ${JSON.stringify(msgs)}`);
    }
    const share = (files.length - misses.length) / files.length;
    console.log(`config corpus: ${files.length - misses.length}/${files.length} invalid files get the expected error (${(share * 100).toFixed(1)}%)`);
    if (misses.length) console.log('misses:\n' + misses.join('\n'));
    expect(share).toBeGreaterThanOrEqual(0.95);
  });
});

/** expands a scrape_config_files pattern as filepath.Glob does for these files (`*` only in the last element) */
function glob(dir: string, pattern: string): string[] {
  const full = path.resolve(dir, pattern);
  if (!full.includes('*')) return fs.existsSync(full) ? [full] : [];
  const d = path.dirname(full);
  const re = new RegExp('^' + path.basename(full).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*') + '$');
  return fs.readdirSync(d).filter((f) => re.test(f)).sort().map((f) => path.join(d, f));
}

describe('scrape_config_files across files', () => {
  const dir = path.join(corpus, 'prometheus-testdata');
  function run(file: string): string[] {
    const main = analyzePrometheusConfig({ path: file, text: fs.readFileSync(path.join(dir, file), 'utf8') });
    const included = main.model.scrapeConfigFiles.flatMap((p) => glob(dir, p.pattern)).map((f) => ({ path: f, text: fs.readFileSync(f, 'utf8') }));
    const res = checkScrapeConfigFiles(main.model, included);
    return [...main.diagnostics, ...res.diagnostics.flatMap((d) => d.diagnostics)].filter((d) => d.severity === 'error').map((d) => d.message);
  }
  // expectations from config_test.go (TestGetScrapeConfigs, lines 3190-3203); the _global_duplicate file follows the same rule
  const bad: Array<[string, string]> = [
    ['scrape_config_files_double_import.bad.yml', 'found multiple scrape configs with job name "prometheus"'],
    ['scrape_config_files_duplicate.bad.yml', 'found multiple scrape configs with job name "prometheus"'],
    ['scrape_config_files_global.bad.yml', 'scrape timeout greater than scrape interval for scrape config with job name "prometheus"'],
    ['scrape_config_files_global_duplicate.bad.yml', 'found multiple scrape configs with job name "prometheus"'],
  ];
  it.each(bad)('%s', (file, want) => {
    expect(run(file).some((m) => m.includes(want)), run(file).join(' | ')).toBe(true);
  });
  it.each(['scrape_config_files.good.yml', 'scrape_config_files_combined.good.yml', 'scrape_config_files_glob.good.yml', 'scrape_config_files_only.good.yml'])('%s has no error', (file) => {
    expect(run(file)).toEqual([]);
  });
});

describe('files EXPECTED.json leaves unclassified', () => {
  const dir = path.join(corpus, 'prometheus-testdata');
  const errorsOf = (file: string, agentMode = false) =>
    analyzePrometheusConfig({ path: file, text: fs.readFileSync(path.join(dir, file), 'utf8') }, { agentMode })
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => d.message);
  // from config_test.go: TestOTLPAllowUTF8 (lines 2087, 2127, 2147), TestOTLPConfig (2053), TestAgentMode (2890),
  // TestScrapeConfigNameValidationSettings (3426-3450); the deprecated Alertmanager API file is judged by
  // config.go (SupportedAlertmanagerAPIVersions is [v2] since 3.0); static_config.bad.yml is a target-group
  // file (file_sd format), not a prometheus.yml.
  const cases: Array<[string, string | null, boolean?]> = [
    ['otlp_allow_utf8.bad.yml', 'unsupported OTLP translation strategy "Invalid"'],
    ['otlp_allow_utf8.incompatible.yml', 'OTLP translation strategy "NoUTF8EscapingWithSuffixes" is not allowed when UTF8 is disabled'],
    ['otlp_no_translation.incompatible.yml', 'OTLP translation strategy "NoTranslation" is not allowed when UTF8 is disabled'],
    ['otlp_empty.yml', null],
    ['agent_mode.without_remote_writes.yml', null, true],
    ['scrape_config_default_validation_mode.yml', null],
    ['scrape_config_global_validation_mode.yml', null],
    ['scrape_config_local_validation_mode.yml', null],
    ['scrape_config_local_global_validation_mode.yml', null],
    ['scrape_config_local_infer_escaping.yml', null],
    ['config_with_deprecated_am_api_config.yml', 'expected Alertmanager api version to be one of [v2] but got v1'],
  ];
  it.each(cases)('%s', (file, want, agent) => {
    const errs = errorsOf(file, agent === true);
    if (want === null) expect(errs).toEqual([]);
    else expect(errs.some((m) => m.includes(want)), errs.join(' | ')).toBe(true);
  });
});
