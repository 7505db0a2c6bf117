import { some, unwrap } from '../../labelflow/expr';
import { isComparisonOperator } from '../../promql/functions';
import { defineCheck } from '../define';

export default defineCheck({
  id: 'rules/alert-no-condition',
  severity: 'warning',
  scope: 'rule',
  summary: 'An alert expression without any comparison or filter: it always fires.',
  why: 'An alert fires for every series its expression returns. Without a comparison (`> 0.05`), a filter (`and`, `unless`) or `absent()`, every series is returned on every evaluation, so the alert fires for as long as the metric exists.',
  howToFix: 'Add the condition: `rate(errors_total[5m]) > 0.1`. A deliberate always-firing alert (a dead man\'s switch) is written `vector(1)` and not reported.',
  pint: ['alerts/comparison'],
  defaults: {},
  examples: {
    invalid: ['groups:\n  - name: g\n    rules:\n      - alert: HighErrorRate\n        expr: rate(errors_total[5m])\n'],
    valid: [
      'groups:\n  - name: g\n    rules:\n      - alert: HighErrorRate\n        expr: rate(errors_total[5m]) > 0.1\n',
      'groups:\n  - name: g\n    rules:\n      - alert: Watchdog\n        expr: vector(1)\n',
      'groups:\n  - name: g\n    rules:\n      - alert: JobMissing\n        expr: absent(up{job="api"})\n',
    ],
  },
  run(ctx) {
    const { rule, parsed } = ctx;
    if (rule.kind !== 'alert' || !parsed.expr) return;
    const root = unwrap(parsed.expr);
    if (root.kind === 'call' && root.func === 'vector') return;
    const filters = some(parsed.expr, (n) =>
      (n.kind === 'binary' && ((isComparisonOperator(n.op) && !n.bool) || n.op === 'and' || n.op === 'unless')) ||
      (n.kind === 'call' && n.func.startsWith('absent')) ||
      (n.kind === 'selector' && (n.name === 'ALERTS' || n.name === 'ALERTS_FOR_STATE')),
    );
    if (filters) return;
    ctx.report({ range: parsed.toFile(root.range), message: 'This alert expression has no comparison or filter: it fires for every series it returns, i.e. always.' });
  },
});
