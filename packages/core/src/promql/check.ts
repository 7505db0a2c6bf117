/**
 * Prometheus's type checks on the finished expression (promql/parser/parse.go `checkAST`), with its
 * wording and ranges: operand types of binary/unary operators, `bool`, set operators and vector
 * matching, function argument counts and types, aggregation parameter types, subqueries, the
 * empty-matcher and metric-name-twice rules for selectors, `info()`'s second argument.
 *
 * Nodes marked `hasError` (grammar errors inside) are not type-checked: their shape is a guess.
 * The walk is iterative so that very long expressions cannot overflow the stack.
 */
import type { Range } from '../diagnostics/types';
import type { BinaryExpr, Call, Expr, VectorSelector } from './ast';
import { goTypeName } from './ast';
import { argTypeAt } from './functions';
import { compileRegex } from './regex';
import { goQuote } from './quote';
import type { Reporter } from './build';

export function checkAST(root: Expr, text: string, report: Reporter): void {
  // Post-order, left to right (children before parents), as checkAST reports errors: pre-order
  // root-right-left with a stack, then reversed.
  const order: Expr[] = [];
  const stack: Expr[] = [root];
  // info(v, {label selectors}) lifts the empty-matcher rule for its second argument
  const bypassEmpty = new Set<Expr>();
  while (stack.length) {
    const e = stack.pop()!;
    order.push(e);
    if (e.kind === 'Call' && e.func?.name === 'info' && e.args[1]?.kind === 'VectorSelector' && !e.args[1].name) bypassEmpty.add(e.args[1]);
    for (const c of checkedChildren(e)) stack.push(c);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const e = order[i]!;
    if (e.hasError) continue;
    checkNode(e, text, report, bypassEmpty);
  }
}

/** children checkAST recurses into, in source order; a fixed-arity call skips extra args */
function checkedChildren(e: Expr): Expr[] {
  switch (e.kind) {
    case 'BinaryExpr':
      return [e.lhs, e.rhs];
    case 'Call': {
      const n = e.func ? (e.func.variadic === 0 ? Math.min(e.args.length, e.func.argTypes.length) : e.args.length) : e.args.length;
      return e.args.slice(0, n);
    }
    case 'AggregateExpr':
      return [e.param, e.expr].filter((x): x is Expr => !!x);
    case 'ParenExpr':
    case 'UnaryExpr':
      return [e.expr];
    case 'SubqueryExpr':
      return [e.expr];
    case 'MatrixSelector':
      return [e.selector];
    case 'Invalid':
      return e.parts;
    default:
      return [];
  }
}

function checkNode(e: Expr, text: string, report: Reporter, bypassEmpty: Set<Expr>): void {
  switch (e.kind) {
    case 'AggregateExpr': {
      if (e.expr && !e.expr.hasError && e.expr.type !== 'instant vector') {
        report(e.expr.range, `expected type instant vector in aggregation expression, got ${e.expr.type}`);
      }
      const pt = e.info?.paramType;
      if (pt && e.param && !e.param.hasError && e.param.type !== pt) {
        report(e.param.range, `expected type ${pt} in aggregation parameter, got ${e.param.type}`);
      }
      return;
    }
    case 'BinaryExpr':
      return checkBinary(e, text, report);
    case 'Call':
      return checkCall(e, report);
    case 'UnaryExpr':
      if (!e.expr.hasError && e.expr.type !== 'scalar' && e.expr.type !== 'instant vector') {
        report(e.range, `unary expression only allowed on expressions of type scalar or instant vector, got ${goQuote(e.expr.type)}`);
      }
      return;
    case 'SubqueryExpr':
      if (!e.expr.hasError && e.expr.type !== 'instant vector') {
        report(e.range, `subquery is only allowed on instant vector, got ${goTypeName(e.expr.type)} instead`);
      }
      return;
    case 'VectorSelector':
      return checkSelector(e, report, bypassEmpty.has(e));
    default:
      return;
  }
}

/**
 * Go's opRange(): from the first non-space after the LHS to the last non-space before the RHS
 * (Prometheus's end is that character's offset; ours is exclusive, one further, so that a
 * one-character operator is not an empty range).
 */
function opRange(e: BinaryExpr, text: string): Range {
  let start = e.lhs.range.end;
  while (start < text.length && isSpace(text.charCodeAt(start))) start++;
  let end = e.rhs.range.start - 1;
  while (end > 0 && isSpace(text.charCodeAt(end))) end--;
  return { start, end: Math.max(start, end + 1) };
}

