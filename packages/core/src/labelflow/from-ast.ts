/**
 * Adapter: the PromQL analyzer's typed AST (`promql/ast.ts`) → the label-flow view (`expr.ts`).
 * Used wherever the expression was already parsed (rule models, `parsePromQL`), so that it is
 * parsed once. Returns null for an AST with an error anywhere (checks stay silent then).
 */
import type { Range } from '../diagnostics/types';
import type { DurationNode, Expr as Ast, LabelMatcher, Modifiers, Name, VectorSelector } from '../promql/ast';
import type { Expr, LabelRef, Matcher, SelectorExpr } from './expr';
import { FEATURES } from '../promql/functions';
import { parsePromQL } from '../promql/index';

class Broken extends Error {}

function fail(): never {
  throw new Broken();
}

function labelRef(n: Name): LabelRef {
  return { name: n.value, range: n.range };
}

function durationMs(d: DurationNode | undefined): number | null {
  return d && d.kind === 'NumberLiteral' && Number.isFinite(d.value) ? Math.round(d.value * 1000) : null;
}

function matcher(m: LabelMatcher): Matcher {
  return {
    label: m.label.value,
    labelRange: m.label.range,
    op: m.op,
    opRange: m.opRange,
    value: m.value.value,
    valueRange: m.value.range,
    quote: m.value.raw[0] ?? '"',
    range: m.range,
  };
}

function selector(s: VectorSelector): SelectorExpr {
  const sel: SelectorExpr = { kind: 'selector', range: s.range, matchers: [], bracesRange: s.bracesRange };
  if (s.name) {
    sel.name = s.name.value;
    sel.nameRange = s.name.range;
  }
  for (const m of s.matchers) {
    if (m.metricNameOnly) {
      sel.name = m.value.value;
      sel.nameRange = m.value.range;
    } else sel.matchers.push(matcher(m));
  }
  if (sel.name === undefined) {
    const nm = sel.matchers.find((m) => m.label === '__name__' && m.op === '=');
    if (nm) {
      sel.name = nm.value;
      sel.nameRange = nm.valueRange;
    }
  }
  return sel;
}

/** offset/@/anchored/smoothed, which the view keeps as transparent wrappers. */
function withModifiers(e: Expr, m: Modifiers, whole: Range): Expr {
  let out = e;
  // offset and @ wrap in the order they are written
  const mods = [
    m.offset ? { via: 'offset' as const, range: m.offset.range } : undefined,
    m.at ? { via: 'at' as const, range: m.at.range } : undefined,
  ].filter((x): x is { via: 'offset' | 'at'; range: Range } => x !== undefined).sort((a, b) => a.range.start - b.range.start);
  for (const x of mods) out = { kind: 'paren', via: x.via, expr: out, range: { start: e.range.start, end: Math.max(x.range.end, out.range.end) } };
  if (m.anchored || m.smoothed) out = { kind: 'paren', via: 'modifier', expr: out, range: whole };
  return out;
}

function hasModifiers(m: Modifiers): boolean {
  return Boolean(m.offset || m.at || m.anchored || m.smoothed);
}

/** `(a, b)` of a grouping clause, found in the source after the keyword. */
function listRange(text: string, keywordEnd: number, end: number): Range {
  const open = text.indexOf('(', keywordEnd);
  return { start: open >= 0 && open < end ? open : keywordEnd, end };
}

function convert(n: Ast, text: string): Expr {
  if (n.hasError) fail();
  switch (n.kind) {
    case 'NumberLiteral':
      return { kind: 'number', value: n.value, range: n.range };
    case 'StringLiteral':
      return { kind: 'string', value: n.value, range: n.range };
    case 'VectorSelector': {
      const sel = selector(n);
      if (!hasModifiers(n)) return sel;
      // the selector's own range ends before its modifiers
      const end = Math.min(...[n.offset?.range.start, n.at?.range.start, n.anchored?.start, n.smoothed?.start].filter((x): x is number => x !== undefined));
      return withModifiers({ ...sel, range: { start: n.range.start, end: text.slice(n.range.start, end).trimEnd().length + n.range.start } }, n, n.range);
    }
    case 'MatrixSelector': {
      if (n.selector.kind !== 'VectorSelector' || hasModifiers(n.selector)) fail();
      const m: Expr = { kind: 'matrix', selector: selector(n.selector), rangeMs: durationMs(n.range_), durationRange: n.range_.range, range: { start: n.range.start, end: n.bracketRange.end } };
      return withModifiers(m, n, n.range);
    }
    case 'SubqueryExpr': {
      const s: Expr = {
        kind: 'subquery',
        expr: convert(n.expr, text),
        rangeMs: durationMs(n.range_),
        stepMs: durationMs(n.step),
        durationRange: n.range_.range,
        stepRange: n.step?.range,
        range: { start: n.range.start, end: n.bracketRange.end },
      };
      return withModifiers(s, n, n.range);
    }
    case 'Call':
      return { kind: 'call', func: n.name.value, funcRange: n.name.range, args: n.args.map((a) => convert(a, text)), range: n.range };
    case 'AggregateExpr': {
      if (!n.expr) fail();
      const g = n.grouping;
      return {
        kind: 'aggregate',
        op: n.op,
        opRange: n.opRange,
        grouping: g ? { kind: g.without ? 'without' : 'by', labels: g.labels.map(labelRef), range: g.range, listRange: listRange(text, g.keywordRange.end, g.range.end) } : undefined,
        param: n.param ? convert(n.param, text) : undefined,
        expr: convert(n.expr, text),
        range: n.range,
      };
    }
    case 'BinaryExpr': {
      const card = n.card === 'many-to-many' ? 'one-to-one' : n.card;
      const m = n.matching;
      const g = n.group;
      const matching =
        m || g
          ? {
              card,
              on: m?.on,
              labels: (m?.labels ?? []).map(labelRef),
              include: (g?.labels ?? []).map(labelRef),
              range: { start: (m ?? g)!.range.start, end: (g ?? m)!.range.end },
            }
          : undefined;
      return { kind: 'binary', op: n.op, opRange: n.opRange, bool: n.bool !== undefined, matching, lhs: convert(n.lhs, text), rhs: convert(n.rhs, text), range: n.range };
    }
    case 'UnaryExpr':
      return { kind: 'unary', op: n.op, expr: convert(n.expr, text), range: n.range };
    case 'ParenExpr':
      return { kind: 'paren', via: 'paren', expr: convert(n.expr, text), range: n.range };
    default:
      return fail();
  }
}

/** The view of an analyzed expression; `text` is the expression text the AST ranges point into. */
/** views of ASTs already converted (an AST shared by `parsePromQLShared` gets one shared view) */
const views = new WeakMap<Ast, Expr | null>();

export function exprFromAst(root: Ast | undefined, text: string): Expr | null {
  if (!root) return null;
  let v = views.get(root);
  if (v !== undefined) return v;
  try {
    v = convert(root, text);
  } catch (e) {
    if (!(e instanceof Broken)) throw e;
    v = null;
  }
  views.set(root, v);
  return v;
}

const ALL_FEATURES = Object.values(FEATURES);

/**
 * The view of an expression that has not been analysed yet (a fix's result, a bare string in a
 * test): parsed by the PromQL analyzer with every feature enabled, so that the view exists for any
 * expression Prometheus can parse under some flag. Null when it has an error.
 */
export function exprFromText(text: string): Expr | null {
  if (text.trim() === '') return null;
  const parsed = parsePromQL(text, { features: ALL_FEATURES });
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return null;
  return exprFromAst(parsed.root ?? undefined, text);
}
