/**
 * What is being typed at a cursor in a PromQL text: an expression, a label name or value of a
 * selector, a grouping label, a duration... Read from the tolerant tokenizer, so it works on the
 * half-typed text an editor sends (unclosed braces, unterminated strings).
 */
import { getAggregator, getFunction } from '../promql/functions';
import { GROUPING_KEYWORDS, tokenize, type Tok } from './promql-tokens';

export interface SelectorMatcher {
  name: string;
  op: string;
  value: string;
}

interface Span {
  /** offsets into the PromQL text of the word being completed (replaced by the completion) */
  from: number;
  to: number;
  prefix: string;
}

export type PromQLCompletionContext =
  | (Span & { kind: 'expression'; afterExpression: boolean; afterAt: boolean; afterAggregation: boolean; afterComparison: boolean })
  | (Span & { kind: 'label-name'; metric?: string; matchers: SelectorMatcher[] })
  | (Span & { kind: 'label-value'; metric?: string; label: string; matchers: SelectorMatcher[]; quote: string | null })
  | (Span & { kind: 'grouping-label'; metric?: string })
  | (Span & { kind: 'duration' })
  | { kind: 'none' };

/** Words after which an expression starts (so the word before the cursor is not an operand). */
const EXPECTS_OPERAND = new Set(['and', 'or', 'unless', 'atan2', 'bool', 'group_left', 'group_right', 'offset']);

function unquote(s: string): string {
  const q = s[0];
  const body = s.endsWith(q) && s.length > 1 ? s.slice(1, -1) : s.slice(1);
  return q === '`' ? body : body.replace(/\\(.)/g, '$1');
}

interface Open {
  tok: Tok;
  index: number;
}

function openBrackets(toks: Tok[], upto: number): Open[] {
  const stack: Open[] = [];
  for (let i = 0; i < upto; i++) {
    const t = toks[i];
    if (t.kind === '(' || t.kind === '{' || t.kind === '[') stack.push({ tok: t, index: i });
    else if (t.kind === ')' || t.kind === '}' || t.kind === ']') {
      const want = t.kind === ')' ? '(' : t.kind === '}' ? '{' : '[';
      for (let k = stack.length - 1; k >= 0; k--) {
        if (stack[k].tok.kind === want) {
          stack.length = k;
          break;
        }
      }
    }
  }
  return stack;
}

/** Complete `name op "value"` matchers inside the brace opened at `braceIndex`. */
function matchersOf(toks: Tok[], braceIndex: number, skipFrom: number, skipTo: number): SelectorMatcher[] {
  const out: SelectorMatcher[] = [];
  for (let i = braceIndex + 1; i + 2 < toks.length; i++) {
    const t = toks[i];
    if (t.kind === '}') break;
    const op = toks[i + 1];
    const v = toks[i + 2];
    if ((t.kind === 'ident' || t.kind === 'string') && (op.kind === 'matchop' || op.text === '!=') && v.kind === 'string' && v.closed !== false) {
      if (!(t.start <= skipTo && v.end >= skipFrom)) {
        out.push({ name: t.kind === 'string' ? unquote(t.text) : t.text, op: op.text, value: unquote(v.text) });
      }
      i += 2;
    }
  }
  return out;
}

function isMetricToken(toks: Tok[], i: number, stackKinds: string[]): boolean {
  const t = toks[i];
  if (t.kind !== 'ident') return false;
  if (stackKinds[stackKinds.length - 1] === '{') return false;
  const next = toks[i + 1];
  if (next && next.kind === '(') return false;
  const w = t.text.toLowerCase();
  if (getAggregator(w) || GROUPING_KEYWORDS.has(w) || EXPECTS_OPERAND.has(w) || w === 'inf' || w === 'nan') return false;
  return true;
}

