import { forEachNodeOfKind } from '../../labelflow/expr';
import { defineCheck } from '../define';

export default defineCheck({
  id: 'rules/irate-in-record',
  severity: 'info',
  scope: 'rule',
  summary: '`irate()` in a recording rule.',
  why: 'irate() looks only at the last two samples: it is meant for fast-moving graphs. Recorded once per evaluation interval, it keeps one arbitrary instantaneous rate per interval and loses everything in between, so anything built on the recorded series (sums, averages, alerts) is noisy and under-samples spikes.',
  howToFix: 'Record `rate(...)` over a window of a few scrape intervals.',
  links: ['https://prometheus.io/docs/prometheus/latest/querying/functions/#irate'],
  defaults: {},
  examples: {
    invalid: ['groups:\n  - name: g\n    rules:\n      - record: instance:cpu_seconds:irate5m\n        expr: irate(node_cpu_seconds_total[5m])\n'],
    valid: ['groups:\n  - name: g\n    rules:\n      - record: instance:cpu_seconds:rate5m\n        expr: rate(node_cpu_seconds_total[5m])\n'],
  },
  run(ctx) {
    const { rule, parsed } = ctx;
    if (rule.kind !== 'record' || !parsed.expr) return;
    forEachNodeOfKind(parsed.expr, 'call', (n) => {
      if (n.func === 'irate') ctx.report({ range: parsed.toFile(n.funcRange), message: 'irate() in a recording rule keeps one instantaneous rate per evaluation and drops the rest; record rate() instead.' });
    });
  },
});
