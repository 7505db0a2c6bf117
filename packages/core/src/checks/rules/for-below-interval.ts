import { formatDuration } from '../../labelflow/duration';
import { defineCheck } from '../define';

export default defineCheck({
  id: 'rules/for-below-interval',
  severity: 'warning',
  scope: 'rule',
  summary: 'An alert `for` (or `keep_firing_for`) shorter than the group\'s evaluation interval.',
  why: 'Rules are evaluated once per interval, so the alert is pending for at least one whole interval: `for: 30s` in a 1m group behaves like `for: 1m`. The configured value promises a reaction time the rule cannot deliver.',
  howToFix: 'Set `for` to 0 or to at least the group interval (the group\'s `interval`, else the `global.evaluation_interval` of the prometheus.yml that governs the file, as for `promql/range-too-short`; default 1m).',
  defaults: {},
  examples: {
    invalid: ['groups:\n  - name: g\n    interval: 2m\n    rules:\n      - alert: InstanceDown\n        expr: up == 0\n        for: 30s\n'],
    valid: ['groups:\n  - name: g\n    interval: 30s\n    rules:\n      - alert: InstanceDown\n        expr: up == 0\n        for: 1m\n'],
  },
  run(ctx) {
    const { rule, group } = ctx;
    if (rule.kind !== 'alert') return;
    const interval = group.interval?.ms ?? ctx.env.evaluationIntervalMs;
    // (most alerts wait longer than the interval: nothing to word)
    const f = rule.for;
    const k = rule.keepFiringFor;
    if ((!f || f.ms === null || f.ms === 0 || f.ms >= interval) && (!k || k.ms === null || k.ms === 0 || k.ms >= interval)) return;
    const src = group.interval ? `the group interval ${formatDuration(interval)}` : `the evaluation interval ${formatDuration(interval)}`;
    for (const [key, d] of [['for', rule.for], ['keep_firing_for', rule.keepFiringFor]] as const) {
      if (!d || d.ms === null || d.ms === 0 || d.ms >= interval) continue;
      ctx.report({ range: d.range, message: `\`${key}: ${d.text}\` is shorter than ${src}: it acts as ${formatDuration(interval)}.` });
    }
  },
});
