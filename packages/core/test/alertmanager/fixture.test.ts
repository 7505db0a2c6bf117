/**
 * test-fixtures/alertmanager/alertmanager.yml: a realistic configuration with a few mistakes.
 * The rendered diagnostics are compared with alertmanager.expected.txt (reviewed by hand).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  analyzeAlertmanagerConfig,
  checkInhibitEqualLabels,
  checkTemplateFiles,
  matchRoutes,
  type AlertmanagerModel,
} from '../../src/alertmanager/index';
import type { Diagnostic } from '../../src/diagnostics/types';
import { LineIndex } from '../../src/text/line-index';

const dir = path.resolve(process.cwd(), 'test-fixtures/alertmanager');
const file = path.join(dir, 'alertmanager.yml');
const text = readFileSync(file, 'utf8');
const result = analyzeAlertmanagerConfig({ path: file, text });

function render(src: string, diagnostics: Diagnostic[]): string {
  const lines = new LineIndex(src);
  return diagnostics
    .map((d) => {
      const p = lines.positionAt(d.range.start);
      return `${p.line + 1}:${p.character + 1} ${d.severity} ${d.code} ${d.message} [${src.slice(d.range.start, d.range.end)}]`;
    })
    .join('\n');
}

describe('alertmanager fixture', () => {
  it('renders the expected diagnostics', () => {
    const expected = readFileSync(path.join(dir, 'alertmanager.expected.txt'), 'utf8').trimEnd();
    expect(render(text, result.diagnostics)).toBe(expected);
  });

  it('has errors only where Alertmanager refuses the file', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
      'matcher value contains unescaped double quote: "api(',
      'no global Wechat CorpID set',
      'field smtp_host not found in type config.plain',
    ]);
  });

  it('resolves template names against the template files', () => {
    const tmpl = path.join(dir, 'templates/custom.tmpl');
    const r = checkTemplateFiles(result.model, [{ path: tmpl, text: readFileSync(tmpl, 'utf8') }]);
    expect(r.files.get(tmpl)).toEqual([]);
    expect(r.config.map((d) => `${d.code} ${text.slice(d.range.start, d.range.end)}`)).toEqual(['alertmanager/undefined-template pagerduty.custom.description']);
  });

  it('reports a broken template file as an error with Go\'s message', () => {
    const r = checkTemplateFiles(result.model, [{ path: 'broken.tmpl', text: '{{ define "x" }}{{ .Foo }' }]);
    expect(r.files.get('broken.tmpl')?.map((d) => `${d.severity} ${d.message}`)).toEqual(['error template: broken.tmpl:1: unexpected "}" in operand']);
  });

  it('routes with the model', () => {
    const route = result.model.route!;
    expect(matchRoutes(route, { severity: 'critical', team: 'db' }).map((m) => m.route.receiver)).toEqual(['oncall-pager', 'db-wechat']);
    expect(matchRoutes(route, { team: 'web', severity: 'warning' }).map((m) => m.route.receiver)).toEqual(['web-dingtalk']);
    expect(matchRoutes(route, { team: 'other' }).map((m) => m.route.receiver)).toEqual(['default-email']);
  });
});

describe('inhibit rules against the workspace alerts', () => {
  const model: AlertmanagerModel = result.model;
  it('warns when no source alert carries an equal label', () => {
    const alerts = [
      { labels: { alertname: 'HighLatency', severity: 'critical' }, possibleLabels: new Set(['alertname', 'severity', 'instance']) },
      { labels: { alertname: 'HighLatency', severity: 'warning' }, possibleLabels: new Set(['alertname', 'severity', 'cluster']) },
    ];
    const d = checkInhibitEqualLabels(model, alerts);
    expect(d.map((x) => `${x.code} ${text.slice(x.range.start, x.range.end)}: ${x.message}`)).toEqual([
      'alertmanager/inhibit-equal cluster: no source alert of this inhibit rule in the workspace carries the label "cluster", so the rule never inhibits anything',
    ]);
  });
  it('is quiet when the labels are carried or unknown', () => {
    const alerts = [
      { labels: { severity: 'critical' }, possibleLabels: new Set(['alertname', 'severity', 'cluster']) },
      { labels: { severity: 'warning' }, possibleLabels: new Set<string>(), open: true },
    ];
    expect(checkInhibitEqualLabels(model, alerts)).toEqual([]);
  });
});
