import { walk } from '../../labelflow/expr';
import { COUNTER_FUNCTIONS, COUNTER_SUFFIXES, isCounterName, isRecordedName } from '../counters';
import { defineCheck } from '../define';

/** the suffixes as the message lists them */
const SUFFIXES = COUNTER_SUFFIXES.map((s) => `\`${s}\``).join(', ');

export default defineCheck({
  id: 'promql/rate-non-counter',
  severity: 'info',
  scope: 'expr',
  memo: 'expression',
  summary: '`rate`/`irate`/`increase` over a metric whose name does not say it is a counter.',
  why: 'These functions treat every decrease as a counter reset; over a gauge they produce nonsense spikes. Prometheus itself emits the same hint at query time (`PossibleNonCounterInfo`) for names not ending in `_total`, `_count`, `_sum` or `_bucket`. For a gauge use `deriv()` or `delta()`.',
  howToFix: 'Use `deriv()`/`delta()` for gauges; if the metric really is a counter, consider naming it `..._total`. Native histograms (no suffix) are fine: suppress the hint there.',
  links: ['https://prometheus.io/docs/prometheus/latest/querying/functions/#rate', 'https://prometheus.io/docs/practices/naming/'],
  pint: ['promql/rate'],
  defaults: {},
  examples: {
    invalid: ['rate(node_memory_MemFree_bytes[5m])'],
    valid: ['rate(http_requests_total[5m])', 'increase(http_request_duration_seconds_count[1h])', 'rate(job:http_requests:sum[5m])', 'deriv(node_memory_MemFree_bytes[5m])'],
  },
  run(ctx) {
    walk(ctx.expr, (n, parents) => {
      if (n.kind !== 'call' || !COUNTER_FUNCTIONS.has(n.func)) return;
      // native histograms have no suffix: histogram_*() around the rate says so
      if (parents.some((p) => p.kind === 'call' && p.func.startsWith('histogram_'))) return;
      const arg = n.args[0];
      if (!arg || arg.kind !== 'matrix') return;
      const name = arg.selector.name;
      if (!name || isCounterName(name) || isRecordedName(name)) return;
      ctx.report({
        range: arg.selector.nameRange ?? arg.selector.range,
        message: `${n.func}() expects a counter, but \`${name}\` does not end in ${SUFFIXES}; for a gauge use deriv() or delta().`,
      });
    });
  },
});
