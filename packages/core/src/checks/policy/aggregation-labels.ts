import type { Fix } from '../../diagnostics/types';
import { walk } from '../../labelflow/expr';
import { aggregationHead, canCarry, describeAggregation, SELECTING_AGGREGATIONS } from '../../labelflow/flow';
import { defineCheck } from '../define';

export default defineCheck<{ labels: string[] }>({
  id: 'policy/aggregation-labels',
  severity: 'warning',
  scope: 'expr',
  policy: true,
  summary: 'Team policy: labels every aggregation must keep (e.g. `job`, `cluster`).',
  why: 'In a multi-cluster or multi-tenant setup an aggregation that drops `cluster` silently mixes clusters together. Configured in `.promscope.yml`; off until configured.',
  howToFix: 'Add the labels to `by (...)` (the quick fix does), or remove them from `without (...)`.',
  pint: ['promql/aggregate'],
  defaults: { labels: [] },
  optionDocs: { labels: { description: 'labels that every aggregation must keep', default: [] } },
  examples: {
    options: { labels: ['cluster'] },
    invalid: ['sum by (job) (rate(http_requests_total[5m]))', 'sum without (cluster) (up)'],
    valid: ['sum by (cluster, job) (rate(http_requests_total[5m]))', 'sum without (instance) (up)'],
  },
  run(ctx) {
    walk(ctx.expr, (n) => {
      if (n.kind !== 'aggregate' || SELECTING_AGGREGATIONS.has(n.op)) return;
      const out = ctx.flow.of(n);
      const input = ctx.flow.of(n.expr);
      const lost = ctx.options.labels.filter((l) => !canCarry(out, l) && canCarry(input, l));
      if (lost.length === 0) return;
      let fix: Fix | undefined;
      if (n.grouping?.kind === 'by') {
        const at = n.grouping.listRange.end - 1;
        fix = { description: `keep ${lost.join(', ')}`, safe: true, edits: [{ range: { start: at, end: at }, newText: (n.grouping.labels.length ? ', ' : '') + lost.join(', ') }] };
      }
      ctx.report({ range: aggregationHead(n), message: `Policy: \`${describeAggregation(n)}\` drops ${lost.map((l) => `\`${l}\``).join(', ')}, which every aggregation must keep.`, fix });
    });
  },
});
