import { walk, forEachNodeOfKind } from '../../labelflow/expr';
import { COUNTER_FUNCTIONS, isRecordedName } from '../counters';
import { defineCheck } from '../define';

const RANGE_WRAPPERS = new Set([...COUNTER_FUNCTIONS, 'delta', 'idelta']);

export default defineCheck({
  id: 'promql/histogram-quantile-input',
  severity: 'warning',
  scope: 'expr',
  memo: 'expression',
  summary: '`histogram_quantile`/`histogram_fraction` over raw bucket counters or over `_sum`/`_count`.',
  why: 'Classic buckets are counters since the process started: without `rate()`/`increase()` the quantile describes the whole lifetime of the process, not the recent past. `_sum` and `_count` are not buckets at all, so the result is meaningless.',
  howToFix: 'Pass a rate of the `_bucket` series: `histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))`.',
  links: ['https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile'],
  defaults: {},
  examples: {
    invalid: [
      'histogram_quantile(0.9, sum by (le) (http_request_duration_seconds_bucket))',
      'histogram_quantile(0.9, rate(http_request_duration_seconds_sum[5m]))',
    ],
    valid: [
      'histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))',
      'histogram_quantile(0.9, job:http_request_duration_seconds_bucket:rate5m)',
      'histogram_quantile(0.9, rate(http_request_duration_seconds[5m]))',
    ],
  },
  run(ctx) {
    forEachNodeOfKind(ctx.expr, 'call', (n) => {
      if ((n.func !== 'histogram_quantile' && n.func !== 'histogram_fraction')) return;
      const arg = n.args[n.args.length - 1];
      if (!arg) return;
      walk(arg, (s, parents) => {
        if (s.kind !== 'selector' || !s.name || isRecordedName(s.name)) return;
        const range = s.nameRange ?? s.range;
        if (/_(sum|count)$/.test(s.name)) {
          ctx.report({ range, message: `${n.func}() over \`${s.name}\`: \`_sum\`/\`_count\` are not buckets; use the \`_bucket\` series.` });
          return;
        }
        if (!s.name.endsWith('_bucket')) return;
        if (parents.some((p) => p.kind === 'call' && (RANGE_WRAPPERS.has(p.func) || p.func.endsWith('_over_time')))) return;
        ctx.report({ range, message: `${n.func}() over raw \`${s.name}\` counters: wrap them in rate() or increase() to get recent latencies, not lifetime ones.` });
      });
    });
  },
});
