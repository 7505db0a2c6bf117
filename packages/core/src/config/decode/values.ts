/**
 * Scalar conversions with yaml.v2's resolution rules (YAML 1.1 booleans `yes`/`on`/`y`..., ints in
 * decimal/hex/octal/binary, `!!binary` base64) and the parsers of Prometheus leaf types:
 * units.Base2Bytes (alecthomas/units) and a url.Parse check with Go's error wording.
 */
import { bytesToGoString, goQuote } from '../../relabel/go-string';
import type { YScalar } from '../../yaml/types';

const v2True = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const v2False = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);

/** yaml.v2's resolved tag of a scalar (differs from yaml.v3 for YAML 1.1 booleans) */
export function v2Tag(s: YScalar): string {
  if (s.style === 'plain' && s.tag === undefined && (v2True.has(s.text) || v2False.has(s.text))) return '!!bool';
  return s.goTag;
}

export function v2Bool(s: YScalar): boolean | undefined {
  if (s.tag !== undefined && s.tag !== '!!bool' && s.tag !== 'tag:yaml.org,2002:bool') return undefined;
  if (s.style !== 'plain' && s.tag === undefined) return undefined;
  if (v2True.has(s.text)) return true;
  if (v2False.has(s.text)) return false;
  return undefined;
}

export type Decoded<T> = { ok: true; value: T } | { ok: false; message: string };

/** the Go string a `string` field receives from a scalar (handles `!!binary`) */
export function goStringOf(s: YScalar): Decoded<string> {
  if (s.tag === '!!binary' || s.tag === 'tag:yaml.org,2002:binary') {
    const b = decodeBase64(s.text.replace(/\s+/g, ''));
    if (!b) return { ok: false, message: '!!binary value contains invalid base64 data' };
    return { ok: true, value: bytesToGoString(b) };
  }
  return { ok: true, value: s.goTag === '!!null' ? '' : s.text };
}

function decodeBase64(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) return null;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const out: number[] = [];
  for (let i = 0; i < s.length; i += 4) {
    const c = [0, 1, 2, 3].map((k) => (s[i + k] === '=' ? -1 : alphabet.indexOf(s[i + k])));
    const n = ((c[0] << 18) | (c[1] << 12) | (Math.max(c[2], 0) << 6) | Math.max(c[3], 0)) >>> 0;
    out.push((n >> 16) & 255);
    if (c[2] >= 0) out.push((n >> 8) & 255);
    if (c[3] >= 0) out.push(n & 255);
  }
  return Uint8Array.from(out);
}

const byteUnits: Record<string, number> = {};
for (const [i, p] of ['', 'K', 'M', 'G', 'T', 'P', 'E'].entries()) {
  byteUnits[p + 'iB'] = 1024 ** i;
  byteUnits[p + 'B'] = 1024 ** i;
}
byteUnits['iB'] = 1;
delete byteUnits['iB'];

/** alecthomas/units ParseBase2Bytes: `512MB`, `1GiB`, `1.5KB`; a bare number has an unknown (empty) unit */
export function parseBase2Bytes(s: string): Decoded<number> {
  let rest = s;
  let total = 0;
  let neg = false;
  if (rest[0] === '-' || rest[0] === '+') {
    neg = rest[0] === '-';
    rest = rest.slice(1);
  }
  if (rest === '0') return { ok: true, value: 0 };
  if (rest === '') return { ok: false, message: `units: invalid ${s}` };
  while (rest !== '') {
    const m = /^(\d*)(\.\d*)?/.exec(rest)!;
    if (m[0] === '' || m[0] === '.') return { ok: false, message: `units: invalid ${s}` };
    const v = Number((m[1] || '0') + (m[2] ?? ''));
    rest = rest.slice(m[0].length);
    const u = /^[^\d.]*/.exec(rest)![0];
    rest = rest.slice(u.length);
    const mult = byteUnits[u];
    if (mult === undefined) return { ok: false, message: `units: unknown unit ${u} in ${s}` };
    total += v * mult;
  }
  return { ok: true, value: neg ? -total : total };
}

