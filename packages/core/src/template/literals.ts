/**
 * Go literal checks that the template parser applies to string, character and number tokens
 * (strconv.Unquote, strconv.UnquoteChar, and parse.newNumber's ParseUint/ParseInt/ParseFloat
 * cascade). Each returns the decoded value or the error text Go prints.
 */

export type LiteralResult<T> = { ok: true; value: T } | { ok: false; error: string };

const INVALID: LiteralResult<never> = { ok: false, error: 'invalid syntax' };

function hexVal(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/**
 * strconv.UnquoteChar on s from index i with the given quote character. Returns the decoded
 * character(s) and the index after them, or null on ErrSyntax.
 */
function unquoteChar(s: string, i: number, quote: string): { value: string; next: number } | null {
  if (i >= s.length) return null;
  const c = s[i]!;
  if (c === quote) return null;
  if (c !== '\\') {
    const cp = s.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    return { value: s.slice(i, i + len), next: i + len };
  }
  if (i + 1 >= s.length) return null;
  const e = s[i + 1]!;
  let j = i + 2;
  const simple = SIMPLE_ESCAPES[e];
  if (simple !== undefined) return { value: simple, next: j };
  if (e === 'x' || e === 'u' || e === 'U') {
    const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
    if (j + n > s.length) return null;
    let v = 0;
    for (let k = 0; k < n; k++) {
      const h = hexVal(s.charCodeAt(j + k));
      if (h < 0) return null;
      v = v * 16 + h;
    }
    j += n;
    if (e === 'x') return { value: String.fromCharCode(v), next: j };
    if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return null;
    return { value: String.fromCodePoint(v), next: j };
  }
  if (e >= '0' && e <= '7') {
    let v = e.charCodeAt(0) - 0x30;
    if (j + 2 > s.length) return null;
    for (let k = 0; k < 2; k++) {
      const x = s.charCodeAt(j + k) - 0x30;
      if (x < 0 || x > 7) return null;
      v = (v << 3) | x;
    }
    j += 2;
    if (v > 255) return null;
    return { value: String.fromCharCode(v), next: j };
  }
  if (e === "'" || e === '"') {
    if (e !== quote) return null;
    return { value: e, next: j };
  }
  return null;
}

/** strconv.Unquote of a `"..."` or `` `...` `` token as the lexer produced it. */
export function unquoteGoString(raw: string): LiteralResult<string> {
  if (raw.length < 2) return INVALID;
  const q = raw[0]!;
  if (raw[raw.length - 1] !== q) return INVALID;
  const body = raw.slice(1, -1);
  if (q === '`') {
    if (body.includes('`')) return INVALID;
    return { ok: true, value: body.includes('\r') ? body.replace(/\r/g, '') : body };
  }
  if (q !== '"') return INVALID;
  if (body.includes('\n')) return INVALID;
  if (!body.includes('\\')) {
    return body.includes('"') ? INVALID : { ok: true, value: body };
  }
  let out = '';
  let i = 0;
  while (i < body.length) {
    const r = unquoteChar(body, i, '"');
    if (r === null) return INVALID;
    out += r.value;
    i = r.next;
  }
  return { ok: true, value: out };
}

/** parse.newNumber for a character constant token (`'a'`, `'\n'`). */
export function checkCharConstant(raw: string): LiteralResult<number> {
  const r = unquoteChar(raw, 1, "'");
  if (r === null) return INVALID;
  if (raw.slice(r.next) !== "'") return { ok: false, error: `malformed character constant: ${raw}` };
  return { ok: true, value: r.value.codePointAt(0) ?? 0 };
}

/** strconv's underscoreOK: underscores only between digits (or after a base prefix). */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hexDigits = false;
  if (s.length >= 2 && s[0] === '0' && /[bBoOxX]/.test(s[1]!)) {
    i = 2;
    saw = '0';
    hexDigits = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hexDigits && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

const MAX_UINT64 = (1n << 64n) - 1n;
const MAX_INT64 = (1n << 63n) - 1n;

/** strconv.ParseUint(s, 0, 64) → value or null. */
function parseUintBase0(s: string): bigint | null {
  if (s.length === 0) return null;
  const s0 = s;
  let base = 10;
  if (s[0] === '0') {
    const p = s[1]?.toLowerCase();
    if (s.length >= 3 && p === 'b') {
      base = 2;
      s = s.slice(2);
    } else if (s.length >= 3 && p === 'o') {
      base = 8;
      s = s.slice(2);
    } else if (s.length >= 3 && p === 'x') {
      base = 16;
      s = s.slice(2);
    } else {
      base = 8;
      s = s.slice(1);
    }
  }
  let v = 0n;
  let underscores = false;
  const b = BigInt(base);
  for (const c of s) {
    if (c === '_') {
      underscores = true;
      continue;
    }
    const d = hexVal(c.charCodeAt(0));
    if (d < 0 || d >= base) return null;
    v = v * b + BigInt(d);
    if (v > MAX_UINT64) return null;
  }
  if (underscores && !underscoreOK(s0)) return null;
  return v;
}

/** strconv.ParseInt(s, 0, 64) succeeds? */
function parseIntBase0(s: string): boolean {
  if (s.length === 0) return false;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  const u = parseUintBase0(s);
  if (u === null) return false;
  return neg ? u <= MAX_INT64 + 1n : u <= MAX_INT64;
}

/** strconv.ParseFloat(s, 64) succeeds (syntax per readFloat, and no overflow)? */
function parseFloatOK(s: string): boolean {
  let i = 0;
  if (s[i] === '+' || s[i] === '-') i++;
  let isHex = false;
  if (i + 2 < s.length && s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X')) {
    isHex = true;
    i += 2;
  }
  let sawDot = false;
  let sawDigits = false;
  let underscores = false;
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (c === '_') {
      underscores = true;
      continue;
    }
    if (c === '.') {
      if (sawDot) break;
      sawDot = true;
      continue;
    }
    if ((c >= '0' && c <= '9') || (isHex && /[a-fA-F]/.test(c))) {
      sawDigits = true;
      continue;
    }
    break;
  }
  if (!sawDigits) return false;
  const expChar = isHex ? 'p' : 'e';
  if (i < s.length && s[i]!.toLowerCase() === expChar) {
    i++;
    if (i >= s.length) return false;
    if (s[i] === '+' || s[i] === '-') i++;
    if (i >= s.length || s[i]! < '0' || s[i]! > '9') return false;
    for (; i < s.length && ((s[i]! >= '0' && s[i]! <= '9') || s[i] === '_'); i++) {
      if (s[i] === '_') underscores = true;
    }
  } else if (isHex) {
    return false;
  }
  if (underscores && !underscoreOK(s.slice(0, i))) return false;
  if (i !== s.length) return false;
  // Overflow is an error in Go (ErrRange); decimal only, hex floats of that size do not occur.
  if (!isHex && !Number.isFinite(Number(s.replace(/_/g, '')))) return false;
  return true;
}

/** parse.newNumber for itemNumber / itemComplex tokens: null when accepted, else Go's error. */
export function checkNumber(text: string, complex: boolean): string | null {
  if (complex) return checkComplex(text);
  if (text.endsWith('i') && parseFloatOK(text.slice(0, -1))) return null;
  if (parseUintBase0(text) !== null || parseIntBase0(text)) return null;
  if (parseFloatOK(text)) {
    if (!/[.eEpP]/.test(text)) return `integer overflow: ${quoteAscii(text)}`;
    return null;
  }
  return `illegal number syntax: ${quoteAscii(text)}`;
}

/**
 * fmt.Sscan of a complex128 (complexTokens + convertFloat): `<float><sign><float>i`, each part
 * scanned greedily by fmt's floatToken, then converted with strconv.ParseFloat.
 */
function checkComplex(text: string): string | null {
  let i = 0;
  const accept = (set: string): boolean => {
    if (i < text.length && set.includes(text[i]!)) {
      i++;
      return true;
    }
    return false;
  };
  const floatToken = (): string => {
    const start = i;
    if (accept('nN') && accept('aA') && accept('nN')) return text.slice(start, i);
    accept('+-');
    if (accept('iI') && accept('nN') && accept('fF')) return text.slice(start, i);
    let digits = '0123456789_';
    let exp = 'eEpP';
    if (accept('0') && accept('xX')) {
      digits = '0123456789aAbBcCdDeEfF_';
      exp = 'pP';
    }
    while (accept(digits));
    if (accept('.')) while (accept(digits));
    if (accept(exp)) {
      accept('+-');
      while (accept('0123456789_'));
    }
    return text.slice(start, i);
  };
  const syntax = 'syntax error scanning complex number';
  const real = floatToken();
  const signAt = i;
  if (!accept('+-')) return syntax;
  const imag = text[signAt]! + floatToken();
  if (!accept('i')) return syntax;
  for (const part of [real, imag]) {
    if (!parseFloatOK(part)) {
      const reason = /^[+-]?(\d[\d_]*\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(part) ? 'value out of range' : 'invalid syntax';
      return `strconv.ParseFloat: parsing ${quoteAscii(part)}: ${reason}`;
    }
  }
  return null;
}

/** Number tokens are ASCII (the lexer guarantees it), so JSON quoting equals Go's %q. */
function quoteAscii(s: string): string {
  return JSON.stringify(s);
}
