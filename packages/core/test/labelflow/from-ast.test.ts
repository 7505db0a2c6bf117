// The adapter from the PromQL analyzer's AST builds a label-flow view for every expression that
// Prometheus accepts (every rule expression of the corpus, every valid case of Prometheus's parser
// tests), with every range inside the expression, and none for expressions with errors.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleFileViewFromText } from '../../src/checks/model-from-rules';
import { exprFromAst } from '../../src/labelflow/from-ast';
import { parsePromQL } from '../../src/promql/index';
import { rangesOf } from './sexp';

const corpus = path.resolve(process.cwd(), '../shared/corpus');
const FEATURES = ['promql-experimental-functions', 'promql-duration-expr', 'promql-extended-range-selectors', 'promql-binop-fill-modifiers'];

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

  it('builds a view with in-bounds ranges for every valid expression', () => {
    expect(exprs.length).toBeGreaterThan(500);
    const missing: string[] = [];
    const outOfBounds: string[] = [];
    let built = 0;
    for (const src of exprs) {
      const parsed = parsePromQL(src, { features: FEATURES });
      if (parsed.diagnostics.some((d) => d.severity === 'error')) continue;
      const view = exprFromAst(parsed.root, src);
      if (!view) {
        missing.push(src);
        continue;
      }
      built++;
      for (const line of rangesOf(view).split('\n')) {
        for (const m of line.matchAll(/(\d+)-(\d+)/g)) if (Number(m[1]) > Number(m[2]) || Number(m[2]) > src.length) outOfBounds.push(`${src}: ${line}`);
      }
    }
    expect(built).toBeGreaterThan(500);
    expect(missing.slice(0, 10)).toEqual([]);
    expect(outOfBounds.slice(0, 10)).toEqual([]);
  });

  it('is null for expressions with grammar errors', () => {
    for (const src of ['sum(', '1 +', 'foo{}{}', 'rate(x[5m]']) expect(exprFromAst(parsePromQL(src).root, src)).toBeNull();
  });
});
