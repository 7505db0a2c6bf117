import { compileRegex } from '../../promql/regex';
import { defineCheck } from '../define';

export default defineCheck<{ alert?: string; record?: string }>({
  id: 'policy/rule-name',
  severity: 'warning',
  scope: 'rule',
  policy: true,
  summary: 'Team policy: alert and record names must match a regex.',
  why: 'Naming schemes (a team prefix, CamelCase, `level:metric:operations`) keep thousands of rules navigable. Configured in `.promscope.yml`; off until configured.',
  howToFix: 'Rename the rule to match the configured pattern.',
  pint: ['rule/name'],
  defaults: {},
  optionDocs: {
    alert: { description: 'regex (RE2, fully anchored) alert names must match' },
    record: { description: 'regex record names must match' },
  },
  examples: {
    options: { alert: '[A-Z][A-Za-z0-9]+', record: '[a-z_]+:[a-z0-9_]+:[a-z0-9_]+' },
    invalid: ['groups:\n  - name: g\n    rules:\n      - alert: instance_down\n        expr: up == 0\n'],
    valid: ['groups:\n  - name: g\n    rules:\n      - alert: InstanceDown\n        expr: up == 0\n'],
  },
  run(ctx) {
    const { rule } = ctx;
    const pattern = rule.kind === 'alert' ? ctx.options.alert : ctx.options.record;
    if (!pattern) return;
    const re = compileRegex(pattern);
    if (!re.matches || re.matches(rule.name)) return;
    ctx.report({ range: rule.nameRange, message: `Policy: ${rule.kind} names must match /${pattern}/; \`${rule.name}\` does not.` });
  },
});
