import { metricUses } from '../../graph/build';
import { defineCheck } from '../define';

export default defineCheck({
  id: 'rules/same-group-order',
  severity: 'info',
  scope: 'group',
  summary: 'A rule that reads a series recorded later in its own group (one interval behind).',
  why: 'Rules of a group are evaluated in order, each seeing the results of those before it in the same evaluation. A rule that reads a series recorded further down sees the value from the previous evaluation: one interval late, and absent on the first evaluation.',
  howToFix: 'Move the producing rule above the rule that reads it.',
  pint: ['rule/dependency'],
  defaults: {},
  examples: {
    invalid: [
      'groups:\n  - name: g\n    rules:\n      - alert: HighErrorRate\n        expr: job:http_errors:rate5m > 0.1\n      - record: job:http_errors:rate5m\n        expr: sum by (job) (rate(http_errors_total[5m]))\n',
      'groups:\n  - name: g\n    rules:\n      - record: job:high_errors:count\n        expr: count by (job) (ALERTS{alertname="HighErrorRate"})\n      - alert: HighErrorRate\n        expr: job:http_errors:rate5m > 0.1\n',
    ],
    valid: [
      'groups:\n  - name: g\n    rules:\n      - record: job:http_errors:rate5m\n        expr: sum by (job) (rate(http_errors_total[5m]))\n      - alert: HighErrorRate\n        expr: job:http_errors:rate5m > 0.1\n',
      // recorded by a later group: evaluated on its own schedule, not this group's order
      'groups:\n  - name: alerts\n    rules:\n      - alert: HighErrorRate\n        expr: job:http_errors:rate5m > 0.1\n  - name: records\n    rules:\n      - record: job:http_errors:rate5m\n        expr: sum by (job) (rate(http_errors_total[5m]))\n',
    ],
  },
  // one group at a time (what it reports depends on its group alone): an editor's keystroke checks
  // the edited group again, not the whole file
  run(ctx) {
    const rules = ctx.group.rules;
    // where each name is recorded (or alerted on) in the group: rule indexes, in order
    let recorded: Map<string, number[]> | undefined;
    let alerted: Map<string, number[]> | undefined;
    const at = (m: Map<string, number[]>, k: string, i: number) => {
      const l = m.get(k);
      if (l) l.push(i);
      else m.set(k, [i]);
    };
    for (let i = 0; i < rules.length; i++) at(rules[i]!.kind === 'record' ? (recorded ??= new Map()) : (alerted ??= new Map()), rules[i]!.name, i);
    for (let i = 0; i < rules.length; i++) {
      const n = rules[i]!;
      const expr = n.expr;
      if (!expr) continue;
      let reported: Set<string> | undefined;
      for (const use of metricUses(expr.value, n.exprView)) {
        // the first rule after this one that records the metric (or is the alert ALERTS reads)
        const later = (use.kind === 'alert' ? alerted : recorded)?.get(use.name)?.find((j) => j > i);
        if (later === undefined || reported?.has(use.name)) continue;
        (reported ??= new Set()).add(use.name);
        const p = rules[later]!;
        ctx.report({
          range: { start: expr.toFile(use.range.start), end: expr.toFile(use.range.end) },
          message: `\`${use.name}\` is ${p.kind === 'alert' ? 'an alert evaluated' : 'recorded'} later in group "${ctx.group.name}": this rule sees the previous evaluation's value.`,
          notes: [{ message: `\`${p.name}\` is defined here`, range: p.nameRange }],
        });
      }
    }
  },
});
