/**
 * `promscope relabel`: a job's relabel steps applied to a label set, printed step by step, with
 * exit codes 0 (kept), 1 (dropped) and 2 (usage).
 */
import { describe, expect, it } from 'vitest';
import { runRelabelCommand } from '../src/commands/relabel';

const config = `
global:
  scrape_interval: 30s
scrape_configs:
  - job_name: pods
    kubernetes_sd_configs:
      - role: pod
    relabel_configs:
      - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape]
        regex: "true"
        action: keep
      - source_labels: [__address__, __meta_kubernetes_pod_annotation_prometheus_io_port]
        regex: ([^:]+)(?::\\d+)?;(\\d+)
        replacement: $1:$2
        target_label: __address__
      - source_labels: [__meta_kubernetes_namespace]
        target_label: namespace
  - job_name: probe
    metrics_path: /probe
    params:
      module: [http_2xx]
    static_configs:
      - targets: [https://example.com]
    relabel_configs:
      - source_labels: [__address__]
        target_label: __param_target
      - target_label: __address__
        replacement: blackbox:9115
    metric_relabel_configs:
      - source_labels: [__name__]
        regex: go_.*
        action: drop
`;

function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = runRelabelCommand(args, {
    readFile: (p) => {
      if (p !== 'prometheus.yml') throw new Error('ENOENT: no such file');
      return config;
    },
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
  });
  return { code, out, err };
}

describe('promscope relabel', () => {
  it('prints each step and the resulting target', () => {
    const r = run(
      '--config',
      'prometheus.yml',
      '--job',
      'pods',
      '--labels',
      '{__address__="10.1.2.3:8080", __meta_kubernetes_pod_annotation_prometheus_io_scrape="true", __meta_kubernetes_pod_annotation_prometheus_io_port="9100", __meta_kubernetes_namespace="shop"}',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('job "pods" (prometheus.yml:5:15): 3 relabel_configs steps');
    expect(r.out).toContain('step 1: keep source_labels=[__meta_kubernetes_pod_annotation_prometheus_io_scrape] regex="true"  (prometheus.yml:9:9)\n  (no change)');
    expect(r.out).toContain('~ __address__: "10.1.2.3:8080" → "10.1.2.3:9100"');
    expect(r.out).toContain('+ namespace="shop"');
    expect(r.out).toContain('result: scrape http://10.1.2.3:9100/metrics');
    expect(r.out).toContain('target labels: {instance="10.1.2.3:9100", job="pods", namespace="shop"}');
    expect(r.err).toBe('');
  });

  it('says which step dropped the target and exits 1', () => {
    const r = run('--config', 'prometheus.yml', '--job', 'pods', '__address__=10.1.2.3:8080');
    expect(r.code).toBe(1);
    expect(r.out).toContain('dropped: "" does not match "true"');
    expect(r.out).toContain('result: target dropped by step 1');
  });

  it('adds the job defaults and params like Prometheus', () => {
    const r = run('--config=prometheus.yml', '--job=probe', '--labels', '{__address__="https://example.com"}');
    expect(r.code).toBe(0);
    expect(r.out).toContain('__param_module="http_2xx"');
    expect(r.out).toContain('__scrape_interval__="30s"');
    expect(r.out).toContain('result: scrape http://blackbox:9115/probe?module=http_2xx&target=https%3A%2F%2Fexample.com');
  });

  it('without labels, runs each static target of the job', () => {
    const r = run('--config', 'prometheus.yml', '--job', 'probe');
    expect(r.code).toBe(0);
    expect(r.out).toContain('target labels: {instance="blackbox:9115", job="probe"}');
    expect(run('--config', 'prometheus.yml', '--job', 'pods').code).toBe(2);
  });

  it('runs metric_relabel_configs with --metric', () => {
    const r = run('--config', 'prometheus.yml', '--job', 'probe', '--metric', '--labels', '{__name__="go_goroutines", job="probe"}');
    expect(r.code).toBe(1);
    expect(r.out).toContain('1 metric_relabel_configs step');
    expect(r.out).toContain('result: series dropped by step 1');
  });

  it('exits 2 on usage errors, unknown jobs, bad label sets and unreadable files', () => {
    expect(run('--job', 'pods').code).toBe(2);
    const unknown = run('--config', 'prometheus.yml', '--job', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no scrape job named "nope" in prometheus.yml (jobs: pods, probe)');
    const bad = run('--config', 'prometheus.yml', '--job', 'pods', '--labels', '{a="unterminated}');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('invalid label set');
    const missing = run('--config', 'missing.yml', '--job', 'pods');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot read missing.yml');
  });
});
