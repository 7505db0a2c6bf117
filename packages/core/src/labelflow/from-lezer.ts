/**
 * Builds the typed view (`expr.ts`) from the lezer-promql tree. Not a parser: lezer parses, this
 * only reads its nodes. Returns null when the tree has an error node anywhere, or a shape
 * Prometheus would reject, so that checks stay silent on broken expressions (only `promql/syntax`
 * reports syntax).
 */
import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode } from '@lezer/common';
import type { Range } from '../diagnostics/types';
import type { Expr, Grouping, LabelRef, Matcher, MatchOp, SelectorExpr, VectorMatching } from './expr';
import { parseDuration } from './duration';
import { decodeStringLiteral } from './string-literal';

class Broken extends Error {}

function fail(): never {
  throw new Broken();
}

function rangeOf(n: SyntaxNode): Range {
  return { start: n.from, end: n.to };
}

function kids(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

const EXPR_NODES = new Set([
  'AggregateExpr', 'BinaryExpr', 'FunctionCall', 'MatrixSelector', 'NumberDurationLiteral', 'OffsetExpr', 'ParenExpr',
  'StringLiteral', 'SubqueryExpr', 'UnaryExpr', 'VectorSelector', 'StepInvariantExpr', 'AnchoredExpr', 'SmoothedExpr',
]);

function parseNumber(s: string): number {
  const t = s.trim().toLowerCase();
  if (t === 'inf' || t === '+inf') return Infinity;
  if (t === '-inf') return -Infinity;
  if (t === 'nan') return NaN;
  const sign = t.startsWith('-') ? -1 : 1;
  const u = t.replace(/^[+-]/, '');
  if (/^0x[0-9a-f]+$/.test(u)) return sign * parseInt(u, 16);
  if (/^0[0-7]+$/.test(u)) return sign * parseInt(u, 8); // Go's ParseInt(s, 0, 64): a leading 0 is octal
  const n = Number(t);
  if (!Number.isNaN(n)) return n;
  const d = parseDuration(t);
  return d === null ? NaN : d / 1000;
}

class Builder {
  constructor(private readonly text: string) {}

  src(n: SyntaxNode): string {
    return this.text.slice(n.from, n.to);
  }

  labelRefs(list: SyntaxNode | null): LabelRef[] {
    if (!list) return [];
    return kids(list)
      .filter((c) => c.name === 'LabelName' || c.name === 'QuotedLabelName')
      .map((c) => ({
        name: c.name === 'QuotedLabelName' ? decodeStringLiteral(this.src(c)) ?? fail() : this.src(c),
        range: rangeOf(c),
      }));
  }

  matcher(n: SyntaxNode): Matcher {
    const ks = kids(n);
    const ln = ks.find((c) => c.name === 'LabelName' || c.name === 'QuotedLabelName') ?? fail();
    const op = ks.find((c) => c.name === 'MatchOp') ?? fail();
    const lit = ks.find((c) => c.name === 'StringLiteral') ?? fail();
    const litText = this.src(lit);
    const label = ln.name === 'QuotedLabelName' ? decodeStringLiteral(this.src(ln)) ?? fail() : this.src(ln);
    return {
      label,
      labelRange: rangeOf(ln),
      op: this.src(op) as MatchOp,
      opRange: rangeOf(op),
      value: decodeStringLiteral(litText) ?? fail(),
      valueRange: rangeOf(lit),
      quote: litText[0],
      range: rangeOf(n),
    };
  }

  selector(n: SyntaxNode): SelectorExpr {
    const sel: SelectorExpr = { kind: 'selector', range: rangeOf(n), matchers: [] };
    for (const c of kids(n)) {
      if (c.name === 'Identifier') {
        sel.name = this.src(c);
        sel.nameRange = rangeOf(c);
      } else if (c.name === 'LabelMatchers') {
        sel.bracesRange = rangeOf(c);
        for (const m of kids(c)) {
          if (m.name === 'UnquotedLabelMatcher' || m.name === 'QuotedLabelMatcher') sel.matchers.push(this.matcher(m));
          else if (m.name === 'QuotedLabelName') {
            // `{"metric.name"}`: a bare quoted name inside the braces is the metric name
            sel.name = decodeStringLiteral(this.src(m)) ?? fail();
            sel.nameRange = rangeOf(m);
          } else if (m.name !== ',' && m.name !== '{' && m.name !== '}') fail();
        }
      }
    }
    if (!sel.name) {
      const nm = sel.matchers.find((m) => m.label === '__name__' && m.op === '=');
      if (nm) {
        sel.name = nm.value;
        sel.nameRange = nm.valueRange;
      }
    }
    return sel;
  }

  /** A postfix (range, subquery, offset, @) that lezer attached to a whole unparenthesised binary
   *  expression belongs, in Prometheus's grammar, to its right-most operand. */
  postfix(inner: SyntaxNode, make: (e: Expr) => Expr, n: SyntaxNode): Expr {
    const built = this.expr(inner);
    const push = (e: Expr): Expr => {
      if (e.kind === 'binary') {
        const rhs = push(e.rhs);
        return { ...e, rhs, range: { start: e.range.start, end: n.to } };
      }
      return make(e);
    };
    return inner.name === 'BinaryExpr' ? push(built) : make(built);
  }

  expr(n: SyntaxNode): Expr {
    const r = rangeOf(n);
    switch (n.name) {
      case 'PromQL': {
        const e = kids(n).filter((c) => EXPR_NODES.has(c.name));
        if (e.length !== 1) fail();
        return this.expr(e[0]);
      }
      case 'NumberDurationLiteral':
        return { kind: 'number', value: parseNumber(this.src(n)), range: r };
      case 'StringLiteral':
        return { kind: 'string', value: decodeStringLiteral(this.src(n)) ?? fail(), range: r };
      case 'VectorSelector':
        return this.selector(n);
      case 'ParenExpr': {
        const e = kids(n).filter((c) => EXPR_NODES.has(c.name));
        if (e.length !== 1) fail();
        return { kind: 'paren', via: 'paren', expr: this.expr(e[0]), range: r };
      }
      case 'UnaryExpr': {
        const e = kids(n).filter((c) => EXPR_NODES.has(c.name));
        const op = this.src(n.getChild('UnaryOp') ?? fail()) as '-' | '+';
        if (e.length !== 1) fail();
        return { kind: 'unary', op, expr: this.expr(e[0]), range: r };
      }
      case 'MatrixSelector': {
        const ks = kids(n);
        const inner = ks[0];
        const dur = ks.find((c) => c.name === 'DurationExpr') ?? fail();
        return this.postfix(inner, (e) => {
          if (e.kind !== 'selector') fail();
          return { kind: 'matrix', selector: e, rangeMs: parseDuration(this.src(dur)), durationRange: rangeOf(dur), range: { start: e.range.start, end: n.to } };
        }, n);
      }
      case 'SubqueryExpr': {
        const ks = kids(n);
        const durs = ks.filter((c) => c.name === 'DurationExpr');
        if (durs.length < 1) fail();
        return this.postfix(ks[0], (e) => ({
          kind: 'subquery',
          expr: e,
          rangeMs: parseDuration(this.src(durs[0])),
          stepMs: durs[1] ? parseDuration(this.src(durs[1])) : null,
          durationRange: rangeOf(durs[0]),
          stepRange: durs[1] ? rangeOf(durs[1]) : undefined,
          range: { start: e.range.start, end: n.to },
        }), n);
      }
      case 'OffsetExpr':
      case 'StepInvariantExpr':
      case 'AnchoredExpr':
      case 'SmoothedExpr': {
        const via = n.name === 'OffsetExpr' ? 'offset' : n.name === 'StepInvariantExpr' ? 'at' : 'modifier';
        return this.postfix(kids(n)[0], (e) => ({ kind: 'paren', via, expr: e, range: { start: e.range.start, end: n.to } }), n);
      }
      case 'FunctionCall': {
        const id = n.getChild('FunctionIdentifier') ?? fail();
        const body = n.getChild('FunctionCallBody') ?? fail();
        const args = kids(body).filter((c) => EXPR_NODES.has(c.name)).map((c) => this.expr(c));
        return { kind: 'call', func: this.src(id), funcRange: rangeOf(id), args, range: r };
      }
      case 'AggregateExpr': {
        const op = n.getChild('AggregateOp') ?? fail();
        const body = n.getChild('FunctionCallBody') ?? fail();
        const mod = n.getChild('AggregateModifier');
        const args = kids(body).filter((c) => EXPR_NODES.has(c.name)).map((c) => this.expr(c));
        if (args.length < 1 || args.length > 2) fail();
        let grouping: Grouping | undefined;
        if (mod) {
          const list = mod.getChild('GroupingLabels') ?? fail();
          grouping = { kind: mod.getChild('Without') ? 'without' : 'by', labels: this.labelRefs(list), range: rangeOf(mod), listRange: rangeOf(list) };
        }
        return {
          kind: 'aggregate',
          op: this.src(op),
          opRange: rangeOf(op),
          grouping,
          param: args.length === 2 ? args[0] : undefined,
          expr: args[args.length - 1],
          range: r,
        };
      }
      case 'BinaryExpr': {
        const ks = kids(n);
        const operands = ks.filter((c) => EXPR_NODES.has(c.name));
        if (operands.length !== 2) fail();
        const opNode = ks.find((c) => c.from >= operands[0].to && c.to <= operands[1].from && !['BoolModifier', 'MatchingModifierClause', 'FillModifier'].includes(c.name)) ?? fail();
        const mm = n.getChild('MatchingModifierClause');
        let matching: VectorMatching | undefined;
        if (mm) {
          const lists = mm.getChildren('GroupingLabels');
          const on = mm.getChild('On') ? true : mm.getChild('Ignoring') ? false : undefined;
          const card = mm.getChild('GroupLeft') ? 'many-to-one' : mm.getChild('GroupRight') ? 'one-to-many' : 'one-to-one';
          const matchList = on === undefined ? null : lists[0] ?? null;
          const includeList = card === 'one-to-one' ? null : (on === undefined ? lists[0] : lists[1]) ?? null;
          matching = { card, on, labels: this.labelRefs(matchList), include: this.labelRefs(includeList), range: rangeOf(mm) };
        }
        return {
          kind: 'binary',
          op: this.src(opNode).toLowerCase(),
          opRange: rangeOf(opNode),
          bool: n.getChild('BoolModifier') !== null,
          matching,
          lhs: this.expr(operands[0]),
          rhs: this.expr(operands[1]),
          range: r,
        };
      }
      default:
        return fail();
    }
  }
}

function hasError(n: SyntaxNode): boolean {
  let bad = false;
  n.toTree().iterate({
    enter(x) {
      if (x.type.isError) bad = true;
      return !bad;
    },
  });
  return bad;
}

/** The typed view of `text`, or null when it does not parse. */
export function buildExpr(text: string): Expr | null {
  if (text.trim() === '') return null;
  const tree = parser.parse(text);
  const top = tree.topNode;
  if (hasError(top)) return null;
  try {
    return new Builder(text).expr(top);
  } catch (e) {
    if (e instanceof Broken) return null;
    throw e;
  }
}
