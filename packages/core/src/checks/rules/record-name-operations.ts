import { type Expr, forEachNodeOfKind } from '../../labelflow/expr';
import { formatDuration } from '../../labelflow/duration';
import { defineCheck } from '../define';
import { parseRecordName } from '../record-name';
import { memoByText } from '../../text/memo';

/** Operations named after an aggregation (`sum` is also the default name when nothing else fits). */
const NAMED_AGGREGATIONS = new Set(['avg', 'min', 'max', 'count']);

/** Does the expression apply `op` (as an aggregation, an `_over_time` function, or via a recorded input)? */
function aggregates(expr: Expr, op: string): boolean {
  let hit = false;
  // the nodes of the three kinds that can say so (no order: any one does)
  forEachNodeOfKind(expr, 'aggregate', (n) => {
    if (n.op === op || (op === 'count' && n.op === 'count_values')) hit = true;
  });
  if (hit) return true;
  const overTime = `${op}_over_time`;
  forEachNodeOfKind(expr, 'call', (n) => {
    if (n.func === overTime) hit = true;
  });
  return hit || readsRecordedOp(expr, op);
}

const WINDOW_OPS = /^(rate|irate|increase|delta|idelta|deriv)(\d+[smhdwy])$/;

/** Ranges (ms) the expression applies `func` to, and whether it reads a recorded series named with `op`. */
function uses(expr: Expr, func: string, op: string): { ranges: number[]; viaRecorded: boolean } {
  const ranges: number[] = [];
  // the calls in pre-order (the order `forEachNode` meets them)
  forEachNodeOfKind(expr, 'call', (n) => {
    if (n.func !== func) return;
    const a = n.args[0];
    if (a?.kind === 'matrix' && a.rangeMs !== null) ranges.push(a.rangeMs);
    if (a?.kind === 'subquery' && a.rangeMs !== null) ranges.push(a.rangeMs);
  });
  return { ranges, viaRecorded: readsRecordedOp(expr, op) };
}

/** whether a selector reads a recorded series whose operations (`level:metric:a_b`) include `op` */
function readsRecordedOp(expr: Expr, op: string): boolean {
  let hit = false;
  forEachNodeOfKind(expr, 'selector', (n) => {
    if (!hit && n.name !== undefined && operationsOf(n.name).includes(op)) hit = true;
  });
  return hit;
}

const NO_OPS: readonly string[] = [];

/** `name.split(':')[2]?.split('_') ?? []`, kept for the latest names (the same series are read by many rules) */
const operationsOf = memoByText((name): readonly string[] => {
  const third = name.split(':')[2];
  return third === undefined ? NO_OPS : third.split('_');
});

export default defineCheck({
  id: 'rules/record-name-operations',
  severity: 'info',
  scope: 'rule',
  summary: 'The `operations` of a recording-rule name disagree with its expression.',
  why: 'The operations part says what was done to the metric, newest first: `rate5m` for `rate(...[5m])`. A name saying `rate5m` over a `[1m]` range, or `max` over a `sum`, misleads every reader; `_total` is dropped after `rate`/`increase` (the result is no longer a counter); `sum` is left out when other operations are listed.',
  howToFix: 'Rename the rule so the operations say what the expression does.',
  links: ['https://prometheus.io/docs/practices/rules/#naming'],
  defaults: {},
  examples: {
    invalid: [
      'groups:\n  - name: g\n    rules:\n      - record: job:http_requests:rate5m\n        expr: sum by (job) (rate(http_requests_total[1m]))\n',
      'groups:\n  - name: g\n    rules:\n      - record: job:http_requests_total:rate5m\n        expr: sum by (job) (rate(http_requests_total[5m]))\n',
      'groups:\n  - name: g\n    rules:\n      - record: job:http_requests:sum_rate5m\n        expr: sum by (job) (rate(http_requests_total[5m]))\n',
      'groups:\n  - name: g\n    rules:\n      - record: job:memory_bytes:max\n        expr: sum by (job) (memory_bytes)\n',
    ],
    valid: [
      'groups:\n  - name: g\n    rules:\n      - record: job:http_requests:rate5m\n        expr: sum by (job) (rate(http_requests_total[5m]))\n',
      'groups:\n  - name: g\n    rules:\n      - record: job:http_requests:rate5m\n        expr: sum by (job) (instance:http_requests:rate5m)\n',
      'groups:\n  - name: g\n    rules:\n      - record: job:memory_bytes:max\n        expr: max by (job) (memory_bytes)\n',
    ],
  },
  run(ctx) {
    const { rule, parsed } = ctx;
    if (rule.kind !== 'record' || !parsed.expr) return;
    const name = parseRecordName(rule.name);
    if (!name) return;
    const ops = name.operations.split('_');
    let hasCounterOp = false;
    for (const op of ops) {
      const m = WINDOW_OPS.exec(op);
      if (!m) continue;
      const [, func, win] = m;
      if (func === 'rate' || func === 'irate' || func === 'increase') hasCounterOp = true;
      const u = uses(parsed.expr, func, op);
      if (u.viaRecorded) continue;
      if (u.ranges.length === 0) continue; // named after something else (another recorded rule, a subquery...)
      const want = formatDuration(u.ranges[0]);
      if (u.ranges.some((r) => formatDuration(r) === win)) continue;
      ctx.report({ range: rule.nameRange, message: `The name says \`${op}\` but the expression applies ${func}() over [${want}]: expected \`${func}${want}\`.` });
    }
    for (const op of ops) {
      if (!NAMED_AGGREGATIONS.has(op) || aggregates(parsed.expr, op)) continue;
      ctx.report({ range: rule.nameRange, message: `The name says \`${op}\` but the expression has no ${op}() (neither ${op}_over_time() nor a recorded \`${op}\` series).` });
    }
    if (hasCounterOp && name.metric.endsWith('_total')) {
      ctx.report({ range: rule.nameRange, message: `Drop \`_total\` from the metric part after a rate: \`${name.level}:${name.metric.slice(0, -'_total'.length)}:${name.operations}\`.` });
    }
    if (ops.length > 1 && ops.includes('sum')) {
      ctx.report({ range: rule.nameRange, message: `\`sum\` is left out of the operations when there are others: \`${name.level}:${name.metric}:${ops.filter((o) => o !== 'sum').join('_')}\`.` });
    }
  },
});
