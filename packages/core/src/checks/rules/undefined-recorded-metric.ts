import { isRecordedName } from '../../graph/build';
import { defineCheck } from '../define';

export default defineCheck({
  id: 'rules/undefined-recorded-metric',
  severity: 'warning',
  scope: 'file',
  needsWorkspace: true,
  summary: 'A recorded metric (a name with colons) that no rule in the workspace produces.',
  why: 'Names with colons are reserved for recording rules. If no rule records it, the selector returns nothing: an alert over it can never fire and a recording rule over it records nothing — typically after a rename or a typo. Runs in the workspace pass (all rule files of the workspace), not on a file alone.',
  howToFix: 'Fix the name, add the recording rule, or include the rule file that defines it in the workspace.',
  pint: ['rule/dependency'],
  defaults: {},
  examples: {
    invalid: ['groups:\n  - name: g\n    rules:\n      - alert: HighErrorRate\n        expr: job:http_errors:rate5m > 0.1\n'],
    valid: ['groups:\n  - name: g\n    rules:\n      - record: job:http_errors:rate5m\n        expr: sum by (job) (rate(http_errors_total[5m]))\n      - alert: HighErrorRate\n        expr: job:http_errors:rate5m > 0.1\n'],
  },
  run(ctx) {
    const g = ctx.env.graph;
    for (const n of g.byFile.get(ctx.file.path) ?? []) {
      for (const u of n.uses) {
        if (u.kind !== 'metric' || !isRecordedName(u.name) || g.producers.has(u.name)) continue;
        ctx.report({ range: u.range, message: `\`${u.name}\` looks recorded (it has colons) but no rule in the workspace records it.` });
      }
    }
  },
});
