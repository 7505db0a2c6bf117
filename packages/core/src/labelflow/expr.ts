/**
 * The small typed PromQL view that the label-flow engine and the checks are written against.
 * Built from the PromQL analyzer's typed AST by `from-ast.ts`. Ranges are offsets into the
 * expression text.
 */
import type { Range } from '../diagnostics/types';

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelRef {
  name: string;
  range: Range;
}

export interface Matcher {
  label: string;
  labelRange: Range;
  op: MatchOp;
  opRange: Range;
  value: string;
  /** the string literal including its quotes */
  valueRange: Range;
  /** the quote character of the literal: `"`, `'` or a backtick */
  quote: string;
  range: Range;
}

interface Base {
  range: Range;
}

export interface NumberExpr extends Base {
  kind: 'number';
  value: number;
}

export interface StringExpr extends Base {
  kind: 'string';
  value: string;
}

export interface SelectorExpr extends Base {
  kind: 'selector';
  /** the metric name, from the identifier or a `__name__="..."` matcher */
  name?: string;
  nameRange?: Range;
  /** matchers inside the braces, in source order (a `__name__` matcher included) */
  matchers: Matcher[];
  /** the `{...}` part, when present */
  bracesRange?: Range;
}

export interface MatrixExpr extends Base {
  kind: 'matrix';
  selector: SelectorExpr;
  /** range in milliseconds; null when it is a duration expression or a template variable */
  rangeMs: number | null;
  durationRange: Range;
}

export interface SubqueryExpr extends Base {
  kind: 'subquery';
  expr: Expr;
  rangeMs: number | null;
  /** null when the step is omitted or not a literal */
  stepMs: number | null;
  durationRange: Range;
  stepRange?: Range;
}

export interface CallExpr extends Base {
  kind: 'call';
  func: string;
  funcRange: Range;
  args: Expr[];
}

export interface Grouping {
  kind: 'by' | 'without';
  labels: LabelRef[];
  range: Range;
  /** the parenthesised list `(a, b)` */
  listRange: Range;
}

export interface AggregateExpr extends Base {
  kind: 'aggregate';
  op: string;
  opRange: Range;
  grouping?: Grouping;
  /** the parameter of topk/bottomk/quantile/count_values/limitk/limit_ratio */
  param?: Expr;
  expr: Expr;
}

export interface VectorMatching {
  card: 'one-to-one' | 'many-to-one' | 'one-to-many';
  /** `on(...)` (true) or `ignoring(...)` (false); undefined when neither is written */
  on?: boolean;
  labels: LabelRef[];
  /** labels of `group_left(...)`/`group_right(...)` */
  include: LabelRef[];
  range: Range;
}

export interface BinaryExpr extends Base {
  kind: 'binary';
  op: string;
  opRange: Range;
  bool: boolean;
  matching?: VectorMatching;
  lhs: Expr;
  rhs: Expr;
}

export interface UnaryExpr extends Base {
  kind: 'unary';
  op: '-' | '+';
  expr: Expr;
}

/** Parentheses and the transparent modifiers `offset`, `@`, `anchored`, `smoothed`. */
export interface ParenExpr extends Base {
  kind: 'paren';
  via: 'paren' | 'offset' | 'at' | 'modifier';
  expr: Expr;
}

export type Expr =
  | NumberExpr
  | StringExpr
  | SelectorExpr
  | MatrixExpr
  | SubqueryExpr
  | CallExpr
  | AggregateExpr
  | BinaryExpr
  | UnaryExpr
  | ParenExpr;

/** Direct sub-expressions, in source order. */
export function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'matrix':
      return [e.selector];
    case 'subquery':
    case 'unary':
    case 'paren':
      return [e.expr];
    case 'call':
      return e.args;
    case 'aggregate':
      return e.param ? [e.param, e.expr] : [e.expr];
    case 'binary':
      return [e.lhs, e.rhs];
    default:
      return [];
  }
}

/** Pre-order walk; `visit` gets each node and the chain of its ancestors (nearest last). */
export function walk(e: Expr, visit: (node: Expr, parents: readonly Expr[]) => void, parents?: Expr[]): void {
  if (parents !== undefined) {
    walkIn(e, visit, parents);
    return;
  }
  // the ancestors' stack of a top-level walk: the one of the previous walk when it is free (a walk
  // from inside a visitor makes its own), rather than an array per walk
  const own = spareParents ?? [];
  spareParents = null;
  try {
    walkIn(e, visit, own);
  } finally {
    own.length = 0;
    spareParents = own;
  }
}

