import { defineCheck } from '../define';

export default defineCheck({
  id: 'rules/same-group-order',
  severity: 'info',
  scope: 'file',
  summary: 'A rule that reads a series recorded later in its own group (one interval behind).',
  why: 'Rules of a group are evaluated in order, each seeing the results of those before it in the same evaluation. A rule that reads a series recorded further down sees the value from the previous evaluation: one interval late, and absent on the first evaluation.',
  howToFix: 'Move the producing rule above the rule that reads it.',
  pint: ['rule/dependency'],
  defaults: {},
  examples: {
    invalid: ['groups:\n  - name: g\n    rules:\n      - alert: HighErrorRate\n        expr: job:http_errors:rate5m > 0.1\n      - record: job:http_errors:rate5m\n        expr: sum by (job) (rate(http_errors_total[5m]))\n'],
    valid: ['groups:\n  - name: g\n    rules:\n      - record: job:http_errors:rate5m\n        expr: sum by (job) (rate(http_errors_total[5m]))\n      - alert: HighErrorRate\n        expr: job:http_errors:rate5m > 0.1\n'],
  },
  run(ctx) {
    const g = ctx.env.graph;
    for (const n of g.byFile.get(ctx.file.path) ?? []) {
      // what dependenciesOf gives, in its order, without its arrays (this runs after every edit)
      let reported: Set<string> | undefined;
      for (const use of n.uses) {
        for (const p of (use.kind === 'alert' ? g.alerts : g.producers).get(use.name) ?? []) {
          if (p.file !== n.file || p.groupIndex !== n.groupIndex || p.index <= n.index || reported?.has(use.name)) continue;
          (reported ??= new Set()).add(use.name);
          ctx.report({
            range: use.range,
            message: `\`${use.name}\` is ${p.kind === 'alert' ? 'an alert evaluated' : 'recorded'} later in group "${n.group}": this rule sees the previous evaluation's value.`,
            notes: [{ message: `\`${p.name}\` is defined here`, range: p.nameRange }],
          });
        }
      }
    }
  },
});
