/**
 * PromQL literal values with Prometheus's (Go's) rules: numbers (`strconv.ParseInt(s, 0, 64)` then
 * `strconv.ParseFloat`), durations (`model.ParseDuration`) and string unquoting (`strutil.Unquote`).
 * The lexer has already rejected malformed tokens; these functions compute values and the few
 * errors that only appear when converting (out of range, unit order).
 */
import { goQuote } from './quote';

export interface LiteralResult<T> {
  value: T;
  error?: string;
}

const INT_DEC = /^[+-]?[1-9](_?[0-9])*$|^[+-]?0$/;
const INT_HEX = /^[+-]?0[xX]_?[0-9a-fA-F](_?[0-9a-fA-F])*$/;
const INT_OCT = /^[+-]?0[oO]?_?[0-7](_?[0-7])*$/;
const INT_BIN = /^[+-]?0[bB]_?[01](_?[01])*$/;
const FLOAT_DEC = /^[+-]?(?:[0-9](_?[0-9])*\.?([0-9](_?[0-9])*)?|\.[0-9](_?[0-9])*)([eE][+-]?[0-9](_?[0-9])*)?$/;
const FLOAT_WORD = /^[+-]?(inf|infinity|nan)$/i;

/** Go's ParseInt(s, 0, 64): value, or undefined when it fails (syntax or range) */
function goParseInt(s: string): number | undefined {
  let v: bigint;
  const clean = s.replace(/_/g, '');
  const neg = clean.startsWith('-');
  const body = clean.replace(/^[+-]/, '');
  if (INT_HEX.test(s)) v = BigInt('0x' + body.slice(2));
  else if (INT_BIN.test(s)) v = BigInt('0b' + body.slice(2));
  else if (INT_OCT.test(s)) v = BigInt('0o' + body.replace(/^0[oO]?/, '') || '0');
  else if (INT_DEC.test(s)) v = BigInt(body);
  else return undefined;
  if (neg) v = -v;
  if (v > 9223372036854775807n || v < -9223372036854775808n) return undefined;
  return Number(v);
}

/** The value of a NUMBER token as Prometheus computes it (`parser.number`). */
export function parseNumber(raw: string): LiteralResult<number> {
  const i = goParseInt(raw);
  if (i !== undefined) return { value: i };
  const lower = raw.toLowerCase();
  if (FLOAT_WORD.test(raw)) {
    const neg = lower.startsWith('-');
    return { value: lower.includes('nan') ? NaN : neg ? -Infinity : Infinity };
  }
  if (FLOAT_DEC.test(raw)) {
    const v = Number(raw.replace(/_/g, ''));
    if (!Number.isFinite(v)) return { value: v, error: `error parsing number: strconv.ParseFloat: parsing ${goQuote(raw)}: value out of range` };
    return { value: v };
  }
  return { value: 0, error: `error parsing number: strconv.ParseFloat: parsing ${goQuote(raw)}: invalid syntax` };
}

const UNITS: Record<string, { ms: bigint; pos: number }> = {
  y: { ms: 365n * 24n * 3600n * 1000n, pos: 1 },
  w: { ms: 7n * 24n * 3600n * 1000n, pos: 2 },
  d: { ms: 24n * 3600n * 1000n, pos: 3 },
  h: { ms: 3600n * 1000n, pos: 4 },
  m: { ms: 60n * 1000n, pos: 5 },
  s: { ms: 1000n, pos: 6 },
  ms: { ms: 1n, pos: 7 },
};
const MAX_NS = (1n << 63n) - 1n;

