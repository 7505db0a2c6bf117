/** The workspace half of the inhibit-rule check: alerts from rule files against `equal` labels. */
import { describe, expect, it } from 'vitest';
import { analyzeAlertmanagerConfig, checkInhibitEqualLabels, workspaceAlertsFromRules } from '../../src/alertmanager/index';
import { withDefaults } from '../../src/options';
import { analyzeRuleFile } from '../../src/rules/file';

const rules = `groups:
  - name: node
    rules:
      - alert: NodeDown
        expr: sum by (instance) (up{job="node"}) == 0
        labels:
          severity: critical
      - alert: NodeSlow
        expr: sum by (instance) (rate(node_cpu_seconds_total[5m])) > 0.9
        labels:
          severity: warning
`;

const am = (equal: string) => `route:
  receiver: a
receivers:
  - name: a
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_matchers: [severity="warning"]
    equal: [${equal}]
`;

function check(equal: string): string[] {
  const model = analyzeRuleFile(rules, withDefaults({}), { path: 'r.yml', kind: 'rules' }).model;
  const alerts = workspaceAlertsFromRules([model]);
  const config = am(equal);
  const r = analyzeAlertmanagerConfig({ path: 'am.yml', text: config });
  return checkInhibitEqualLabels(r.model, alerts).map((d) => `${config.slice(d.range.start, d.range.end)}: ${d.message}`);
}

describe('inhibit equal labels against the rule files', () => {
  it('builds the alerts with their labels', () => {
    const model = analyzeRuleFile(rules, withDefaults({}), { path: 'r.yml', kind: 'rules' }).model;
    const alerts = workspaceAlertsFromRules([model]);
    expect(alerts.map((a) => [a.labels, [...a.possibleLabels].sort(), a.open])).toEqual([
      [{ alertname: 'NodeDown', severity: 'critical' }, ['alertname', 'instance', 'severity'], false],
      [{ alertname: 'NodeSlow', severity: 'warning' }, ['alertname', 'instance', 'severity'], false],
    ]);
  });
  it('is quiet when the alerts carry the label', () => {
    expect(check('instance')).toEqual([]);
  });
  it('warns when no alert carries the label', () => {
    expect(check('instance, cluster')).toEqual([
      'cluster: no source alert of this inhibit rule in the workspace carries the label "cluster", so the rule never inhibits anything',
      'cluster: no target alert of this inhibit rule in the workspace carries the label "cluster", so the rule never inhibits anything',
    ]);
  });
});
