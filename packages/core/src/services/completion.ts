/**
 * Completion inside PromQL (any region: `.promql` files, `expr:` scalars of every style, dashboard
 * targets): functions with snippets, aggregations and their modifiers, keywords, durations, metric
 * names and label names/values from the workspace index and, when the shell fetched them, from a
 * live Prometheus.
 */
import { getAggregator, getFunction } from '../promql/functions';
import { encodeForStyle } from './encode';
import { availableAggregators, availableFunctions } from './availability';
import { promqlContextAt, type PromQLCompletionContext } from './promql-context';
import type { PromQLRegion } from './regions';
import { aggregatorParams, aggregatorSignature, callSnippet, functionParams } from './signatures';
import type { CompletionEntry, CompletionKind, CompletionResult, ServiceContext } from './types';

const MAX_DYNAMIC = 500;
const DURATIONS = ['1m', '5m', '10m', '15m', '30m', '1h', '6h', '12h', '1d', '7d'];

const KEYWORD_DOCS: Record<string, string> = {
  by: 'Keep only the listed labels in the aggregation result.',
  without: 'Drop the listed labels from the aggregation result; keep the others.',
  on: 'Match series of both sides only on the listed labels.',
  ignoring: 'Ignore the listed labels when matching series of both sides.',
  group_left: 'Many-to-one matching: the left side may have several series per match.',
  group_right: 'One-to-many matching: the right side may have several series per match.',
  bool: 'Return 0/1 instead of filtering, for comparison operators.',
  offset: 'Shift the evaluation time of a selector into the past.',
  and: 'Intersection: left series that have a match on the right.',
  or: 'Union: left series plus right series without a match on the left.',
  unless: 'Complement: left series without a match on the right.',
  atan2: 'Arc tangent of left/right, element-wise.',
};

export function keywordDoc(word: string): string | undefined {
  return KEYWORD_DOCS[word.toLowerCase()];
}

interface Builder {
  add(label: string, kind: CompletionKind, extra?: Partial<CompletionEntry>): void;
  items: CompletionEntry[];
}

function builder(region: PromQLRegion, ctx: { from: number; to: number }): Builder {
  const range = { start: region.toFile(ctx.from), end: region.toFileEnd(ctx.to) };
  const seen = new Set<string>();
  const items: CompletionEntry[] = [];
  return {
    items,
    add(label, kind, extra = {}) {
      const key = `${kind}:${label}`;
      if (seen.has(key)) return;
      seen.add(key);
      const entry: CompletionEntry = { label, kind, range, ...extra };
      if (region.style === 'single' || region.style === 'double') {
        const raw = entry.insertText ?? label;
        const enc = encodeForStyle(raw, region.style);
        if (enc !== raw) entry.insertText = enc;
      }
      items.push(entry);
    },
  };
}

