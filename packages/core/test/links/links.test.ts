/**
 * links/: Go's globbing (cases of Go's path/filepath match tests), the files a prometheus.yml and
 * an alertmanager.yml link to (on an in-memory file system), which prometheus.yml governs a rule
 * file, and the scrape intervals it gives the checks through `analyzeFile`.
 */
import { describe, expect, it } from 'vitest';
import {
  analyzeAlertmanagerConfig,
  analyzeFile,
  analyzePrometheusConfig,
  checkAlertmanagerLinks,
  checkPrometheusLinks,
  cleanPath,
  expandGoGlob,
  goGlobMatch,
  goGlobPatternError,
  joinDir,
  LineIndex,
  prometheusConfigFor,
  routeLinkedFiles,
  finishLinkedFile,
  scrapeIntervalsOf,
  workspaceAlertData,
  type Diagnostic,
  type FileHost,
} from '../../src/index';

/** an in-memory file system: absolute '/'-paths → text */
function memHost(files: Record<string, string>): FileHost {
  const paths = Object.keys(files);
  return {
    readDir(dir) {
      const prefix = dir.endsWith('/') ? dir : `${dir}/`;
      const names = new Set(paths.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length).split('/')[0]));
      return names.size > 0 ? [...names] : undefined;
    },
    exists: (p) => paths.some((f) => f === p || f.startsWith(`${p}/`)),
    readFile: (p) => files[p],
  };
}

/** `line:col severity code message [text at the range]` */
function render(text: string, ds: readonly Diagnostic[]): string[] {
  const li = new LineIndex(text);
  return ds.map((d) => {
    const p = li.positionAt(d.range.start);
    return `${p.line + 1}:${p.character + 1} ${d.severity} ${d.code} ${d.message} [${text.slice(d.range.start, d.range.end)}]`;
  });
}

describe("Go's filepath.Match", () => {
  // from Go's path/filepath/match_test.go
  it.each([
    ['abc', 'abc', true],
    ['*', 'abc', true],
    ['*c', 'abc', true],
    ['a*', 'a', true],
    ['a*', 'abc', true],
    ['a*', 'ab/c', false],
    ['a*/b', 'abc/b', true],
    ['a*/b', 'a/c/b', false],
    ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
    ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
    ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
    ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false],
    ['a*b?c*x', 'abxbbxdbxebxczzx', true],
    ['a*b?c*x', 'abxbbxdbxebxczzy', false],
    ['ab[c]', 'abc', true],
    ['ab[b-d]', 'abc', true],
    ['ab[e-g]', 'abc', false],
    ['ab[^c]', 'abc', false],
    ['ab[^b-d]', 'abc', false],
    ['ab[^e-g]', 'abc', true],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'ab', false],
    ['a?b', 'a☺b', true],
    ['a[^a]b', 'a☺b', true],
    ['a???b', 'a☺b', false],
    ['[a-ζ]*', 'α', true],
    ['*[a-ζ]', 'A', false],
    ['a?b', 'a/b', false],
    ['a*b', 'a/b', false],
    ['[\\]a]', ']', true],
    ['[\\-]', '-', true],
    ['[x\\-]', '-', true],
    ['[x\\-]', 'z', false],
    ['*x', 'xxx', true],
  ])('%s ~ %s → %s', (pattern, name, want) => {
    expect(goGlobMatch(pattern, name)).toBe(want);
    expect(goGlobPatternError(pattern)).toBeNull();
  });

  it.each(['[]a]', '[-]', '[x-]', '[-x]', '\\', '[a-b-c]', '[', '[^', '[^bc', 'a[', 'a/b['])('%s is a bad pattern', (pattern) => {
    expect(goGlobPatternError(pattern)).toBe('syntax error in pattern');
    expect(goGlobMatch(pattern, 'a')).toBe(false);
  });
});

describe("Go's filepath.Glob and JoinDir", () => {
  const host = memHost({ '/etc/p/rules/b.yml': '', '/etc/p/rules/a.yml': '', '/etc/p/rules/.hidden.yml': '', '/etc/p/rules/x.txt': '', '/etc/p/other/c.yml': '' });
  it('expands one path element at a time, sorted, dot files included', () => {
    expect(expandGoGlob('/etc/p/rules/*.yml', host)).toEqual(['/etc/p/rules/.hidden.yml', '/etc/p/rules/a.yml', '/etc/p/rules/b.yml']);
    expect(expandGoGlob('/etc/p/*/[ac].yml', host)).toEqual(['/etc/p/other/c.yml', '/etc/p/rules/a.yml']);
    expect(expandGoGlob('/etc/p/rules/a.yml', host)).toEqual(['/etc/p/rules/a.yml']);
    expect(expandGoGlob('/etc/p/rules/none.yml', host)).toEqual([]);
    expect(expandGoGlob('/etc/p/rules/[', host)).toEqual([]);
  });
  it('resolves relative paths against the configuration folder, as Prometheus', () => {
    expect(joinDir('/etc/p', 'rules/*.yml')).toBe('/etc/p/rules/*.yml');
    expect(joinDir('/etc/p', '../shared/./x.yml')).toBe('/etc/shared/x.yml');
    expect(joinDir('/etc/p', '/abs/x.yml')).toBe('/abs/x.yml');
    expect(cleanPath('a/../../b/')).toBe('../b');
    expect(cleanPath('/../a')).toBe('/a');
  });
});

