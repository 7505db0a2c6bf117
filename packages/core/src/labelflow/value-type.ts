/** The PromQL value type of a sub-expression, as far as the typed view tells it. */
import { getFunction, type ValueType } from '../promql/functions';
import type { Expr } from './expr';

const memo = new WeakMap<Expr, ValueType>();

export function valueTypeOf(e: Expr): ValueType {
  let t = memo.get(e);
  if (t === undefined) {
    t = compute(e);
    memo.set(e, t);
  }
  return t;
}

function compute(e: Expr): ValueType {
  switch (e.kind) {
    case 'number':
      return 'scalar';
    case 'string':
      return 'string';
    case 'selector':
      return 'instant vector';
    case 'matrix':
    case 'subquery':
      return 'range vector';
    case 'call':
      return getFunction(e.func)?.returnType ?? 'instant vector';
    case 'aggregate':
      return 'instant vector';
    case 'unary':
    case 'paren':
      return valueTypeOf(e.expr);
    case 'binary':
      return valueTypeOf(e.lhs) === 'scalar' && valueTypeOf(e.rhs) === 'scalar' ? 'scalar' : 'instant vector';
  }
}

export function isVectorish(e: Expr): boolean {
  const t = valueTypeOf(e);
  return t === 'instant vector' || t === 'range vector';
}
