import { numberValue, type Expr, forEachNode } from '../../labelflow/expr';
import { defineCheck } from '../define';

/** φ of `histogram_quantile`/`histogram_quantiles`, `quantile` and `quantile_over_time`. */
function phiOf(n: Expr): { phi: Expr; fn: string } | undefined {
  if (n.kind === 'call' && (n.func === 'histogram_quantile' || n.func === 'quantile_over_time') && n.args[0]) return { phi: n.args[0], fn: `${n.func}()` };
  if (n.kind === 'aggregate' && n.op === 'quantile' && n.param) return { phi: n.param, fn: 'quantile()' };
  return undefined;
}

export default defineCheck({
  id: 'promql/quantile-out-of-range',
  severity: 'warning',
  scope: 'expr',
  memo: 'expression',
  summary: 'A quantile φ outside [0, 1].',
  why: 'For φ < 0 Prometheus returns -Inf and for φ > 1 +Inf: the query loads and runs, but never yields a useful value. A percentile written as `95` instead of `0.95` is the usual cause.',
  howToFix: 'Write the quantile as a fraction: `0.95` for the 95th percentile.',
  links: ['https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile'],
  defaults: {},
  examples: {
    invalid: ['histogram_quantile(95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))', 'quantile(-0.5, up)'],
    valid: ['histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))', 'quantile(1, up)'],
  },
  run(ctx) {
    forEachNode(ctx.expr, (n) => {
      const q = phiOf(n);
      if (!q) return;
      const v = numberValue(q.phi);
      if (v === undefined || Number.isNaN(v) || (v >= 0 && v <= 1)) return;
      ctx.report({
        range: q.phi.range,
        message: `φ = ${v} is outside [0, 1]: ${q.fn} returns ${v < 0 ? '-Inf' : '+Inf'}${v > 1 && v <= 100 ? ` (for the ${v}th percentile write ${v / 100})` : ''}.`,
      });
    });
  },
});
