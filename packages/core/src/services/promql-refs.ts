/**
 * Metric references of one PromQL text: every vector selector's metric name with its range, and
 * the label matchers written next to it. Read from the lezer-promql tree.
 */
import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode } from '@lezer/common';
import type { Range } from '../diagnostics/types';
import { memoByText } from '../text/memo';

export interface SelectorRef {
  /** metric name as written (legacy identifier) */
  name: string;
  /** range of the name in the PromQL text */
  range: Range;
  /** label name → values from `=` matchers of the selector */
  labels: Map<string, Set<string>>;
}

function stringValue(raw: string): string {
  if (raw.length < 2) return '';
  const body = raw.slice(1, -1);
  return raw[0] === '`' ? body : body.replace(/\\(.)/g, '$1');
}

/**
 * The metric references of a PromQL text. Remembered by text (`memoByText`): the index takes the
 * facts of every model built, and successive models of a document share almost all expressions.
 * The result is shared: never modified by a caller.
 */
export const selectorRefs: (text: string) => readonly SelectorRef[] = memoByText(selectorRefsOf);

function selectorRefsOf(text: string): SelectorRef[] {
  const out: SelectorRef[] = [];
  const tree = parser.parse(text);
  const cursor = tree.cursor();
  do {
    if (cursor.name !== 'VectorSelector') continue;
    const node: SyntaxNode = cursor.node;
    const id = node.getChild('Identifier');
    if (!id) continue;
    const labels = new Map<string, Set<string>>();
    const matchers = node.getChild('LabelMatchers');
    if (matchers) {
      for (let m = matchers.firstChild; m; m = m.nextSibling) {
        if (m.name !== 'UnquotedLabelMatcher') continue;
        const ln = m.getChild('LabelName');
        const op = m.getChild('MatchOp');
        const val = m.getChild('StringLiteral');
        if (!ln || !op || !val || text.slice(op.from, op.to) !== '=') continue;
        const name = text.slice(ln.from, ln.to);
        let set = labels.get(name);
        if (!set) labels.set(name, (set = new Set()));
        set.add(stringValue(text.slice(val.from, val.to)));
      }
    }
    out.push({ name: text.slice(id.from, id.to), range: { start: id.from, end: id.to }, labels });
  } while (cursor.next());
  return out;
}

/** Label names an expression's `by (…)` clauses keep (a recording rule's output labels); remembered by text, shared like `selectorRefs`. */
export const groupingLabels: (text: string) => readonly string[] = memoByText(groupingLabelsOf);

function groupingLabelsOf(text: string): string[] {
  const tree = parser.parse(text);
  const out = new Set<string>();
  const top = tree.topNode.firstChild;
  // only the outermost aggregation decides which labels the result keeps
  let n: SyntaxNode | null = top;
  while (n && (n.name === 'ParenExpr' || n.name === 'BinaryExpr')) n = n.firstChild?.name === '(' ? n.firstChild.nextSibling : n.firstChild;
  if (n?.name === 'AggregateExpr') {
    const mod = n.getChild('AggregateModifier');
    if (mod?.getChild('By')) {
      const gl = mod.getChild('GroupingLabels');
      for (let c = gl?.firstChild; c; c = c.nextSibling) if (c.name === 'LabelName') out.add(text.slice(c.from, c.to));
    }
  }
  return [...out];
}
