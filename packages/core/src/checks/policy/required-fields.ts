import { compileRegex } from '../../promql/regex';
import type { KeyValue } from '../model';
import { defineCheck } from '../define';

/** A required label/annotation: a value regex (fully anchored, RE2) or a list of allowed values. */
type Requirement = string | string[];
interface KindPolicy {
  labels?: Record<string, Requirement>;
  annotations?: Record<string, Requirement>;
}

function describe(req: Requirement): string {
  return Array.isArray(req) ? `one of ${req.map((v) => `"${v}"`).join(', ')}` : `a value matching /${req}/`;
}

function satisfied(value: string, req: Requirement): boolean {
  if (Array.isArray(req)) return req.includes(value);
  const re = compileRegex(req);
  return re.matches ? re.matches(value) : true;
}

export default defineCheck<{ alert?: KindPolicy; record?: KindPolicy }>({
  id: 'policy/required-fields',
  severity: 'warning',
  scope: 'rule',
  policy: true,
  summary: 'Team policy: labels and annotations every alerting/recording rule must have, with allowed values.',
  why: 'Routing, ownership and runbooks depend on labels such as `severity` and `team` and annotations such as `runbook_url`. Configured in `.promscope.yml`; off until configured.',
  howToFix: 'Add the label or annotation with an allowed value.',
  pint: ['rule/label', 'alerts/annotation'],
  defaults: {},
  optionDocs: {
    alert: { description: '`{ labels: { name: regex | [allowed values] }, annotations: { ... } }` for alerting rules' },
    record: { description: 'the same for recording rules (labels only)' },
  },
  examples: {
    options: { alert: { labels: { severity: ['critical', 'warning', 'info'] }, annotations: { runbook_url: 'https://.+' } } },
    invalid: [
      'groups:\n  - name: g\n    rules:\n      - alert: InstanceDown\n        expr: up == 0\n        labels:\n          severity: page\n',
      'groups:\n  - name: g\n    rules:\n      - alert: InstanceDown\n        expr: up == 0\n        labels:\n          severity: critical\n',
    ],
    valid: ['groups:\n  - name: g\n    rules:\n      - alert: InstanceDown\n        expr: up == 0\n        labels:\n          severity: critical\n        annotations:\n          runbook_url: https://runbooks.example.com/InstanceDown\n'],
  },
  run(ctx) {
    const { rule } = ctx;
    const policy = rule.kind === 'alert' ? ctx.options.alert : ctx.options.record;
    if (!policy) return;
    const check = (what: 'label' | 'annotation', have: KeyValue[], req: Record<string, Requirement> | undefined) => {
      for (const [key, r] of Object.entries(req ?? {})) {
        const kv = have.find((h) => h.key === key);
        if (!kv) ctx.report({ range: rule.nameRange, message: `Policy: ${rule.kind === 'alert' ? 'alerting' : 'recording'} rules must have the ${what} \`${key}\` (${describe(r)}).` });
        else if (!satisfied(kv.value.value, r)) ctx.report({ range: kv.value.range, message: `Policy: ${what} \`${key}\` must be ${describe(r)}, not "${kv.value.value}".` });
      }
    };
    check('label', rule.labels, policy.labels);
    check('annotation', rule.annotations, policy.annotations);
  },
});
