import { forEachNodeOfKind } from '../../labelflow/expr';
import { matchesEverything } from '../regex-literal';
import { defineCheck } from '../define';

export default defineCheck({
  id: 'promql/regex-match-all',
  severity: 'info',
  scope: 'expr',
  memo: 'expression',
  summary: 'A matcher `label=~".*"` that matches every series.',
  why: '`.*` also matches the empty string, and a missing label has the empty value: the matcher filters nothing. If the intent is "the label is set", that is `label!=""` (or `=~".+"`).',
  howToFix: 'Remove the matcher, or write `label!=""` if the label must be present.',
  pint: ['promql/regexp'],
  defaults: {},
  examples: { invalid: ['up{job=~".*"}'], valid: ['up{job!=""}', 'up{job=~".+"}', 'up{job=~"api.*"}', '{__name__=~".*", job="api"}'] },
  run(ctx) {
    forEachNodeOfKind(ctx.expr, 'selector', (n) => {
      // `{__name__=~".*", ...}` is the idiom for "any metric": there the matcher is needed
      for (const m of n.matchers) {
        if (m.op !== '=~' || m.label === '__name__' || !matchesEverything(m.value)) continue;
        if (n.matchers.length === 1 && !n.name) continue; // the only matcher: the selector needs one
        ctx.report({ range: m.range, message: `${m.label}=~"${m.value}" matches every series (a missing label too): it filters nothing.` });
      }
    });
  },
});
