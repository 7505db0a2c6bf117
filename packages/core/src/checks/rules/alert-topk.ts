import { forEachNodeOfKind } from '../../labelflow/expr';
import { defineCheck } from '../define';

const OPS = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);

export default defineCheck({
  id: 'rules/alert-topk',
  severity: 'warning',
  scope: 'rule',
  summary: '`topk`/`bottomk`/`limitk` in an alert expression.',
  why: 'Which series are "the top 3" changes from one evaluation to the next. Each change resolves the alert for the series that dropped out and creates a new one for the series that came in (restarting `for`): the alert flaps and may never fire.',
  howToFix: 'Alert on a threshold for every series; sort or limit in the dashboard or the notification template instead.',
  pint: ['promql/fragile'],
  defaults: {},
  examples: {
    invalid: ['groups:\n  - name: g\n    rules:\n      - alert: TopTalkers\n        expr: topk(3, rate(bytes_total[5m])) > 1e6\n'],
    valid: [
      'groups:\n  - name: g\n    rules:\n      - alert: TopTalkers\n        expr: rate(bytes_total[5m]) > 1e6\n',
      'groups:\n  - name: g\n    rules:\n      - alert: PodNotReady\n        expr: topk by (namespace, pod) (1, kube_pod_status_ready{condition="false"}) == 1\n        for: 15m\n',
    ],
  },
  run(ctx) {
    const { rule, parsed } = ctx;
    if (rule.kind !== 'alert' || !parsed.expr) return;
    forEachNodeOfKind(parsed.expr, 'aggregate', (n) => {
      // `topk by (namespace, pod) (1, x)`: the per-group dedupe idiom keeps the identity stable
      if (OPS.has(n.op) && !(n.grouping?.kind === 'by' && n.grouping.labels.length > 0)) ctx.report({ range: parsed.toFile(n.opRange), message: `${n.op}() in an alert: the selected series change between evaluations, so alerts resolve and re-fire (and \`for\` restarts).` });
    });
  },
});
