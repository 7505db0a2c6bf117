import { forEachNodeOfKind } from '../../labelflow/expr';
import { isLiteralRegex } from '../regex-literal';
import { defineCheck } from '../define';

export default defineCheck({
  id: 'promql/regex-literal',
  severity: 'info',
  scope: 'expr',
  memo: 'expression',
  summary: 'A regex matcher whose regex is a plain string: `job=~"api"`.',
  why: 'Prometheus anchors every regex, so `=~"api"` matches exactly `api`: the same as `="api"`, only slower to read (and to match).',
  howToFix: 'Use `=` (or `!=` for `!~`).',
  links: ['https://prometheus.io/docs/prometheus/latest/querying/basics/#time-series-selectors'],
  pint: ['promql/regexp'],
  defaults: {},
  examples: { invalid: ['up{job=~"api"}', 'up{job!~"api"}'], valid: ['up{job="api"}', 'up{job=~"api|web"}', 'up{job=~"api.*"}'] },
  run(ctx) {
    forEachNodeOfKind(ctx.expr, 'selector', (n) => {
      for (const m of n.matchers) {
        if ((m.op !== '=~' && m.op !== '!~') || m.label === '__name__' || !isLiteralRegex(m.value)) continue;
        const eq = m.op === '=~' ? '=' : '!=';
        ctx.report({
          range: m.range,
          message: `Use ${m.label}${eq}"${m.value}": the regex matches only that one string.`,
          fix: { description: `replace ${m.op} with ${eq}`, safe: true, edits: [{ range: m.opRange, newText: eq }] },
        });
      }
    });
  },
});
