import type { ParsedRule } from '../define';
import type { RuleView } from '../model';
import { defineCheck } from '../define';
import { memoByText } from '../../text/memo';

/** The expression without insignificant whitespace, for comparison. */
function normalized(text: string): string {
  // no string literal and no comment: only white space to drop
  if (!/["'`#]/.test(text)) return text.replace(/\s+/g, '');
  let out = '';
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      out += c;
      if (c === '\\' && quote !== '`') out += text[++i] ?? '';
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
      out += c;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (!/\s/.test(c)) out += c;
  }
  return out;
}

/** normalized texts of the latest expressions (a re-analysed file asks for the same ones) */
const normalizedOf = memoByText(normalized);

/**
 * The comparison key of a rule: its normalized expression and the key of its labels (two parts:
 * equal keys are equal pairs; a map per expression text then finds a rule by its labels). The
 * label key of a view with several labels, or of a moved view's origin, is kept with it: an
 * editor's file-wide pass meets the same views after every edit (a view met once with no or one
 * label: the key is made at once).
 */
const labelKeys = new WeakMap<RuleView, string>();

function labelKeyOf(p: ParsedRule): string {
  // a moved view has its origin's content (shifted offsets only)
  const view = p.rule.origin ?? p.rule;
  // no or one label, met once (not a moved view): made at once
  if (view.labels.length < 2 && p.rule.origin === undefined) return labelKey(view);
  let k = labelKeys.get(view);
  if (k === undefined) {
    k = labelKey(view);
    labelKeys.set(view, k);
  }
  return k;
}

function labelKey(view: RuleView): string {
  const labels = view.labels;
  // what the general form gives for no label or one (nothing to sort), without the arrays
  if (labels.length === 0) return '[]';
  if (labels.length === 1) return `[[${JSON.stringify(labels[0].key)},${JSON.stringify(labels[0].value.value)}]]`;
  return JSON.stringify(labels.map((l) => [l.key, l.value.value]).sort());
}

export default defineCheck({
  id: 'rules/duplicate-expression',
  severity: 'warning',
  scope: 'file',
  summary: 'The same expression (with the same labels) recorded twice under different names.',
  why: 'Two recording rules with one expression store the same series twice: double the cost in the TSDB and in remote storage, and two names for readers to keep in sync.',
  howToFix: 'Keep one rule and point the users of the other at it.',
  defaults: {},
  examples: {
    invalid: ['groups:\n  - name: g\n    rules:\n      - record: job:http_requests:rate5m\n        expr: sum by (job) (rate(http_requests_total[5m]))\n      - record: job:requests:rate5m\n        expr: sum by(job)(rate(http_requests_total[5m]))\n'],
    valid: ['groups:\n  - name: g\n    rules:\n      - record: job:http_requests:rate5m\n        expr: sum by (job) (rate(http_requests_total[5m]))\n      - record: job:http_requests:rate1h\n        expr: sum by (job) (rate(http_requests_total[1h]))\n'],
  },
  // the expression compared, the labels and the name (in the message); nothing of other rules
  reads(rule) {
    const view = rule.origin ?? rule;
    return view.kind !== 'record' || !view.expr ? '' : `${normalizedOf(view.expr.value)}\u0000${labelKey(view)}\u0000${view.name}`;
  },
  run(ctx) {
    // normalized expression → label key → the first rule with both
    const seen = new Map<string, Map<string, ParsedRule>>();
    for (const p of ctx.rules) {
      if (p.rule.kind !== 'record' || !p.rule.expr) continue;
      const norm = normalizedOf(p.rule.expr.value);
      const labels = labelKeyOf(p);
      let byLabels = seen.get(norm);
      if (!byLabels) seen.set(norm, (byLabels = new Map()));
      const first = byLabels.get(labels);
      if (!first) {
        byLabels.set(labels, p);
        continue;
      }
      if (first.rule.name === p.rule.name) continue; // same name: rules/duplicate-rule's business
      ctx.report({
        range: p.rule.nameRange,
        message: `\`${p.rule.name}\` records the same expression as \`${first.rule.name}\`.`,
        notes: [{ message: `\`${first.rule.name}\` is defined here`, range: first.rule.nameRange }],
      });
    }
  },
});
