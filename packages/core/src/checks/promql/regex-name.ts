import { forEachNodeOfKind } from '../../labelflow/expr';
import { isLiteralRegex } from '../regex-literal';
import { defineCheck } from '../define';

export default defineCheck({
  id: 'promql/regex-name',
  severity: 'info',
  scope: 'expr',
  memo: 'expression',
  summary: 'A regex on `__name__` that names a single metric: `{__name__=~"up"}`.',
  why: 'A literal regex on the metric name selects one metric, exactly like writing its name. The plain form is easier to read, works with every tool that looks for metric names (including promscope\'s recorded-metric graph) and avoids a regex scan of the name index.',
  howToFix: 'Write the name: `up{...}`.',
  pint: ['promql/regexp'],
  defaults: {},
  examples: { invalid: ['{__name__=~"up", job="api"}'], valid: ['up{job="api"}', '{__name__=~"node_.+", job="api"}'] },
  run(ctx) {
    forEachNodeOfKind(ctx.expr, 'selector', (n) => {
      for (const m of n.matchers) {
        if (m.label !== '__name__' || m.op !== '=~' || !isLiteralRegex(m.value)) continue;
        ctx.report({ range: m.range, message: `Write the metric name \`${m.value}\` instead of a regex on __name__.` });
      }
    });
  },
});
