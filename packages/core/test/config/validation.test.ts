/**
 * prometheus.yml validation on small inline configs: Prometheus's load errors with its wording at
 * the offending node, yaml.v2 decoding rules, hints for common mistakes, service-discovery checks,
 * federation selectors and the model's effective values.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { analyzePrometheusConfig } from '../../src/config/analyze';
import { LineIndex } from '../../src/text/line-index';

/** analyses `text`; findings as `line:col severity code message` (1-based) plus notes */
function check(text: string, opts: { agentMode?: boolean; prometheusVersion?: string } = {}) {
  const li = new LineIndex(text);
  const res = analyzePrometheusConfig({ path: 'prometheus.yml', text }, opts);
  const lines = res.diagnostics.map((d) => {
    const p = li.positionAt(d.range.start);
    return `${p.line + 1}:${p.character + 1} ${d.severity} ${d.code} ${d.message}`;
  });
  const notes = res.diagnostics.flatMap((d) => (d.notes ?? []).map((n) => n.message));
  return { lines, notes, model: res.model, res };
}

const y = (s: string) => s.replace(/^\n/, '');

describe('Prometheus load errors', () => {
  const cases: Array<[string, string, string]> = [
    ['unknown top-level field', 'scrape_config:\n  - job_name: x\n', '1:1 error config/schema field scrape_config not found in type config.plain'],
    // yaml.v2 reads `!` on an empty value as an empty string (yaml.v3 as null), and an anchor needs a name
    ['a document of only `!`', '!\n', '1:1 error config/schema yaml: unmarshal errors: cannot unmarshal ! `` into config.plain'],
    ['a document of only `&`', '&\n', '1:2 error yaml/syntax yaml: did not find expected alphabetic or numeric character'],
    // yaml.v2 decodes a null key into the empty string (promtool 2.42: `field  not found`)
    ['a null key', 'global:\n  ~: 1\n', '2:3 error config/schema field  not found in type config.plain'],
    ['a collection key', 'global:\n  [a]: 1\n', '2:3 error config/schema cannot unmarshal !!seq into string'],
    ['unknown job field', 'scrape_configs:\n  - job_name: x\n    target: [a]\n', '3:5 error config/schema field target not found in type config.ScrapeConfig'],
    ['yaml.v2 rejects a non-boolean', 'scrape_configs:\n  - job_name: x\n    honor_labels: maybe\n', '3:19 error config/schema yaml: unmarshal errors: cannot unmarshal !!str `maybe` into bool'],
    ['uint fields refuse negatives', 'global:\n  sample_limit: -1\n', '2:17 error config/schema yaml: unmarshal errors: cannot unmarshal !!int `-1` into uint'],
    ['durations', 'global:\n  scrape_interval: 1x\n', '2:20 error config/schema unknown unit "x" in duration "1x"'],
    ['timeout > interval', 'global:\n  scrape_interval: 5s\n  scrape_timeout: 10s\n', '3:3 error config/scrape-timeout global scrape timeout greater than scrape interval'],
    ['job_name', 'scrape_configs:\n  - static_configs: [{targets: [a:1]}]\n', '2:5 error config/schema job_name is empty'],
    ['url in a target', 'scrape_configs:\n  - job_name: x\n    static_configs:\n      - targets: [http://a:9100/metrics]\n', '4:19 error config/schema "http://a:9100/metrics" is not a valid hostname'],
    [
      'exclusive auth',
      'scrape_configs:\n  - job_name: x\n    bearer_token: t\n    basic_auth: {username: u}\n',
      '3:5 error config/schema at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured',
    ],
    ['TLS pair', 'scrape_configs:\n  - job_name: x\n    tls_config:\n      cert_file: c.pem\n', '4:7 error config/schema exactly one of key or key_file must be configured when a client certificate is configured'],
    ['relabel action', 'scrape_configs:\n  - job_name: x\n    relabel_configs:\n      - action: Keeep\n', '4:17 error relabel/invalid unknown relabel action "Keeep"'],
    ['relabel target_label', 'scrape_configs:\n  - job_name: x\n    relabel_configs:\n      - source_labels: [a]\n        action: hashmod\n        modulus: 4\n', '4:9 error relabel/invalid relabel configuration for hashmod action requires \'target_label\' value'],
    ['k8s role', 'scrape_configs:\n  - job_name: x\n    kubernetes_sd_configs:\n      - role: pods\n', '4:15 error config/schema unknown Kubernetes SD role "pods"'],
    [
      'k8s selector role',
      'scrape_configs:\n  - job_name: x\n    kubernetes_sd_configs:\n      - role: node\n        selectors:\n          - role: pod\n            label: app=x\n',
      '6:19 error config/schema node role supports only node selectors',
    ],
    ['file_sd pattern', 'scrape_configs:\n  - job_name: x\n    file_sd_configs:\n      - files: [targets/*.txt]\n', '4:16 error config/schema path name "targets/*.txt" is not valid for file discovery'],
    ['dns port', 'scrape_configs:\n  - job_name: x\n    dns_sd_configs:\n      - names: [db.example]\n        type: A\n', '5:9 error config/schema a port is required in DNS-SD configs for all record types except SRV'],
    [
      'remote write auth',
      'remote_write:\n  - url: http://x/api\n    basic_auth: {username: u}\n    sigv4: {region: eu-west-1}\n',
      '4:5 error config/schema at most one of basic_auth, authorization, oauth2, sigv4, azuread or google_iam must be configured. Currently configured: [basic_auth sigv4]',
    ],
    ['remote write queue', 'remote_write:\n  - url: http://x/api\n    queue_config:\n      min_shards: 100\n', '4:7 error config/schema remote write queue min_shards must not be greater than max_shards'],
    ['rule_files glob', 'rule_files:\n  - rules/*/alerts.yml\n', '2:5 error config/schema invalid rule file path "rules/*/alerts.yml"'],
    ['repeated key', 'global:\n  scrape_interval: 1m\n  scrape_interval: 2m\n', '3:3 error config/schema field scrape_interval already set in type config.plain'],
    ['body_size_limit unit', 'global:\n  body_size_limit: 10\n', '2:20 error config/schema units: unknown unit  in 10'],
    ['alertmanager api', 'alerting:\n  alertmanagers:\n    - api_version: v1\n', '3:20 error config/schema expected Alertmanager api version to be one of [v2] but got v1'],
  ];
  it.each(cases)('%s', (_name, text, want) => {
    expect(check(text).lines).toContain(want);
  });

  it('accepts YAML 1.1 booleans as yaml.v2 does', () => {
    expect(check('scrape_configs:\n  - job_name: x\n    honor_labels: yes\n    enable_compression: off\n').lines).toEqual([]);
  });

  it('an empty file is a valid config', () => {
    expect(check('').lines).toEqual([]);
    expect(check('# only a comment\n').lines).toEqual([]);
  });

  it('a scalar document cannot be a config', () => {
    expect(check('hello\n').lines).toEqual(['1:1 error config/schema yaml: unmarshal errors: cannot unmarshal !!str `hello` into config.plain']);
  });

  it.each([
    ['http://re}mote1/read', 'parse "http://re}mote1/read": invalid character "}" in host name'],
    ['http://a b/', 'parse "http://a b/": invalid character " " in host name'],
    ['http://us er@host/', 'parse "http://us er@host/": net/url: invalid userinfo'],
    ['http://ü@h/', 'parse "http://ü@h/": net/url: invalid userinfo'],
    ['http://h%41/', 'parse "http://h%41/": invalid URL escape "%41"'],
    ['http://user:p@ss@host/', undefined],
    ['http://h%C3%A9/', undefined],
    ['http://é.com/', undefined],
    ['http://h%25x/', undefined],
  ])('a URL host as net/url parses it: %s (promtool 2.42 says the same)', (url, want) => {
    const lines = check(`remote_write:\n  - url: '${url}'\n`).lines.filter((l) => / error /.test(l));
    expect(lines).toEqual(want ? [`2:10 error config/schema ${want}`] : []);
  });

  it("sigv4: an access key and a secret key, or neither (sigv4.SigV4Config's Validate, promtool's words)", () => {
    const rw = (keys: string) => check(`remote_write:\n  - url: http://a/\n    sigv4:\n      region: us-east-1\n${keys}`).lines;
    expect(rw('      access_key: x\n')).toEqual(['3:5 error config/schema must provide a AWS SigV4 Access key and Secret Key if credentials are specified in the SigV4 config']);
    expect(rw('      secret_key: y\n')).toEqual(['3:5 error config/schema must provide a AWS SigV4 Access key and Secret Key if credentials are specified in the SigV4 config']);
    expect(rw('      access_key: x\n      secret_key: y\n')).toEqual([]);
    expect(rw('')).toEqual([]);
  });

  it('checks that came later are not the load errors of an older target (each version read in the Prometheus source)', () => {
    const errors = (text: string, prometheusVersion?: string) => check(text, prometheusVersion ? { prometheusVersion } : {}).lines.filter((l) => / error /.test(l));
    // QueueConfig.Validate: v3.12.0
    const queue = 'remote_write:\n  - url: http://a/\n    queue_config:\n      min_shards: 0\n';
    expect(errors(queue)).toEqual(['4:7 error config/schema remote write queue min_shards must be positive']);
    expect(errors(queue, '3.11')).toEqual([]);
    // Alertmanager API v1: one of the versions until v3.0.0
    const am = (v: string) => `alerting:\n  alertmanagers:\n    - api_version: ${v}\n      static_configs:\n        - targets: [a:9093]\n`;
    expect(errors(am('v1'))).toEqual(['3:20 error config/schema expected Alertmanager api version to be one of [v2] but got v1']);
    expect(errors(am('v1'), '2.42')).toEqual([]);
    expect(errors(am('v3'), '2.42')).toEqual(['3:20 error config/schema expected Alertmanager api version to be one of [v1 v2] but got v3']);
    // the HTTP client config of EC2, Lightsail, Azure, HTTP, PuppetDB and Uyuni SD: v2.48.0
    const sd = 'scrape_configs:\n  - job_name: j\n    puppetdb_sd_configs:\n      - url: http://p\n        query: q\n        bearer_token: a\n        bearer_token_file: b\n';
    expect(errors(sd, '2.48')).toEqual(['7:9 error config/schema at most one of bearer_token & bearer_token_file must be configured']);
    expect(errors(sd, '2.47')).toEqual([]);
  });

  it('label names as they are decoded: UTF-8 since 3.0, legacy before (promtool 2.42 refuses `0x`)', () => {
    const text = 'global:\n  external_labels:\n    0x: a\nscrape_configs:\n  - job_name: x\n    static_configs:\n      - targets: [a:1]\n        labels:\n          "é": b\n';
    expect(check(text).lines).toEqual([]);
    expect(check(text, { prometheusVersion: '2.42' }).lines).toEqual(['3:5 error config/schema "0x" is not a valid label name', '9:11 error config/schema "é" is not a valid label name']);
    expect(check(text.replace('0x', 'ok').replace('"é"', 'fine'), { prometheusVersion: '2.42' }).lines).toEqual([]);
    // a null key is the empty name without LabelName's validation (yaml.v2 calls no unmarshaler for a null);
    // external labels are validated after decoding (promtool 2.42 says the same of both)
    expect(check(text.replace('0x', 'ok').replace('"é"', '~'), { prometheusVersion: '2.42' }).lines).toEqual([]);
    expect(check(text.replace('0x', '~').replace('"é"', 'fine'), { prometheusVersion: '2.42' }).lines).toEqual(['3:5 error config/schema "" is not a valid label name']);
    // a tagged empty key is a string, validated (promtool 2.42: `"" is not a valid label name`)
    expect(check(text.replace('0x', 'ok').replace('"é"', '! '), { prometheusVersion: '2.42' }).lines).toEqual(['9:11 error config/schema "" is not a valid label name']);
  });

  it("scaleway_sd_configs: what scaleway-sdk-go's NewClient checks, in its words and by its version (promtool 2.42 says the same)", () => {
    const sc = (extra: string) =>
      `scrape_configs:\n  - job_name: s\n    scaleway_sd_configs:\n      - role: instance\n        project_id: 11111111-1111-1111-1111-111111111111\n        access_key: SCWXXXXXXXXXXXXXXXXX\n        secret_key_file: /s\n${extra}`;
    expect(check(sc(''), { prometheusVersion: '2.42' }).lines).toEqual([]);
    expect(check(sc('        zone: fr-paris-1\n'), { prometheusVersion: '2.42' }).lines).toEqual([
      "8:15 error config/schema scaleway-sdk-go: invalid default zone format 'fr-paris-1', available zones are: fr-par-1, fr-par-2, fr-par-3, nl-ams-1, nl-ams-2, pl-waw-1, pl-waw-2",
    ]);
    // the SDK of Prometheus 3.10 and later takes longer zone names
    expect(check(sc('        zone: fr-paris-1\n')).lines).toEqual([]);
    expect(check(sc('        api_url: https://api.scaleway.com/\n'), { prometheusVersion: '2.42' }).lines).toEqual([
      '8:18 error config/schema scaleway-sdk-go: invalid url https://api.scaleway.com/ it should not have a trailing slash',
    ]);
    expect(check(sc('        api_url: https://api.scaleway.com/\n')).lines).toEqual([
      "8:18 error config/schema scaleway-sdk-go: invalid API url 'https://api.scaleway.com/' it should not have a trailing slash",
    ]);
    expect(check(sc('').replace('1111-111111111111', '1111-11111111111')).lines).toEqual([
      "5:21 error config/schema scaleway-sdk-go: invalid project ID format '11111111-1111-1111-1111-11111111111', expected a UUID: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
    ]);
    expect(check(sc('').replace('SCWXXXXXXXXXXXXXXXXX', 'SCW1')).lines).toEqual(["6:21 error config/schema scaleway-sdk-go: invalid access key format 'SCW1', expected SCWXXXXXXXXXXXXXXXXX format"]);
    // a bad secret key is not shown (the SDK prints it)
    expect(check(sc('').replace('secret_key_file: /s', 'secret_key: hunter2')).lines).toEqual([
      "7:21 error config/schema scaleway-sdk-go: invalid secret key format '<secret>', expected a UUID: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
    ]);
  });

  it('agent mode refuses alerting, rule_files and remote_read', () => {
    const text = 'rule_files: [a.yml]\nremote_read:\n  - url: http://x\n';
    expect(check(text).lines).toEqual([]);
    expect(check(text, { agentMode: true }).lines).toEqual([
      '1:1 error config/agent-mode field rule_files is not allowed in agent mode',
      '2:1 error config/agent-mode field remote_read is not allowed in agent mode',
    ]);
  });
});