/** The metric of the selector nearest to `offset` (for label names of `by (…)` and similar). */
export function nearestMetric(text: string, offset: number): string | undefined {
  const toks = tokenize(text);
  const stack: string[] = [];
  let best: { name: string; dist: number } | undefined;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind === '(' || t.kind === '{' || t.kind === '[') {
      const prev = toks[i - 1];
      stack.push(t.kind === '(' && prev && GROUPING_KEYWORDS.has(prev.text.toLowerCase()) ? '{' : t.kind);
      continue;
    }
    if (t.kind === ')' || t.kind === '}' || t.kind === ']') {
      stack.pop();
      continue;
    }
    if (isMetricToken(toks, i, stack)) {
      const dist = Math.abs(t.start - offset);
      if (!best || dist < best.dist) best = { name: t.text, dist };
    }
  }
  return best?.name;
}

export function promqlContextAt(text: string, offset: number): PromQLCompletionContext {
  const toks = tokenize(text);
  // the token the cursor is in or touches at its end
  let curIndex = -1;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.start < offset && offset <= t.end) curIndex = i;
    if (t.start >= offset) break;
  }
  const cur = curIndex >= 0 ? toks[curIndex] : undefined;
  if (cur?.kind === 'comment') return { kind: 'none' };
  if (cur?.kind === 'string' && !(cur.closed && offset === cur.end)) {
    const stack = openBrackets(toks, curIndex);
    const top = stack[stack.length - 1];
    const op = toks[curIndex - 1];
    const name = toks[curIndex - 2];
    if (top?.tok.kind === '{' && op && (op.kind === 'matchop' || op.text === '!=') && name && (name.kind === 'ident' || name.kind === 'string')) {
      const metricTok = toks[top.index - 1];
      return {
        kind: 'label-value',
        from: cur.start + 1,
        to: cur.closed ? cur.end - 1 : cur.end,
        prefix: text.slice(cur.start + 1, offset),
        label: name.kind === 'string' ? unquote(name.text) : name.text,
        metric: metricTok?.kind === 'ident' ? metricTok.text : undefined,
        matchers: matchersOf(toks, top.index, cur.start, cur.end),
        quote: cur.text[0],
      };
    }
    return { kind: 'none' };
  }
  let from = offset;
  let to = offset;
  let prefix = '';
  let before = curIndex >= 0 ? curIndex + 1 : toks.findIndex((t) => t.start >= offset);
  if (before < 0) before = toks.length;
  if (cur && (cur.kind === 'ident' || cur.kind === 'number' || cur.kind === 'duration')) {
    from = cur.start;
    to = cur.end;
    prefix = text.slice(cur.start, offset);
    before = curIndex;
  }
  const stack = openBrackets(toks, before);
  const top = stack[stack.length - 1];
  const span = { from, to, prefix };
  if (top?.tok.kind === '{') {
    const metricTok = toks[top.index - 1];
    const metric = metricTok?.kind === 'ident' ? metricTok.text : undefined;
    // the matcher being typed: tokens since the last comma of this brace
    let segStart = top.index + 1;
    for (let i = top.index + 1; i < before; i++) if (toks[i].kind === ',') segStart = i + 1;
    const seg = toks.slice(segStart, before).filter((t) => t.kind !== 'comment');
    const opAt = seg.findIndex((t) => t.kind === 'matchop' || t.text === '!=');
    const matchers = matchersOf(toks, top.index, from, to);
    if (opAt > 0) {
      const nameTok = seg[opAt - 1];
      return { kind: 'label-value', ...span, label: nameTok.kind === 'string' ? unquote(nameTok.text) : nameTok.text, metric, matchers, quote: null };
    }
    return { kind: 'label-name', ...span, metric, matchers };
  }
  if (top?.tok.kind === '[') return { kind: 'duration', ...span };
  if (top?.tok.kind === '(') {
    const prev = toks[top.index - 1];
    if (prev?.kind === 'ident' && GROUPING_KEYWORDS.has(prev.text.toLowerCase())) {
      return { kind: 'grouping-label', ...span, metric: nearestMetric(text, top.tok.start) };
    }
  }
  let li = before - 1;
  while (li >= 0 && toks[li].kind === 'comment') li--;
  const last = li >= 0 ? toks[li] : undefined;
  if (last?.kind === 'ident' && last.text.toLowerCase() === 'offset') return { kind: 'duration', ...span };
  const lastWord = last?.kind === 'ident' ? last.text.toLowerCase() : '';
  const afterExpression =
    !!last &&
    (last.kind === ')' ||
      last.kind === '}' ||
      last.kind === ']' ||
      last.kind === 'number' ||
      last.kind === 'duration' ||
      last.kind === 'string' ||
      (last.kind === 'ident' && !EXPECTS_OPERAND.has(lastWord) && !getAggregator(lastWord) && !GROUPING_KEYWORDS.has(lastWord)));
  let afterAggregation = false;
  if (last?.kind === ')') {
    // `sum(x) |` — the closed call is an aggregation: `by`/`without` may follow
    for (let k = li - 1, depth = 0; k >= 0; k--) {
      if (toks[k].kind === ')') depth++;
      else if (toks[k].kind === '(') {
        if (depth === 0) {
          const fn = toks[k - 1];
          afterAggregation = !!fn && fn.kind === 'ident' && !!getAggregator(fn.text);
          break;
        }
        depth--;
      }
    }
  }
  const afterComparison = last?.kind === 'op' && ['==', '!=', '>', '<', '>=', '<='].includes(last.text);
  return { kind: 'expression', ...span, afterExpression, afterAt: last?.kind === '@', afterAggregation, afterComparison };
}

