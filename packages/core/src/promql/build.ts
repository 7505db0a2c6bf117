/**
 * Builds the typed AST (ast.ts) from a lezer-promql tree, and makes the checks Prometheus's grammar
 * actions make while building (generated_parser.y / parse.go: newAggregateExpr, addOffset,
 * setTimestamp, setAnchored, matrix/subquery construction, duration expressions, literal values,
 * label matchers and their regexes, function lookup and feature gates).
 *
 * The type checks Prometheus runs on the finished tree (checkAST) are in check.ts.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type { Range } from '../diagnostics/types';
import type {
  AggregateExpr,
  AtModifier,
  BinaryExpr,
  Call,
  DurationExpr,
  DurationNode,
  DurationOp,
  Expr,
  FillModifier,
  GroupModifier,
  Grouping,
  InvalidExpr,
  LabelMatcher,
  MatchOp,
  MatrixSelector,
  Modifiers,
  Name,
  NumberLiteral,
  OffsetModifier,
  StringLiteral,
  SubqueryExpr,
  VectorMatching,
  VectorSelector,
} from './ast';
import { FEATURES, getAggregator, getFunctionForVersion, isSetOperator } from './functions';
import { describeToken } from './lexer';
import { parseNumberOrDuration, unquote } from './literals';
import { compileRegex } from './regex';
import { goQuote } from './quote';

export interface FeatureSet {
  /** target Prometheus version as [major, minor] */
  version: [number, number];
  experimentalFunctions: boolean;
  extendedRangeSelectors: boolean;
  binopFillModifiers: boolean;
  durationExpr: boolean;
}

/** Where problems go; `flag` names the `--enable-feature` that would accept the input. */
export type Reporter = (range: Range, message: string, flag?: string) => void;

export interface BuildContext {
  /** the original text (names and literals are read from it) */
  text: string;
  features: FeatureSet;
  report: Reporter;
  /** end offset of Prometheus's token starting at an offset (lezer may split `5.`; rewritten names) */
  tokenEnd?: (start: number) => number | undefined;
  /** sorted start offsets of lezer error nodes (marks `hasError` nodes) */
  errorOffsets?: number[];
}

const r = (n: SyntaxNode): Range => ({ start: n.from, end: n.to });
const span = (a: Range, b: Range): Range => ({ start: a.start, end: b.end });

function kids(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}


const EXPR_NODES = new Set([
  'AggregateExpr', 'BinaryExpr', 'FunctionCall', 'MatrixSelector', 'NumberDurationLiteral', 'OffsetExpr', 'AnchoredExpr',
  'SmoothedExpr', 'ParenExpr', 'StringLiteral', 'SubqueryExpr', 'UnaryExpr', 'VectorSelector', 'StepInvariantExpr',
]);

const exprIds = new Map<object, boolean>();

export function isExprNode(n: SyntaxNode): boolean {
  const t = n.type;
  let v = exprIds.get(t);
  if (v === undefined) exprIds.set(t, (v = EXPR_NODES.has(t.name)));
  return v;
}

/** the first expression child of `n` */
function exprChild(n: SyntaxNode): SyntaxNode | null {
  for (let c = n.firstChild; c; c = c.nextSibling) if (isExprNode(c)) return c;
  return null;
}

/** Build the AST of the whole expression (the `PromQL` top node's child). */
export function buildAST(tree: Tree, ctx: BuildContext): Expr | undefined {
  const top = tree.topNode;
  const first = kids(top).find(isExprNode);
  if (!first) return undefined;
  return new Builder(ctx).expr(first);
}

class Builder {
  constructor(private readonly ctx: BuildContext) {}

  private text(n: SyntaxNode | Range): string {
    return 'from' in n ? this.ctx.text.slice(n.from, n.to) : this.ctx.text.slice(n.start, n.end);
  }

  private err(range: Range, message: string, flag?: string): void {
    this.ctx.report(range, message, flag);
  }

  /** an unbuildable node; the expressions inside it are still built (and so checked) */
  private invalid(n: SyntaxNode): InvalidExpr {
    const parts = kids(n).filter(isExprNode).map((c) => this.expr(c));
    return { kind: 'Invalid', range: r(n), type: 'none', hasError: true, parts };
  }

