/**
 * The typed PromQL AST: a view over the lezer-promql tree shaped like Prometheus's own AST
 * (promql/parser/ast.go), so that checks, label flow, completion, hover, formatting and rename can
 * work with PromQL concepts instead of grammar nodes.
 *
 * - Every node has `range` ({start,end} UTF-16 offsets into the parsed text), its value `type`
 *   (`scalar`, `instant vector`, `range vector`, `string`; `none` for unbuildable input). Nodes do
 *   not keep the lezer nodes they were built from (`ParsedPromQL.tree` has the concrete syntax):
 *   holding them would keep one wrapper object per node alive for as long as the AST.
 * - Sub-parts carry their own ranges too: a selector's metric name, each matcher's label, operator
 *   and value; an aggregation's operator keyword and grouping labels; a binary expression's
 *   operator, `bool`, `on`/`ignoring` and `group_left`/`group_right` label lists and fill values;
 *   the `offset` / `@` / `anchored` / `smoothed` modifiers.
 * - Modifiers live on the node they modify, exactly as in Prometheus: `offset`/`@` on a
 *   VectorSelector, MatrixSelector or SubqueryExpr. Postfix modifiers bind tighter than any operator
 *   (`a + b offset 5m` modifies `b`), as Prometheus's grammar says (the lezer tree attaches them to the
 *   whole binary expression; the builder moves them to where Prometheus puts them).
 * - Durations inside `[...]` and after `offset` are `DurationNode`s: a NumberLiteral (seconds) or a
 *   DurationExpr (`5m + 1m`, `step()`, `min_of(a, b)`, parentheses).
 * - `hasError` marks nodes whose source contains a grammar error (their shape is a best effort).
 *
 * Walk with `walk(root, visitor)` or iterate with `children(node)`.
 */
import type { SyntaxNode } from '@lezer/common';
import type { Range } from '../diagnostics/types';
import type { AggregatorInfo, FunctionInfo, ValueType } from './functions';

export type { ValueType } from './functions';

interface NodeBase {
  range: Range;
  type: ValueType;
  /** the source of this node contains a grammar error */
  hasError?: boolean;
}

/** A name as written: metric names, label names (unquoted or quoted), function names. */
export interface Name {
  /** the name (unquoted) */
  value: string;
  range: Range;
  /** written as a string literal (`"my.label"`) */
  quoted: boolean;
}

export interface NumberLiteral extends NodeBase {
  kind: 'NumberLiteral';
  /** for durations: seconds */
  value: number;
  raw: string;
  /** written as a duration (`5m`) */
  duration: boolean;
  /** a value Prometheus substitutes after an error (not written in the source) */
  synthetic?: boolean;
}

export interface StringLiteral extends NodeBase {
  kind: 'StringLiteral';
  value: string;
  raw: string;
}

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  range: Range;
  label: Name;
  op: MatchOp;
  opRange: Range;
  value: StringLiteral;
  /** a lone quoted name inside braces (`{"my.metric"}`): a `__name__` equality matcher */
  metricNameOnly?: boolean;
}

export interface OffsetModifier {
  /** `offset <duration>` */
  range: Range;
  keywordRange: Range;
  expr: DurationNode;
  /** seconds, when the duration is a literal */
  seconds?: number;
}

export interface AtModifier {
  /** `@ <timestamp>` / `@ start()` / `@ end()` */
  range: Range;
  /** seconds since the epoch, or the preprocessor */
  value: number | 'start' | 'end';
  valueRange: Range;
}

/** Modifiers Prometheus stores on selectors and subqueries. */
export interface Modifiers {
  offset?: OffsetModifier;
  at?: AtModifier;
  anchored?: Range;
  smoothed?: Range;
}

export interface VectorSelector extends NodeBase, Modifiers {
  kind: 'VectorSelector';
  /** the metric name written before the braces */
  name?: Name;
  matchers: LabelMatcher[];
  /** `{ ... }`, when present */
  bracesRange?: Range;
}

export interface MatrixSelector extends NodeBase, Modifiers {
  kind: 'MatrixSelector';
  /** normally a VectorSelector; anything else is an error Prometheus reports */
  selector: Expr;
  range_: DurationNode;
  /** `[ ... ]` */
  bracketRange: Range;
}

export interface SubqueryExpr extends NodeBase, Modifiers {
  kind: 'SubqueryExpr';
  expr: Expr;
  range_: DurationNode;
  step?: DurationNode;
  bracketRange: Range;
}

export interface Call extends NodeBase {
  kind: 'Call';
  name: Name;
  /** catalogue entry; undefined for unknown functions */
  func?: FunctionInfo;
  args: Expr[];
  /** `( ... )` */
  argsRange: Range;
}

export interface Grouping {
  without: boolean;
  /** `by (...)` / `without (...)` */
  range: Range;
  keywordRange: Range;
  labels: Name[];
}

