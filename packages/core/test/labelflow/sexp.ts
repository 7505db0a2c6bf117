// Test helper: an S-expression rendering of the label-flow view, to compare structure in one line.
import type { Expr } from '../../src/labelflow/expr';

/** An S-expression rendering of the view, to compare structure in one line. */
export function sexp(e: Expr | null): string {
  if (!e) return 'null';
  switch (e.kind) {
    case 'number':
      return String(e.value);
    case 'string':
      return JSON.stringify(e.value);
    case 'selector':
      return `${e.name ?? ''}{${e.matchers.map((m) => `${m.label}${m.op}${JSON.stringify(m.value)}`).join(',')}}`;
    case 'matrix':
      return `${sexp(e.selector)}[${e.rangeMs}]`;
    case 'subquery':
      return `(subquery ${sexp(e.expr)} ${e.rangeMs} ${e.stepMs})`;
    case 'call':
      return `(${e.func} ${e.args.map(sexp).join(' ')})`;
    case 'aggregate':
      return `(${e.op}${e.grouping ? ` ${e.grouping.kind}(${e.grouping.labels.map((l) => l.name).join(',')})` : ''} ${e.param ? sexp(e.param) + ' ' : ''}${sexp(e.expr)})`;
    case 'binary':
      return `(${e.op}${e.bool ? ' bool' : ''}${e.matching ? ` ${e.matching.card}${e.matching.on === undefined ? '' : e.matching.on ? ` on(${e.matching.labels.map((l) => l.name)})` : ` ignoring(${e.matching.labels.map((l) => l.name)})`}${e.matching.include.length ? ` include(${e.matching.include.map((l) => l.name)})` : ''}` : ''} ${sexp(e.lhs)} ${sexp(e.rhs)})`;
    case 'unary':
      return `(${e.op} ${sexp(e.expr)})`;
    case 'paren':
      return e.via === 'paren' ? sexp(e.expr) : `(${e.via} ${sexp(e.expr)})`;
  }
}


/** Every node's kind and range, plus the sub-ranges checks report on, in pre-order. */
export function rangesOf(e: Expr | null): string {
  if (!e) return 'null';
  const out: string[] = [];
  const r = (x: { start: number; end: number } | undefined) => (x ? `${x.start}-${x.end}` : '-');
  const visit = (n: Expr) => {
    let extra = '';
    if (n.kind === 'selector') extra = ` name ${r(n.nameRange)} ${n.matchers.map((m) => `${r(m.range)}/${r(m.opRange)}/${r(m.valueRange)}`).join(' ')}`;
    if (n.kind === 'matrix' || n.kind === 'subquery') extra = ` dur ${r(n.durationRange)}`;
    if (n.kind === 'call') extra = ` fn ${r(n.funcRange)}`;
    if (n.kind === 'aggregate') extra = ` op ${r(n.opRange)} grouping ${r(n.grouping?.range)} list ${r(n.grouping?.listRange)} ${n.grouping?.labels.map((l) => r(l.range)).join(',') ?? ''}`;
    if (n.kind === 'binary') extra = ` op ${r(n.opRange)} matching ${n.matching ? `${n.matching.labels.map((l) => r(l.range)).join(',')}|${n.matching.include.map((l) => r(l.range)).join(',')}` : '-'}`;
    out.push(`${n.kind}${n.kind === 'paren' ? `(${n.via})` : ''} ${r(n.range)}${extra}`);
    const kids: Expr[] = n.kind === 'matrix' ? [n.selector] : n.kind === 'subquery' || n.kind === 'unary' || n.kind === 'paren' ? [n.expr] : n.kind === 'call' ? n.args : n.kind === 'aggregate' ? (n.param ? [n.param, n.expr] : [n.expr]) : n.kind === 'binary' ? [n.lhs, n.rhs] : [];
    kids.forEach(visit);
  };
  visit(e);
  return out.join('\n');
}