let spareParents: Expr[] | null = null;

function walkIn(e: Expr, visit: (node: Expr, parents: readonly Expr[]) => void, parents: Expr[]): void {
  visit(e, parents);
  parents.push(e);
  // the children as `children(e)` lists them, without allocating that list (this runs for every
  // node of every expression in many checks)
  switch (e.kind) {
    case 'matrix':
      walkIn(e.selector, visit, parents);
      break;
    case 'subquery':
    case 'unary':
    case 'paren':
      walkIn(e.expr, visit, parents);
      break;
    case 'call': {
      const args = e.args;
      for (let i = 0; i < args.length; i++) walkIn(args[i], visit, parents);
      break;
    }
    case 'aggregate':
      if (e.param) walkIn(e.param, visit, parents);
      walkIn(e.expr, visit, parents);
      break;
    case 'binary':
      walkIn(e.lhs, visit, parents);
      walkIn(e.rhs, visit, parents);
      break;
  }
  parents.pop();
}

/** The nodes of an expression in pre-order (the order `walk` visits them), all and by kind. */
interface NodeIndex {
  all: Expr[];
  byKind: Partial<Record<Expr['kind'], Expr[]>>;
}
const indexes = new WeakMap<Expr, NodeIndex>();

function nodeIndex(e: Expr): NodeIndex {
  let ix = indexes.get(e);
  if (!ix) {
    ix = { all: [], byKind: {} };
    fillIndex(e, ix);
    indexes.set(e, ix);
  }
  return ix;
}

function fillIndex(e: Expr, ix: NodeIndex): void {
  ix.all.push(e);
  (ix.byKind[e.kind] ??= []).push(e);
  switch (e.kind) {
    case 'matrix':
      fillIndex(e.selector, ix);
      break;
    case 'subquery':
    case 'unary':
    case 'paren':
      fillIndex(e.expr, ix);
      break;
    case 'call':
      for (let i = 0; i < e.args.length; i++) fillIndex(e.args[i], ix);
      break;
    case 'aggregate':
      if (e.param) fillIndex(e.param, ix);
      fillIndex(e.expr, ix);
      break;
    case 'binary':
      fillIndex(e.lhs, ix);
      fillIndex(e.rhs, ix);
      break;
  }
}

/**
 * `walk` without the ancestors: `visit` gets every node in pre-order. The nodes are listed once per
 * expression (the checks visit every rule's expression many times over).
 */
export function forEachNode(e: Expr, visit: (node: Expr) => void): void {
  const all = nodeIndex(e).all;
  for (let i = 0; i < all.length; i++) visit(all[i]);
}

/** `forEachNode` for the nodes of one kind only (in pre-order) */
export function forEachNodeOfKind<K extends Expr['kind']>(e: Expr, kind: K, visit: (node: Extract<Expr, { kind: K }>) => void): void {
  const list = nodeIndex(e).byKind[kind] as Extract<Expr, { kind: K }>[] | undefined;
  if (list) for (let i = 0; i < list.length; i++) visit(list[i]);
}

/** Skips parentheses and offset/@ modifiers. */
export function unwrap(e: Expr): Expr {
  let x = e;
  while (x.kind === 'paren') x = x.expr;
  return x;
}

/** Every vector selector in the expression (also those inside range selectors). */
export function selectors(e: Expr): SelectorExpr[] {
  const list = nodeIndex(e).byKind.selector as SelectorExpr[] | undefined;
  return list ? list.slice() : [];
}

/** The value of a literal number (through parentheses and unary minus), else undefined. */
export function numberValue(e: Expr): number | undefined {
  const x = unwrap(e);
  if (x.kind === 'number') return x.value;
  if (x.kind === 'unary') {
    const v = numberValue(x.expr);
    return v === undefined ? undefined : x.op === '-' ? -v : v;
  }
  return undefined;
}

/** The selector of a selector or range selector (through parentheses/offset), else undefined. */
export function selectorOf(e: Expr): SelectorExpr | undefined {
  const x = unwrap(e);
  if (x.kind === 'selector') return x;
  if (x.kind === 'matrix') return x.selector;
  return undefined;
}

/** Does the expression contain any node satisfying `pred`? */
export function some(e: Expr, pred: (n: Expr) => boolean): boolean {
  // pre-order, stopping at the first hit (the predicates are pure)
  const all = nodeIndex(e).all;
  for (let i = 0; i < all.length; i++) if (pred(all[i])) return true;
  return false;
}
