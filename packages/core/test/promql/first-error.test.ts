/**
 * The first error Prometheus reports for a broken expression (its message shows only the first of
 * its parse errors), at its column. Each expected line is what `promtool check rules` (Debian's
 * 2.42) printed for the expression, and the rules behind them are in Prometheus 3.x's parser too
 * (`generated_parser.y`'s `aggregate_op error`, the lexer's `)` without `(`, `parseExpr`'s type
 * checks only without a parse error). Found by a differential fuzz of mutated corpus expressions
 * against promtool (2026-11-27): before, ~27% of the rejected ones got another first message.
 */
import { describe, expect, it } from 'vitest';
import { parsePromQL } from '../../src/promql/index';

/** expression → Prometheus's first error as `column: message` (columns count bytes, from 1) */
const CASES: [string, string][] = [
  // `aggregate_expr: aggregate_op error`: an error inside an aggregation's body, or right after its
  // `by (...)`, that no inner rule (label matchers, grouping, brackets, offset, @) catches
  ['sum(foo bar)', '9: unexpected identifier "bar" in aggregation'],
  ['sum(rate(x[5m]) by (job))', '17: unexpected <by> in aggregation'],
  ['sum by (a) (x y)', '15: unexpected identifier "y" in aggregation'],
  ['sum without (a) x', '17: unexpected identifier "x" in aggregation'],
  ['sum by (a)', '11: unexpected end of input in aggregation'],
  ['sum(x[5m] y)', '11: unexpected identifier "y" in aggregation'],
  ['sum((x y))', '8: unexpected identifier "y" in aggregation'],
  ['sum(abs(x y))', '11: unexpected identifier "y" in aggregation'],
  ['count_values("a" x)', '18: unexpected identifier "x" in aggregation'],
  // ... but not once the aggregation is complete, nor right after `sum` (then a metric name)
  ['sum(x) by (a) y', '15: unexpected identifier "y"'],
  ['abs(sum(x) y)', '12: unexpected identifier "y"'],
  ['sum 1', '5: unexpected number "1"'],
  // inside `by (...)` a name followed by `(` is not a function call
  ['sum by (a (b)) (x)', '11: unexpected "(" in grouping opts, expected "," or ")"'],
  // `by`/`without` are grouping keywords only after an aggregation's operator or body; elsewhere
  // they are metric names (`x > by 1` is the selector `by` and an unexpected number)
  ['go_threads >without 500', '21: unexpected number "500"'],
  ['x > by (a)', '8: unexpected "("'],
  ['sum(x) by 1', '11: unexpected number "1" in grouping opts, expected "("'],
  ['x + on 1', '8: unexpected number "1" in grouping opts, expected "("'],
  // `offset` after an operator is a metric name too (`expr OFFSET error` needs an expression before it)
  ['x / offset y', '12: unexpected identifier "y"'],
  ['x offset > 0', '10: unexpected <op:>> in offset, expected number, duration, step(), or range()'],
  // a misplaced `@` or `offset` is reported when the modifier is reduced, after its timestamp or
  // duration: a grammar error before that comes first (and `@` after an operator is unexpected)
  ['x > @0', '5: unexpected <op:@>'],
  ['x<@ 3', '3: unexpected <op:@>'],
  ['sum(x) @BY (instance)', '9: unexpected <BY> in @, expected timestamp'],
  ['sum(x) @ 100', '1: @ modifier must be preceded by an instant vector selector or range vector selector or a subquery'],
  ['sum(x) offset 5m', '1: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery'],
  ['sum(x) @ start(', '16: unclosed left parenthesis'],
  // a sign after `@` or `offset` belongs to the modifier: an error after it is the modifier's
  ['x @ - foo', '7: unexpected identifier "foo" in @, expected timestamp'],
  ['x @ + foo', '7: unexpected identifier "foo" in @, expected timestamp'],
  ['x offset - foo', '12: unexpected identifier "foo" in offset, expected number, duration, step(), or range()'],
  // an error inside an unknown function's call, even at its `)`, comes before the name (reduced after the `)`)
  ['rateincrease(x[5m) > 0', '18: unexpected ")" in subquery or range, expected ":" or "]"'],
  // what lies before the first grammar error is reduced as if the text ended there (lezer's recovery
  // of the whole text may not build it): the aggregation's own error comes first
  ['sum(x, y) z', '1: wrong number of arguments for aggregate expression provided, expected 1, got 2'],
  ['topk(x) y', '1: wrong number of arguments for aggregate expression provided, expected 2, got 1'],
  ['sum() x', '1: no arguments for aggregate expression provided'],
  // ... except an aggregation without a modifier before its body, reduced once the next token is
  // read (it could be `by`): a `)` without `(` there is the lexer's error first
  ['sum())', '7: unexpected right parenthesis \')\''],
  ['topk(x))', '9: unexpected right parenthesis \')\''],
  ['sum by (a) ())', '1: no arguments for aggregate expression provided'],
  ['sum() by (a))', '1: no arguments for aggregate expression provided'],
  ['foo())', '1: unknown function with name "foo"'],
  // an aggregation whose `(` is still open when the error comes is not one without arguments
  ['avg by (job) (>x) != 1', '15: unexpected <op:>> in aggregation'],
  // a name with a colon is a metric name, never a function (`function_call: IDENTIFIER ...`)
  [':rate(x[3m]) > 0.05', '6: unexpected "("'],
  ['(x == 0) and on: (instance) (y)', '18: unexpected "("'],
  ['sum(a:b(x))', '8: unexpected "(" in aggregation'],
  // `function_call_args: function_call_args COMMA`, reduced when no expression can follow the comma
  ['label_replace(x, "name", >, "a", "b")', '24: trailing commas not allowed in function call args'],
  ['histogram_quantile(0.99,> sum(x))', '24: trailing commas not allowed in function call args'],
  ['abs(x, on)', '6: trailing commas not allowed in function call args'],
  ['count_values("a", > x)', '17: trailing commas not allowed in function call args'],
  ['abs(x, and)', '1: expected 1 argument(s) in call to "abs", got 2'],
  // a grammar error before a lexer error: the parser meets it first (the lexer runs as it reads)
  ['sum(rate(x[5m]) by (job)', '17: unexpected <by> in aggregation'],
  ['sum(rate(x[5m]) by (job)   ', '17: unexpected <by> in aggregation'],
  ['sum(foo bar', '9: unexpected identifier "bar" in aggregation'],
  ['sum(x) + (y z', '13: unexpected identifier "z"'],
  // ... unless the lexer's error takes that token's place: `)` without `(` is the lexer's error
  ['x + y)', '7: unexpected right parenthesis \')\''],
  // an unknown function is reported when its call is reduced, at its `)`: an error inside the call,
  // or a lexer error before its `)`, comes first; a lexer error after it does not
  ['foo(=~x)', "5: unexpected character after '=': '~'"],
  ['foo(x y)', '7: unexpected identifier "y"'],
  ['fo(x y)', '6: unexpected identifier "y"'],
  ['foo(bar(x y))', '11: unexpected identifier "y"'],
  ['sum(foo(x y))', '11: unexpected identifier "y" in aggregation'],
  ['ipmi_power_state (== 1', '19: unexpected <op:==>'],
  ['foo(x) y', '1: unknown function with name "foo"'],
  ['sumrate(x[5m])) by (pod) > 0.05', '1: unknown function with name "sumrate"'],
  ['foo(x', '6: unclosed left parenthesis'],
  // a node whose bracket is never closed is never reduced: no grammar error on it (lezer's recovery
  // made `sum(x, y` an aggregation of two arguments)
  ['sum(x, y', '9: unclosed left parenthesis'],
  ['count_values("x",', '18: unclosed left parenthesis'],
  // no type checks after a parse error: Prometheus runs them only on an expression without one
  ['rate(x) + sum()', '11: no arguments for aggregate expression provided'],
  // reduced at its `)`, before the grammar error that follows it
  ['sum()(x)', '1: no arguments for aggregate expression provided'],
  ['rate(x) + (1', '13: unclosed left parenthesis'],
  ['rate(x) + sum(foo bar)', '19: unexpected identifier "bar" in aggregation'],
  ['rate(x) + foo{a="b', '17: unterminated quoted string'],
  // a number run into a keyword: lezer reads `0and` as `0 and`, Prometheus's lexer as one bad token
  // (promtool 2.42 says the same at the same columns)
  ['up > 0and up', '6: bad number or duration syntax: "0"'],
  ['x offset 5mand y', '10: bad number or duration syntax: "5ma"'],
  ['sum by (job) (up) > 0.5unless up', '21: bad number or duration syntax: "0.5"'],
  ['x{code="5xx"} > 0x1f unless rate(x[1h30m:5m] offset 1d) > 1_000.5e3', 'no error'],
];

