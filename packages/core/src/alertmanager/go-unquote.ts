/** Go's `strconv.Unquote` for double-quoted strings, as Alertmanager's UTF-8 matchers parser uses it. */
import { isWellFormed } from './matcher-types';

/**
 * Go's strconv.Unquote for a double-quoted string, plus Alertmanager's check that the result is
 * valid UTF-8 (`\x`/octal escapes produce bytes); null when either fails.
 */
export function goUnquote(s: string): string | null {
  if (s.length < 2 || s[0] !== '"' || s[s.length - 1] !== '"') return null;
  const body = s.slice(1, -1);
  if (!body.includes('\\')) return /["\n]/.test(body) || !isWellFormed(body) ? null : body;
  const bytes: number[] = [];
  const enc = new TextEncoder();
  const pushText = (t: string): void => {
    for (const b of enc.encode(t)) bytes.push(b);
  };
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"' || c === '\n') return null;
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      if (ch.length === 1 && cp >= 0xd800 && cp <= 0xdfff) return null;
      pushText(ch);
      i += ch.length - 1;
      continue;
    }
    const e = body[++i];
    if (e === undefined) return null;
    if (simple[e] !== undefined) {
      pushText(simple[e]);
      continue;
    }
    const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hexLen > 0) {
      const hex = body.slice(i + 1, i + 1 + hexLen);
      if (hex.length !== hexLen || !/^[0-9a-fA-F]+$/.test(hex)) return null;
      const v = parseInt(hex, 16);
      if (e === 'x') bytes.push(v);
      else {
        if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return null;
        pushText(String.fromCodePoint(v));
      }
      i += hexLen;
      continue;
    }
    if (/[0-7]/.test(e)) {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) return null;
      const v = parseInt(oct, 8);
      if (v > 255) return null;
      bytes.push(v);
      i += 2;
      continue;
    }
    return null;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return null;
  }
}

