/**
 * Grammar errors, phrased as Prometheus phrases them.
 *
 * lezer-promql and Prometheus's yacc parser accept the same language except for a few tokens lezer
 * lexes differently. `compatRewrite` hides those from lezer with same-length substitutions (so every
 * offset stays valid): numbers such as `5.`, out-of-order durations, unknown or keyword-named
 * function calls (`foo(…)`, `min_of(a, b)`), `offset` used as a metric name. Names and values are
 * always read from the original text.
 *
 * `describeSyntaxError` turns lezer's first error node into Prometheus's message (`unexpected
 * <op:*>`, `unexpected "}" in label matching, expected label matching operator`, `unknown function
 * with name "b"`, `trailing commas not allowed in function call args`, ...) using the token stream of
 * Prometheus's lexer (lexer.ts) to know which token is unexpected and in which context.
 */
import type { Range } from '../diagnostics/types';
import { allFunctions } from './functions';
import { describeToken, type Token } from './lexer';
import { goQuote } from './quote';

/** Function names lezer's grammar knows (exact case): every catalogue function except min_of/max_of. */
const LEZER_FUNCTIONS = new Set(allFunctions().map((f) => f.name).filter((n) => n !== 'min_of' && n !== 'max_of'));

const LEZER_NUMBER = /^(?:(?:[0-9]+(?:_?[0-9])*(?:\.[0-9]+(?:_?[0-9])*)?|\.[0-9]+(?:_?[0-9])*)(?:[eE][+-]?[0-9]+(?:_?[0-9])*)?|0x[0-9a-fA-F]+|inf|nan)$/i;
const LEZER_DURATION = /^(?:[0-9]+y)?(?:[0-9]+w)?(?:[0-9]+d)?(?:[0-9]+h)?(?:[0-9]+m)?(?:[0-9]+s)?(?:[0-9]+ms)?$/;

const EXPR_START_AFTER = new Set([
  'ADD', 'SUB', 'MUL', 'DIV', 'MOD', 'POW', 'EQLC', 'NEQ', 'LTE', 'LSS', 'GTE', 'GTR', 'TRIM_UPPER', 'TRIM_LOWER', 'LAND', 'LOR',
  'LUNLESS', 'ATAN2', 'LEFT_PAREN', 'COMMA',
]);

/**
 * Same-length substitutions that let lezer parse what Prometheus's lexer accepts.
 * Returns the text unchanged when nothing needs rewriting.
 */
export function compatRewrite(text: string, tokens: Token[]): string {
  let out: string[] | undefined;
  const put = (t: Token, repl: string) => {
    out ??= text.split('');
    for (let i = t.start; i < t.end; i++) out[i] = i - t.start < repl.length ? repl[i - t.start]! : ' ';
  };
  let bracketDepth = 0;
  let braceOpen = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    switch (t.type) {
      case 'LEFT_BRACKET': bracketDepth++; continue;
      case 'RIGHT_BRACKET': bracketDepth = Math.max(0, bracketDepth - 1); continue;
      case 'LEFT_BRACE': braceOpen = true; continue;
      case 'RIGHT_BRACE': braceOpen = false; continue;
    }
    if (braceOpen) continue;
    if (t.type === 'NUMBER' && !LEZER_NUMBER.test(t.val)) put(t, '1');
    else if (t.type === 'DURATION' && !LEZER_DURATION.test(t.val)) put(t, '1s');
    else if (next?.type === 'LEFT_PAREN' && bracketDepth === 0 && prev?.type !== 'AT' && !(prev?.type === 'KEYWORD' && prev.word === 'offset')) {
      const isName = t.type === 'IDENTIFIER' || t.type === 'METRIC_IDENTIFIER' || t.type === 'PREPROCESSOR';
      if (isName && !LEZER_FUNCTIONS.has(t.val) && t.val.length >= 2) put(t, t.val.length >= 6 ? 'absent' : 'ln');
    } else if (t.type === 'KEYWORD' && t.word === 'offset' && (!prev || EXPR_START_AFTER.has(prev.type))) {
      put(t, '_'.repeat(t.val.length));
    }
  }
  return out ? out.join('') : text;
}

export interface SyntaxError {
  range: Range;
  message: string;
}

const GROUPING_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
/** the grouping keywords of aggregations (the others modify binary operators) */
const AGGREGATION_MODIFIERS = new Set(['by', 'without']);
const MATCH_OPS = new Set(['EQL', 'NEQ', 'EQL_REGEX', 'NEQ_REGEX']);

interface Context {
  braceOpen: boolean;
  /** inside `by(...)`, `on(...)`, ... */
  grouping: boolean;
  bracket: 'none' | 'range' | 'step';
  /** inside `[ ... ]`, whether a complete duration has been seen in the current part */
  durationSeen: boolean;
  /** stack of paren kinds: 'call' for function bodies, 'agg' for aggregation bodies, 'group', 'paren' */
  parens: Array<'call' | 'agg' | 'group' | 'paren'>;
  /** the last `)` closed an aggregation's `by (...)` list (so a following `(` opens its body) */
  lastClosedGrouping: boolean;
  /**
   * the last token is `by`/`without` where Prometheus's grammar takes it as one (right after an
   * aggregation's operator or body: elsewhere it is a metric name, `x > by 1` a vector selector
   * `by`), or `on`/`ignoring`/`group_left`/`group_right`
   */
  lastGroupingKeyword: boolean;
}