  expr(n: SyntaxNode): Expr {
    let e: Expr;
    switch (n.type.name) {
      case 'NumberDurationLiteral':
        e = this.number(n, 'expression');
        break;
      case 'StringLiteral':
        e = this.string(n);
        break;
      case 'VectorSelector':
        e = this.vectorSelector(n);
        break;
      case 'ParenExpr': {
        const inner = exprChild(n);
        if (!inner) return this.invalid(n);
        const ie = this.expr(inner);
        e = { kind: 'ParenExpr', expr: ie, range: r(n), type: ie.type };
        break;
      }
      case 'UnaryExpr':
        e = this.unary(n);
        break;
      case 'BinaryExpr':
        e = this.binary(n);
        break;
      case 'FunctionCall':
        e = this.call(n);
        break;
      case 'AggregateExpr':
        e = this.aggregate(n);
        break;
      case 'MatrixSelector':
      case 'SubqueryExpr':
        e = this.bracket(n);
        break;
      case 'OffsetExpr':
        e = this.offset(n);
        break;
      case 'StepInvariantExpr':
        e = this.at(n);
        break;
      case 'AnchoredExpr':
      case 'SmoothedExpr':
        e = this.anchoredSmoothed(n);
        break;
      default:
        return this.invalid(n);
    }
    if (this.ctx.errorOffsets?.length && this.coversError(n)) e.hasError = true;
    return e;
  }

