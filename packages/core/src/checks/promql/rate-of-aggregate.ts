import { unwrap, forEachNodeOfKind } from '../../labelflow/expr';
import { SELECTING_AGGREGATIONS } from '../../labelflow/flow';
import { COUNTER_FUNCTIONS } from '../counters';
import { defineCheck } from '../define';

export default defineCheck({
  id: 'promql/rate-of-aggregate',
  severity: 'warning',
  scope: 'expr',
  memo: 'expression',
  summary: '`rate(sum(...)[5m:])`: rate of an aggregation instead of aggregation of rates.',
  why: 'When one of the summed counters resets, the sum drops and rate() sees a reset of the whole sum: it adds the entire sum again as an increase. Counter resets can only be handled per series, so rate first, then aggregate.',
  howToFix: 'Swap the order: `sum(rate(x[5m]))`.',
  links: ['https://www.robustperception.io/rate-then-sum-never-sum-then-rate/'],
  pint: ['promql/rate'],
  defaults: {},
  examples: {
    invalid: ['rate(sum by (job) (http_requests_total)[5m:1m])'],
    valid: ['sum by (job) (rate(http_requests_total[5m]))', 'max_over_time(sum by (job) (up)[1h:5m])'],
  },
  run(ctx) {
    forEachNodeOfKind(ctx.expr, 'call', (n) => {
      if (!COUNTER_FUNCTIONS.has(n.func)) return;
      const arg = n.args[0] && unwrap(n.args[0]);
      if (arg?.kind !== 'subquery') return;
      const inner = unwrap(arg.expr);
      if (inner.kind !== 'aggregate' || SELECTING_AGGREGATIONS.has(inner.op)) return;
      ctx.report({
        range: n.funcRange,
        message: `${n.func}() of ${inner.op}(): a counter reset in one series looks like a reset of the whole ${inner.op}; apply ${n.func}() first, then ${inner.op}().`,
        notes: [{ message: `${inner.op}() is here`, range: inner.opRange }],
      });
    });
  },
});
