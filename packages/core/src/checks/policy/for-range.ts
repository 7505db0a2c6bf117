import { formatDuration, parseDuration } from '../../labelflow/duration';
import { defineCheck } from '../define';

interface Bounds {
  min?: string;
  max?: string;
}

export default defineCheck<{ for?: Bounds; keepFiringFor?: Bounds }>({
  id: 'policy/for-range',
  severity: 'warning',
  scope: 'rule',
  policy: true,
  summary: 'Team policy: minimum/maximum `for` and `keep_firing_for` of alerting rules.',
  why: 'A minimum `for` keeps pages from flapping; a maximum keeps real outages from going unnoticed for too long. Configured in `.promscope.yml`; off until configured.',
  howToFix: 'Set `for`/`keep_firing_for` within the configured bounds.',
  pint: ['rule/for'],
  defaults: {},
  optionDocs: {
    for: { description: '`{ min: duration, max: duration }` for `for` (a missing `for` counts as 0s)' },
    keepFiringFor: { description: '`{ min, max }` for `keep_firing_for`' },
  },
  examples: {
    options: { for: { min: '1m', max: '1h' } },
    invalid: ['groups:\n  - name: g\n    rules:\n      - alert: InstanceDown\n        expr: up == 0\n', 'groups:\n  - name: g\n    rules:\n      - alert: InstanceDown\n        expr: up == 0\n        for: 2h\n'],
    valid: ['groups:\n  - name: g\n    rules:\n      - alert: InstanceDown\n        expr: up == 0\n        for: 5m\n'],
  },
  run(ctx) {
    const { rule } = ctx;
    if (rule.kind !== 'alert') return;
    for (const [key, bounds, d] of [['for', ctx.options.for, rule.for], ['keep_firing_for', ctx.options.keepFiringFor, rule.keepFiringFor]] as const) {
      if (!bounds) continue;
      const ms = d ? d.ms : 0;
      if (ms === null) continue;
      const min = bounds.min ? parseDuration(bounds.min) : null;
      const max = bounds.max ? parseDuration(bounds.max) : null;
      const range = d?.range ?? rule.nameRange;
      const shown = d ? d.text : 'not set (0s)';
      if (min !== null && ms < min) ctx.report({ range, message: `Policy: \`${key}\` must be at least ${formatDuration(min)}; it is ${shown}.` });
      if (max !== null && ms > max) ctx.report({ range, message: `Policy: \`${key}\` must be at most ${formatDuration(max)}; it is ${shown}.` });
    }
  },
});
