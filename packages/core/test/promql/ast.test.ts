/**
 * The typed AST: node kinds, value types and source ranges of nodes and their parts, as a readable
 * table; a table of diagnostics for options (feature flags, target version) and checks not covered
 * by Prometheus's parser cases; the walk/nodeAt helpers; and, measured against the Go test
 * expectations, the root node kind of every valid parser case.
 */
import { describe, expect, it } from 'vitest';
import { nodeAt, parsePromQL, parseSeriesSelector, walk, type Expr, type PromQLParseOptions } from '../../src/promql/index';
import { loadParserCases, optionsFor } from './corpus';

const ALL = { features: ['promql-experimental-functions', 'promql-extended-range-selectors', 'promql-binop-fill-modifiers'] };

/** `text` sliced by a range, for readable expectations */
function slice(text: string, r: { start: number; end: number } | undefined): string | undefined {
  return r ? text.slice(r.start, r.end) : undefined;
}

function ok(text: string, opts: PromQLParseOptions = ALL): Expr {
  const res = parsePromQL(text, opts);
  expect(res.diagnostics.map((d) => d.message)).toEqual([]);
  expect(res.root).toBeDefined();
  return res.root!;
}

describe('typed AST', () => {
  const table: Array<[string, (e: Expr, t: string) => void]> = [
    ['sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))', (e, t) => {
      expect(e.kind).toBe('AggregateExpr');
      if (e.kind !== 'AggregateExpr') return;
      expect([e.type, e.op, slice(t, e.opRange)]).toEqual(['instant vector', 'sum', 'sum']);
      expect(e.grouping?.labels.map((l) => [l.value, slice(t, l.range)])).toEqual([['job', 'job']]);
      const call = e.expr!;
      expect([call.kind, call.type, slice(t, call.range)]).toEqual(['Call', 'instant vector', 'rate(http_requests_total{code=~"5.."}[5m])']);
      if (call.kind !== 'Call') return;
      const ms = call.args[0]!;
      expect([ms.kind, ms.type]).toEqual(['MatrixSelector', 'range vector']);
      if (ms.kind !== 'MatrixSelector' || ms.selector.kind !== 'VectorSelector') return;
      expect(slice(t, ms.bracketRange)).toBe('[5m]');
      expect(ms.range_.kind === 'NumberLiteral' && ms.range_.value).toBe(300);
      const m = ms.selector.matchers[0]!;
      expect([slice(t, m.label.range), m.op, slice(t, m.opRange), m.value.value, slice(t, m.value.range)]).toEqual(['code', '=~', '=~', '5..', '"5.."']);
      expect(slice(t, ms.selector.name?.range)).toBe('http_requests_total');
    }],
    ['a + b offset 5m', (e, t) => {
      // postfix modifiers bind tighter than operators: the offset belongs to `b`
      expect(e.kind).toBe('BinaryExpr');
      if (e.kind !== 'BinaryExpr') return;
      expect([e.type, e.op, slice(t, e.rhs.range)]).toEqual(['instant vector', '+', 'b offset 5m']);
      expect(e.rhs.kind === 'VectorSelector' && [e.rhs.offset?.seconds, slice(t, e.rhs.offset?.range)]).toEqual([300, 'offset 5m']);
    }],
    ['foo[10m:1m] @ start()', (e, t) => {
      expect([e.kind, e.type, slice(t, e.range)]).toEqual(['SubqueryExpr', 'range vector', 'foo[10m:1m] @ start()']);
      if (e.kind !== 'SubqueryExpr') return;
      expect(e.step?.kind === 'NumberLiteral' && e.step.value).toBe(60);
      expect([e.at?.value, slice(t, e.at?.range)]).toEqual(['start', '@ start()']);
    }],
    ['1 + 2 * 3', (e) => expect([e.kind, e.type]).toEqual(['BinaryExpr', 'scalar'])],
    ['"abc"', (e) => expect([e.kind, e.type, e.kind === 'StringLiteral' && e.value]).toEqual(['StringLiteral', 'string', 'abc'])],
    ['-5.', (e, t) => expect([e.kind, e.kind === 'NumberLiteral' && e.value, slice(t, e.range)]).toEqual(['NumberLiteral', -5, '-5.'])],
    ['{"my.metric", "a.b"="c"}', (e, t) => {
      expect(e.kind).toBe('VectorSelector');
      if (e.kind !== 'VectorSelector') return;
      expect(e.matchers.map((m) => [m.label.value, m.label.quoted, m.op, m.value.value, !!m.metricNameOnly, slice(t, m.range)])).toEqual([
        ['__name__', true, '=', 'my.metric', true, '"my.metric"'],
        ['a.b', true, '=', 'c', false, '"a.b"="c"'],
      ]);
    }],
    ['x / on(a) group_left(b) y', (e, t) => {
      expect(e.kind).toBe('BinaryExpr');
      if (e.kind !== 'BinaryExpr') return;
      expect([e.card, e.matching?.on, e.matching?.labels.map((l) => l.value), e.group?.side, e.group?.labels.map((l) => l.value)]).toEqual(['many-to-one', true, ['a'], 'left', ['b']]);
      expect([slice(t, e.matching?.range), slice(t, e.group?.range)]).toEqual(['on(a)', 'group_left(b)']);
    }],
    ['foo and bool bar', () => undefined],
    ['foo unless bar', (e) => expect(e.kind === 'BinaryExpr' && e.card).toBe('many-to-many')],
    ['foo[5m + 1m]', (e) => {
      expect(e.kind === 'MatrixSelector' && e.range_.kind === 'DurationExpr' && e.range_.op).toBe('+');
    }],
    ['rate(x[5m] anchored)', (e, t) => {
      const ms = e.kind === 'Call' ? e.args[0] : undefined;
      expect(ms?.kind === 'MatrixSelector' && slice(t, ms.anchored)).toBe('anchored');
    }],
    ['min_of(1, 2)', (e, t) => expect([e.kind, e.type, e.kind === 'Call' && slice(t, e.name.range)]).toEqual(['Call', 'scalar', 'min_of'])],
    ['a + fill_left(-1) b', (e) => expect(e.kind === 'BinaryExpr' && e.fill?.left?.value).toBe(-1)],
  ];

  for (const [text, expectFn] of table) {
    if (text === 'foo and bool bar') {
      it('reports bool on a set operator', () => {
        expect(parsePromQL(text).diagnostics.map((d) => d.message)).toEqual(['bool modifier can only be used on comparison operators']);
      });
      continue;
    }
    it(text, () => expectFn(ok(text), text));
  }

  it('walks every node and finds the innermost node at an offset', () => {
    const text = 'sum(rate(x[5m])) / 2';
    const root = ok(text);
    const kinds: string[] = [];
    walk(root, { enter: (n) => void kinds.push(n.kind) });
    expect(kinds).toEqual(['BinaryExpr', 'AggregateExpr', 'Call', 'MatrixSelector', 'VectorSelector', 'NumberLiteral', 'NumberLiteral']);
    expect(nodeAt(root, text.indexOf('x'))?.kind).toBe('VectorSelector');
    expect(nodeAt(root, text.indexOf('2'))?.kind).toBe('NumberLiteral');
  });
});

