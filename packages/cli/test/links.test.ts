/**
 * `promscope check` and what configurations link to (issues 4, 5, 8), end to end on small folders:
 * the scrape intervals of the run's prometheus.yml reach the rule files' checks (across worker
 * threads and the cache), referenced files that do not exist, scrape_config_files, Alertmanager
 * templates and inhibit rules against the run's alerts, and the YAML limits of `.promscope.yml`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, fixtureDir, json, runCli, type JsonFinding } from './helpers';

beforeAll(() => ensureBuilt(), 120_000);

const show = (f: JsonFinding) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.code} ${f.message}`;
const only = (code: string | RegExp, list: JsonFinding[]) => list.filter((f) => (typeof code === 'string' ? f.code === code : code.test(f.code))).map(show);
const check = (dir: string, ...args: string[]) => json(runCli(['check', '--format', 'json', ...args], { cwd: dir }));

const PROMETHEUS = `global:
  scrape_interval: 15s
rule_files:
  - rules/*.yml
scrape_configs:
  - job_name: slow
    scrape_interval: 1m
    static_configs:
      - targets: ['slow:9100']
`;

const RULES = `groups:
  - name: rates
    rules:
      - record: job:requests:rate3m
        expr: sum by (job) (rate(requests_total{job="slow"}[3m]))
      - record: job:errors:rate1m
        expr: sum by (job) (rate(errors_total[1m]))
`;

describe('issue 4: scrape intervals from the run\'s prometheus.yml', () => {
  it("a selector naming a job gets the job's interval, others the global one", () => {
    const d = fixtureDir({ 'prometheus.yml': PROMETHEUS, 'rules/rates.yml': RULES });
    expect(only('promql/range-too-short', check(d))).toEqual([
      'rules/rates.yml:5:61 warning promql/range-too-short [3m] covers fewer than 4 scrapes at a 1m scrape interval (job "slow"): rate() will have gaps; use at least [4m].',
    ]);
  });

  it('without the prometheus.yml in the run, the interval is only assumed', () => {
    const d = fixtureDir({ 'prometheus.yml': PROMETHEUS, 'rules/rates.yml': RULES });
    expect(only('promql/range-too-short', check(d, 'rules'))).toEqual([
      'rules/rates.yml:7:47 warning promql/range-too-short [1m] covers fewer than 2 scrapes at an assumed 1m scrape interval: rate() will have gaps; use at least [2m] (set the interval with the `scrapeInterval` option).',
    ]);
  });

  it('the same on worker threads and from the cache; a changed prometheus.yml is not served from the cache', () => {
    const d = fixtureDir({ 'prometheus.yml': PROMETHEUS, 'rules/rates.yml': RULES, 'rules/more.yml': RULES.replace(/rates/g, 'more') });
    const inline = only('promql/range-too-short', check(d, '-j', '0'));
    expect(inline).toHaveLength(2);
    // on worker threads (--debug would print a worker's failure: the options must cross as data)
    const threaded = runCli(['check', '--format', 'json', '-j', '2', '--debug'], { cwd: d });
    expect(threaded.stderr).toBe('');
    expect(only('promql/range-too-short', json(threaded))).toEqual(inline);
    expect(only('promql/range-too-short', check(d, '--cache'))).toEqual(inline);
    writeFileSync(path.join(d, 'prometheus.yml'), PROMETHEUS.replace('scrape_interval: 1m', 'scrape_interval: 30s'));
    expect(only('promql/range-too-short', check(d, '--cache'))).toEqual([]);
  });

  it('several prometheus.yml: the one whose rule_files name the rule file', () => {
    const d = fixtureDir({
      'a/prometheus.yml': PROMETHEUS.replace('rules/*.yml', '../rules/a-*.yml'),
      'b/prometheus.yml': PROMETHEUS.replace('rules/*.yml', '../rules/b-*.yml').replace('scrape_interval: 1m', 'scrape_interval: 10s'),
      'rules/a-rates.yml': RULES,
      'rules/b-rates.yml': RULES,
    });
    // a-rates.yml: job "slow" scraped every 1m there; b-rates.yml: every 10s, so [3m] is fine
    expect(only('promql/range-too-short', check(d)).map((s) => s.split(' [')[0])).toEqual(['rules/a-rates.yml:5:61 warning promql/range-too-short']);
  });
});

describe('issue 5a: files a prometheus.yml names that do not exist', () => {
  it('warnings for rule files and file_sd, an error for a remote-write TLS file Prometheus cannot load', () => {
    const d = fixtureDir({
      'prometheus.yml': `rule_files:
  - rules/*.yml
  - alerts.rules
scrape_configs:
  - job_name: api
    file_sd_configs:
      - files: [targets/*.json]
remote_write:
  - url: https://rw.example/write
    tls_config:
      ca_file: ca.pem
`,
      'rules/ok.yml': 'groups: []\n',
    });
    const r = runCli(['check', '--format', 'json'], { cwd: d });
    expect(only('config/missing-file', json(r))).toEqual([
      'prometheus.yml:3:5 warning config/missing-file "alerts.rules" does not point to an existing file: Prometheus loads no rules from it (promtool check config fails on it)',
      'prometheus.yml:7:17 warning config/missing-file no file matches "targets/*.json": file_sd discovers no targets from it until it exists',
      'prometheus.yml:11:16 error config/missing-file ca_file "ca.pem" does not exist: Prometheus cannot create the HTTP client that uses it and refuses the configuration',
    ]);
    expect(r.code).toBe(1);
    // once the files exist, nothing is reported
    writeFileSync(path.join(d, 'alerts.rules'), 'groups: []\n');
    writeFileSync(path.join(d, 'ca.pem'), 'x');
    expect(only('config/missing-file', check(d)).map((s) => s.split(' config/')[0])).toEqual(['prometheus.yml:7:17 warning']);
  });
});

describe('issue 5b: scrape_config_files', () => {
  const files = {
    'prometheus.yml': `global:
  scrape_interval: 10s
scrape_config_files:
  - jobs/*.yml
scrape_configs:
  - job_name: api
    static_configs:
      - targets: ['api:80']
`,
    'jobs/more.yml': `scrape_configs:
  - job_name: api
    static_configs:
      - targets: ['other:80']
  - job_name: slow
    scrape_timeout: 20s
    static_configs:
      - targets: ['slow:80']
`,
  };

  it('the included files are checked against the main file (duplicate jobs, its global interval)', () => {
    const d = fixtureDir(files);
    const expected = [
      'jobs/more.yml:2:15 error config/duplicate-job found multiple scrape configs with job name "api", first found in main config file',
      'jobs/more.yml:6:5 error config/scrape-timeout scrape timeout greater than scrape interval for scrape config with job name "slow"',
    ];
    // named alone: the included file is read and reported all the same
    expect(only(/^config\/(duplicate-job|scrape-timeout)$/, check(d, 'prometheus.yml')).map((s) => s.split(' (')[0])).toEqual(expected);
    // in a walk it is also checked on its own: each finding once
    expect(only(/^config\/(duplicate-job|scrape-timeout)$/, check(d)).map((s) => s.split(' (')[0])).toEqual(expected);
  });

  it('jobs of the included files give their intervals to the rule files', () => {
    const d = fixtureDir({ ...files, 'rules.yml': 'groups:\n  - name: g\n    rules:\n      - record: job:x:rate30s\n        expr: sum by (job) (rate(x_total{job="slow"}[30s]))\n' });
    // job "slow" is defined in jobs/more.yml only; it takes the main file's global 10s
    expect(only('promql/range-too-short', check(d)).map((s) => s.split(': ')[0])).toEqual([
      'rules.yml:5:54 warning promql/range-too-short [30s] covers fewer than 4 scrapes at a 10s scrape interval (job "slow")',
    ]);
  });
});

describe('issue 5c: Alertmanager templates', () => {
  it('template names defined nowhere, broken template files', () => {
    const d = fixtureDir({
      'alertmanager.yml': `route:
  receiver: team
templates:
  - 'templates/*.tmpl'
receivers:
  - name: team
    slack_configs:
      - api_url: https://hooks.slack.com/services/x
        channel: '#team'
        title: '{{ template "team.title" . }}'
        text: '{{ template "team.text" . }}'
`,
      'templates/title.tmpl': '{{ define "team.title" }}[{{ .Status }}] {{ .CommonLabels.alertname }}{{ end }}\n',
      'templates/broken.tmpl': '{{ define "team.other" }}{{ .Status }\n',
    });
    const r = runCli(['check', '--format', 'json'], { cwd: d });
    expect(only(/^alertmanager\/(undefined-template|template)$/, json(r))).toEqual([
      'alertmanager.yml:11:29 warning alertmanager/undefined-template template "team.text" is not defined in any template file nor built into Alertmanager; notifications using it will fail',
      'templates/broken.tmpl:1:37 error alertmanager/template template: broken.tmpl:1: unexpected "}" in operand',
    ]);
    expect(r.code).toBe(1);
  });
});

describe('issue 5d: inhibit rules against the alerts of the run', () => {
  const am = `route:
  receiver: team
receivers:
  - name: team
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_matchers: [severity="warning"]
    equal: [cluster]
`;
  const rules = (labels: string) => `groups:
  - name: disk
    rules:
      - alert: DiskFull
        expr: sum by (instance${labels}) (node_filesystem_free_bytes) < 1
        labels: { severity: critical }
      - alert: DiskFilling
        expr: sum by (instance${labels}) (node_filesystem_free_bytes) < 10
        labels: { severity: warning }
`;
  it('an equal label no alert carries is reported; carried, it is not', () => {
    const bad = fixtureDir({ 'alertmanager.yml': am, 'rules.yml': rules(''), 'more-rules.yml': rules('').replace(/Disk/g, 'Volume') });
    expect(only('alertmanager/inhibit-equal', check(bad))).toEqual([
      'alertmanager.yml:8:13 warning alertmanager/inhibit-equal no source alert of this inhibit rule in the workspace carries the label "cluster", so the rule never inhibits anything',
      'alertmanager.yml:8:13 warning alertmanager/inhibit-equal no target alert of this inhibit rule in the workspace carries the label "cluster", so the rule never inhibits anything',
    ]);
    // the same on worker threads (the alerts cross the thread boundary as data)
    const threaded = runCli(['check', '--format', 'json', '-j', '2', '--debug'], { cwd: bad });
    expect(threaded.stderr).toBe('');
    expect(only('alertmanager/inhibit-equal', json(threaded))).toHaveLength(2);
    const good = fixtureDir({ 'alertmanager.yml': am, 'rules.yml': rules(', cluster') });
    expect(only('alertmanager/inhibit-equal', check(good))).toEqual([]);
  });
});

describe('issue 8: YAML limits in .promscope.yml', () => {
  const deep = 'groups:\n  - name: g\n    rules:\n      - record: r\n        expr: up\n        labels: { a: "1" }\n';
  it('limits.yaml applies to the files of the project', () => {
    const d = fixtureDir({ '.promscope.yml': 'limits:\n  yaml:\n    maxDepth: 3\n', 'rules.yml': deep });
    expect(only('yaml/limits', check(d))).toEqual(['rules.yml:4:9 error yaml/limits yaml: exceeded max depth of 3 (yaml.maxDepth); deeper content ignored']);
    const defaults = fixtureDir({ 'rules.yml': deep });
    expect(only('yaml/limits', check(defaults))).toEqual([]);
  });
  it('a bad value is a finding on .promscope.yml', () => {
    const d = fixtureDir({ '.promscope.yml': 'limits:\n  yaml:\n    maxDepth: 0\n', 'rules.yml': deep });
    expect(only(/^promscope-config\//, check(d))).toEqual(['.promscope.yml:3:15 error promscope-config/invalid limits.yaml.maxDepth must be a whole number from 1 to 10000']);
  });
});
