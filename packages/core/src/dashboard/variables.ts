/**
 * Grafana template variables in PromQL (`$var`, `${var}`, `${var:regex}`, `[[var]]`, and the
 * built-ins `$__rate_interval`, `$__interval`, `$__range`, `$__range_s`, ...). Before an expression
 * is analysed each variable is replaced by a stand-in of the kind the expression expects at that
 * place, so that the meaning (and the validity) of the query is kept:
 *
 * - inside a quoted string (label matcher values and regexes): the variable's name as plain text;
 * - inside `[...]` (range or subquery) or after `offset`: a duration (`5m`);
 * - after `@`, as the scalar parameter of `topk`, `quantile`, ..., for `*_s`/`*_ms`/`__from`/`__to`
 *   built-ins and for variables whose every option is a number: a number;
 * - elsewhere (metric names, label names in `by (...)`, parts of names): an identifier.
 *
 * The result carries a map from offsets in the substituted text back to the original text.
 */
import type { Range } from '../diagnostics/types';

export type GrafanaVariableKind = 'interval' | 'number' | 'other';

export interface SubstitutedExpression {
  /** the expression with every variable replaced */
  text: string;
  /** ranges in `text` that are stand-ins for variables */
  substituted: Range[];
  /** variable names found, in order */
  variables: string[];
  /** maps an offset in `text` back to the original expression; `end` bias maps into the end of a stand-in */
  toSource(offset: number, bias?: 'start' | 'end'): number;
}

/** Grafana's variable syntax (the same alternatives as Grafana's own `variableRegex`). */
const VARIABLE_RE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/g;

const DURATION = '5m';
const DURATION_SECONDS = '300';
const NUMBER = '1';

const BUILTIN_DURATIONS = new Set(['__rate_interval', '__interval', '__range', '__auto']);
const BUILTIN_NUMBERS = new Set(['__rate_interval_ms', '__interval_ms', '__range_s', '__range_ms', '__from', '__to']);

/** functions and aggregations whose first parameter is a scalar */
const SCALAR_FIRST_PARAM = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio', 'quantile', 'quantile_over_time', 'histogram_quantile', 'histogram_fraction']);
/** functions whose later parameters are scalars */
const SCALAR_LATER_PARAMS = new Set(['clamp', 'clamp_min', 'clamp_max', 'round', 'predict_linear', 'holt_winters', 'double_exponential_smoothing', 'histogram_fraction', 'vector']);

/** PromQL words that an identifier stand-in must not become */
const KEYWORDS = new Set([
  'and', 'or', 'unless', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'atan2',
  'sum', 'avg', 'count', 'min', 'max', 'group', 'stddev', 'stdvar', 'topk', 'bottomk', 'count_values', 'quantile',
  'limitk', 'limit_ratio', 'start', 'end', 'step', 'range', 'inf', 'nan', 'smoothed', 'anchored', 'fill',
]);

interface Segment {
  outStart: number;
  outEnd: number;
  srcStart: number;
  srcEnd: number;
  substituted: boolean;
}

export function substituteGrafanaVariables(expr: string, kinds: ReadonlyMap<string, GrafanaVariableKind> = new Map()): SubstitutedExpression {
  const segments: Segment[] = [];
  const substituted: Range[] = [];
  const variables: string[] = [];
  let out = '';
  let last = 0;
  const lexical = scanContexts(expr);
  VARIABLE_RE.lastIndex = 0;
  for (let m = VARIABLE_RE.exec(expr); m; m = VARIABLE_RE.exec(expr)) {
    const name = m[1] ?? m[2] ?? m[4] ?? '';
    const format = m[3] ?? m[6];
    const start = m.index;
    const end = start + m[0].length;
    if (start > last) {
      segments.push({ outStart: out.length, outEnd: out.length + (start - last), srcStart: last, srcEnd: start, substituted: false });
      out += expr.slice(last, start);
    }
    const replacement = standIn(expr, start, end, name, format, kinds.get(name) ?? 'other', lexical);
    segments.push({ outStart: out.length, outEnd: out.length + replacement.length, srcStart: start, srcEnd: end, substituted: true });
    substituted.push({ start: out.length, end: out.length + replacement.length });
    variables.push(name);
    out += replacement;
    last = end;
  }
  if (last < expr.length || segments.length === 0) {
    segments.push({ outStart: out.length, outEnd: out.length + (expr.length - last), srcStart: last, srcEnd: expr.length, substituted: false });
    out += expr.slice(last);
  }
  return {
    text: out,
    substituted,
    variables,
    toSource(offset: number, bias: 'start' | 'end' = 'start'): number {
      if (offset <= 0) return 0;
      if (offset >= out.length) return expr.length;
      for (const s of segments) {
        if (offset < s.outStart || offset > s.outEnd) continue;
        if (!s.substituted) return s.srcStart + (offset - s.outStart);
        if (offset === s.outStart && bias === 'start') return s.srcStart;
        if (offset === s.outEnd && bias === 'end') return s.srcEnd;
        if (offset > s.outStart && offset < s.outEnd) return bias === 'start' ? s.srcStart : s.srcEnd;
      }
      return expr.length;
    },
  };
}