/** `model.ParseDuration`: value in seconds. */
export function parseDuration(raw: string): LiteralResult<number> {
  if (raw === '0') return { value: 0 };
  if (raw === '') return { value: 0, error: 'empty duration string' };
  const invalid = { value: 0, error: `not a valid duration string: ${goQuote(raw)}` };
  let s = raw;
  let totalNs = 0n;
  let lastPos = 0;
  while (s !== '') {
    const digits = /^[0-9]+/.exec(s);
    if (!digits) return invalid;
    s = s.slice(digits[0].length);
    const unit = /^[^0-9]+/.exec(s);
    if (!unit) return invalid;
    s = s.slice(unit[0].length);
    const u = UNITS[unit[0]];
    if (!u) return { value: 0, error: `unknown unit ${goQuote(unit[0])} in duration ${goQuote(raw)}` };
    if (u.pos <= lastPos) return invalid;
    lastPos = u.pos;
    const ns = BigInt(digits[0]) * u.ms * 1000000n;
    totalNs += ns;
    if (ns > MAX_NS || totalNs > MAX_NS) return { value: 0, error: 'duration out of range' };
  }
  return { value: Number(totalNs / 1000000n) / 1000 };
}

/** True when a NUMBER/DURATION token text is a duration (`5m`), not a plain number. */
export function isDurationText(raw: string): boolean {
  return /^[0-9]+[a-z]/.test(raw) && !/^0[xX]/.test(raw) && !/^[0-9]+[eE]/.test(raw);
}

const SIMPLE_DURATION = /^([0-9]{1,9})(ms|[smhdwy])$/;
/** the longest duration Prometheus represents (int64 nanoseconds) */
const MAX_DURATION_SECONDS = 9223372036;
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };

/** Value in seconds of a number-or-duration token (`5m` → 300, `1.5` → 1.5). */
export function parseNumberOrDuration(raw: string): LiteralResult<number> & { duration: boolean } {
  // fast paths for the everyday shapes (`5`, `300`, `5m`, `30s`): leading decimal digits, then at
  // most a one-letter unit (no leading zero, short enough to be exact)
  let i = 0;
  let v = 0;
  for (; i < raw.length && i < 10; i++) {
    const c = raw.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
  }
  if (i > 0 && (raw.charCodeAt(0) !== 48 || i === 1)) {
    if (i === raw.length) return { value: v, duration: false };
    if (i === raw.length - 1) {
      const unit = UNIT_SECONDS[raw[i]!];
      if (unit !== undefined && (v !== 0 || i === 1) && v * unit <= MAX_DURATION_SECONDS) return { value: v * unit, duration: true };
    }
  }
  const d = SIMPLE_DURATION.exec(raw);
  if (d) {
    const dv = Number(d[1]) * UNIT_SECONDS[d[2]!]!;
    if ((dv !== 0 || d[1] === '0') && dv <= MAX_DURATION_SECONDS) return { value: d[2] === 'ms' ? Number(d[1]) / 1000 : dv, duration: true };
  }
  if (isDurationText(raw)) return withDuration(parseDuration(raw), true);
  return withDuration(parseNumber(raw), false);
}

/** `{ ...r, duration }` written out: V8 gives every object made by a spread plus a new key a map of its own */
function withDuration(r: LiteralResult<number>, duration: boolean): LiteralResult<number> & { duration: boolean } {
  return 'error' in r ? { value: r.value, error: r.error, duration } : { value: r.value, duration };
}

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' };

/**
 * `strutil.Unquote` for a string token the lexer accepted (`"…"`, `'…'`, `` `…` ``). An unterminated
 * token (only possible on error paths) is unquoted up to its end.
 */
export function unquote(raw: string): string {
  const q = raw[0];
  if (q === '`') return raw.slice(1, raw.endsWith('`') && raw.length > 1 ? -1 : undefined);
  const body = raw.slice(1, raw.length > 1 && raw.endsWith(q!) ? -1 : undefined);
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined) break;
    if (SIMPLE_ESCAPES[e] !== undefined) {
      out += SIMPLE_ESCAPES[e];
    } else if (e >= '0' && e <= '7') {
      out += String.fromCharCode(parseInt(body.slice(i, i + 3), 8) & 0xff);
      i += 2;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const cp = parseInt(body.slice(i + 1, i + 1 + n), 16);
      out += Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
      i += n;
    } else out += e;
  }
  return out;
}