/** Quoting for a string inserted into the region (the scalar style may need escapes). */
function quoteLabelValue(v: string): string {
  return '"' + v.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

function addExpressionStarts(b: Builder, ctx: Extract<PromQLCompletionContext, { kind: 'expression' }>, sc: ServiceContext): boolean {
  let incomplete = false;
  if (ctx.afterAt) {
    b.add('start()', 'function', { insertText: 'start()', detail: '@ modifier', documentation: 'Evaluate at the start of the range query.' });
    b.add('end()', 'function', { insertText: 'end()', detail: '@ modifier', documentation: 'Evaluate at the end of the range query.' });
    return false;
  }
  for (const f of availableFunctions(sc.options)) {
    const params = functionParams(f);
    b.add(f.name, 'function', {
      detail: `${f.signature} → ${f.returnType}`,
      documentation: f.doc + (f.experimental ? '\n\nExperimental: needs `--enable-feature=promql-experimental-functions`.' : ''),
      insertText: callSnippet(f.name, params, f.minArgs),
      snippet: true,
      sortText: '2' + f.name,
    });
  }
  for (const a of availableAggregators(sc.options)) {
    const params = aggregatorParams(a);
    b.add(a.name, 'aggregation', {
      detail: aggregatorSignature(a),
      documentation: a.doc,
      insertText: callSnippet(a.name, params, params.length),
      snippet: true,
      sortText: '1' + a.name,
    });
  }
  if (ctx.afterComparison) b.add('bool', 'keyword', { documentation: KEYWORD_DOCS.bool, sortText: '0bool' });
  // after a binary operator: vector matching
  for (const kw of ['on', 'ignoring']) b.add(kw, 'keyword', { documentation: KEYWORD_DOCS[kw], insertText: `${kw}($1)`, snippet: true, sortText: '4' + kw });
  const metrics = new Map<string, { detail: string; doc?: string }>();
  for (const m of sc.index?.metrics() ?? []) {
    const detail = m.source === 'recorded' ? 'recording rule' : m.source === 'test-series' ? 'series in a rule test' : 'metric used in the workspace';
    metrics.set(m.name, { detail, doc: m.expr ? '```promql\n' + m.expr.trim() + '\n```' : undefined });
  }
  for (const name of sc.live?.metricNames ?? []) {
    if (metrics.has(name)) continue;
    const md = sc.live?.metadata?.[name];
    metrics.set(name, { detail: md?.type ? `${md.type} (Prometheus)` : 'metric (Prometheus)', doc: md?.help });
  }
  let names = [...metrics.keys()];
  if (names.length > MAX_DYNAMIC) {
    const p = ctx.prefix.toLowerCase();
    names = names.filter((n) => n.toLowerCase().includes(p)).slice(0, MAX_DYNAMIC);
    incomplete = true;
  }
  for (const n of names) {
    const m = metrics.get(n)!;
    b.add(n, 'metric', { detail: m.detail, documentation: m.doc, sortText: '0' + n });
  }
  return incomplete;
}

function addAfterExpression(b: Builder, ctx: Extract<PromQLCompletionContext, { kind: 'expression' }>): void {
  for (const kw of ['and', 'or', 'unless', 'atan2']) b.add(kw, 'operator', { documentation: KEYWORD_DOCS[kw], sortText: '1' + kw });
  b.add('offset', 'keyword', { documentation: KEYWORD_DOCS.offset, sortText: '2offset' });
  for (const kw of ['group_left', 'group_right']) b.add(kw, 'keyword', { documentation: KEYWORD_DOCS[kw], sortText: '3' + kw });
  if (ctx.afterAggregation) {
    for (const kw of ['by', 'without']) b.add(kw, 'keyword', { documentation: KEYWORD_DOCS[kw], insertText: `${kw} ($1)`, snippet: true, sortText: '0' + kw });
  }
}

/** Completion for a cursor at `offset` (a file offset inside `region`). */
export function completePromQL(region: PromQLRegion, offset: number, sc: ServiceContext = {}): CompletionResult {
  const at = region.fromFile(offset);
  if (at === null) return { items: [], isIncomplete: false };
  const ctx = promqlContextAt(region.text, at);
  return completeInContext(region, ctx, sc);
}

export function completeInContext(region: PromQLRegion, ctx: PromQLCompletionContext, sc: ServiceContext): CompletionResult {
  if (ctx.kind === 'none') return { items: [], isIncomplete: false };
  const b = builder(region, ctx);
  let isIncomplete = false;
  switch (ctx.kind) {
    case 'expression':
      if (ctx.afterExpression) addAfterExpression(b, ctx);
      else isIncomplete = addExpressionStarts(b, ctx, sc);
      break;
    case 'duration':
      DURATIONS.forEach((d, i) => b.add(d, 'duration', { sortText: String(i).padStart(2, '0') }));
      break;
    case 'label-name':
    case 'grouping-label': {
      const names = new Set<string>(sc.index?.labelNames(ctx.metric) ?? []);
      for (const l of sc.live?.labelNames ?? []) names.add(l);
      if (ctx.kind === 'label-name') for (const m of ctx.matchers) names.delete(m.name);
      names.delete('__name__');
      for (const n of [...names].sort()) b.add(n, 'label', { detail: ctx.metric ? `label of ${ctx.metric}` : 'label' });
      break;
    }
    case 'label-value': {
      const values = new Set<string>(sc.index?.labelValues(ctx.label, ctx.metric) ?? []);
      for (const v of sc.live?.labelValues ?? []) values.add(v);
      for (const v of [...values].sort()) {
        b.add(v, 'label-value', {
          detail: `${ctx.label}${ctx.metric ? ` of ${ctx.metric}` : ''}`,
          insertText: ctx.quote === null ? quoteLabelValue(v) : v,
        });
      }
      break;
    }
  }
  return { items: b.items, isIncomplete };
}

/** Is `name` a function or aggregation (for callers that classify words)? */
export function isCallable(name: string): boolean {
  return !!getFunction(name) || !!getAggregator(name);
}
