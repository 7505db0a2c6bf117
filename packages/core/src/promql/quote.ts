/**
 * Go's quoting verbs as Prometheus's messages use them: `%q` of a string (strconv.Quote), `%q` of a
 * rune (strconv.QuoteRune) and `%#U` of a rune. Kept separate so every message builder shares one
 * implementation.
 */

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function isPrint(ch: string): boolean {
  return PRINTABLE.test(ch);
}

function escapeRune(cp: number, quote: string): string {
  const ch = String.fromCodePoint(cp);
  if (ch === quote || ch === '\\') return '\\' + ch;
  if (isPrint(ch)) return ch;
  switch (cp) {
    case 0x07: return '\\a';
    case 0x08: return '\\b';
    case 0x0c: return '\\f';
    case 0x0a: return '\\n';
    case 0x0d: return '\\r';
    case 0x09: return '\\t';
    case 0x0b: return '\\v';
  }
  if (cp < 0x20 || cp === 0x7f) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

/** strconv.Quote */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += escapeRune(ch.codePointAt(0)!, '"');
  return out + '"';
}

/** strconv.QuoteRune (`%q` of a rune); EOF (-1) and invalid runes print as U+FFFD like Go. */
export function goQuoteRune(cp: number): string {
  const r = cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000) ? 0xfffd : cp;
  return "'" + escapeRune(r, "'") + "'";
}

/** `%#U`: `U+0063 'c'` (the quoted character only when printable). */
export function goRuneU(cp: number): string {
  const r = cp < 0 ? 0xfffd : cp;
  const hex = 'U+' + r.toString(16).toUpperCase().padStart(4, '0');
  const ch = String.fromCodePoint(r);
  return isPrint(ch) ? `${hex} '${ch}'` : hex;
}
