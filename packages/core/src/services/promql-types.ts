/**
 * Result type and kept labels of a PromQL expression node (lezer tree), for hover: what the
 * expression evaluates to and which labels its series carry.
 */
import type { SyntaxNode } from '@lezer/common';
import { getFunction } from '../promql/functions';

export type ResultType = 'instant vector' | 'range vector' | 'scalar' | 'string' | 'none';

const EXPR_NODES = new Set([
  'AggregateExpr',
  'BinaryExpr',
  'FunctionCall',
  'MatrixSelector',
  'NumberDurationLiteral',
  'OffsetExpr',
  'ParenExpr',
  'StringLiteral',
  'SubqueryExpr',
  'UnaryExpr',
  'VectorSelector',
  'StepInvariantExpr',
  'AnchoredExpr',
  'SmoothedExpr',
]);

export function isExprNode(n: SyntaxNode): boolean {
  return EXPR_NODES.has(n.name);
}

function firstExprChild(n: SyntaxNode): SyntaxNode | null {
  for (let c = n.firstChild; c; c = c.nextSibling) if (isExprNode(c)) return c;
  return null;
}

export function resultType(n: SyntaxNode, text: string): ResultType {
  switch (n.name) {
    case 'VectorSelector':
    case 'AggregateExpr':
      return 'instant vector';
    case 'MatrixSelector':
    case 'SubqueryExpr':
      return 'range vector';
    case 'NumberDurationLiteral':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'FunctionCall': {
      const id = n.getChild('FunctionIdentifier');
      const f = id ? getFunction(text.slice(id.from, id.to)) : undefined;
      return (f?.returnType as ResultType) ?? 'none';
    }
    case 'BinaryExpr': {
      const kids: SyntaxNode[] = [];
      for (let c = n.firstChild; c; c = c.nextSibling) if (isExprNode(c)) kids.push(c);
      return kids.length === 2 && kids.every((k) => resultType(k, text) === 'scalar') ? 'scalar' : 'instant vector';
    }
    default: {
      const inner = firstExprChild(n);
      return inner ? resultType(inner, text) : 'none';
    }
  }
}

function labelList(n: SyntaxNode | null, text: string): string[] {
  const out: string[] = [];
  for (let c = n?.firstChild ?? null; c; c = c.nextSibling) if (c.name === 'LabelName' || c.name === 'QuotedLabelName') out.push(text.slice(c.from, c.to));
  return out;
}

/** A sentence on the labels of the result's series. */
export function labelsKept(n: SyntaxNode, text: string): string {
  switch (n.name) {
    case 'VectorSelector':
    case 'MatrixSelector':
      return 'all labels of the selected series';
    case 'AggregateExpr': {
      const op = n.getChild('AggregateOp');
      const opName = op ? text.slice(op.from, op.to).toLowerCase() : '';
      if (['topk', 'bottomk', 'limitk', 'limit_ratio'].includes(opName)) return 'all labels of the input series';
      const mod = n.getChild('AggregateModifier');
      const labels = labelList(mod?.getChild('GroupingLabels') ?? null, text);
      if (mod?.getChild('By')) return labels.length ? `only ${labels.map((l) => '`' + l + '`').join(', ')}` : 'no labels';
      if (mod?.getChild('Without')) return `all input labels except ${['__name__', ...labels].map((l) => '`' + l + '`').join(', ')}`;
      return opName === 'count_values' ? 'only the value label' : 'no labels';
    }
    case 'FunctionCall': {
      const id = n.getChild('FunctionIdentifier');
      const name = id ? text.slice(id.from, id.to) : '';
      const f = getFunction(name);
      if (!f || f.returnType === 'scalar') return 'no labels (scalar)';
      if (name === 'vector' || name === 'time') return 'no labels';
      if (name === 'absent' || name === 'absent_over_time') return 'the equality matchers of the argument';
      if (name === 'label_replace' || name === 'label_join') return 'the input labels plus the destination label';
      if (['last_over_time', 'first_over_time', 'sort', 'sort_desc', 'sort_by_label', 'sort_by_label_desc'].includes(name)) return 'all labels of the input series';
      return 'the input labels without the metric name';
    }
    case 'BinaryExpr': {
      const mod = n.getChild('MatchingModifierClause');
      if (mod?.getChild('On')) return `labels of the "many" side; matched on ${labelList(mod.getChild('GroupingLabels'), text).map((l) => '`' + l + '`').join(', ') || 'no labels'}`;
      if (mod?.getChild('Ignoring')) return `labels of the "many" side; matched ignoring ${labelList(mod.getChild('GroupingLabels'), text).map((l) => '`' + l + '`').join(', ')}`;
      return 'labels of the left side (one-to-one matching on all labels)';
    }
    default: {
      const inner = firstExprChild(n);
      return inner ? labelsKept(inner, text) : '';
    }
  }
}
