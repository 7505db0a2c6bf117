/**
 * What configurations link to, over the protocol (issues 4, 5, 8), as `promscope check` reports it
 * (packages/cli/test/links.test.ts): scrape intervals from the workspace's prometheus.yml (and rule
 * files analysed again when it changes), referenced files that do not exist (and appear), Alertmanager
 * templates and inhibit rules against the workspace's alerts, the YAML limits of `.promscope.yml`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient } from './support/lsp-client';
import { tempWorkspace, type TempWorkspace } from './support/workspace';

const SEVERITY = ['', 'error', 'warning', 'info'];
const show = (d: Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity ?? 1]} ${d.code} ${d.message}`;
const of = (code: string, ds: Diagnostic[]) => ds.filter((d) => d.code === code).map(show);
const has = (code: string) => (ds: Diagnostic[]) => ds.some((d) => d.code === code);
const hasNot = (code: string) => (ds: Diagnostic[]) => !ds.some((d) => d.code === code);

let ws: TempWorkspace;
let client: LspClient;
afterEach(async () => {
  await client?.stop();
  ws?.dispose();
});

function write(rel: string, text: string): void {
  mkdirSync(path.dirname(ws.file(rel)), { recursive: true });
  writeFileSync(ws.file(rel), text);
}

const RATE_RULES = `groups:
  - name: rates
    rules:
      - record: job:requests:rate30s
        expr: sum by (job) (rate(requests_total{job="api"}[30s]))
`;

describe('issue 4: scrape intervals from the workspace prometheus.yml', () => {
  test("a rule file takes its job's interval, and is analysed again when prometheus.yml changes", async () => {
    ws = tempWorkspace(); // prometheus.yml: global 15s, rule_files rules/*.yml, job "api"
    write('rules/rates.yml', RATE_RULES);
    client = await LspClient.start({ root: ws.dir, settings: { debounceMs: 10 } });
    const rules = ws.uri('rules/rates.yml');
    const before = await client.diagnosticsFor(rules, has('promql/range-too-short'));
    expect(of('promql/range-too-short', before)).toEqual([
      '5:60 warning promql/range-too-short [30s] covers fewer than 4 scrapes at a 15s scrape interval (job "api"): rate() will have gaps; use at least [1m].',
    ]);
    // the job is scraped every 5s from now on (an unsaved edit of prometheus.yml)
    const prom = ws.uri('prometheus.yml');
    const text = `global:\n  scrape_interval: 15s\nrule_files:\n  - rules/*.yml\nscrape_configs:\n  - job_name: api\n    scrape_interval: 5s\n    static_configs:\n      - targets: ['localhost:8080']\n`;
    await client.open(prom, text);
    expect(await client.diagnosticsFor(rules, hasNot('promql/range-too-short'))).toEqual([]);
  });
});

describe('issue 5: files the configurations link to', () => {
  test('a rule_files pattern that matches nothing, until the file appears on disk', async () => {
    ws = tempWorkspace();
    write('prometheus.yml', 'rule_files:\n  - rules/*.yml\n  - extra/*.rules\nscrape_configs: []\n');
    client = await LspClient.start({ root: ws.dir, settings: { debounceMs: 10 } });
    const prom = ws.uri('prometheus.yml');
    expect(of('config/missing-file', await client.diagnosticsFor(prom, has('config/missing-file')))).toEqual([
      '3:5 warning config/missing-file no file matches "extra/*.rules": Prometheus loads no rules from it',
    ]);
    write('extra/team.rules', 'groups: []\n');
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('extra/team.rules'), type: 1 }] });
    expect(await client.diagnosticsFor(prom, hasNot('config/missing-file'))).toEqual([]);
  });

  test('Alertmanager templates: undefined names on alertmanager.yml, parse errors on the template file', async () => {
    ws = tempWorkspace();
    write(
      'alertmanager.yml',
      `route:
  receiver: team
templates:
  - templates/*.tmpl
receivers:
  - name: team
    slack_configs:
      - api_url: https://hooks.slack.com/services/x
        channel: '#team'
        title: '{{ template "team.title" . }}'
        text: '{{ template "team.text" . }}'
`,
    );
    write('templates/title.tmpl', '{{ define "team.title" }}{{ .Status }}{{ end }}\n');
    write('templates/broken.tmpl', '{{ define "team.other" }}{{ .Status }\n');
    client = await LspClient.start({ root: ws.dir, settings: { debounceMs: 10 } });
    const am = ws.uri('alertmanager.yml');
    expect(of('alertmanager/undefined-template', await client.diagnosticsFor(am, has('alertmanager/undefined-template')))).toEqual([
      '11:29 warning alertmanager/undefined-template template "team.text" is not defined in any template file nor built into Alertmanager; notifications using it will fail',
    ]);
    const broken = ws.uri('templates/broken.tmpl');
    expect((await client.diagnosticsFor(broken, (d) => d.length > 0)).map(show)).toEqual(['1:37 error alertmanager/template template: broken.tmpl:1: unexpected "}" in operand']);
    // the template is fixed on disk: its diagnostics are cleared
    write('templates/broken.tmpl', '{{ define "team.other" }}{{ .Status }}{{ end }}\n');
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: broken, type: 2 }] });
    expect(await client.diagnosticsFor(broken, (d) => d.length === 0)).toEqual([]);
  });

  test('inhibit rules against the alerts of the workspace, following an edit of a rule file', async () => {
    ws = tempWorkspace();
    write(
      'alertmanager.yml',
      `route:
  receiver: team
receivers:
  - name: team
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_matchers: [severity="warning"]
    equal: [cluster]
`,
    );
    const rules = (by: string) => `groups:
  - name: disk
    rules:
      - alert: DiskFull
        expr: sum by (${by}) (node_filesystem_free_bytes) < 1
        labels: { severity: critical }
      - alert: DiskFilling
        expr: sum by (${by}) (node_filesystem_free_bytes) < 10
        labels: { severity: warning }
`;
    write('rules/disk.yml', rules('instance'));
    // the fixture's own alerts carry no severity and any label (their expressions' labels are not
    // known): they would match both sides and make every equal label possible
    rmSync(ws.file('rules/alerts.rules.yml'));
    client = await LspClient.start({ root: ws.dir, settings: { debounceMs: 10 } });
    const am = ws.uri('alertmanager.yml');
    expect(of('alertmanager/inhibit-equal', await client.diagnosticsFor(am, has('alertmanager/inhibit-equal')))).toEqual([
      '8:13 warning alertmanager/inhibit-equal no source alert of this inhibit rule in the workspace carries the label "cluster", so the rule never inhibits anything',
      '8:13 warning alertmanager/inhibit-equal no target alert of this inhibit rule in the workspace carries the label "cluster", so the rule never inhibits anything',
    ]);
    await client.open(ws.uri('rules/disk.yml'), rules('instance, cluster'));
    expect(of('alertmanager/inhibit-equal', await client.diagnosticsFor(am, hasNot('alertmanager/inhibit-equal')))).toEqual([]);
  });
});

describe('issue 8: YAML limits from .promscope.yml', () => {
  const deep = 'groups:\n  - name: g\n    rules:\n      - record: r\n        expr: up\n        labels: { a: "1" }\n';
  test('limits.yaml applies to the documents; a bad value is reported on the open .promscope.yml', async () => {
    ws = tempWorkspace();
    write('.promscope.yml', 'limits:\n  yaml:\n    maxDepth: 3\n');
    write('rules/deep.yml', deep);
    client = await LspClient.start({ root: ws.dir, settings: { debounceMs: 10 } });
    const rules = ws.uri('rules/deep.yml');
    expect(of('yaml/limits', await client.diagnosticsFor(rules, has('yaml/limits')))).toEqual(['4:9 error yaml/limits yaml: exceeded max depth of 3 (yaml.maxDepth); deeper content ignored']);
    const cfg = ws.uri('.promscope.yml');
    await client.open(cfg, 'limits:\n  yaml:\n    maxDepth: 0\n');
    expect((await client.diagnosticsFor(cfg, (d) => d.length > 0)).map(show)).toEqual([
      '3:15 error promscope-config/invalid limits.yaml.maxDepth must be a whole number from 1 to 10000',
    ]);
    // the bad value is dropped: the default limits hold again
    expect(of('yaml/limits', await client.diagnosticsFor(rules, hasNot('yaml/limits')))).toEqual([]);
  });
});