describe('diagnostics for options and checks', () => {
  const table: Array<[string, PromQLParseOptions, Array<[string, string]>]> = [
    // [input, options, [[message, text at the range]]]
    ['foo{a=~"(?=x)"}', {}, [['error parsing regexp: invalid or unsupported Perl syntax: `(?=`', '"(?=x)"']]],
    ['foo{a!~"\\\\1"}', {}, [['error parsing regexp: invalid escape sequence: `\\1`', '"\\\\1"']]],
    ['info(x)', {}, [['function "info" is not enabled', 'info']]],
    ['limitk(2, x)', {}, [['limitk() is experimental and must be enabled with --enable-feature=promql-experimental-functions', 'limitk(2, x)']]],
    ['rate(x[5m] smoothed)', {}, [['smoothed modifier is experimental and not enabled', 'x[5m]']]],
    ['a + fill(0) b', {}, [['binop fill modifiers are experimental and not enabled', 'a + fill(0) b']]],
    ['histogram_avg(x)', { prometheusVersion: '2.42' }, [['unknown function with name "histogram_avg"', 'histogram_avg']]],
    ['holt_winters(x[5m], 0.5, 0.5)', { prometheusVersion: '2.42' }, []],
    ['holt_winters(x[5m], 0.5, 0.5)', {}, [['unknown function with name "holt_winters"', 'holt_winters']]],
    ['{"a.b"}', { prometheusVersion: '2.42' }, [['unexpected string "\\"a.b\\"" in label matching, expected identifier or "}"', '"a.b"']]],
    ['rate(x) + floor(1)', {}, [
      ['expected type range vector in call to function "rate", got instant vector', 'x'],
      ['expected type instant vector in call to function "floor", got scalar', '1'],
    ]],
    ['sum(x) offset 5m', {}, [['offset modifier must be preceded by an instant vector selector or range vector selector or a subquery', 'sum(x)']]],
    ['1 + foo[5m]', {}, [['binary expression must contain only scalar and instant vector types', 'foo[5m]']]],
    ['-foo[5m]', {}, [['unexpected "x" placeholder', '']]],
    ['label_replace(up, "a", "$1", "b", "(.*")', {}, []],
    ['foo{a="b"} @ 1 offset 1m offset 2m', {}, [['offset may not be set multiple times', 'foo{a="b"} @ 1 offset 1m']]],
    ['up{job="x",}', {}, []],
    ['SUM(foo) BY (a)', {}, []],
    ['sum by (on, bool, offset) (foo)', {}, []],
  ];
  for (const [text, opts, want] of table) {
    if (text === '-foo[5m]') {
      it('-foo[5m]: the range binds tighter than the unary minus', () => {
        const res = parsePromQL(text);
        expect(res.diagnostics.map((d) => [d.message, slice(text, d.range)])).toEqual([
          ['unary expression only allowed on expressions of type scalar or instant vector, got "range vector"', '-foo[5m]'],
        ]);
      });
      continue;
    }
    it(`${text} ${JSON.stringify(opts)}`, () => {
      const res = parsePromQL(text, opts);
      expect(res.diagnostics.map((d) => [d.message, slice(text, d.range)])).toEqual(want);
      for (const d of res.diagnostics) expect([d.code, d.severity]).toEqual(['promql/syntax', 'error']);
    });
  }

  it('names the enabling flag in a note', () => {
    const d = parsePromQL('info(x)').diagnostics[0]!;
    expect(d.notes?.map((n) => n.message)).toEqual(['Prometheus accepts this with --enable-feature=promql-experimental-functions']);
  });

  it('gives the value type of the whole expression', () => {
    expect(['1', 'foo', 'foo[5m]', '"s"', 'time()'].map((t) => parsePromQL(t).valueType)).toEqual(['scalar', 'instant vector', 'range vector', 'string', 'scalar']);
  });
});