/** The lexer context right before token index `upto`. */
function contextAt(tokens: Token[], upto: number): Context {
  const c: Context = { braceOpen: false, grouping: false, bracket: 'none', durationSeen: false, parens: [], lastClosedGrouping: false, lastGroupingKeyword: false };
  // whether the token before was a `)` that closed an aggregation's body (`sum(x) by (a)`)
  let closedAgg = false;
  for (let i = 0; i < upto; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    const afterAggBody = closedAgg;
    closedAgg = false;
    const wasGroupingKeyword = c.lastGroupingKeyword;
    c.lastGroupingKeyword =
      t.type === 'KEYWORD' && GROUPING_KEYWORDS.has(t.word!) && (!AGGREGATION_MODIFIERS.has(t.word!) || prev?.type === 'AGGREGATOR' || afterAggBody);
    switch (t.type) {
      case 'LEFT_BRACE': c.braceOpen = true; break;
      case 'RIGHT_BRACE': c.braceOpen = false; break;
      case 'LEFT_BRACKET': c.bracket = 'range'; c.durationSeen = false; break;
      case 'RIGHT_BRACKET': c.bracket = 'none'; break;
      case 'COLON': if (c.bracket !== 'none') { c.bracket = 'step'; c.durationSeen = false; } break;
      case 'NUMBER': case 'DURATION': if (c.bracket !== 'none') c.durationSeen = true; break;
      case 'LEFT_PAREN': {
        const grouping = wasGroupingKeyword;
        const agg = prev && (prev.type === 'AGGREGATOR' || (prev.type === 'RIGHT_PAREN' && c.lastClosedGrouping));
        const call = prev && (prev.type === 'IDENTIFIER' || prev.type === 'METRIC_IDENTIFIER' || prev.type === 'PREPROCESSOR');
        c.parens.push(grouping ? 'group' : agg ? 'agg' : call ? 'call' : 'paren');
        c.grouping = !!grouping;
        if (c.bracket !== 'none') c.durationSeen = false;
        break;
      }
      case 'RIGHT_PAREN': {
        const k = c.parens.pop();
        closedAgg = k === 'agg';
        c.lastClosedGrouping = k === 'group' && isAggregationGrouping(tokens, i);
        c.grouping = c.parens[c.parens.length - 1] === 'group';
        if (c.bracket !== 'none') c.durationSeen = true;
        break;
      }
    }
  }
  return c;
}

/** whether the grouping list closed at `i` belongs to an aggregation (`sum by (a) (` opens a call) */
function isAggregationGrouping(tokens: Token[], i: number): boolean {
  let depth = 0;
  for (let j = i; j >= 0; j--) {
    const t = tokens[j]!;
    if (t.type === 'RIGHT_PAREN') depth++;
    else if (t.type === 'LEFT_PAREN' && --depth === 0) {
      const kw = tokens[j - 1];
      const agg = tokens[j - 2];
      return !!kw && (kw.word === 'by' || kw.word === 'without') && agg?.type === 'AGGREGATOR';
    }
  }
  return false;
}

/**
 * Tokens no expression starts with (Prometheus's grammar: binary operators other than `+`/`-`,
 * closing brackets, `,`, `:`, `@`, and the keywords that are no metric name: `bool`, `on`,
 * `ignoring`, `group_left`, `group_right`; `and`, `by`, `offset`... can be metric names)
 */
const NOT_EXPRESSION_START = new Set(['MUL', 'DIV', 'MOD', 'POW', 'EQLC', 'NEQ', 'LTE', 'LSS', 'GTE', 'GTR', 'TRIM_UPPER', 'TRIM_LOWER', 'ATAN2', 'EQL', 'EQL_REGEX', 'NEQ_REGEX', 'AT', 'COMMA', 'COLON', 'RIGHT_PAREN', 'RIGHT_BRACE', 'RIGHT_BRACKET']);
const KEYWORDS_NO_METRIC = new Set(['bool', 'on', 'ignoring', 'group_left', 'group_right']);
/** tokens an expression can end with (so that `offset` after one is its modifier) */
const ENDS_EXPRESSION = new Set(['IDENTIFIER', 'METRIC_IDENTIFIER', 'AGGREGATOR', 'NUMBER', 'DURATION', 'STRING', 'RIGHT_PAREN', 'RIGHT_BRACE', 'RIGHT_BRACKET']);
function startsExpression(t: Token): boolean {
  if (t.type === 'EOF') return true; // (an end of input is the lexer's or the grammar's own error)
  if (NOT_EXPRESSION_START.has(t.type)) return false;
  return !(t.type === 'KEYWORD' && KEYWORDS_NO_METRIC.has(t.word!));
}

