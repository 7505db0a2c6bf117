import { numberValue, unwrap, walk, type Expr } from '../../labelflow/expr';
import { isComparisonOperator } from '../../promql/functions';
import { valueTypeOf } from '../../labelflow/value-type';
import { defineCheck } from '../define';

const AGGS = new Set(['sum', 'avg', 'stddev', 'stdvar']);

/** A divisor that cannot be zero: a non-zero number, `clamp_min(x, >0)`, or a filter `x > 0`. */
function guarded(rhs: Expr): boolean {
  const v = numberValue(rhs);
  if (v !== undefined) return v !== 0;
  const r = unwrap(rhs);
  if (r.kind === 'call' && (r.func === 'clamp_min' || r.func === 'clamp') && (numberValue(r.args[1] ?? r) ?? 0) > 0) return true;
  if (r.kind === 'binary' && isComparisonOperator(r.op) && !r.bool) return true;
  return valueTypeOf(r) === 'scalar';
}

export default defineCheck({
  id: 'promql/division-in-aggregation',
  severity: 'info',
  scope: 'expr',
  memo: 'expression',
  summary: 'A division inside `sum`/`avg` whose divisor can be 0: one NaN poisons the aggregate.',
  why: '`0/0` is NaN and `x/0` is ±Inf; `sum` or `avg` over a set containing one NaN is NaN. A single idle series (no requests) makes the whole aggregate disappear from graphs and alerts.',
  howToFix: 'Aggregate numerator and denominator separately, then divide: `sum(a) / sum(b)`; or guard the divisor (`clamp_min(b, 1)`, `b > 0`).',
  pint: ['promql/nan'],
  defaults: {},
  examples: {
    invalid: ['sum by (job) (rate(errors_total[5m]) / rate(requests_total[5m]))'],
    valid: ['sum by (job) (rate(errors_total[5m])) / sum by (job) (rate(requests_total[5m]))', 'sum(rate(errors_total[5m]) / 60)', 'avg(a / (b > 0))'],
  },
  run(ctx) {
    walk(ctx.expr, (n, parents) => {
      if (n.kind !== 'binary' || (n.op !== '/' && n.op !== '%')) return;
      if (valueTypeOf(n.lhs) === 'scalar' && valueTypeOf(n.rhs) === 'scalar') return;
      if (guarded(n.rhs)) return;
      // the nearest enclosing aggregation, not counting through another aggregation's parameter
      for (let i = parents.length - 1; i >= 0; i--) {
        const p = parents[i];
        if (p.kind === 'call') return; // a function in between (histogram_quantile, clamp...) changes the picture
        if (p.kind !== 'aggregate') continue;
        if (!AGGS.has(p.op)) return;
        ctx.report({ range: n.opRange, message: `Division inside ${p.op}(): one series with a zero divisor makes the whole ${p.op} NaN; divide the aggregates instead.`, notes: [{ message: `${p.op}() is here`, range: p.opRange }] });
        return;
      }
    });
  },
});
