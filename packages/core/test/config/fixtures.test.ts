/**
 * The example configs in test-fixtures/prometheus: each mistake in prometheus.yml is reported at
 * its line with its code and severity; prometheus-valid.yml gets no error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzePrometheusConfig } from '../../src/config/analyze';
import { LineIndex } from '../../src/text/line-index';

const dir = path.resolve(process.cwd(), 'test-fixtures/prometheus');

function load(name: string) {
  const text = fs.readFileSync(path.join(dir, name), 'utf8');
  const li = new LineIndex(text);
  const res = analyzePrometheusConfig({ path: name, text });
  /** 1-based line of the first occurrence of `snippet` after `after` */
  const lineOf = (snippet: string, after = ''): number => {
    const from = after ? text.indexOf(after) : 0;
    const at = text.indexOf(snippet, from);
    if (at < 0) throw new Error(`snippet not in fixture: ${snippet}`);
    return li.positionAt(at).line + 1;
  };
  const found = res.diagnostics.map((d) => ({ line: li.positionAt(d.range.start).line + 1, severity: d.severity, code: d.code, message: d.message }));
  return { res, found, lineOf };
}

describe('test-fixtures/prometheus/prometheus.yml', () => {
  const { found, lineOf } = load('prometheus.yml');
  const expected = [
    { line: lineOf('scrape_timeout: 20s'), severity: 'error', code: 'config/scrape-timeout', message: 'scrape timeout greater than scrape interval for scrape config with job name "node"' },
    { line: lineOf('node', '# error: duplicate job name'), severity: 'error', code: 'config/duplicate-job', message: 'found multiple scrape configs with job name "node"' },
    { line: lineOf('path: /prometheus'), severity: 'error', code: 'config/schema', message: 'field path not found in type config.plain' },
    { line: lineOf('[__meta_kubernetes_pod_labels_app]'), severity: 'warning', code: 'relabel/unknown-source-label', message: 'did you mean __meta_kubernetes_pod_label_app?' },
    { line: lineOf('replacement: $1_port'), severity: 'warning', code: 'relabel/capture-group', message: 'write ${1}_port' },
    { line: lineOf('target_label: __address__') - 1, severity: 'warning', code: 'relabel/address-without-port', message: '__address__ is rewritten without a port' },
    { line: lineOf('[__meta_kubernetes_namespace]'), severity: 'warning', code: 'relabel/meta-in-metric-relabel', message: '__meta_kubernetes_namespace does not exist in metric_relabel_configs' },
    { line: lineOf(`'{__name__=~"job:.*"'`), severity: 'warning', code: 'config/federation-match', message: 'invalid match[] selector' },
  ];

  it.each(expected)('line $line: $code', (e) => {
    const hit = found.find((f) => f.line === e.line && f.code === e.code && f.severity === e.severity && f.message.includes(e.message));
    expect(hit, JSON.stringify(found, null, 1)).toBeDefined();
  });

  it('reports nothing else', () => {
    expect(found.length).toBe(expected.length);
  });
});

describe('test-fixtures/prometheus/prometheus-valid.yml', () => {
  it('has no finding', () => {
    const { found, res } = load('prometheus-valid.yml');
    expect(found).toEqual([]);
    expect(res.model.jobs.map((j) => j.name)).toEqual(['consul-services', 'blackbox', 'files']);
    expect(res.model.ruleFiles.map((r) => [r.pattern, r.isGlob])).toEqual([['/etc/prometheus/rules/*.yaml', true]]);
    // the files Prometheus reads, for the CLI's existence check
    expect(res.model.fileReferences.map((f) => `${f.kind} ${f.field} ${f.pattern}`)).toEqual([
      'rule_files rule_files /etc/prometheus/rules/*.yaml',
      'scrape_config_files scrape_config_files /etc/prometheus/jobs/*.yml',
      'file_sd files /etc/prometheus/targets/*.json',
      'credential password_file /etc/prometheus/password',
    ]);
  });
});