function firstError(expr: string, prometheusVersion?: string): string {
  const d = parsePromQL(expr, prometheusVersion ? { prometheusVersion } : {}).diagnostics.find((x) => x.severity === 'error');
  return d ? `${Buffer.byteLength(expr.slice(0, d.range.start)) + 1}: ${d.message}` : 'no error';
}

describe("Prometheus's first parse error", () => {
  it.each(CASES)('%s', (expr, expected) => {
    expect(firstError(expr)).toBe(expected);
  });

  // syntax that arrived later is Prometheus's error for an older target (here Debian's 2.42):
  // numbers and durations interchangeable since 2.54, `</` and `>/` since 3.11; and before 2.54 the
  // lexer read a range as a duration token only. Third: the first error for the default target.
  it.each([
    ['x > -5m', '6: unexpected duration "5m"', 'no error'],
    ['x @ 5m', '5: unexpected duration "5m" in @, expected timestamp', 'no error'],
    ['x offset 1', '10: unexpected number "1" in offset, expected duration', 'no error'],
    ['x[5]', '3: missing unit character in duration', 'no error'],
    ['x[5m:1]', '6: unexpected number "1" in subquery selector, expected duration or "]"', 'no error'],
    ['x>/5', '3: unexpected <op:/>', 'no error'],
    ['rate(x[])', '8: missing unit character in duration', '8: unexpected "]" in subquery or range selector, expected number, duration, step(), or range()'],
    ['x[foo]', '3: bad duration syntax: ""', "3: unexpected character in duration expression: 'f'"],
    ['rate(x[0])', '8: missing unit character in duration', '8: duration must be greater than 0'],
    ['x offset > 0', '10: unexpected <op:>> in offset, expected duration', '10: unexpected <op:>> in offset, expected number, duration, step(), or range()'],
    ['x[5mfoo]', '3: bad duration syntax: "5mf"', '3: bad number or duration syntax: "5mf"'],
    ['x{= a "b"}', '3: unexpected "=" in label matching, expected identifier or "}"', '3: unexpected "=" in label matching, expected identifier or "}"'],
  ])('%s (2.42)', (expr, old, now) => {
    expect(firstError(expr, '2.42')).toBe(old);
    expect(firstError(expr)).toBe(now);
  });

  it('says the same after white space at the end (an error at the end moves with it, as in Prometheus)', () => {
    const message = (e: string) => firstError(e).replace(/^\d+: /, '');
    for (const [expr] of CASES) expect(message(`${expr} \n`), expr).toBe(message(expr));
  });
});
