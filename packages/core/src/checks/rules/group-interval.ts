import { formatDuration } from '../../labelflow/duration';
import { defineCheck } from '../define';

const LOOKBACK_MS = 5 * 60_000;

export default defineCheck({
  id: 'rules/group-interval',
  severity: 'warning',
  scope: 'group',
  summary: 'A rule group `interval` longer than 5m (the staleness lookback).',
  why: 'A sample is only visible to queries for 5 minutes (the lookback delta). Series recorded less often than that disappear between evaluations: graphs have gaps, and alerts reading them resolve and re-fire. Alerts of the group itself flap unless `keep_firing_for` covers the interval.',
  howToFix: 'Use an interval of at most 5m (recording rules that must be cheap: compute a longer window, `rate(x[1h])`, every few minutes).',
  links: ['https://prometheus.io/docs/prometheus/latest/querying/basics/#staleness'],
  pint: ['group/interval'],
  defaults: {},
  examples: {
    invalid: ['groups:\n  - name: slow\n    interval: 10m\n    rules:\n      - record: job:http_requests:rate1h\n        expr: sum by (job) (rate(http_requests_total[1h]))\n'],
    valid: ['groups:\n  - name: slow\n    interval: 5m\n    rules:\n      - record: job:http_requests:rate1h\n        expr: sum by (job) (rate(http_requests_total[1h]))\n'],
  },
  run(ctx) {
    const iv = ctx.group.interval;
    if (!iv || iv.ms === null || iv.ms <= LOOKBACK_MS) return;
    ctx.report({ range: iv.range, message: `interval ${formatDuration(iv.ms)} is longer than the 5m lookback: results of this group go stale between evaluations (gaps, flapping alerts).` });
  },
});
