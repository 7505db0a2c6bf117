import { forEachNodeOfKind } from '../../labelflow/expr';
import { formatDuration } from '../../labelflow/duration';
import { defineCheck } from '../define';

export default defineCheck({
  id: 'promql/subquery-step-equals-range',
  severity: 'info',
  scope: 'expr',
  memo: 'expression',
  summary: 'A subquery whose step equals its range: `x[5m:5m]` evaluates one point.',
  why: 'A subquery evaluates its inner expression every `step` over `range`. When both are equal there is a single evaluation, so `max_over_time(x[5m:5m])` is just `x` at one (aligned) instant, not a maximum over five minutes.',
  howToFix: 'Use a step several times smaller than the range (`[5m:1m]`), or omit it to use the evaluation interval (`[5m:]`).',
  defaults: {},
  examples: {
    invalid: ['max_over_time(rate(http_requests_total[1m])[5m:5m])'],
    valid: ['max_over_time(rate(http_requests_total[1m])[5m:1m])', 'max_over_time(rate(http_requests_total[1m])[5m:])'],
  },
  run(ctx) {
    forEachNodeOfKind(ctx.expr, 'subquery', (n) => {
      if (n.rangeMs === null || n.stepMs === null || n.stepMs !== n.rangeMs) return;
      ctx.report({ range: n.stepRange ?? n.durationRange, message: `The subquery step equals its range (${formatDuration(n.rangeMs)}): it evaluates a single point.` });
    });
  },
});
