// The label-flow view of an expression (built from the analyzer's typed AST): shapes, ranges, and
// silence on broken input.
import { describe, expect, it } from 'vitest';
import { exprFromText as buildExpr } from '../../src/labelflow/from-ast';
import { parseDuration, formatDuration } from '../../src/labelflow/duration';
import { sexp } from './sexp';

describe('exprFromText', () => {
  it.each([
    ['sum by (job) (rate(x_total{a=~"b"}[5m]))', '(sum by(job) (rate x_total{a=~"b"}[300000]))'],
    ['sum(x) without (instance)', '(sum without(instance) x{})'],
    ['topk(3, x)', '(topk 3 x{})'],
    ['a / on (job) group_left (v) b', '(/ many-to-one on(job) include(v) a{} b{})'],
    ['a > bool 1', '(> bool a{} 1)'],
    ['a unless ignoring (x) b', '(unless one-to-one ignoring(x) a{} b{})'],
    ['-x', '(- x{})'],
    ['{__name__="up", job="a"}', 'up{__name__="up",job="a"}'],
    ['{"my.metric", job="a"}', 'my.metric{job="a"}'],
    ['x offset 5m', '(offset x{})'],
    ['rate(x[5m:1m])', '(rate (subquery x{} 300000 60000))'],
    ['max_over_time(x[1h:])', '(max_over_time (subquery x{} 3600000 null))'],
    // a postfix binds to the right operand, as in Prometheus
    ['a + b offset 1h', '(+ a{} (offset b{}))'],
    ['x{a="\\\\d+"}', 'x{a="\\\\d+"}'],
  ])('%s', (src, expected) => {
    expect(sexp(buildExpr(src))).toBe(expected);
  });

  it.each(['', 'sum(', 'rate(x[5m]', 'foo{}{} > 0', 'x[5m][5m]', '1 +'])('returns null for broken input %j', (src) => {
    expect(buildExpr(src)).toBeNull();
  });

  it('keeps exact ranges', () => {
    const src = 'sum by (job) (up{job=~"a"})';
    const e = buildExpr(src)!;
    if (e.kind !== 'aggregate') throw new Error('aggregate expected');
    expect(src.slice(e.grouping!.listRange.start, e.grouping!.listRange.end)).toBe('(job)');
    const sel = e.expr;
    if (sel.kind !== 'selector') throw new Error('selector expected');
    const m = sel.matchers[0];
    expect(src.slice(m.opRange.start, m.opRange.end)).toBe('=~');
    expect(src.slice(m.valueRange.start, m.valueRange.end)).toBe('"a"');
  });
});

describe('durations', () => {
  it.each([['5m', 300_000], ['1h30m', 5_400_000], ['90', 90_000], ['500ms', 500], ['1x', null]])('parseDuration(%s)', (s, ms) => {
    expect(parseDuration(s)).toBe(ms);
  });
  it('formats like Prometheus', () => {
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(0)).toBe('0s');
  });
});
