import { forEachNodeOfKind } from '../../labelflow/expr';
import { formatDuration, parseDuration } from '../../labelflow/duration';
import { defineCheck } from '../define';

const FUNCS = new Set(['rate', 'increase']);

export default defineCheck<{ scrapeInterval: string | null; minScrapes: number; minScrapesAssumed: number }>({
  id: 'promql/range-too-short',
  severity: 'warning',
  scope: 'expr',
  summary: '`rate`/`increase` over a range shorter than 4 scrape intervals.',
  why: 'rate() needs at least two samples in the range, and a missed scrape or a scrape-time jitter removes one. With fewer than about four scrape intervals in the range the result has gaps and jumps. When the interval is only assumed (Prometheus\'s default 1m, nothing configured) the check only asks for two samples, since most setups scrape more often. The interval is the job\'s `scrape_interval` from the workspace prometheus.yml when the selector names a `job`, else the prometheus.yml `global` one, else the `scrapeInterval` option (for rule files without a prometheus.yml in view), else Prometheus\'s default 1m. The prometheus.yml is the one among the checked files (`promscope check`) or in the editor\'s workspace; with several, the one whose `rule_files` name the file, else the nearest up the folder tree (jobs of its `scrape_config_files` count too).',
  howToFix: 'Use a range of at least four scrape intervals (`[4m]` at 1m, `[2m]` at 30s), or `$__rate_interval` in Grafana.',
  links: ['https://www.robustperception.io/what-range-should-i-use-with-rate/'],
  pint: ['promql/rate'],
  defaults: { scrapeInterval: null, minScrapes: 4, minScrapesAssumed: 2 },
  optionDocs: {
    scrapeInterval: { description: 'the scrape interval to assume (e.g. `30s`) when prometheus.yml does not say', default: null },
    minScrapes: { description: 'how many scrape intervals the range must cover when the interval is known (prometheus.yml or `scrapeInterval`)', default: 4 },
    minScrapesAssumed: { description: 'the same when the interval is only assumed (no prometheus.yml, no `scrapeInterval`): the range must at least hold two samples', default: 2 },
  },
  examples: {
    invalid: ['rate(http_requests_total[1m])', 'sum(increase(http_requests_total{job="api"}[90s]))'],
    valid: ['rate(http_requests_total[5m])', 'increase(http_requests_total[1h])', 'rate(http_requests_total[2m])'],
  },
  run(ctx) {
    const configured = ctx.options.scrapeInterval ? parseDuration(ctx.options.scrapeInterval) : null;
    forEachNodeOfKind(ctx.expr, 'call', (n) => {
      if (!FUNCS.has(n.func)) return;
      const m = n.args[0];
      if (!m || m.kind !== 'matrix' || m.rangeMs === null) return;
      const job = m.selector.matchers.find((x) => x.label === 'job' && x.op === '=')?.value;
      const fromConfig = job !== undefined ? ctx.env.jobScrapeIntervalMs(job) : undefined;
      // the job's interval, else prometheus.yml's global one, else the option, else Prometheus's default
      const interval = fromConfig ?? (ctx.env.scrapeIntervalKnown ? ctx.env.defaultScrapeIntervalMs : (configured ?? ctx.env.defaultScrapeIntervalMs));
      const known = fromConfig !== undefined || configured !== null || ctx.env.scrapeIntervalKnown;
      const scrapes = known ? ctx.options.minScrapes : ctx.options.minScrapesAssumed;
      const min = interval * scrapes;
      if (m.rangeMs >= min) return;
      ctx.report({
        range: m.durationRange,
        message: `[${formatDuration(m.rangeMs)}] covers fewer than ${scrapes} scrapes at a${known ? '' : 'n assumed'} ${formatDuration(interval)} scrape interval${fromConfig !== undefined ? ` (job "${job}")` : ''}: ${n.func}() will have gaps; use at least [${formatDuration(min)}]${known ? '' : ' (set the interval with the `scrapeInterval` option)'}.`,
      });
    });
  },
});