describe('checkPrometheusLinks', () => {
  const config = `global:
  scrape_interval: 30s
  evaluation_interval: 15s
rule_files:
  - rules/*.yml
  - alert.rules
  - missing/*.yml
scrape_config_files:
  - jobs/*.yml
scrape_configs:
  - job_name: api
    scrape_interval: 10s
    file_sd_configs:
      - files: [targets/*.json]
    tls_config:
      ca_file: certs/ca.pem
  - job_name: node
    basic_auth:
      username: u
      password_file: secrets/node-password
remote_write:
  - url: https://rw.example/api/v1/write
    tls_config:
      cert_file: certs/rw.pem
      key_file: certs/rw-key.pem
alerting:
  alertmanagers:
    - kubernetes_sd_configs:
        - role: pod
          tls_config:
            ca_file: certs/k8s-ca.pem
`;
  const files = {
    '/srv/prom/prometheus.yml': config,
    '/srv/prom/alert.rules': 'groups: []\n',
    '/srv/prom/rules/a.yml': 'groups: []\n',
    '/srv/prom/jobs/db.yml': 'scrape_configs:\n  - job_name: db\n    scrape_interval: 2m\n    static_configs:\n      - targets: [db:9100]\n  - job_name: api\n    static_configs:\n      - targets: [x:1]\n',
  };
  const model = analyzePrometheusConfig({ path: '/srv/prom/prometheus.yml', text: config }).model;
  const r = checkPrometheusLinks('/srv/prom/prometheus.yml', model, memHost(files));

  it('reports referenced files that do not exist, with the severity Prometheus gives them', () => {
    expect(render(config, r.diagnostics)).toEqual([
      '7:5 warning config/missing-file no file matches "missing/*.yml": Prometheus loads no rules from it [missing/*.yml]',
      '14:17 warning config/missing-file no file matches "targets/*.json": file_sd discovers no targets from it until it exists [targets/*.json]',
      '16:16 warning config/missing-file ca_file "certs/ca.pem" does not exist: Prometheus loads the configuration but cannot start the scrape job or discovery that uses it (a later reload with it fails) [certs/ca.pem]',
      '20:22 warning config/missing-file password_file "secrets/node-password" does not exist: Prometheus loads the configuration, but every request that needs it fails [secrets/node-password]',
      '24:18 error config/missing-file cert_file "certs/rw.pem" does not exist: Prometheus cannot create the HTTP client that uses it and refuses the configuration [certs/rw.pem]',
      '25:17 error config/missing-file key_file "certs/rw-key.pem" does not exist: Prometheus cannot create the HTTP client that uses it and refuses the configuration [certs/rw-key.pem]',
      '31:22 warning config/missing-file ca_file "certs/k8s-ca.pem" does not exist: Prometheus loads the configuration but cannot start the scrape job or discovery that uses it (a later reload with it fails) [certs/k8s-ca.pem]',
    ]);
  });

  it('an explicit rule file that does not exist is also a warning (promtool fails on it)', () => {
    const text = 'rule_files:\n  - alerts/main.rules\n';
    const m = analyzePrometheusConfig({ path: '/p/prometheus.yml', text }).model;
    expect(render(text, checkPrometheusLinks('/p/prometheus.yml', m, memHost({})).diagnostics)).toEqual([
      '2:5 warning config/missing-file "alerts/main.rules" does not point to an existing file: Prometheus loads no rules from it (promtool check config fails on it) [alerts/main.rules]',
    ]);
  });

  it('reads the scrape_config_files and checks them against the main file', () => {
    expect(r.included.map((f) => f.path)).toEqual(['/srv/prom/jobs/db.yml']);
    const inc = r.included[0];
    expect(render(inc.text, inc.diagnostics)).toEqual([
      '6:15 error config/duplicate-job found multiple scrape configs with job name "api", first found in main config file [api]',
    ]);
  });

  it('gives the intervals of every job, the included ones too; the first job of a name wins', () => {
    expect(r.intervals).toEqual({ globalScrapeIntervalMs: 30_000, evaluationIntervalMs: 15_000, jobs: { api: 10_000, node: 30_000, db: 120_000 } });
    expect(scrapeIntervalsOf(model)).toEqual({ globalScrapeIntervalMs: 30_000, evaluationIntervalMs: 15_000, jobs: { api: 10_000, node: 30_000 } });
  });

  it('the analyzer refuses a malformed rule_files glob as Prometheus does', () => {
    const text = 'rule_files:\n  - rules/[a.yml\n';
    expect(render(text, analyzePrometheusConfig({ path: 'p.yml', text }).diagnostics)).toEqual([
      '2:5 error config/schema failed retrieving rule files for "rules/[a.yml": syntax error in pattern [rules/[a.yml]',
    ]);
  });
});