describe('loads, but likely wrong (warnings)', () => {
  it('an EC2 or Lightsail SD without a region: before 3.10 Prometheus asks the EC2 metadata service while loading (promtool 2.42 off AWS: requires a region)', () => {
    const sd = (kind: string, extra = '') => `scrape_configs:\n  - job_name: x\n    ${kind}_sd_configs:\n      - port: 80\n${extra}`;
    expect(check(sd('ec2'), { prometheusVersion: '2.42' }).lines).toEqual([
      '4:9 warning config/sd-region no region: Prometheus before 3.10 asks the EC2 metadata service for it when it loads the configuration, and outside AWS refuses it (EC2 SD configuration requires a region)',
    ]);
    expect(check(sd('lightsail'), { prometheusVersion: '3.9' }).lines).toEqual([
      '4:9 warning config/sd-region no region: Prometheus before 3.10 asks the EC2 metadata service for it when it loads the configuration, and outside AWS refuses it (Lightsail SD configuration requires a region)',
    ]);
    // a region, or a version that finds it at run time
    expect(check(sd('ec2', '        region: us-east-1\n'), { prometheusVersion: '2.42' }).lines).toEqual([]);
    expect(check(sd('lightsail'), { prometheusVersion: '3.10' }).lines).toEqual([]);
  });
  it('a file_sd pattern that Go\'s filepath.Glob refuses: Prometheus loads it, file discovery reads nothing (promtool refuses it)', () => {
    const r = check('scrape_configs:\n  - job_name: x\n    file_sd_configs:\n      - files: [ok/*.yml, "t[.yml"]\n');
    expect(r.lines).toEqual(['4:27 warning config/file-sd-pattern "t[.yml": syntax error in pattern: file discovery reads no file from it (promtool check config refuses it)']);
  });
  it('remote URL without http(s) scheme', () => {
    expect(check('remote_write:\n  - url: mimir:9009/api/v1/push\n').lines).toEqual([
      '2:10 warning config/url-scheme remote_write URL scheme "mimir" is not http or https; did you forget http://?',
    ]);
    expect(check('remote_write:\n  - url: https://mimir:9009/api/v1/push\n').lines).toEqual([]);
  });
  it('scrape interval at or above the lookback delta', () => {
    expect(check('global:\n  scrape_interval: 10m\n  scrape_timeout: 1m\nscrape_configs:\n  - job_name: slow\n  - job_name: ok\n    scrape_interval: 1m\n').lines).toEqual([
      '2:3 warning config/stale-scrape-interval scrape interval 10m of job "slow" is not below the query lookback delta (5m): between scrapes its series look stale to queries',
    ]);
  });
  it('relabel checks run on Alertmanager discovery, with its SD catalogue', () => {
    const text = 'alerting:\n  alertmanagers:\n    - kubernetes_sd_configs: [{role: pod}]\n      relabel_configs:\n        - source_labels: [__meta_kubernetes_pod_container_port_numbr]\n          target_label: port\n';
    expect(check(text).lines).toEqual([
      '5:11 warning relabel/unknown-source-label __meta_kubernetes_pod_container_port_numbr is never set by kubernetes_sd_configs (role: pod); did you mean __meta_kubernetes_pod_container_port_number?',
    ]);
  });
  it('relabel checks run on write_relabel_configs', () => {
    expect(check('remote_write:\n  - url: http://x\n    write_relabel_configs:\n      - source_labels: [__meta_ec2_tag_env]\n        regex: prod\n        action: keep\n').lines[0]).toContain(
      'warning relabel/meta-in-metric-relabel __meta_ec2_tag_env does not exist here',
    );
  });
});