export interface CallAt {
  name: string;
  kind: 'function' | 'aggregation';
  /** 0-based index of the argument the cursor is in */
  argIndex: number;
  /** offset of the call's `(` */
  open: number;
}

/** Commas at depth 0 between the `(` at `openIndex` and token `upto`: the argument being typed. */
function argIndexAt(toks: Tok[], openIndex: number, upto: number): number {
  let argIndex = 0;
  let depth = 0;
  for (let i = openIndex + 1; i < upto; i++) {
    const t = toks[i];
    if (t.kind === '(' || t.kind === '{' || t.kind === '[') depth++;
    else if (t.kind === ')' || t.kind === '}' || t.kind === ']') depth--;
    else if (t.kind === ',' && depth === 0) argIndex++;
  }
  return argIndex;
}

/** The innermost function or aggregation call whose argument list contains `offset`. */
export function callAt(text: string, offset: number): CallAt | undefined {
  const toks = tokenize(text);
  let upto = toks.findIndex((t) => t.start >= offset);
  if (upto < 0) upto = toks.length;
  // a string or comment containing the cursor does not end the argument list
  const stack = openBrackets(toks, upto);
  for (let s = stack.length - 1; s >= 0; s--) {
    const open = stack[s];
    if (open.tok.kind !== '(') continue;
    const prev = toks[open.index - 1];
    if (!prev || prev.kind !== 'ident') continue;
    // `sum by (x) (` — the aggregation owns the second parenthesis
    let name = prev.text;
    const kind: CallAt['kind'] | undefined = getFunction(name) ? 'function' : getAggregator(name) ? 'aggregation' : undefined;
    if (!kind && GROUPING_KEYWORDS.has(name.toLowerCase())) continue;
    if (!kind) continue;
    if (kind === 'aggregation') name = name.toLowerCase();
    return { name, kind, argIndex: argIndexAt(toks, open.index, upto), open: open.tok.start };
  }
  // `sum by (job) (` : the parenthesis after a grouping clause belongs to the aggregation before it
  for (let s = stack.length - 1; s >= 0; s--) {
    const open = stack[s];
    if (open.tok.kind !== '(') continue;
    const prev = toks[open.index - 1];
    if (prev?.kind !== ')') continue;
    // find the grouping clause's `(` and the keyword and aggregator before it
    let depth = 0;
    for (let k = open.index - 1; k >= 0; k--) {
      if (toks[k].kind === ')') depth++;
      else if (toks[k].kind === '(') {
        depth--;
        if (depth === 0) {
          const kw = toks[k - 1];
          const agg = toks[k - 2];
          if (kw && GROUPING_KEYWORDS.has(kw.text.toLowerCase()) && agg && getAggregator(agg.text)) {
            return { name: agg.text.toLowerCase(), kind: 'aggregation', argIndex: argIndexAt(toks, open.index, upto), open: open.tok.start };
          }
          break;
        }
      }
    }
  }
  return undefined;
}
