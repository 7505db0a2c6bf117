/**
 * Label flow: for every sub-expression, which labels its result can carry, and for a label it
 * cannot carry, which part of the expression removed it. The engine behind the template-label,
 * record-naming, join and absent checks.
 *
 * Follows Prometheus's evaluation (`promql/engine.go`): aggregations keep exactly their `by`
 * labels or drop their `without` labels (and the metric name); one-to-one binary operations with
 * `on(...)` keep only the matching labels, with `ignoring(...)` drop them; `group_left/right`
 * keep the "many" side and copy the listed labels from the other; `and`/`unless` keep the left;
 * `or` is the union; `label_replace`/`label_join` add their destination; `absent()` carries the
 * equality matchers of its selector; `histogram_quantile` drops `le`; most functions drop the name.
 */
import type { Range } from '../diagnostics/types';
import { isComparisonOperator, isSetOperator } from '../promql/functions';
import { regexMatchesEmpty } from '../promql/regex';
import { type AggregateExpr, type BinaryExpr, type CallExpr, type Expr, type SelectorExpr, unwrap } from './expr';
import { valueTypeOf } from './value-type';

export interface Origin {
  /** the part of the expression responsible (offsets into the expression) */
  range: Range;
  /** how to name it in a message, e.g. `sum by (job)` */
  what: string;
}

export interface LabelSet {
  /** true when the result carries only the labels in `present` (after `sum by (...)`, `vector()`, ...) */
  closed: boolean;
  /** for a closed set: what closed it */
  closedBy?: Origin;
  /** labels the result carries (may carry, for an open set), with where they come from */
  present: Map<string, Origin>;
  /** labels an open set certainly does not carry, with what removed them */
  removed: Map<string, Origin>;
}

export const METRIC_NAME = '__name__';

/** Functions that keep the metric name of their input (Prometheus 3). */
const KEEPS_NAME = new Set(['last_over_time', 'first_over_time', 'label_replace', 'label_join', 'sort', 'sort_desc', 'sort_by_label', 'sort_by_label_desc']);
/** Aggregations that select series instead of merging them: the labels pass through. */
export const SELECTING_AGGREGATIONS = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);

function empty(closed: boolean, closedBy?: Origin): LabelSet {
  return { closed, closedBy, present: new Map(), removed: new Map() };
}

function copy(s: LabelSet): LabelSet {
  return { closed: s.closed, closedBy: s.closedBy, present: new Map(s.present), removed: new Map(s.removed) };
}

/** Can the result carry `label`? */
export function canCarry(s: LabelSet, label: string): boolean {
  if (s.closed) return s.present.has(label);
  return !s.removed.has(label);
}

/** Why the result cannot carry `label` (undefined when it can, or nothing in the expression says why). */
export function whyMissing(s: LabelSet, label: string): Origin | undefined {
  if (canCarry(s, label)) return undefined;
  return s.closed ? s.closedBy : s.removed.get(label);
}

function remove(s: LabelSet, label: string, origin: Origin): void {
  s.present.delete(label);
  if (!s.closed) s.removed.set(label, origin);
}

function selectorSet(sel: SelectorExpr): LabelSet {
  const s = empty(false);
  const origin = { range: sel.range, what: 'the selector' };
  if (sel.name !== undefined) s.present.set(METRIC_NAME, origin);
  for (const m of sel.matchers) {
    if ((m.op === '=' && m.value !== '') || (m.op === '=~' && !regexMatchesEmpty(m.value)) || (m.op === '!=' && m.value === '')) {
      s.present.set(m.label, { range: m.range, what: `the matcher ${m.label}${m.op}"${m.value}"` });
    } else if ((m.op === '=' && m.value === '') || (m.op === '!~' && m.value === '.+')) {
      s.removed.set(m.label, { range: m.range, what: `the matcher ${m.label}${m.op}"${m.value}"` });
    }
  }
  return s;
}

/** `sum by (job)` as written, for messages. */
export function describeAggregation(e: AggregateExpr): string {
  if (!e.grouping) return e.op;
  return `${e.op} ${e.grouping.kind} (${e.grouping.labels.map((l) => l.name).join(', ')})`;
}

/** `sum by (job)` when the clause comes first, else the operator alone (`sum(...) by (job)`: `sum`). */
export function aggregationHead(e: AggregateExpr): Range {
  if (e.grouping && e.grouping.range.start < e.expr.range.start) return { start: e.opRange.start, end: e.grouping.range.end };
  return e.opRange;
}

export class LabelFlow {
  private readonly memo = new Map<Expr, LabelSet>();

  constructor(readonly root: Expr) {}

  /** The labels of `e`'s result (`e` must be a node of the root expression). */
  of(e: Expr): LabelSet {
    let s = this.memo.get(e);
    if (!s) {
      s = this.compute(e);
      this.memo.set(e, s);
    }
    return s;
  }

  private compute(e: Expr): LabelSet {
    switch (e.kind) {
      case 'number':
      case 'string':
        return empty(true, { range: e.range, what: 'a literal' });
      case 'selector':
        return selectorSet(e);
      case 'matrix':
        return this.of(e.selector);
      case 'subquery':
      case 'paren':
      case 'unary':
        return this.of(e.expr);
      case 'call':
        return this.call(e);
      case 'aggregate':
        return this.aggregate(e);
      case 'binary':
        return this.binary(e);
    }
  }

