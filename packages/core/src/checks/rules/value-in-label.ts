import { defineCheck } from '../define';
import { alertTemplateRefs } from '../template-refs';

export default defineCheck({
  id: 'rules/value-in-label',
  severity: 'warning',
  scope: 'rule',
  summary: '`$value` in an alert label.',
  why: 'Labels are the identity of an alert. A label containing the value changes on every evaluation, so each evaluation creates a new alert: the old one resolves, a new one fires, and `for` restarts every time (it never fires at all if the value keeps changing).',
  howToFix: 'Move the value into an annotation (`description: "value is {{ $value }}"`).',
  pint: ['alerts/template'],
  defaults: {},
  examples: {
    invalid: ['groups:\n  - name: g\n    rules:\n      - alert: HighLoad\n        expr: node_load1 > 10\n        for: 5m\n        labels:\n          load: "{{ $value }}"\n'],
    valid: ['groups:\n  - name: g\n    rules:\n      - alert: HighLoad\n        expr: node_load1 > 10\n        for: 5m\n        annotations:\n          description: "load is {{ $value }}"\n'],
  },
  run(ctx) {
    for (const t of alertTemplateRefs(ctx.rule)) {
      if (t.where !== 'label') continue;
      for (const v of t.values) ctx.report({ range: v, message: `\`$value\` in label \`${t.kv.key}\`: every new value makes a new alert (it resolves and re-fires, and \`for\` restarts); use an annotation.` });
    }
  },
});