describe('parseSeriesSelector', () => {
  const table: Array<[string, string[]]> = [
    ['up{job="a", instance=~"x.*"}', []],
    ['{__name__=~"node_.*"}', []],
    ['sum(foo)', ['unexpected "("']],
    ['rate(foo[5m])', ['unexpected "("']],
    ['foo[5m]', ['unexpected "["']],
    ['foo offset 5m', ['unexpected <offset>']],
    ['foo + bar', ['unexpected <op:+>']],
    ['{}', ['vector selector must contain at least one non-empty matcher']],
  ];
  for (const [text, want] of table) it(text, () => expect(parseSeriesSelector(text).diagnostics.map((d) => d.message)).toEqual(want));
});

describe('AST shape against the Go test expectations', () => {
  it('builds the root node kind Prometheus expects for every valid parser case', () => {
    const GO_KINDS: Record<string, string> = { Call: 'Call', StepInvariantExpr: 'StepInvariantExpr' };
    let compared = 0;
    const mismatches: string[] = [];
    for (const c of loadParserCases()) {
      if (c.kind !== 'expr' || c.fail || !c.input) continue;
      const goKind = /^&(\w+)\{/.exec((c as unknown as { expectedGo?: string }).expectedGo ?? '')?.[1];
      if (!goKind) continue;
      const res = parsePromQL(c.input, optionsFor(c.parserOptions));
      compared++;
      const ours = res.root?.kind;
      const want = GO_KINDS[goKind] ?? goKind;
      if (ours !== want) mismatches.push(`${JSON.stringify(c.input)}: Prometheus ${goKind}, promscope ${ours}`);
    }
    console.log(`[promql AST] root kind compared on ${compared} valid cases, ${mismatches.length} differ`);
    expect(compared).toBeGreaterThan(150);
    expect(mismatches).toEqual([]);
  });
});