  private call(e: CallExpr): LabelSet {
    const origin = { range: e.range, what: `${e.func}()` };
    if (valueTypeOf(e) === 'scalar' || e.func === 'vector') return empty(true, origin);
    if (e.func === 'absent' || e.func === 'absent_over_time') {
      const s = empty(true, origin);
      const arg = e.args[0] ? unwrap(e.args[0]) : undefined;
      const sel = arg?.kind === 'matrix' ? arg.selector : arg?.kind === 'selector' ? arg : undefined;
      for (const m of sel?.matchers ?? []) if (m.op === '=' && m.label !== METRIC_NAME && m.value !== '') s.present.set(m.label, { range: m.range, what: `the matcher ${m.label}="${m.value}"` });
      return s;
    }
    const vecArg = e.func.startsWith('histogram_') ? e.args[e.args.length - 1] : e.args.find((a) => valueTypeOf(a) === 'instant vector' || valueTypeOf(a) === 'range vector');
    const s = vecArg ? copy(this.of(vecArg)) : empty(true, origin);
    if (!KEEPS_NAME.has(e.func)) remove(s, METRIC_NAME, origin);
    if (e.func === 'histogram_quantile' || e.func === 'histogram_fraction') remove(s, 'le', origin);
    if ((e.func === 'label_replace' || e.func === 'label_join') && e.args[1]?.kind === 'string') {
      const dst = e.args[1].value;
      const repl = e.args[2];
      if (e.func === 'label_replace' && repl?.kind === 'string' && repl.value === '' && !s.closed) {
        // may delete the label (when the regex matches): it may still be there otherwise
      } else {
        s.present.set(dst, origin);
        s.removed.delete(dst);
      }
    }
    return s;
  }

  private aggregate(e: AggregateExpr): LabelSet {
    const input = this.of(e.expr);
    const origin = { range: aggregationHead(e), what: describeAggregation(e) };
    if (SELECTING_AGGREGATIONS.has(e.op)) return input;
    let s: LabelSet;
    if (!e.grouping) s = empty(true, origin);
    else if (e.grouping.kind === 'by') {
      s = empty(true, origin);
      for (const l of e.grouping.labels) if (canCarry(input, l.name)) s.present.set(l.name, input.present.get(l.name) ?? { range: l.range, what: `by (${l.name})` });
    } else {
      s = copy(input);
      remove(s, METRIC_NAME, origin);
      for (const l of e.grouping.labels) remove(s, l.name, origin);
    }
    if (e.op === 'count_values' && e.param?.kind === 'string') {
      s.present.set(e.param.value, origin);
      s.removed.delete(e.param.value);
    }
    return s;
  }

  private binary(e: BinaryExpr): LabelSet {
    const lt = valueTypeOf(e.lhs);
    const rt = valueTypeOf(e.rhs);
    const origin = { range: e.matching?.range ?? e.opRange, what: e.matching ? `the ${e.matching.on ? 'on' : 'ignoring'}(...) matching` : `the ${e.op} operation` };
    const dropsName = !isSetOperator(e.op) && (!isComparisonOperator(e.op) || e.bool);
    if (lt === 'scalar' && rt === 'scalar') return empty(true, { range: e.range, what: 'a scalar expression' });
    if (lt === 'scalar' || rt === 'scalar') {
      const s = copy(this.of(lt === 'scalar' ? e.rhs : e.lhs));
      if (dropsName) remove(s, METRIC_NAME, { range: e.opRange, what: `the ${e.op} operation` });
      return s;
    }
    const lhs = this.of(e.lhs);
    const rhs = this.of(e.rhs);
    if (e.op === 'and' || e.op === 'unless') return lhs;
    if (e.op === 'or') {
      const s: LabelSet = { closed: lhs.closed && rhs.closed, closedBy: lhs.closedBy ?? rhs.closedBy, present: new Map([...rhs.present, ...lhs.present]), removed: new Map() };
      if (!s.closed) for (const [l, o] of [...lhs.removed, ...rhs.removed]) if (!canCarry(lhs, l) && !canCarry(rhs, l)) s.removed.set(l, o);
      return s;
    }
    const m = e.matching;
    const card = m?.card ?? 'one-to-one';
    const many = card === 'one-to-many' ? rhs : lhs;
    const one = card === 'one-to-many' ? lhs : rhs;
    let s: LabelSet;
    if (card === 'one-to-one' && m?.on === true) {
      s = empty(true, { range: m.range, what: `on(${m.labels.map((l) => l.name).join(', ')})` });
      for (const l of m.labels) if (canCarry(lhs, l.name)) s.present.set(l.name, lhs.present.get(l.name) ?? { range: l.range, what: `on(${l.name})` });
    } else {
      s = copy(many);
      if (card === 'one-to-one' && m?.on === false) for (const l of m.labels) remove(s, l.name, origin);
    }
    if (dropsName) remove(s, METRIC_NAME, { range: e.opRange, what: `the ${e.op} operation` });
    for (const l of m?.include ?? []) {
      if (canCarry(one, l.name)) {
        s.present.set(l.name, { range: l.range, what: `group_${card === 'one-to-many' ? 'right' : 'left'}(${l.name})` });
        s.removed.delete(l.name);
      }
    }
    return s;
  }
}

/** Label flow of a whole expression; query sub-expressions with `.of(node)`. */
export function labelFlow(e: Expr): LabelFlow {
  let f = flows.get(e);
  if (!f) flows.set(e, (f = new LabelFlow(e)));
  return f;
}

/** one flow per view: a view shared between analyses (`exprFromAst`) shares its computed label sets */
const flows = new WeakMap<Expr, LabelFlow>();