describe('hints for common mistakes', () => {
  it('storage.tsdb.path is a flag', () => {
    const r = check('storage:\n  tsdb:\n    path: /data\n');
    expect(r.lines).toEqual(['3:5 error config/schema field path not found in type config.plain']);
    expect(r.notes).toEqual(['storage.tsdb.path is a command-line flag (--storage.tsdb.path), not a prometheus.yml field']);
  });
  it('flat retention.time', () => {
    const r = check('storage:\n  tsdb:\n    retention.time: 15d\n');
    expect(r.notes[0]).toContain('retention: {time: ...}');
  });
  it('objstore belongs to Thanos', () => {
    expect(check('objstore:\n  type: S3\n').notes[0]).toContain("Thanos's object storage file");
  });
  it('a scalar retention', () => {
    const r = check('storage:\n  tsdb:\n    retention: 15d\n');
    expect(r.lines).toEqual(['3:16 error config/schema yaml: unmarshal errors: cannot unmarshal !!str `15d` into config.plain']);
    expect(r.notes).toEqual(['retention is a section in Prometheus 3.x: retention: {time: 15d} (or size: ...)']);
  });
  it('a map where a list belongs', () => {
    expect(check('scrape_configs:\n  - job_name: a\n    static_configs:\n      targets: [a:1]\n').notes).toEqual(['static_configs is a list: start its entries with "- "']);
  });
  it('did you mean', () => {
    expect(check('scrape_configs:\n  - job_name: x\n    metric_relabel_config: []\n').notes).toEqual(['did you mean metric_relabel_configs?']);
  });
});