describe('checkAlertmanagerLinks', () => {
  const config = `route:
  receiver: team
templates:
  - templates/*.tmpl
  - 'extra/[.tmpl'
receivers:
  - name: team
    slack_configs:
      - api_url: https://hooks.slack.com/services/x
        channel: '#a'
        text: '{{ template "slack.team.text" . }} {{ template "slack.nowhere" . }}'
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_matchers: [severity="warning"]
    equal: [cluster]
`;
  const model = analyzeAlertmanagerConfig({ path: '/am/alertmanager.yml', text: config }).model;
  const files = {
    '/am/templates/team.tmpl': '{{ define "slack.team.text" }}{{ .CommonLabels.alertname }}{{ end }}\n',
    '/am/templates/broken.tmpl': '{{ define "x" }}{{ .Foo }\n',
  };

  it('expands the templates globs, resolves template names, reports broken template files', () => {
    const r = checkAlertmanagerLinks('/am/alertmanager.yml', model, memHost(files));
    expect(render(config, r.diagnostics)).toEqual([
      '5:5 error alertmanager/templates failed to parse templates: syntax error in pattern [\'extra/[.tmpl\']',
      '11:64 warning alertmanager/undefined-template template "slack.nowhere" is not defined in any template file nor built into Alertmanager; notifications using it will fail [slack.nowhere]',
    ]);
    expect(r.templates.map((t) => [t.path, t.diagnostics.map((d) => `${d.severity} ${d.message}`)])).toEqual([
      ['/am/templates/broken.tmpl', ['error template: broken.tmpl:1: unexpected "}" in operand']],
      ['/am/templates/team.tmpl', []],
    ]);
  });

  it('checks the inhibit rules against the alerts of the rule files', () => {
    const rules = `groups:
  - name: g
    rules:
      - alert: DiskFull
        expr: sum by (instance) (node_filesystem_free_bytes) < 1
        labels: { severity: critical }
      - alert: DiskFilling
        expr: sum by (instance) (node_filesystem_free_bytes) < 10
        labels: { severity: warning }
`;
    const alerts = workspaceAlertData(analyzeFile({ path: 'r.yml', text: rules }).rules);
    expect(alerts).toEqual([
      { labels: { alertname: 'DiskFull', severity: 'critical' }, possibleLabels: ['alertname', 'severity', 'instance'] },
      { labels: { alertname: 'DiskFilling', severity: 'warning' }, possibleLabels: ['alertname', 'severity', 'instance'] },
    ]);
    const r = checkAlertmanagerLinks('/am/alertmanager.yml', model, memHost(files), alerts);
    expect(render(config, r.diagnostics.filter((d) => d.code === 'alertmanager/inhibit-equal'))).toEqual([
      '15:13 warning alertmanager/inhibit-equal no source alert of this inhibit rule in the workspace carries the label "cluster", so the rule never inhibits anything [cluster]',
      '15:13 warning alertmanager/inhibit-equal no target alert of this inhibit rule in the workspace carries the label "cluster", so the rule never inhibits anything [cluster]',
    ]);
    // without rule files nothing is known: no inhibit finding
    expect(checkAlertmanagerLinks('/am/alertmanager.yml', model, memHost(files)).diagnostics.some((d) => d.code === 'alertmanager/inhibit-equal')).toBe(false);
  });
});

describe('which prometheus.yml governs a rule file', () => {
  const a = { path: '/repo/prom-a/prometheus.yml', ruleFiles: ['rules/*.yml'] };
  const b = { path: '/repo/prometheus.yml', ruleFiles: ['/shared/*.rules'] };
  const c = { path: '/repo/team/c/prometheus.yml', ruleFiles: [] };
  it('one configuration governs every file', () => {
    expect(prometheusConfigFor('/elsewhere/x.yml', [a])).toBe(a.path);
  });
  it('several: the one whose rule_files name the file', () => {
    expect(prometheusConfigFor('/shared/x.rules', [a, b, c])).toBe(b.path);
    expect(prometheusConfigFor('/repo/prom-a/rules/x.yml', [a, b, c])).toBe(a.path);
  });
  it('else the nearest up the folder tree, else none', () => {
    expect(prometheusConfigFor('/repo/team/c/rules/x.yml', [a, b, c])).toBe(c.path);
    expect(prometheusConfigFor('/repo/team/d/x.yml', [a, b, c])).toBe(b.path);
    expect(prometheusConfigFor('/other/x.yml', [a, c])).toBeUndefined();
  });
  it('a file included by scrape_config_files is no candidate', () => {
    const jobs = { path: '/repo/jobs/prometheus.yml', ruleFiles: [] };
    expect(prometheusConfigFor('/repo/jobs/x.yml', [{ ...b, included: [jobs.path] }, jobs])).toBe(b.path);
  });
});