export interface GoURL {
  scheme: string;
  host: string;
  opaque: string;
  path: string;
}

/** Go's url.Parse, reduced to the checks that make it fail and the parts configs look at */
export function parseGoURL(raw: string): Decoded<GoURL> {
  const fail = (why: string) => ({ ok: false as const, message: `parse ${goQuote(raw)}: ${why}` });
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(raw)) return fail('net/url: invalid control character in URL');
  let rest = raw;
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  if (rest === '*') return { ok: true, value: { scheme: '', host: '', opaque: '', path: '*' } };
  let scheme = '';
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) break;
      continue;
    }
    if (c === ':') {
      if (i === 0) return fail('missing protocol scheme');
      scheme = rest.slice(0, i).toLowerCase();
      rest = rest.slice(i + 1);
    }
    break;
  }
  const q = rest.indexOf('?');
  if (q >= 0) rest = rest.slice(0, q);
  if (!rest.startsWith('/') && scheme !== '') return { ok: true, value: { scheme, host: '', opaque: rest, path: '' } };
  if (scheme === '' && !rest.startsWith('/')) {
    const colon = rest.indexOf(':');
    const slash = rest.indexOf('/');
    if (colon >= 0 && (slash < 0 || colon < slash)) return fail('first path segment in URL cannot contain colon');
  }
  let host = '';
  if ((scheme !== '' || raw.startsWith('//')) && rest.startsWith('//')) {
    const after = rest.slice(2);
    const end = after.search(/[/]/);
    let authority = end < 0 ? after : after.slice(0, end);
    rest = end < 0 ? '' : after.slice(end);
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      if (!validUserinfo(authority.slice(0, at))) return fail('net/url: invalid userinfo');
      authority = authority.slice(at + 1);
    }
    const hp = checkHost(authority);
    if (hp) return fail(hp);
    host = authority;
  }
  const esc = /%(?![0-9a-fA-F]{2})(.{0,2})/.exec(rest);
  if (esc) return fail(`invalid URL escape ${goQuote('%' + esc[1])}`);
  return { ok: true, value: { scheme, host, opaque: '', path: rest } };
}

function checkHost(h: string): string | null {
  if (h.startsWith('[')) {
    const close = h.indexOf(']');
    if (close < 0) return 'missing \']\' in host';
    const port = h.slice(close + 1);
    if (port !== '' && !/^:\d*$/.test(port)) return `invalid port ${goQuote(port)} after host`;
    return null;
  }
  const colon = h.lastIndexOf(':');
  if (colon >= 0) {
    const port = h.slice(colon);
    if (!/^:\d*$/.test(port)) return `invalid port ${goQuote(port)} after host`;
  }
  // net/url's unescape(host, encodeHost): escapes only of non-ASCII bytes (or %25), and no ASCII
  // character a host cannot hold (a space, `{`, `}`, `|`, `\`, `^`, a backtick...)
  for (let i = 0; i < h.length; i++) {
    const c = h.charCodeAt(i);
    if (c === 0x25) {
      const e = h.slice(i, i + 3);
      if (!/^%[0-9a-fA-F]{2}$/.test(e)) return `invalid URL escape ${goQuote(e)}`;
      if (parseInt(e[1]!, 16) < 8 && e !== '%25') return `invalid URL escape ${goQuote(e)}`;
      i += 2;
    } else if (c < 0x80 && !HOST_CHAR.test(h[i]!)) return `invalid character ${goQuote(h[i]!)} in host name`;
  }
  return null;
}

/** what net/url's shouldEscape(c, encodeHost) lets a host hold unescaped */
const HOST_CHAR = /[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"]/;

/** net/url's validUserinfo: the part of the authority before its last `@` */
function validUserinfo(s: string): boolean {
  return /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s);
}
