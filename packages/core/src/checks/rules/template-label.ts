import { canCarry, whyMissing } from '../../labelflow/flow';
import { defineCheck } from '../define';
import { alertTemplateRefs } from '../template-refs';

export default defineCheck({
  id: 'rules/template-label',
  severity: 'warning',
  scope: 'rule',
  summary: '`$labels.x` in an alert template where `x` cannot be on the query result.',
  why: 'Templates see the labels of each series the alert expression returns (not the rule\'s own `labels:`). If an aggregation removed `x` (`sum by (job)` keeps only `job`), `{{ $labels.x }}` always renders as an empty string: the summary reads "Instance  is down".',
  howToFix: 'Keep the label in the aggregation (`sum by (job, instance)`), or stop using it in the template.',
  pint: ['alerts/template'],
  defaults: {},
  examples: {
    invalid: ['groups:\n  - name: g\n    rules:\n      - alert: JobDown\n        expr: sum by (job) (up) == 0\n        annotations:\n          summary: "{{ $labels.instance }} of {{ $labels.job }} is down"\n'],
    valid: ['groups:\n  - name: g\n    rules:\n      - alert: JobDown\n        expr: sum by (job) (up) == 0\n        annotations:\n          summary: "{{ $labels.job }} is down"\n'],
  },
  run(ctx) {
    const { rule, parsed } = ctx;
    if (rule.kind !== 'alert' || !parsed.expr || !parsed.flow) return;
    const set = parsed.flow.of(parsed.expr);
    for (const t of alertTemplateRefs(rule)) {
      for (const l of t.labels) {
        if (canCarry(set, l.name)) continue;
        const o = whyMissing(set, l.name);
        ctx.report({
          range: l.range,
          message: `\`$labels.${l.name}\` in ${t.where} \`${t.kv.key}\` is always empty: the expression's result cannot carry \`${l.name}\`${o ? ` (removed by \`${o.what}\`)` : ''}.`,
          notes: o ? [{ message: `\`${l.name}\` is removed here`, range: parsed.toFile(o.range) }] : undefined,
        });
      }
    }
  },
});