describe('scrape intervals reach the checks through analyzeFile (plain data)', () => {
  const rules = `groups:
  - name: g
    rules:
      - record: job:requests:rate1m
        expr: sum by (job) (rate(requests_total{job="slow"}[3m]))
      - record: job:errors:rate1m
        expr: sum by (job) (rate(errors_total[1m]))
`;
  const intervals = { globalScrapeIntervalMs: 15_000, evaluationIntervalMs: 60_000, jobs: { slow: 60_000 } };
  const ranges = (options: Parameters<typeof analyzeFile>[1]) =>
    analyzeFile({ path: 'r.yml', text: rules }, options).diagnostics.filter((d) => d.code === 'promql/range-too-short').map((d) => d.message.split(':')[0]);

  it('a job named by the selector takes its interval; others the global one', () => {
    expect(ranges({ scrapeIntervals: intervals })).toEqual(['[3m] covers fewer than 4 scrapes at a 1m scrape interval (job "slow")']);
  });
  it('without a prometheus.yml the interval is assumed (1m, two samples)', () => {
    expect(ranges({})).toEqual(['[1m] covers fewer than 2 scrapes at an assumed 1m scrape interval']);
  });
  it("the evaluation interval is prometheus.yml's global one", () => {
    const alert = 'groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: up == 0\n        for: 30s\n';
    const codes = (evaluationIntervalMs: number) =>
      analyzeFile({ path: 'a.yml', text: alert }, { scrapeIntervals: { ...intervals, evaluationIntervalMs } }).diagnostics.filter((d) => d.code === 'rules/for-below-interval').map((d) => d.message);
    expect(codes(60_000)).toEqual(['`for: 30s` is shorter than the evaluation interval 1m: it acts as 1m.']);
    expect(codes(15_000)).toEqual([]);
  });
  it('.promql files and dashboards get them too', () => {
    const promql = analyzeFile({ path: 'q.promql', text: 'rate(x_total{job="slow"}[2m])' }, { scrapeIntervals: intervals });
    expect(promql.diagnostics.map((d) => d.code)).toContain('promql/range-too-short');
    const dashboard = JSON.stringify({ panels: [{ targets: [{ expr: 'rate(x_total{job="slow"}[2m])' }] }] });
    expect(analyzeFile({ path: 'd.json', text: dashboard }, { scrapeIntervals: intervals }).diagnostics.map((d) => d.code)).toContain('promql/range-too-short');
    expect(analyzeFile({ path: 'd.json', text: dashboard }).diagnostics.map((d) => d.code)).not.toContain('promql/range-too-short');
  });
});

describe('where linked files\' diagnostics go', () => {
  const d = (code: string, start: number): Diagnostic => ({ code, severity: 'error', range: { start, end: start + 1 }, message: code });
  it('a file checked on its own gets only what its own analysis lacks; others are merged once', () => {
    const r = routeLinkedFiles(
      [
        { path: '/p/jobs.yml', text: 'x', diagnostics: [d('config/schema', 0), d('config/duplicate-job', 2)] },
        { path: '/am/t.tmpl', text: 'y', diagnostics: [d('alertmanager/template', 1)] },
        { path: '/am/t.tmpl', text: 'y', diagnostics: [d('alertmanager/template', 1)] },
      ],
      (p) => (p === '/p/jobs.yml' ? [d('config/schema', 0)] : undefined),
    );
    expect([...r.checked]).toEqual([['/p/jobs.yml', [d('config/duplicate-job', 2)]]]);
    expect(r.unchecked).toEqual([{ path: '/am/t.tmpl', text: 'y', diagnostics: [d('alertmanager/template', 1)] }]);
  });
  it('template files take the check levels, YAML files the inline suppressions too', () => {
    const yaml = { path: '/p/jobs.yml', text: '# promscope-disable-file config/duplicate-job\nx', diagnostics: [d('config/duplicate-job', 47)] };
    expect(finishLinkedFile(yaml, {})).toEqual([]);
    const tmpl = { path: '/am/t.tmpl', text: '{{ x', diagnostics: [d('alertmanager/template', 0)] };
    expect(finishLinkedFile(tmpl, { 'alertmanager/template': { level: 'warning' } }).map((x) => x.severity)).toEqual(['warning']);
  });
});