const COMPARISON = new Set(['==', '!=', '<=', '<', '>=', '>']);
const SET = new Set(['and', 'or', 'unless']);

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function checkBinary(e: BinaryExpr, text: string, report: Reporter): void {
  if (e.lhs.hasError || e.rhs.hasError) return;
  const lt = e.lhs.type;
  const rt = e.rhs.type;
  const comparison = COMPARISON.has(e.op);
  const set = SET.has(e.op);
  if (e.bool && !comparison) report(opRange(e, text), 'bool modifier can only be used on comparison operators');
  if (comparison && !e.bool && lt === 'scalar' && rt === 'scalar') report(opRange(e, text), 'comparisons between scalars must use BOOL modifier');
  if (e.matching?.on && e.group) {
    for (const l1 of e.matching.labels) {
      for (const l2 of e.group.labels) {
        if (l1.value === l2.value) report(opRange(e, text), `label ${goQuote(l1.value)} must not occur in ON and GROUP clause at once`);
      }
    }
  }
  if (!e.lhs.hasError && lt !== 'scalar' && lt !== 'instant vector') report(e.lhs.range, 'binary expression must contain only scalar and instant vector types');
  if (!e.rhs.hasError && rt !== 'scalar' && rt !== 'instant vector') report(e.rhs.range, 'binary expression must contain only scalar and instant vector types');
  const hasFill = !!(e.fill && (e.fill.left || e.fill.right));
  if (lt !== 'instant vector' || rt !== 'instant vector') {
    if (e.matching && e.matching.labels.length > 0) report(e.range, 'vector matching only allowed between instant vectors');
    if (hasFill) report(e.range, 'filling in missing series only allowed between instant vectors');
  } else if (set) {
    if (e.card === 'one-to-many' || e.card === 'many-to-one') report(e.range, `no grouping allowed for ${goQuote(e.op)} operation`);
    if (e.card !== 'many-to-many') report(e.range, 'set operations must always be many-to-many');
    if (hasFill) report(e.range, 'filling in missing series not allowed for set operators');
  }
  if ((lt === 'scalar' || rt === 'scalar') && set) report(e.range, `set operator ${goQuote(e.op)} not allowed in binary scalar expression`);
}

function checkCall(e: Call, report: Reporter): void {
  const f = e.func;
  if (!f) return;
  const n = e.args.length;
  if (f.variadic === 0) {
    if (n !== f.argTypes.length) report(e.range, `expected ${f.argTypes.length} argument(s) in call to ${goQuote(f.name)}, got ${n}`);
  } else if (n < f.minArgs) {
    report(e.range, `expected at least ${f.minArgs} argument(s) in call to ${goQuote(f.name)}, got ${n}`);
  } else if (n > f.maxArgs) {
    report(e.range, `expected at most ${f.maxArgs} argument(s) in call to ${goQuote(f.name)}, got ${n}`);
  }
  if (f.name === 'info' && n > 1) {
    const a = e.args[1]!;
    if (a.type !== 'instant vector') report(e.range, `expected type instant vector in call to function "info", got ${a.type}`);
    if (a.kind === 'VectorSelector' && a.name) report(a.range, 'expected label selectors only, got vector selector instead');
    else if (a.kind !== 'VectorSelector') report(a.range, 'expected label selectors only');
  }
  for (let i = 0; i < n; i++) {
    const want = argTypeAt(f, i);
    if (want === undefined) break;
    const a = e.args[i]!;
    if (a.hasError) continue;
    if (a.type !== want) report(a.range, `expected type ${want} in call to function ${goQuote(f.name)}, got ${a.type}`);
  }
}

function matchesEmpty(op: string, value: string): boolean {
  switch (op) {
    case '=':
      return value === '';
    case '!=':
      return value !== '';
    case '=~': {
      const re = compileRegex(value);
      return re.matches ? re.matches('') : true;
    }
    default: {
      const re = compileRegex(value);
      return re.matches ? !re.matches('') : true;
    }
  }
}

function checkSelector(vs: VectorSelector, report: Reporter, bypass: boolean): void {
  if (vs.name) {
    for (const m of vs.matchers) {
      if (m.label.value === '__name__') {
        report(vs.range, `metric name must not be set twice: ${goQuote(vs.name.value)} or ${goQuote(m.value.value)}`);
      }
    }
    return;
  }
  if (bypass) return;
  if (!vs.matchers.some((m) => !matchesEmpty(m.op, m.value.value))) {
    report(vs.range, 'vector selector must contain at least one non-empty matcher');
  }
}