/** Index of the first token that ends after `offset` (the token at or after an error position). */
function tokenIndexAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= offset && tokens[mid]!.type !== 'EOF') lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Prometheus's message for a grammar error lezer found at `errorStart`. */
export function describeSyntaxError(tokens: Token[], errorStart: number, opts: { legacyDurations?: boolean } = {}): SyntaxError {
  let i = tokenIndexAt(tokens, errorStart);
  let t = tokens[i]!;
  const prevOf = (k: number) => (k > 0 ? tokens[k - 1] : undefined);
  // `foo[step]`: the keyword itself is fine, the token after it is what Prometheus complains about
  if (t.type === 'PREPROCESSOR' && tokens[i + 1]?.type !== 'LEFT_PAREN' && contextAt(tokens, i).bracket !== 'none') {
    i++;
    t = tokens[i]!;
  }
  const p = prevOf(i);
  const ctx = contextAt(tokens, i);
  const range = { start: t.start, end: t.end };
  const unexpected = (context?: string, expected?: string): SyntaxError => {
    let m = `unexpected ${describeToken(t)}`;
    if (context) m += ` in ${context}`;
    if (expected) m += `, expected ${expected}`;
    return { range, message: m };
  };

  // (inside `by (...)` a name is a label: `sum by (a (` is an error of the grouping list)
  // (`function_call: IDENTIFIER function_call_body`: a name with a colon is a metric, `a:b(` an
  // unexpected "(")
  if (t.type === 'LEFT_PAREN' && p && p.type === 'IDENTIFIER' && !ctx.braceOpen && !ctx.grouping) {
    return { range: { start: p.start, end: p.end }, message: `unknown function with name ${goQuote(p.val)}` };
  }
  const inner = ctx.parens[ctx.parens.length - 1];
  if (t.type === 'RIGHT_PAREN' && p?.type === 'COMMA' && (inner === 'call' || inner === 'agg')) {
    return { range: { start: p.start, end: p.end }, message: 'trailing commas not allowed in function call args' };
  }
  // `function_call_args: function_call_args COMMA` (reduced when what follows the comma cannot start
  // an expression): `f(a, > b)` is a trailing comma before it is an unexpected `>`
  if (p?.type === 'COMMA' && (inner === 'call' || inner === 'agg') && !ctx.braceOpen && ctx.bracket === 'none' && !startsExpression(t)) {
    return { range: { start: p.start, end: p.end }, message: 'trailing commas not allowed in function call args' };
  }
  if (ctx.braceOpen) {
    if (!p || p.type === 'LEFT_BRACE' || p.type === 'COMMA') return unexpected('label matching', 'identifier or "}"');
    if (MATCH_OPS.has(p.type)) return unexpected('label matching', 'string');
    if (p.type === 'IDENTIFIER') return unexpected('label matching', 'label matching operator');
    return unexpected('label matching', '"," or "}"');
  }
  if (ctx.grouping) {
    if (p?.type === 'LEFT_PAREN' || p?.type === 'COMMA') return unexpected('grouping opts', 'label');
    return unexpected('grouping opts', '"," or ")"');
  }
  if (p?.type === 'KEYWORD' && (p.word === 'by' || p.word === 'without' || p.word === 'on' || p.word === 'ignoring') && ctx.lastGroupingKeyword && t.type !== 'LEFT_PAREN') {
    return unexpected('grouping opts', '"("');
  }
  // a sign after `offset` or `@` (`offset -5m`, `@ -100`) is part of the modifier: an error after it
  // is the modifier's too (`expr OFFSET error`, `expr AT error`)
  const signed = (p?.type === 'SUB' || p?.type === 'ADD') && i >= 2;
  const m = signed ? tokens[i - 2] : p;
  const mi = signed ? i - 2 : i - 1;
  // `expr OFFSET error`: `offset` after an operator, `(` or `,` is a metric name (`x / offset y`)
  // (before 2.54 an offset took a duration only, and only `-` as its sign)
  if (m?.type === 'KEYWORD' && m.word === 'offset' && ENDS_EXPRESSION.has(tokens[mi - 1]?.type ?? 'EOF') && !(signed && p!.type === 'ADD' && opts.legacyDurations)) {
    return unexpected('offset', opts.legacyDurations ? 'duration' : 'number, duration, step(), or range()');
  }
  if (m?.type === 'AT') return unexpected('@', 'timestamp');
  if (ctx.bracket === 'range') {
    if (!ctx.durationSeen) return unexpected('subquery or range selector', 'number, duration, step(), or range()');
    return unexpected('subquery or range', '":" or "]"');
  }
  if (ctx.bracket === 'step') {
    if (p?.type === 'COLON') return unexpected('subquery selector', 'number, duration, step(), range(), or "]"');
    return unexpected('subquery selector', '"]"');
  }
  // Prometheus's grammar has `aggregate_expr: aggregate_op error`: an error that no inner rule above
  // catches, anywhere after an aggregation's `by (...)`/`without (...)` or inside its body, is
  // reported by that rule (yacc pops back to the innermost state that can shift `error`). Right
  // after `sum` itself it is not: `sum` is then read as a metric name.
  if (ctx.parens.includes('agg') || (p?.type === 'RIGHT_PAREN' && ctx.lastClosedGrouping)) return unexpected('aggregation');
  return unexpected();
}
