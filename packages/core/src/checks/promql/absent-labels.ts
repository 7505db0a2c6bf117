import { unwrap, walk, forEachNodeOfKind } from '../../labelflow/expr';
import { defineCheck } from '../define';

export default defineCheck({
  id: 'promql/absent-labels',
  severity: 'info',
  scope: 'expr',
  memo: 'expression',
  summary: '`absent()` over something other than a plain selector: its result has no labels.',
  why: '`absent(up{job="api"})` returns `{job="api"}`: it copies the equality matchers of a plain selector. Over an aggregation, a function or a binary operation there is nothing to copy and the result is `{}`, so the labels the selector names (and `$labels` in alert templates) are empty.',
  howToFix: 'Apply absent() to the selector itself (`absent(up{job="api"})`), or add the labels to the rule.',
  defaults: {},
  examples: {
    invalid: ['absent(sum by (job) (up{job="api"}))', 'absent(rate(http_requests_total{job="api"}[5m]))'],
    valid: ['absent(up{job="api"})', 'absent_over_time(up{job="api"}[5m])', 'absent(sum(up))'],
  },
  run(ctx) {
    forEachNodeOfKind(ctx.expr, 'call', (n) => {
      if ((n.func !== 'absent' && n.func !== 'absent_over_time') || !n.args[0]) return;
      const arg = unwrap(n.args[0]);
      if (arg.kind === 'selector' || arg.kind === 'matrix') return;
      const lost = new Set<string>();
      walk(arg, (s) => {
        if (s.kind === 'selector') for (const m of s.matchers) if (m.op === '=' && m.label !== '__name__' && m.value !== '') lost.add(m.label);
      });
      if (lost.size === 0) return;
      ctx.report({
        range: n.funcRange,
        message: `${n.func}() of ${arg.kind === 'aggregate' ? `${arg.op}()` : arg.kind === 'call' ? `${arg.func}()` : 'an expression'} returns no labels: ${[...lost].map((l) => `\`${l}\``).join(', ')} from the selector will not be on the result.`,
      });
    });
  },
});