  /** whether a grammar error lies inside `n` (binary search over the sorted error offsets) */
  private coversError(n: SyntaxNode): boolean {
    const offs = this.ctx.errorOffsets!;
    let lo = 0;
    let hi = offs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (offs[mid]! < n.from) lo = mid + 1;
      else hi = mid;
    }
    return lo < offs.length && offs[lo]! <= n.to;
  }

  // ----- literals -----------------------------------------------------------------------------

  /** A number token as Prometheus lexes it (lezer may stop early, e.g. at `5.`). */
  private numberRange(n: SyntaxNode): Range {
    if (!this.ctx.tokenEnd) return r(n);
    // a signed literal (`-5.`): the number token starts after the sign
    let i = n.from;
    const t = this.ctx.text;
    if (t[i] === '-' || t[i] === '+') {
      i++;
      while (i < n.to && /\s/.test(t[i]!)) i++;
    }
    const end = this.ctx.tokenEnd(i);
    return { start: n.from, end: end !== undefined && end > n.to ? end : n.to };
  }

  /** whether the target Prometheus is `major.minor` or later */
  private since(major: number, minor: number): boolean {
    const [a, b] = this.ctx.features.version;
    return a > major || (a === major && b >= minor);
  }

  /**
   * `context`: where a duration literal stands for a number. Before 2.54 it could not (the grammar
   * took a duration only in brackets and after `offset`): Prometheus's message then.
   */
  number(n: SyntaxNode, context?: 'expression' | '@'): NumberLiteral {
    const range = this.numberRange(n);
    const full = this.text(range);
    let raw = full;
    let sign = 1;
    let start = range.start;
    // NumberDurationLiteral may carry its sign (`-1`, fill values)
    const c0 = full.charCodeAt(0);
    if (c0 === 0x2b || c0 === 0x2d) {
      if (c0 === 0x2d) sign = -1;
      let i = 1;
      while (i < full.length && /\s/.test(full[i]!)) i++;
      start += i;
      raw = full.slice(i);
    }
    const v = parseNumberOrDuration(raw);
    if (v.error) this.err({ start, end: range.end }, v.error);
    else if (context && v.duration && !this.since(2, 54)) this.err({ start, end: range.end }, `unexpected duration ${goQuote(raw)}${context === '@' ? ' in @, expected timestamp' : ''}`);
    return { kind: 'NumberLiteral', value: sign * v.value, raw: full, duration: v.duration, range, type: 'scalar' };
  }

  string(n: SyntaxNode): StringLiteral {
    const raw = this.text(n);
    return { kind: 'StringLiteral', value: unquote(raw), raw, range: r(n), type: 'string' };
  }

  private quotedName(n: SyntaxNode, context = 'label matching', expected = 'identifier or "}"'): Name {
    // QuotedLabelName > StringLiteral
    const s = n.type.name === 'StringLiteral' ? n : (n.firstChild ?? n);
    const raw = this.text(s);
    // (an empty node is lezer's recovery, `{= a "b"}`: no string is there)
    if (this.ctx.features.version[0] < 3 && raw.length > 0) {
      // quoted (UTF-8) names arrived with Prometheus 3.0
      this.err(r(s), `unexpected ${describeToken({ type: 'STRING', start: s.from, end: s.to, val: raw })} in ${context}, expected ${expected}`);
    }
    return { value: unquote(raw), range: r(s), quoted: true };
  }

  // ----- selectors ----------------------------------------------------------------------------

  vectorSelector(n: SyntaxNode): VectorSelector {
    const vs: VectorSelector = { kind: 'VectorSelector', matchers: [], range: r(n), type: 'instant vector' };
    for (let c = n.firstChild; c; c = c.nextSibling) {
      const name = c.type.name;
      if (name === 'Identifier') vs.name = { value: this.text(c), range: r(c), quoted: false };
      else if (name === 'LabelMatchers') {
        vs.bracesRange = r(c);
        for (let m = c.firstChild; m; m = m.nextSibling) {
          const lm = this.matcher(m);
          if (lm) vs.matchers.push(lm);
        }
      }
    }
    return vs;
  }

  private matcher(m: SyntaxNode): LabelMatcher | undefined {
    const name = m.type.name;
    if (name === 'QuotedLabelName') {
      const q = this.quotedName(m);
      const value: StringLiteral = { kind: 'StringLiteral', value: q.value, raw: this.text(m), range: r(m), type: 'string' };
      return { range: r(m), label: { value: '__name__', range: r(m), quoted: true }, op: '=', opRange: { start: m.from, end: m.from }, value, metricNameOnly: true };
    }
    if (name !== 'UnquotedLabelMatcher' && name !== 'QuotedLabelMatcher') return undefined;
    // one pass over the children (this runs for every label matcher)
    const labelNode = m.firstChild;
    let opNode: SyntaxNode | null = null;
    let valueNode: SyntaxNode | null = null;
    for (let c = labelNode?.nextSibling ?? null; c; c = c.nextSibling) {
      const cn = c.type.name;
      if (cn === 'MatchOp') opNode ??= c;
      else if (cn === 'StringLiteral') valueNode ??= c;
    }
    if (!labelNode || !opNode || !valueNode) return undefined;
    const label: Name = labelNode.type.name === 'LabelName' ? { value: this.text(labelNode), range: r(labelNode), quoted: false } : this.quotedName(labelNode);
    const op = this.text(opNode) as MatchOp;
    const value = this.string(valueNode);
    if (op === '=~' || op === '!~') {
      const re = compileRegex(value.value);
      if (re.error) this.err(value.range, re.error);
    }
    return { range: r(m), label, op, opRange: r(opNode), value };
  }

  /** `expr [ range ]` and `expr [ range : step? ]` */
  private bracket(n: SyntaxNode): Expr {
    let innerNode: SyntaxNode | null = null;
    const durs: SyntaxNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.type.name === 'DurationExpr') durs.push(c);
      else if (!innerNode && isExprNode(c)) innerNode = c;
    }
    if (!innerNode || durs.length === 0) return this.invalid(n);
    const inner = this.expr(innerNode);
    const open = this.ctx.text.indexOf('[', innerNode.to);
    const bracketRange = { start: open >= 0 && open < n.to ? open : innerNode.to, end: n.to };
    const rangeNode = this.positiveDuration(durs[0]!);
    const stepNode = durs[1] ? this.positiveDuration(durs[1]) : undefined;
    if (!this.since(2, 54)) {
      // before 2.54 the lexer read a duration in brackets, and failed on a number: where the range
      // should be, as its error ("missing unit character"); as the step, the grammar's
      if (rangeNode.kind === 'NumberLiteral' && !rangeNode.synthetic && !rangeNode.duration) this.err({ start: rangeNode.range.start, end: this.ctx.text.length }, 'missing unit character in duration');
      else if (stepNode?.kind === 'NumberLiteral' && !stepNode.synthetic && !stepNode.duration) this.err(stepNode.range, `unexpected number ${goQuote(stepNode.raw.trim())} in subquery selector, expected duration or "]"`);
    }
    if (n.type.name === 'MatrixSelector') {
      return this.pushDown(inner, (target) => {
        if (target.kind !== 'VectorSelector') this.err(bracketRange, 'ranges only allowed for vector selectors');
        else if (target.offset && target.offset.seconds !== 0) this.err(bracketRange, 'no offset modifiers allowed before range');
        else if (target.at) this.err(bracketRange, 'no @ modifiers allowed before range');
        const ms: MatrixSelector = {
          kind: 'MatrixSelector',
          selector: target,
          range_: rangeNode,
          bracketRange,
          range: { start: target.range.start, end: n.to },
          type: 'range vector',
        };
        return ms;
      });
    }
    return this.pushDown(inner, (target) => {
      const sq: SubqueryExpr = {
        kind: 'SubqueryExpr',
        expr: target,
        range_: rangeNode,
        step: stepNode,
        bracketRange,
        range: { start: target.range.start, end: n.to },
        type: 'range vector',
      };
      return sq;
    });
  }

  /**
   * Postfix syntax (`[...]`, `offset`, `@`, `anchored`, `smoothed`) binds tighter than every operator
   * in Prometheus's grammar; lezer attaches it to a whole binary/unary expression. Apply it to the
   * rightmost operand instead, as Prometheus does.
   */
  private pushDown(inner: Expr, apply: (target: Expr) => Expr): Expr {
    if (inner.kind === 'BinaryExpr') {
      inner.rhs = this.pushDown(inner.rhs, apply);
      inner.range = { start: inner.range.start, end: inner.rhs.range.end };
      return inner;
    }
    if (inner.kind === 'UnaryExpr') {
      inner.expr = this.pushDown(inner.expr, apply);
      inner.range = { start: inner.range.start, end: inner.expr.range.end };
      inner.type = inner.expr.type;
      return inner;
    }
    return apply(inner);
  }

  private offset(n: SyntaxNode): Expr {
    const cs = kids(n);
    const innerNode = cs.find(isExprNode);
    const kw = cs.find((c) => c.type.name === 'Offset');
    const durNode = cs.find((c) => c.type.name === 'OffsetDurationExpr');
    if (!innerNode || !kw || !durNode) return this.invalid(n);
    const inner = this.expr(innerNode);
    const d = this.offsetDuration(durNode);
    if (d.kind === 'NumberLiteral' && !d.synthetic && !d.duration && !this.since(2, 54)) this.err(d.range, `unexpected number ${goQuote(d.raw.trim())} in offset, expected duration`);
    const mod: OffsetModifier = { range: { start: kw.from, end: n.to }, keywordRange: r(kw), expr: d, seconds: d.kind === 'NumberLiteral' ? d.value : undefined };
    return this.pushDown(inner, (target) => {
      const holder = this.modifierHolder(target, 'offset');
      if (!holder) return target;
      if (holder.offset && holder.offset.seconds !== 0) {
        this.err(target.range, 'offset may not be set multiple times');
      } else holder.offset = mod;
      target.range = { start: target.range.start, end: n.to };
      return target;
    });
  }

  /**
   * The node whose modifiers an `offset`/`@` sets (Prometheus: the vector selector, also for a range
   * selector; the subquery itself), or undefined after reporting Prometheus's error.
   */
  private modifierHolder(target: Expr, what: 'offset' | '@'): Modifiers | undefined {
    if (target.kind === 'VectorSelector' || target.kind === 'SubqueryExpr') return target;
    if (target.kind === 'MatrixSelector') {
      if (target.selector.kind !== 'VectorSelector') {
        this.err(target.range, 'ranges only allowed for vector selectors');
        return undefined;
      }
      return target;
    }
    this.err(target.range, `${what === 'offset' ? 'offset' : '@'} modifier must be preceded by an instant vector selector or range vector selector or a subquery`);
    return undefined;
  }

  private at(n: SyntaxNode): Expr {
    const cs = kids(n);
    const innerNode = cs.find(isExprNode);
    const atTok = cs.find((c) => c.type.name === 'At');
    if (!innerNode || !atTok) return this.invalid(n);
    const inner = this.expr(innerNode);
    const numNode = cs.find((c, i) => i > 0 && c.type.name === 'NumberDurationLiteral');
    const pre = cs.find((c) => c.type.name === 'AtModifierPreprocessors');
    let mod: AtModifier;
    if (numNode) {
      const lit = this.number(numNode, '@');
      mod = { range: { start: atTok.from, end: n.to }, value: lit.value, valueRange: lit.range };
    } else if (pre) {
      mod = { range: { start: atTok.from, end: n.to }, value: this.text(pre).toLowerCase() === 'start' ? 'start' : 'end', valueRange: { start: pre.from, end: n.to } };
    } else return inner;
    return this.pushDown(inner, (target) => {
      if (typeof mod.value === 'number') {
        const ts = mod.value;
        if (!Number.isFinite(ts) || ts >= 9223372036854775807 || ts <= -9223372036854775808) {
          this.err(target.range, `timestamp out of bounds for @ modifier: ${goFloatF(ts)}`);
        }
      }
      const holder = this.modifierHolder(target, '@');
      if (!holder) return target;
      const vsAt = target.kind === 'MatrixSelector' && target.selector.kind === 'VectorSelector' ? target.selector.at : undefined;
      if (holder.at || vsAt) {
        this.err(target.range, '@ <timestamp> may not be set multiple times');
        return target;
      }
      holder.at = mod;
      target.range = { start: target.range.start, end: n.to };
      return target;
    });
  }

  private anchoredSmoothed(n: SyntaxNode): Expr {
    const cs = kids(n);
    const innerNode = cs.find(isExprNode);
    const kw = cs.find((c) => c.type.name === 'Anchored' || c.type.name === 'Smoothed');
    if (!innerNode || !kw) return this.invalid(n);
    const inner = this.expr(innerNode);
    const which = kw.type.name === 'Anchored' ? 'anchored' : 'smoothed';
    const other = which === 'anchored' ? 'smoothed' : 'anchored';
    return this.pushDown(inner, (target) => {
      if (!this.ctx.features.extendedRangeSelectors) {
        this.err(target.range, `${which} modifier is experimental and not enabled`, FEATURES.extendedRangeSelectors);
        return target;
      }
      let holder: Modifiers | undefined;
      if (target.kind === 'VectorSelector') holder = target;
      else if (target.kind === 'MatrixSelector') {
        if (target.selector.kind !== 'VectorSelector') return target;
        holder = target;
      } else if (target.kind === 'SubqueryExpr') {
        this.err(target.range, `${which} modifier is not supported for subqueries`);
        return target;
      } else {
        this.err(target.range, `${which} modifier not implemented`);
        return target;
      }
      holder[which] = r(kw);
      if (holder[other]) this.err(target.range, 'anchored and smoothed modifiers cannot be used together');
      target.range = { start: target.range.start, end: n.to };
      return target;
    });
  }

  // ----- durations ----------------------------------------------------------------------------

  /** positive_duration_expr: a literal range/step must be > 0 */
  private positiveDuration(n: SyntaxNode): DurationNode {
    const d = this.duration(n);
    // (before 2.54 a number there is the lexer's error, reported by the caller)
    if (d.kind === 'NumberLiteral' && !d.synthetic && d.value <= 0 && (d.duration || this.since(2, 54))) this.err(d.range, 'duration must be greater than 0');
    return d;
  }

  private gateDurationExpr(d: DurationExpr): void {
    if (!this.ctx.features.durationExpr) this.err(d.range, 'experimental duration expression is not enabled', FEATURES.durationExpr);
  }

  private durationLiteral(n: SyntaxNode): NumberLiteral {
    const lit = this.number(n);
    if (outOfRange(lit.value)) {
      this.err(lit.range, 'duration out of range');
      return { ...lit, value: 0, synthetic: true } as NumberLiteral;
    }
    return lit;
  }

  private duration(n: SyntaxNode): DurationNode {
    const cs = kids(n);
    const name = n.type.name;
    if (name === 'NumberDurationLiteralInDurationContext') return this.durationLiteral(n);
    if (name !== 'DurationExpr' && name !== 'OffsetDurationExpr') return this.durationLiteralOrInvalid(n);
    const first = cs[0];
    if (!first) return this.zero(n);
    const fname = first.type.name;
    if (fname === 'NumberDurationLiteralInDurationContext' && cs.length === 1) return this.durationLiteral(first);
    if (fname === 'UnaryOp') {
      const operand = cs[1] ? this.duration(cs[1]) : this.zero(n);
      return this.unaryDuration(first, operand, n);
    }
    if (fname === 'DurationStep' || fname === 'DurationRange') {
      const d: DurationExpr = { kind: 'DurationExpr', op: fname === 'DurationStep' ? 'step' : 'range', opRange: r(first), range: r(n), type: 'scalar' };
      this.gateDurationExpr(d);
      return d;
    }
    if (fname === 'DurationMinOf' || fname === 'DurationMaxOf') {
      const args = cs.filter((c) => c.type.name === 'DurationExpr').map((c) => this.duration(c));
      const d: DurationExpr = { kind: 'DurationExpr', op: fname === 'DurationMinOf' ? 'min_of' : 'max_of', opRange: r(first), lhs: args[0], rhs: args[1], range: r(n), type: 'scalar' };
      this.gateDurationExpr(d);
      return d;
    }
    const subs = cs.filter((c) => c.type.name === 'DurationExpr' || c.type.name === 'OffsetDurationExpr');
    if (subs.length === 1 && this.ctx.text[n.from] === '(') {
      const inner = this.duration(subs[0]!);
      const d: DurationExpr = { kind: 'DurationExpr', op: 'paren', lhs: inner, range: r(n), type: 'scalar' };
      this.gateDurationExpr(d);
      return d;
    }
    if (subs.length === 2) {
      const opNode = cs.find((c) => ['Add', 'Sub', 'Mul', 'Div', 'Mod', 'Pow'].includes(c.type.name));
      const lhs = this.duration(subs[0]!);
      const rhs = this.duration(subs[1]!);
      const op = (opNode ? this.text(opNode) : '+') as DurationOp;
      const d: DurationExpr = { kind: 'DurationExpr', op, opRange: opNode ? r(opNode) : undefined, lhs, rhs, range: r(n), type: 'scalar' };
      this.gateDurationExpr(lhs.kind === 'DurationExpr' ? lhs : d);
      if ((op === '/' || op === '%') && rhs.kind === 'NumberLiteral' && rhs.value === 0 && opNode) {
        this.err(r(opNode), op === '/' ? 'division by zero' : 'modulo by zero');
        return { kind: 'NumberLiteral', value: 0, raw: '', duration: false, range: r(n), type: 'scalar', synthetic: true } as NumberLiteral;
      }
      return d;
    }
    if (subs.length === 1) return this.duration(subs[0]!);
    return this.zero(n);
  }

  private durationLiteralOrInvalid(n: SyntaxNode): DurationNode {
    if (n.type.name === 'NumberDurationLiteral') return this.durationLiteral(n);
    return this.zero(n);
  }

  private zero(n: SyntaxNode): NumberLiteral {
    return { kind: 'NumberLiteral', value: 0, raw: '', duration: false, range: r(n), type: 'scalar', hasError: true, synthetic: true } as NumberLiteral;
  }

  private unaryDuration(opNode: SyntaxNode, operand: DurationNode, n: SyntaxNode): DurationNode {
    const neg = this.text(opNode) === '-';
    if (operand.kind === 'NumberLiteral') {
      const value = neg ? -operand.value : operand.value;
      if (outOfRange(value)) {
        this.err(r(opNode), 'duration out of range');
        return { ...operand, value: 0, synthetic: true } as NumberLiteral;
      }
      return { ...operand, value, range: { start: opNode.from, end: operand.range.end }, raw: this.text({ start: opNode.from, end: operand.range.end }) };
    }
    return { kind: 'DurationExpr', op: neg ? 'neg' : 'pos', opRange: r(opNode), rhs: operand, range: r(n), type: 'scalar' };
  }

  private offsetDuration(n: SyntaxNode): DurationNode {
    return this.duration(n);
  }

  // ----- operators ----------------------------------------------------------------------------

  private unary(n: SyntaxNode): Expr {
    let opNode: SyntaxNode | null = null;
    let innerNode: SyntaxNode | null = null;
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.type.name === 'UnaryOp') opNode ??= c;
      else if (!innerNode && isExprNode(c)) innerNode = c;
    }
    if (!opNode || !innerNode) return this.invalid(n);
    const inner = this.expr(innerNode);
    const op = this.text(opNode) === '-' ? '-' : '+';
    if (inner.kind === 'NumberLiteral') {
      // Prometheus folds a sign into a number literal
      return { ...inner, value: op === '-' ? -inner.value : inner.value, range: r(n), raw: this.text(n) };
    }
    return { kind: 'UnaryExpr', op, opRange: r(opNode), expr: inner, range: r(n), type: inner.type };
  }

  private binary(n: SyntaxNode): Expr {
    let lhsNode: SyntaxNode | null = null;
    let rhsNode: SyntaxNode | null = null;
    let opNode: SyntaxNode | null = null;
    let boolNode: SyntaxNode | null = null;
    let matchNode: SyntaxNode | null = null;
    let fillNode: SyntaxNode | null = null;
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (isExprNode(c)) {
        if (!lhsNode) lhsNode = c;
        else if (!rhsNode) rhsNode = c;
        else return this.invalid(n);
        continue;
      }
      const name = c.type.name;
      if (BIN_OPS.has(name)) opNode = c;
      else if (name === 'BoolModifier') boolNode = c;
      else if (name === 'MatchingModifierClause') matchNode = c;
      else if (name === 'FillModifier') fillNode = c;
    }
    if (!lhsNode || !rhsNode || !opNode) return this.invalid(n);
    let lhs = this.expr(lhsNode);
    const rhs = this.expr(rhsNode);
    const op = this.text(opNode).toLowerCase();
    // `</` and `>/` arrived in 3.11: before, `>/` was `>` and then an unexpected `/`
    if ((op === '</' || op === '>/') && !this.since(3, 11)) this.err({ start: opNode.from + 1, end: opNode.to }, 'unexpected <op:/>');
    // `-1 ^ 2` is `-(1 ^ 2)` in Prometheus (unary minus binds like `*`, looser than `^`); lezer folds
    // the sign into the literal. Rebuild the unary expression around the power.
    let sign: { op: '+' | '-'; range: Range } | undefined;
    if (op === '^' && lhs.kind === 'NumberLiteral' && (lhs.raw[0] === '-' || lhs.raw[0] === '+')) {
      const s = lhs.raw[0] as '+' | '-';
      let skip = 1;
      while (skip < lhs.raw.length && /\s/.test(lhs.raw[skip]!)) skip++;
      sign = { op: s, range: { start: lhs.range.start, end: lhs.range.start + 1 } };
      lhs = { ...lhs, value: s === '-' ? -lhs.value : lhs.value, raw: lhs.raw.slice(skip), range: { start: lhs.range.start + skip, end: lhs.range.end } };
    }
    const be: BinaryExpr = {
      kind: 'BinaryExpr',
      op,
      opRange: r(opNode),
      lhs,
      rhs,
      card: 'one-to-one',
      range: r(n),
      type: lhs.type === 'scalar' && rhs.type === 'scalar' ? 'scalar' : 'instant vector',
    };
    if (boolNode) be.bool = r(boolNode);
    if (matchNode) this.matching(matchNode, be);
    if (fillNode) be.fill = this.fill(fillNode);
    if (be.card === 'one-to-one' && isSetOperator(op)) be.card = 'many-to-many';
    if (be.fill && !this.ctx.features.binopFillModifiers) this.err(be.range, 'binop fill modifiers are experimental and not enabled', FEATURES.binopFillModifiers);
    if (sign) {
      be.range = { start: be.lhs.range.start, end: be.range.end };
      return { kind: 'UnaryExpr', op: sign.op, opRange: sign.range, expr: be, range: r(n), type: be.type };
    }
    return be;
  }

  private matching(c: SyntaxNode, be: BinaryExpr): void {
    const cs = kids(c);
    const kw = cs[0];
    const lists = cs.filter((x) => x.type.name === 'GroupingLabels');
    if (!kw) return;
    const vm: VectorMatching = {
      on: kw.type.name === 'On',
      keywordRange: r(kw),
      labels: lists[0] ? this.groupingLabels(lists[0]) : [],
      range: lists[0] ? span(r(kw), r(lists[0])) : r(kw),
    };
    be.matching = vm;
    const g = cs.find((x) => x.type.name === 'GroupLeft' || x.type.name === 'GroupRight');
    if (g) {
      const list = lists[1];
      const gm: GroupModifier = {
        side: g.type.name === 'GroupLeft' ? 'left' : 'right',
        keywordRange: r(g),
        labels: list ? this.groupingLabels(list) : [],
        range: list ? span(r(g), r(list)) : r(g),
      };
      be.group = gm;
      be.card = gm.side === 'left' ? 'many-to-one' : 'one-to-many';
    }
  }

  private fill(c: SyntaxNode): FillModifier {
    const fm: FillModifier = { range: r(c) };
    for (const clause of kids(c)) {
      const lit = kids(clause).find((x) => x.type.name === 'NumberDurationLiteral');
      if (!lit) continue;
      const v = this.number(lit);
      if (clause.type.name === 'FillClause') {
        fm.left = v;
        fm.right = v;
      } else if (clause.type.name === 'FillLeftClause') fm.left = v;
      else if (clause.type.name === 'FillRightClause') fm.right = v;
    }
    return fm;
  }

  private groupingLabels(n: SyntaxNode): Name[] {
    const out: Name[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) {
      let name: Name | undefined;
      if (c.type.name === 'LabelName') name = { value: this.text(c), range: r(c), quoted: false };
      else if (c.type.name === 'QuotedLabelName') name = this.quotedName(c, 'grouping opts', 'label');
      if (!name) continue;
      if (name.value === '' || (name.quoted && !isValidUTF8Name(name.value))) this.err(name.range, `invalid label name for grouping: ${goQuote(name.value)}`);
      out.push(name);
    }
    return out;
  }

  // ----- calls and aggregations ---------------------------------------------------------------

  private args(body: SyntaxNode | undefined): Expr[] {
    const out: Expr[] = [];
    if (body) for (let c = body.firstChild; c; c = c.nextSibling) if (isExprNode(c)) out.push(this.expr(c));
    return out;
  }

  private call(n: SyntaxNode): Expr {
    let id: SyntaxNode | null = null;
    let body: SyntaxNode | null = null;
    for (let c = n.firstChild; c; c = c.nextSibling) {
      const name = c.type.name;
      if (name === 'FunctionIdentifier') id ??= c;
      else if (name === 'FunctionCallBody') body ??= c;
    }
    if (!id || !body) return this.invalid(n);
    const tokEnd = this.ctx.tokenEnd?.(id.from);
    const nameRange = { start: id.from, end: tokEnd !== undefined && tokEnd > id.to ? tokEnd : id.to };
    const nameText = this.text(nameRange);
    const func = getFunctionForVersion(nameText, this.ctx.features.version);
    if (!func) this.err(nameRange, `unknown function with name ${goQuote(nameText)}`);
    else if (func.experimental && !this.ctx.features.experimentalFunctions) this.err(nameRange, `function ${goQuote(nameText)} is not enabled`, FEATURES.experimentalFunctions);
    const call: Call = {
      kind: 'Call',
      name: { value: nameText, range: nameRange, quoted: false },
      func,
      args: this.args(body),
      argsRange: r(body),
      range: r(n),
      type: func?.returnType ?? 'none',
      // an unknown function is a parse error in Prometheus: nothing around it is type-checked
      ...(func ? {} : { hasError: true }),
    };
    return call;
  }

  private aggregate(n: SyntaxNode): Expr {
    let opNode: SyntaxNode | null = null;
    let body: SyntaxNode | null = null;
    let mod: SyntaxNode | null = null;
    for (let c = n.firstChild; c; c = c.nextSibling) {
      const name = c.type.name;
      if (name === 'AggregateOp') opNode = c;
      else if (name === 'FunctionCallBody') body = c;
      else if (name === 'AggregateModifier') mod = c;
    }
    if (!opNode || !body) return this.invalid(n);
    const op = this.text(opNode).toLowerCase();
    const info = getAggregator(op);
    const args = this.args(body);
    const ae: AggregateExpr = { kind: 'AggregateExpr', op, opRange: r(opNode), info, args, argsRange: r(body), range: r(n), type: 'instant vector' };
    if (mod) {
      const kw = mod.firstChild;
      let list: SyntaxNode | null = null;
      for (let c = kw; c && !list; c = c.nextSibling) if (c.type.name === 'GroupingLabels') list = c;
      if (kw) {
        const g: Grouping = { without: kw.type.name === 'Without', range: r(mod), keywordRange: r(kw), labels: list ? this.groupingLabels(list) : [] };
        ae.grouping = g;
      }
    }
    if (args.length === 0) {
      // Prometheus's range (the aggregation as reduced): to its body's `)`, or its modifier's after it;
      // a modifier lezer's recovery made of what follows (`sum()(x)`: `(x)`) is not part of it
      let end = body.to;
      if (mod && mod.from > body.from && !(mod.firstChild?.type.isError ?? false)) end = mod.to;
      this.err({ start: n.from, end }, 'no arguments for aggregate expression provided');
      return ae;
    }
    let desired = 1;
    if (info?.paramType) {
      if (info.experimental && !this.ctx.features.experimentalFunctions) {
        this.err(ae.range, `${op}() is experimental and must be enabled with --enable-feature=promql-experimental-functions`, FEATURES.experimentalFunctions);
        return ae;
      }
      desired = 2;
      ae.param = args[0];
    }
    if (args.length !== desired) {
      this.err(ae.range, `wrong number of arguments for aggregate expression provided, expected ${desired}, got ${args.length}`);
      return ae;
    }
    ae.expr = args[desired - 1];
    return ae;
  }
}

const BIN_OPS = new Set(['Pow', 'Mul', 'Div', 'Mod', 'Atan2', 'Add', 'Sub', 'Eql', 'Gte', 'Gtr', 'TrimUpper', 'TrimLower', 'Lte', 'Lss', 'Neq', 'And', 'Unless', 'Or']);

function outOfRange(v: number): boolean {
  return v > 9223372036.854775807 || v < -9223372036.854775808;
}

/** Go's `%f` of a float64 */
function goFloatF(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return v.toFixed(6);
}

function isValidUTF8Name(s: string): boolean {
  return !/[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''));
}


