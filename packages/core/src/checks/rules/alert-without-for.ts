import { some, unwrap } from '../../labelflow/expr';
import { isComparisonOperator } from '../../promql/functions';
import { defineCheck } from '../define';

export default defineCheck({
  id: 'rules/alert-without-for',
  severity: 'info',
  scope: 'rule',
  summary: 'An alert without `for` on a threshold over an instant value, which flaps.',
  why: 'Without `for` the alert fires on the first evaluation where the threshold is crossed and resolves on the next where it is not. A gauge or a one-sample value (`up == 0`, `node_load1 > 10`) crosses thresholds on every blip: notifications flap. A few minutes of `for` (or a `*_over_time` window) only alerts on lasting problems.',
  howToFix: 'Add `for: 5m` (or whatever the problem must last to matter), or compare a windowed value (`avg_over_time(x[5m]) > 10`).',
  defaults: {},
  examples: {
    invalid: ['groups:\n  - name: g\n    rules:\n      - alert: HighLoad\n        expr: node_load1 > 10\n'],
    valid: [
      'groups:\n  - name: g\n    rules:\n      - alert: HighLoad\n        expr: node_load1 > 10\n        for: 10m\n',
      'groups:\n  - name: g\n    rules:\n      - alert: HighErrorRate\n        expr: rate(errors_total[10m]) > 1\n',
      'groups:\n  - name: g\n    rules:\n      - alert: HighLoad\n        expr: node_load1 > 10\n        for: 0s\n',
      'groups:\n  - name: g\n    rules:\n      - alert: CertificateExpiring\n        expr: cert_expiry_timestamp_seconds - time() < 86400\n',
    ],
  },
  run(ctx) {
    const { rule, parsed } = ctx;
    if (rule.kind !== 'alert' || !parsed.expr) return;
    if (rule.for) return; // an explicit `for: 0s` is a decision, not an omission
    const root = unwrap(parsed.expr);
    if (root.kind !== 'binary' || !isComparisonOperator(root.op) || root.bool) return;
    // windowed values (rates, *_over_time, subqueries) are already smoothed; absent() has its own logic
    if (some(root, (n) => n.kind === 'matrix' || n.kind === 'subquery' || (n.kind === 'call' && (n.func.startsWith('absent') || n.func === 'time')))) return;
    // ages, TTLs and timestamps move steadily: they cross a threshold once
    if (some(root, (n) => n.kind === 'selector' && /(_timestamp|_time|_seconds|_ttl|_expir\w*)$/.test(n.name ?? '') && /(time|ttl|expir|age)/.test(n.name ?? ''))) return;
    if (some(root, (n) => n.kind === 'selector' && n.name === 'ALERTS')) return;
    ctx.report({ range: rule.nameRange, message: `\`${rule.name}\` has no \`for\` and compares an instant value: it fires and resolves on every blip; add \`for:\` or compare a windowed value.` });
  },
});
