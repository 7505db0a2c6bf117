import { defineCheck } from '../define';
import { hasRecordNameShape } from '../record-name';

export default defineCheck({
  id: 'rules/record-name-shape',
  severity: 'info',
  scope: 'rule',
  summary: 'A recording-rule name that is not `level:metric:operations`.',
  why: 'Prometheus\'s recording-rule practices name recorded series `level:metric:operations`: the labels kept, the source metric, the operations applied. Colons are reserved for recording rules, so a name with them can never be confused with a scraped metric, and tools (promscope\'s graph included) can tell recorded series apart.',
  howToFix: 'Rename to three colon-separated parts, e.g. `job:http_requests:rate5m`.',
  links: ['https://prometheus.io/docs/practices/rules/#naming'],
  defaults: {},
  examples: {
    invalid: [
      'groups:\n  - name: g\n    rules:\n      - record: http_requests_rate5m\n        expr: sum by (job) (rate(http_requests_total[5m]))\n',
      'groups:\n  - name: g\n    rules:\n      - record: job:http_requests_rate5m\n        expr: sum by (job) (rate(http_requests_total[5m]))\n',
    ],
    valid: ['groups:\n  - name: g\n    rules:\n      - record: job:http_requests:rate5m\n        expr: sum by (job) (rate(http_requests_total[5m]))\n'],
  },
  run(ctx) {
    const { rule } = ctx;
    if (rule.kind !== 'record') return;
    // three non-empty parts are the shape: nothing to split then
    if (hasRecordNameShape(rule.name)) return;
    const parts = rule.name.split(':');
    if (parts.length === 1) {
      ctx.report({ range: rule.nameRange, message: `\`${rule.name}\` has no colons: recorded series are named level:metric:operations, which also keeps them apart from scraped metrics.` });
    } else if (parts.length !== 3 || parts.some((p) => p === '')) {
      ctx.report({ range: rule.nameRange, message: `\`${rule.name}\` has ${parts.filter((p) => p !== '').length} non-empty colon-separated part(s); expected three: level:metric:operations.` });
    }
  },
});