describe('federation', () => {
  it('a bad match[] selector is a warning at its exact position', () => {
    const text = y(`
scrape_configs:
  - job_name: federate
    metrics_path: /federate
    params:
      'match[]':
        - '{job="api"}'
        - 'up{job="api"'
    static_configs:
      - targets: [global:9090]
`);
    const r = check(text);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(/^7:\d+ warning config\/federation-match invalid match\[\] selector: /);
    const d = r.res.diagnostics[0];
    expect(text.slice(d.range.start - 13, d.range.start)).toContain('up{job="api"');
  });
});

describe('federation positions in every scalar style', () => {
  /** the file text the warning points at */
  const pointed = (text: string) => {
    const d = analyzePrometheusConfig({ path: 'p.yml', text }).diagnostics.filter((x) => x.code === 'config/federation-match');
    expect(d).toHaveLength(1);
    return text.slice(d[0].range.start, Math.max(d[0].range.end, d[0].range.start + 1));
  };
  const job = (value: string) => `scrape_configs:\n  - job_name: f\n    params:\n      'match[]':\n        - ${value}\n    static_configs: [{targets: [a:9090]}]\n`;
  it('plain, single- and double-quoted (with escapes and non-ASCII before the error)', () => {
    expect(pointed(job('up{job="ä"} + 1'))).toBe('+');
    expect(pointed(job(`'up{job="ä", x=''y''} + 1'`))).toBe('+');
    expect(pointed(job('"up{job=\\"\\u00e4\\"} + 1"'))).toBe('+');
  });
});

