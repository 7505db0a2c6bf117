import { walk } from '../../labelflow/expr';
import { compileRegex } from '../../promql/regex';
import { defineCheck } from '../define';

export default defineCheck<{ metrics: Record<string, string[]> }>({
  id: 'policy/selector-labels',
  severity: 'warning',
  scope: 'expr',
  policy: true,
  summary: 'Team policy: labels a selector of a given metric must filter on.',
  why: 'Some metrics exist once per cluster, tenant or environment; a selector without that label reads all of them. Configured in `.promscope.yml` as metric-name regex → required labels; off until configured.',
  howToFix: 'Add a matcher for the label: `up{cluster="prod"}`.',
  pint: ['promql/selector'],
  defaults: { metrics: {} },
  optionDocs: { metrics: { description: 'map of metric-name regex (RE2, anchored) → labels every selector of it must match on', default: {} } },
  examples: {
    options: { metrics: { 'kube_.+': ['cluster'] } },
    invalid: ['sum by (namespace) (kube_pod_info)'],
    valid: ['sum by (namespace) (kube_pod_info{cluster="prod"})', 'up'],
  },
  run(ctx) {
    const rules = Object.entries(ctx.options.metrics).map(([re, labels]) => ({ re: compileRegex(re), labels }));
    walk(ctx.expr, (n) => {
      if (n.kind !== 'selector' || !n.name) return;
      for (const r of rules) {
        if (!r.re.matches?.(n.name)) continue;
        const missing = r.labels.filter((l) => !n.matchers.some((m) => m.label === l));
        if (missing.length) ctx.report({ range: n.range, message: `Policy: selectors of \`${n.name}\` must filter on ${missing.map((l) => `\`${l}\``).join(', ')}.` });
      }
    });
  },
});
