/**
 * Hover inside PromQL: function and aggregation docs, keyword docs, a metric's recording rule
 * (expression and file) and its HELP/TYPE from a live server, and the result type and labels of
 * the expression under the cursor.
 */
import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode } from '@lezer/common';
import { getAggregator, getFunction } from '../promql/functions';
import { keywordDoc } from './completion';
import type { PromQLRegion } from './regions';
import { aggregatorSignature } from './signatures';
import { isExprNode, labelsKept, resultType } from './promql-types';
import type { HoverResult, ServiceContext } from './types';

const KEYWORD_NODES = new Set(['By', 'Without', 'On', 'Ignoring', 'GroupLeft', 'GroupRight', 'Bool', 'Offset', 'And', 'Or', 'Unless', 'Atan2']);

function fence(expr: string): string {
  return '```promql\n' + expr.trim() + '\n```';
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.replace(/^file:\/\//, '')).split('/').slice(-2).join('/');
}

/** The metric name under `offset` of a PromQL text (for the shell to fetch metadata). */
export function metricNameAt(text: string, offset: number): { name: string; from: number; to: number } | undefined {
  const node = parser.parse(text).resolveInner(offset, offset > 0 && !/[\w:]/.test(text[offset] ?? '') ? -1 : 1);
  for (let n: SyntaxNode | null = node; n; n = n.parent) {
    if (n.name === 'Identifier' && n.parent?.name === 'VectorSelector') return { name: text.slice(n.from, n.to), from: n.from, to: n.to };
    if (isExprNode(n)) break;
  }
  return undefined;
}

function metricHover(name: string, sc: ServiceContext): string[] {
  const parts: string[] = [`**${name}**`];
  const md = sc.live?.metadata?.[name];
  if (md) {
    if (md.type) parts.push(`TYPE \`${md.type}\`${md.unit ? ` · UNIT \`${md.unit}\`` : ''}`);
    if (md.help) parts.push(md.help);
  }
  for (const d of sc.index?.definitions(name) ?? []) {
    if (d.rule.kind !== 'record') continue;
    parts.push(`Recording rule in \`${fileName(d.uri)}\`${d.rule.group ? ` (group \`${d.rule.group}\`)` : ''}:`);
    if (d.rule.expr) parts.push(fence(d.rule.expr.text));
    if (d.rule.labels.length) parts.push('Labels: ' + d.rule.labels.map((l) => `\`${l.name}="${l.value}"\``).join(', '));
  }
  return parts;
}

export function hoverPromQL(region: PromQLRegion, offset: number, sc: ServiceContext = {}): HoverResult | undefined {
  const at = region.fromFile(offset);
  if (at === null) return undefined;
  const text = region.text;
  const tree = parser.parse(text);
  const leaf = tree.resolveInner(at, 1);
  const parts: string[] = [];
  let range: { start: number; end: number } | undefined;
  let exprNode: SyntaxNode | null = null;
  for (let n: SyntaxNode | null = leaf; n; n = n.parent) {
    if (!range) {
      if (n.name === 'FunctionIdentifier') {
        const f = getFunction(text.slice(n.from, n.to));
        if (f) {
          parts.push(fence(f.signature) + `\n\n→ ${f.returnType}`, f.doc);
          if (f.experimental) parts.push('Experimental: needs `--enable-feature=promql-experimental-functions`.');
          parts.push(`Since Prometheus ${f.since}.`);
          range = { start: n.from, end: n.to };
        }
      } else if (n.name === 'AggregateOp') {
        const a = getAggregator(text.slice(n.from, n.to));
        if (a) {
          parts.push(fence(aggregatorSignature(a)) + '\n\n→ instant vector', a.doc);
          range = { start: n.from, end: n.to };
        }
      } else if (KEYWORD_NODES.has(n.name)) {
        const doc = keywordDoc(text.slice(n.from, n.to));
        if (doc) {
          parts.push(`**${text.slice(n.from, n.to)}**`, doc);
          range = { start: n.from, end: n.to };
        }
      } else if (n.name === 'Identifier' && n.parent?.name === 'VectorSelector') {
        parts.push(...metricHover(text.slice(n.from, n.to), sc));
        range = { start: n.from, end: n.to };
      } else if (n.name === 'LabelName') {
        parts.push(`label \`${text.slice(n.from, n.to)}\``);
        range = { start: n.from, end: n.to };
      }
    }
    if (isExprNode(n) && n.name !== 'StringLiteral' && n.name !== 'NumberDurationLiteral') {
      exprNode = n;
      break;
    }
  }
  if (exprNode) {
    const kept = labelsKept(exprNode, text);
    parts.push(`---\nResult: **${resultType(exprNode, text)}**${kept ? ` — labels: ${kept}` : ''}`);
    if (!range) range = { start: exprNode.from, end: exprNode.to };
  }
  if (!range || parts.length === 0) return undefined;
  return { contents: parts.join('\n\n'), range: { start: region.toFile(range.start), end: region.toFileEnd(range.end) } };
}
