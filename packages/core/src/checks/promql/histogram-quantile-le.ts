import type { Fix } from '../../diagnostics/types';
import { type AggregateExpr, selectors, walk, forEachNodeOfKind } from '../../labelflow/expr';
import { aggregationHead, canCarry, describeAggregation, SELECTING_AGGREGATIONS, whyMissing } from '../../labelflow/flow';
import { defineCheck } from '../define';

function addLe(a: AggregateExpr): Fix | undefined {
  if (!a.grouping) return { description: 'aggregate by `le`', safe: true, edits: [{ range: { start: a.opRange.end, end: a.opRange.end }, newText: ' by (le)' }] };
  if (a.grouping.kind !== 'by') return undefined;
  const at = a.grouping.listRange.end - 1;
  return { description: 'add `le` to the `by` clause', safe: true, edits: [{ range: { start: at, end: at }, newText: a.grouping.labels.length ? ', le' : 'le' }] };
}

export default defineCheck({
  id: 'promql/histogram-quantile-le',
  severity: 'warning',
  scope: 'expr',
  memo: 'expression',
  summary: '`histogram_quantile` over classic buckets whose aggregation dropped `le`.',
  why: 'A classic histogram is a set of `_bucket` series told apart by `le`. An aggregation that does not keep `le` merges all buckets into one series and `histogram_quantile` returns nothing (or NaN).',
  howToFix: 'Keep `le` in the aggregation: `sum by (job, le) (rate(x_bucket[5m]))`.',
  links: ['https://prometheus.io/docs/practices/histograms/#quantiles'],
  defaults: {},
  examples: {
    invalid: [
      'histogram_quantile(0.9, sum by (job) (rate(http_request_duration_seconds_bucket[5m])))',
      'histogram_quantile(0.9, sum(rate(http_request_duration_seconds_bucket[5m])))',
      'histogram_fraction(0, 0.2, sum without (le) (rate(http_request_duration_seconds_bucket[5m])))',
    ],
    valid: [
      'histogram_quantile(0.9, sum by (job, le) (rate(http_request_duration_seconds_bucket[5m])))',
      'histogram_quantile(0.9, sum by (job) (rate(http_request_duration_seconds[5m])))',
      'histogram_quantile(0.99, sum by (instance, le) (rate(x_bucket[5m])) * on (instance) group_left (node) max by (instance, node) (node_info))',
    ],
  },
  run(ctx) {
    forEachNodeOfKind(ctx.expr, 'call', (n) => {
      if ((n.func !== 'histogram_quantile' && n.func !== 'histogram_fraction')) return;
      const arg = n.args[n.args.length - 1];
      if (!arg) return;
      // classic histograms only: a native histogram needs no `le`
      if (!selectors(arg).some((s) => s.name?.endsWith('_bucket') || s.matchers.some((m) => m.label === 'le'))) return;
      // follow the label flow: which aggregation on the path to the result removed `le`?
      const origin = whyMissing(ctx.flow.of(arg), 'le');
      if (!origin) return;
      let found: AggregateExpr | undefined;
      walk(arg, (a) => {
        if (found || a.kind !== 'aggregate' || SELECTING_AGGREGATIONS.has(a.op)) return;
        const head = aggregationHead(a);
        if (head.start === origin.range.start && head.end === origin.range.end && canCarry(ctx.flow.of(a.expr), 'le')) found = a;
      });
      if (!found) return;
      ctx.report({
        range: aggregationHead(found),
        message: `\`${describeAggregation(found)}\` drops \`le\`, so ${n.func}() sees one merged bucket and returns no useful value.`,
        notes: [{ message: `${n.func}() is here`, range: n.funcRange }],
        fix: addLe(found),
      });
    });
  },
});
