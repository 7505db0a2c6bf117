import { type Expr, walk } from '../../labelflow/expr';
import { isRecordedName } from '../counters';
import { defineCheck } from '../define';

/** Aggregations whose value is meaningless over raw counters (count/group only look at series). */
const VALUE_AGGREGATIONS = new Set(['sum', 'avg', 'min', 'max', 'stddev', 'stdvar', 'quantile', 'topk', 'bottomk']);
/** Functions that look at a counter's series or timestamps, not at its value. */
const SERIES_FUNCTIONS = new Set(['absent', 'timestamp', 'count_values', 'label_replace', 'label_join', 'sort', 'sort_desc']);

function hasOffset(e: Expr): boolean {
  let x = e;
  while (x.kind === 'paren') {
    if (x.via === 'offset' || x.via === 'at') return true;
    x = x.expr;
  }
  return false;
}

export default defineCheck({
  id: 'promql/counter-without-rate',
  severity: 'warning',
  scope: 'expr',
  memo: 'expression-and-rule-kind',
  summary: 'A `_total` counter aggregated or alerted on by its raw value.',
  why: "A counter's raw value is the count since the process started: it resets on every restart and grows forever, so summing it or comparing it to a threshold measures uptime as much as the event. `rate()` or `increase()` give the recent behaviour.",
  howToFix: 'Wrap the counter in `rate(...[5m])` or `increase(...[1h])`.',
  links: ['https://prometheus.io/docs/prometheus/latest/querying/functions/#rate'],
  pint: ['promql/counter'],
  defaults: {},
  examples: {
    invalid: ['sum by (job) (http_requests_total)', 'groups:\n  - name: g\n    rules:\n      - alert: TooManyErrors\n        expr: http_errors_total > 100\n'],
    valid: ['sum by (job) (rate(http_requests_total[5m]))', 'count(http_requests_total)', 'http_requests_total - http_requests_total offset 1h'],
  },
  run(ctx) {
    const isAlert = ctx.rule?.kind === 'alert';
    walk(ctx.expr, (n, parents) => {
      if (n.kind !== 'selector' || !n.name?.endsWith('_total') || isRecordedName(n.name)) return;
      // walk up: find the first thing that decides what happens to the raw value
      let child: Expr = n;
      for (let i = parents.length - 1; i >= 0; i--) {
        const p = parents[i];
        if (p.kind === 'matrix' || p.kind === 'subquery') return;
        if (p.kind === 'call') {
          if (SERIES_FUNCTIONS.has(p.func)) {
            if (p.func.startsWith('label_') || p.func.startsWith('sort')) {
              child = p;
              continue;
            }
            return;
          }
          return; // any other function: its own business (changes, resets, clamp...)
        }
        if (p.kind === 'aggregate') {
          if (p.param === child) return;
          if (VALUE_AGGREGATIONS.has(p.op)) {
            ctx.report({ range: n.nameRange ?? n.range, message: `\`${n.name}\` is a counter: ${p.op}() of its raw value grows forever and drops on restarts; aggregate rate() or increase() of it instead.`, notes: [{ message: `${p.op}() is here`, range: p.opRange }] });
          }
          return;
        }
        if (p.kind === 'binary') {
          if (p.op === 'and' || p.op === 'unless' || p.op === 'or') return;
          if (hasOffset(p.lhs) || hasOffset(p.rhs)) return; // x - x offset 1h: a manual increase
          if (p.op === '-' || p.op === '/') return; // differences and ratios of counters are deliberate
        }
        child = p;
      }
      if (isAlert) ctx.report({ range: n.nameRange ?? n.range, message: `\`${n.name}\` is a counter: alerting on its raw value fires on uptime and clears on restarts; use rate() or increase().` });
    });
  },
});
