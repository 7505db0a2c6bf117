import { type Expr, unwrap, forEachNodeOfKind } from '../../labelflow/expr';
import { defineCheck } from '../define';

/** Why a series already is an average or a ratio, if its form says so. */
function averageKind(e: Expr): string | undefined {
  const x = unwrap(e);
  if (x.kind === 'aggregate' && x.op === 'avg') return 'avg()';
  if (x.kind === 'call' && x.func === 'avg_over_time') {
    const inner = x.args[0] && unwrap(x.args[0]);
    const sel = inner?.kind === 'matrix' ? inner.selector : undefined;
    return sel?.name && /:(.*_)?(ratio|mean|avg)/.test(sel.name) ? `avg_over_time() of \`${sel.name}\`` : undefined;
  }
  if (x.kind === 'selector' && x.name) {
    const ops = x.name.split(':')[2];
    if (ops && /(^|_)(ratio|mean\d*\w*|avg)(_|$)/.test(ops)) return `the recorded ${/ratio/.test(ops) ? 'ratio' : 'average'} \`${x.name}\``;
  }
  return undefined;
}

export default defineCheck({
  id: 'promql/avg-of-average',
  severity: 'warning',
  scope: 'expr',
  memo: 'expression',
  summary: '`avg()` of a ratio or of an average (average of averages).',
  why: 'An average of averages weights every group equally, whatever its size: a host serving 10 requests counts as much as one serving 10 000. Prometheus\'s recording-rule practices: aggregate numerator and denominator separately, then divide.',
  howToFix: 'Record the numerator and denominator (or `_sum` and `_count`), aggregate each with `sum`, then divide.',
  links: ['https://prometheus.io/docs/practices/rules/'],
  defaults: {},
  examples: {
    invalid: ['avg by (job) (instance:request_failures_per_requests:ratio_rate5m)', 'avg(avg by (instance) (node_load1))'],
    valid: ['sum by (job) (instance:request_failures:rate5m) / sum by (job) (instance:requests:rate5m)', 'avg by (job) (instance:node_load1:max)'],
  },
  run(ctx) {
    forEachNodeOfKind(ctx.expr, 'aggregate', (n) => {
      if (n.op !== 'avg') return;
      const kind = averageKind(n.expr);
      if (!kind) return;
      ctx.report({ range: n.opRange, message: `avg() of ${kind}: an average of averages weights every series equally; sum numerators and denominators, then divide.` });
    });
  },
});
