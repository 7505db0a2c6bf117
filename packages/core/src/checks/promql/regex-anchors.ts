import type { TextEdit } from '../../diagnostics/types';
import { forEachNodeOfKind } from '../../labelflow/expr';
import { redundantAnchors } from '../regex-literal';
import { defineCheck } from '../define';

export default defineCheck({
  id: 'promql/regex-anchors',
  severity: 'info',
  scope: 'expr',
  memo: 'expression',
  summary: 'Anchors `^`/`$` in a matcher regex, which Prometheus adds itself.',
  why: 'Label-matcher regexes are fully anchored: `=~"^api$"` is `=~"api"`. The anchors suggest the regex would otherwise match a substring, which it never does.',
  howToFix: 'Drop the anchors.',
  pint: ['promql/regexp'],
  defaults: {},
  examples: { invalid: ['up{job=~"^api-.+$"}'], valid: ['up{job=~"api-.+"}', 'up{job=~"^a|b$"}'] },
  run(ctx) {
    forEachNodeOfKind(ctx.expr, 'selector', (n) => {
      for (const m of n.matchers) {
        if (m.op !== '=~' && m.op !== '!~') continue;
        const a = redundantAnchors(m.value);
        if (!a.start && !a.end) continue;
        const lit = ctx.text.slice(m.valueRange.start, m.valueRange.end);
        const edits: TextEdit[] = [];
        if (a.start && lit[1] === '^') edits.push({ range: { start: m.valueRange.start + 1, end: m.valueRange.start + 2 }, newText: '' });
        if (a.end && lit[lit.length - 2] === '$') edits.push({ range: { start: m.valueRange.end - 2, end: m.valueRange.end - 1 }, newText: '' });
        const which = a.start && a.end ? '`^` and `$` are' : a.start ? '`^` is' : '`$` is';
        ctx.report({
          range: m.valueRange,
          message: `${which} redundant: Prometheus anchors label regexes itself.`,
          fix: edits.length ? { description: 'remove the anchors', safe: true, edits } : undefined,
        });
      }
    });
  },
});
