// The adapter from the PromQL analyzer's AST gives the same view as the lezer-based builder, on
// every rule expression of the corpus and every valid case of Prometheus's parser tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleFileViewFromText } from '../../src/checks/model-from-rules';
import { exprFromAst } from '../../src/labelflow/from-ast';
import { buildExpr } from '../../src/labelflow/from-lezer';
import { parsePromQL } from '../../src/promql/index';
import { rangesOf, sexp } from './sexp';

const corpus = path.resolve(process.cwd(), '../shared/corpus');
const FEATURES = ['promql-experimental-functions', 'promql-duration-expr', 'promql-extended-range-selectors'];

function corpusExpressions(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) for (const g of ruleFileViewFromText(p, readFileSync(p, 'utf8')).groups) for (const r of g.rules) if (r.expr) out.push(r.expr.value);
    }
  };
  if (existsSync(path.join(corpus, 'rules'))) walk(path.join(corpus, 'rules'));
  const cases = path.join(corpus, 'promql/parser-cases.json');
  if (existsSync(cases)) for (const c of JSON.parse(readFileSync(cases, 'utf8')) as { input: string | null; fail: boolean; kind: string }[]) if (c.kind === 'expr' && !c.fail && c.input) out.push(c.input);
  return out;
}

describe('exprFromAst', () => {
  const exprs = corpusExpressions();

  it('agrees with the lezer-based view', () => {
    expect(exprs.length).toBeGreaterThan(500);
    const disagree: string[] = [];
    let compared = 0;
    for (const src of exprs) {
      const parsed = parsePromQL(src, { features: FEATURES });
      if (parsed.diagnostics.some((d) => d.severity === 'error')) continue;
      const fromAst = exprFromAst(parsed.root, src);
      const fromLezer = buildExpr(src);
      if (!fromLezer) continue; // lezer-promql lags behind the newest syntax
      compared++;
      // Prometheus folds a minus into a number literal (`-1`), lezer keeps a unary node; and lezer
      // binds unary minus tighter than `^` (Prometheus: -(1^2)): compare modulo those two
      if (src.includes('^')) continue;
      const fold = (s: string) => s.replace(/\((-|\+) (-?[\d.e+]+|Inf|NaN)\)/g, (_m, op: string, n: string) => (op === '-' ? (n.startsWith('-') ? n.slice(1) : `-${n}`) : n));
      if (fold(sexp(fromAst)) !== fold(sexp(fromLezer))) disagree.push(`${src}\n  ast:   ${sexp(fromAst)}\n  lezer: ${sexp(fromLezer)}`);
    }
    expect(compared).toBeGreaterThan(500);
    expect(disagree.slice(0, 10)).toEqual([]);
  });

  it('gives the same ranges as the lezer-based view', () => {
    const disagree: string[] = [];
    for (const src of exprs) {
      if (/[-+]\s*[\d.]|\^/.test(src)) continue; // folded signs move ranges (see above)
      const parsed = parsePromQL(src, { features: FEATURES });
      if (parsed.diagnostics.some((d) => d.severity === 'error')) continue;
      const a = rangesOf(exprFromAst(parsed.root, src));
      const b = rangesOf(buildExpr(src));
      if (b !== 'null' && a !== b) disagree.push(`${src}\n--- ast\n${a}\n--- lezer\n${b}`);
    }
    expect(disagree.slice(0, 3)).toEqual([]);
  });

  it('is null for expressions with grammar errors', () => {
    for (const src of ['sum(', '1 +', 'foo{}{}', 'rate(x[5m]']) expect(exprFromAst(parsePromQL(src).root, src)).toBeNull();
  });
});