export interface AggregateExpr extends NodeBase {
  kind: 'AggregateExpr';
  /** lower-cased operator (`sum`, `topk`, ...) */
  op: string;
  opRange: Range;
  info?: AggregatorInfo;
  /** parameter of topk/bottomk/quantile/count_values/limitk/limit_ratio */
  param?: Expr;
  /** the aggregated vector */
  expr?: Expr;
  /** all arguments as written */
  args: Expr[];
  grouping?: Grouping;
  argsRange: Range;
}

export type Cardinality = 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';

export interface VectorMatching {
  /** `on(...)` (true) or `ignoring(...)` (false) */
  on: boolean;
  range: Range;
  keywordRange: Range;
  labels: Name[];
}

export interface GroupModifier {
  side: 'left' | 'right';
  range: Range;
  keywordRange: Range;
  /** `group_left(a, b)` include labels; empty when written without a list */
  labels: Name[];
}

export interface FillModifier {
  range: Range;
  left?: NumberLiteral;
  right?: NumberLiteral;
}

export interface BinaryExpr extends NodeBase {
  kind: 'BinaryExpr';
  /** operator as Prometheus names it, lower-cased (`+`, `==`, `and`, `atan2`) */
  op: string;
  opRange: Range;
  lhs: Expr;
  rhs: Expr;
  /** range of the `bool` keyword */
  bool?: Range;
  matching?: VectorMatching;
  group?: GroupModifier;
  fill?: FillModifier;
  /** as Prometheus computes it: set operators are many-to-many */
  card: Cardinality;
}

export interface UnaryExpr extends NodeBase {
  kind: 'UnaryExpr';
  op: '+' | '-';
  opRange: Range;
  expr: Expr;
}

export interface ParenExpr extends NodeBase {
  kind: 'ParenExpr';
  expr: Expr;
}

export type DurationOp = '+' | '-' | '*' | '/' | '%' | '^' | 'neg' | 'pos' | 'paren' | 'step' | 'range' | 'min_of' | 'max_of';

export interface DurationExpr extends NodeBase {
  kind: 'DurationExpr';
  op: DurationOp;
  opRange?: Range;
  lhs?: DurationNode;
  rhs?: DurationNode;
}

export type DurationNode = NumberLiteral | DurationExpr;

/** Placeholder for input that could not be built (grammar errors). */
export interface InvalidExpr extends NodeBase {
  kind: 'Invalid';
  /** the well-formed expressions found inside (still checked) */
  parts: Expr[];
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | SubqueryExpr
  | Call
  | AggregateExpr
  | BinaryExpr
  | UnaryExpr
  | ParenExpr
  | DurationExpr
  | InvalidExpr;

export type ExprKind = Expr['kind'];

/** Direct child expressions of a node, in source order (durations included). */
export function children(e: Expr): Expr[] {
  const withMods = (m: Modifiers, rest: Expr[]): Expr[] => (m.offset ? [...rest, m.offset.expr] : rest);
  switch (e.kind) {
    case 'MatrixSelector':
      return withMods(e, [e.selector, e.range_]);
    case 'SubqueryExpr':
      return withMods(e, e.step ? [e.expr, e.range_, e.step] : [e.expr, e.range_]);
    case 'VectorSelector':
      return withMods(e, []);
    case 'Call':
      return e.args;
    case 'AggregateExpr':
      return e.args;
    case 'BinaryExpr':
      return [e.lhs, e.rhs];
    case 'UnaryExpr':
    case 'ParenExpr':
      return [e.expr];
    case 'DurationExpr':
      return [e.lhs, e.rhs].filter((x): x is DurationNode => x !== undefined);
    case 'Invalid':
      return e.parts;
    default:
      return [];
  }
}

export interface Visitor {
  /** return false to skip the node's children */
  enter?(node: Expr, parent: Expr | undefined): boolean | void;
  leave?(node: Expr, parent: Expr | undefined): void;
}

/** Depth-first walk over the AST (iterative: deep expressions cannot overflow the stack). */
export function walk(root: Expr, visitor: Visitor): void {
  const stack: Array<{ node: Expr; parent: Expr | undefined; left: boolean }> = [{ node: root, parent: undefined, left: false }];
  while (stack.length) {
    const top = stack.pop()!;
    if (top.left) {
      visitor.leave?.(top.node, top.parent);
      continue;
    }
    const descend = visitor.enter?.(top.node, top.parent) !== false;
    stack.push({ node: top.node, parent: top.parent, left: true });
    if (descend) {
      const cs = children(top.node);
      for (let i = cs.length - 1; i >= 0; i--) stack.push({ node: cs[i]!, parent: top.node, left: false });
    }
  }
}

/** The innermost node whose range contains `offset` (for hover, completion, rename). */
export function nodeAt(root: Expr, offset: number): Expr | undefined {
  let found: Expr | undefined;
  walk(root, {
    enter(n) {
      if (offset < n.range.start || offset > n.range.end) return false;
      found = n;
      return true;
    },
  });
  return found;
}

/** Prometheus's ValueType.String() (`matrix`, `vector`, ...), used by a few messages. */
export function goTypeName(t: ValueType): string {
  switch (t) {
    case 'instant vector':
      return 'vector';
    case 'range vector':
      return 'matrix';
    default:
      return t;
  }
}