interface LexicalContext {
  /** per offset: inside a quoted string */
  inString: boolean[];
  /** per offset: inside `[...]` */
  inBrackets: boolean[];
}

/** One pass over the expression marking quoted strings and brackets (a variable can be anywhere). */
function scanContexts(expr: string): LexicalContext {
  const inString: boolean[] = new Array(expr.length).fill(false);
  const inBrackets: boolean[] = new Array(expr.length).fill(false);
  let quote: string | null = null;
  let depth = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (quote) {
      inString[i] = true;
      if (c === '\\' && quote !== '`') {
        inString[i + 1] = true;
        i++;
        continue;
      }
      if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      quote = c;
      inString[i] = true;
      continue;
    }
    if (c === '#') {
      // comment to end of line
      while (i < expr.length && expr[i] !== '\n') i++;
      continue;
    }
    if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    inBrackets[i] = depth > 0;
  }
  return { inString, inBrackets };
}

function standIn(
  expr: string,
  start: number,
  end: number,
  name: string,
  format: string | undefined,
  kind: GrafanaVariableKind,
  lexical: LexicalContext,
): string {
  if (lexical.inString[start]) return textStandIn(name);
  if (lexical.inBrackets[start]) return DURATION;
  const before = expr.slice(0, start).trimEnd();
  if (/\boffset$/i.test(before)) return DURATION;
  if (before.endsWith('@')) return NUMBER;
  if (BUILTIN_NUMBERS.has(name) || (format !== undefined && /^date/.test(format))) return NUMBER;
  if (BUILTIN_DURATIONS.has(name) || kind === 'interval') return DURATION_SECONDS;
  if (kind === 'number' || isScalarParameter(before)) return NUMBER;
  // part of a longer name (`node_${x}_total`): identifier characters only
  const adjacent = /[\w:]$/.test(expr.slice(0, start)) || /^[\w:]/.test(expr.slice(end));
  const id = name.replace(/[^A-Za-z0-9_]/g, '_') || 'v';
  if (adjacent) return id;
  const safe = /^[0-9]/.test(id) ? `v_${id}` : id;
  return KEYWORDS.has(safe.toLowerCase()) ? `${safe}_` : safe;
}

function textStandIn(name: string): string {
  const t = name.replace(/[^A-Za-z0-9_]/g, '_');
  return t || 'v';
}

/** `topk(` / `quantile(` / `clamp_min(x, ` ... right before the variable */
function isScalarParameter(before: string): boolean {
  const first = /([A-Za-z_]\w*)\s*\($/.exec(before);
  if (first) return SCALAR_FIRST_PARAM.has(first[1]);
  if (!before.endsWith(',')) return false;
  // find the function whose argument list we are in
  let depth = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    const c = before[i];
    if (c === ')') depth++;
    else if (c === '(') {
      if (depth === 0) {
        const fn = /([A-Za-z_]\w*)\s*$/.exec(before.slice(0, i));
        return fn !== null && SCALAR_LATER_PARAMS.has(fn[1]);
      }
      depth--;
    }
  }
  return false;
}

/** Kinds of the dashboard's variables, from `templating.list` (interval variables, numeric options). */
export function variableKindFromDefinition(def: { type?: unknown; options?: unknown; query?: unknown; current?: unknown }): GrafanaVariableKind {
  if (def.type === 'interval') return 'interval';
  const values: string[] = [];
  if (Array.isArray(def.options)) {
    for (const o of def.options) {
      if (o && typeof o === 'object' && 'value' in o) {
        const v = (o as { value: unknown }).value;
        if (typeof v === 'string') values.push(v);
      }
    }
  }
  if ((def.type === 'custom' || def.type === 'constant' || def.type === 'textbox') && typeof def.query === 'string' && values.length === 0) {
    values.push(...def.query.split(',').map((s) => s.trim()).filter((s) => s !== ''));
  }
  const real = values.filter((v) => v !== '$__all' && v !== 'All');
  if (real.length > 0 && real.every((v) => /^-?\d+(\.\d+)?$/.test(v))) return 'number';
  if (real.length > 0 && real.every((v) => /^(\d+(ms|s|m|h|d|w|y))+$/.test(v))) return 'interval';
  return 'other';
}