describe('model', () => {
  it('effective intervals, SD roles, rule file patterns', () => {
    const r = check(
      y(`
global:
  scrape_interval: 30s
rule_files: [rules/*.yml, alert.rules]
scrape_configs:
  - job_name: fast
    scrape_interval: 5s
    kubernetes_sd_configs:
      - role: endpoints
  - job_name: slow
    file_sd_configs:
      - files: [targets/*.json]
`),
    );
    expect(r.lines).toEqual([]);
    const [fast, slow] = r.model.jobs;
    expect([fast.scrapeInterval, fast.scrapeTimeout, slow.scrapeInterval, slow.scrapeTimeout]).toEqual([5000, 5000, 30000, 10000]);
    expect(fast.serviceDiscovery.map((s) => [s.type, s.role])).toEqual([['kubernetes', 'endpoints']]);
    expect(slow.serviceDiscovery[0].files?.map((f) => f.pattern)).toEqual(['targets/*.json']);
    expect(r.model.ruleFiles.map((f) => [f.pattern, f.isGlob])).toEqual([
      ['rules/*.yml', true],
      ['alert.rules', false],
    ]);
  });
});

describe('robustness', () => {
  it('never throws on arbitrary input', () => {
    const piece = fc.constantFrom('scrape_configs:', '  - job_name: x', '    relabel_configs:', '      - action: keep', '        regex: (', 'global: {', '- ', ': ', 'remote_write: [~]', '\t', '"', "'", '&a', '*a', '!!binary x', '{', ']');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const res = analyzePrometheusConfig({ path: 'p.yml', text: parts.join('\n') });
        return Array.isArray(res.diagnostics) && res.diagnostics.every((d) => d.code !== 'config/internal');
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on mutated real configs', () => {
    const dir = path.resolve(process.cwd(), '../shared/corpus/config/prometheus-testdata');
    const texts = ['conf.good.yml', 'kubernetes_selectors_pod.good.yml', 'roundtrip.good.yml', 'remote_write_dup.bad.yml'].map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: texts.length - 1 }), fc.nat(), fc.nat({ max: 40 }), fc.string({ maxLength: 6 }), (k, at, del, ins) => {
        const t = texts[k];
        const i = at % (t.length + 1);
        const res = analyzePrometheusConfig({ path: 'p.yml', text: t.slice(0, i) + ins + t.slice(i + del) });
        return res.diagnostics.every((d) => d.code !== 'config/internal');
      }),
      { numRuns: 200 },
    );
  });
});
