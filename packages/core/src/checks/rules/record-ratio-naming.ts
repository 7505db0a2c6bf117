import { type Expr, selectors, unwrap } from '../../labelflow/expr';
import { valueTypeOf } from '../../labelflow/value-type';
import { defineCheck } from '../define';
import { parseRecordName } from '../record-name';

/** The metric a side of a division is about (its first selector's name). */
function metricOf(e: Expr): string | undefined {
  return selectors(e).find((s) => s.name)?.name;
}

/** The metric part of a recorded name, else the name without `_total`. */
function metricPart(name: string): string {
  const parts = name.split(':');
  return (parts.length === 3 ? parts[1] : name).replace(/_total$/, '');
}

function base(name: string): string {
  return name.replace(/_(sum|count)$/, '');
}

export default defineCheck({
  id: 'rules/record-ratio-naming',
  severity: 'info',
  scope: 'rule',
  summary: 'A recorded ratio not named `a_per_b:ratio…`, or a `_sum`/`_count` mean not named `mean…`.',
  why: 'Prometheus\'s naming practices: a division of two metrics is recorded as `level:a_per_b:ratio_<ops>`, and the average from a summary or histogram (`rate(x_sum) / rate(x_count)`) as `level:x:mean<window>`. The name is then enough to know that the series must not be summed or averaged again.',
  howToFix: 'Rename: `job:request_failures_per_requests:ratio_rate5m`, `instance:request_latency_seconds:mean5m`.',
  links: ['https://prometheus.io/docs/practices/rules/#examples'],
  defaults: {},
  examples: {
    invalid: [
      'groups:\n  - name: g\n    rules:\n      - record: job:request_failures:rate5m\n        expr: sum by (job) (rate(request_failures_total[5m])) / sum by (job) (rate(requests_total[5m]))\n',
      'groups:\n  - name: g\n    rules:\n      - record: instance:request_latency_seconds:rate5m\n        expr: rate(request_latency_seconds_sum[5m]) / rate(request_latency_seconds_count[5m])\n',
    ],
    valid: [
      'groups:\n  - name: g\n    rules:\n      - record: job:request_failures_per_requests:ratio_rate5m\n        expr: sum by (job) (rate(request_failures_total[5m])) / sum by (job) (rate(requests_total[5m]))\n',
      'groups:\n  - name: g\n    rules:\n      - record: instance:request_latency_seconds:mean5m\n        expr: rate(request_latency_seconds_sum[5m]) / rate(request_latency_seconds_count[5m])\n',
    ],
  },
  run(ctx) {
    const { rule, parsed } = ctx;
    if (rule.kind !== 'record' || !parsed.expr) return;
    const name = parseRecordName(rule.name);
    if (!name) return;
    const root = unwrap(parsed.expr);
    if (root.kind !== 'binary' || root.op !== '/' || valueTypeOf(root.lhs) === 'scalar' || valueTypeOf(root.rhs) === 'scalar') return;
    const a = metricOf(root.lhs);
    const b = metricOf(root.rhs);
    if (!a || !b || a === b) return;
    const ops = name.operations.split('_');
    if (a.endsWith('_sum') && b.endsWith('_count') && base(a) === base(b)) {
      if (!ops.some((o) => o.startsWith('mean'))) ctx.report({ range: rule.nameRange, message: `\`${a} / ${b}\` is a mean: name it \`${name.level}:${base(a)}:mean…\` (e.g. mean5m).` });
      return;
    }
    const missing: string[] = [];
    if (!name.metric.includes('_per_')) missing.push('`_per_` in the metric part');
    if (!ops.includes('ratio')) missing.push('`ratio` in the operations');
    if (missing.length) ctx.report({ range: rule.nameRange, message: `This records a ratio of \`${a}\` to \`${b}\`; the name lacks ${missing.join(' and ')} (e.g. \`${name.level}:${metricPart(a)}_per_${metricPart(b)}:ratio…\`).` });
  },
});
