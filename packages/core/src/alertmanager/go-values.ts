/**
 * Leaf value parsers of Alertmanager's config types, with Go's error wording: URLs
 * (`config/common.ParseURL` over `net/url.Parse`), `host:port` (`net.SplitHostPort`),
 * `time.ParseDuration`, and time-zone names (`time.LoadLocation`).
 */
import { parseGoURL } from '../config/decode/values';

export type GoResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** net/url.Parse (the configuration decoder's: one reading of Go's URLs for both files) */
export function goParseURL(s: string): GoResult<{ scheme: string; host: string; path: string }> {
  const u = parseGoURL(s);
  return u.ok ? { ok: true, value: { scheme: u.value.scheme, host: u.value.host, path: u.value.path } } : u;
}

/** config/common.ParseURL: url.Parse plus Alertmanager's http(s)-and-host rule. */
export function amParseURL(s: string): GoResult<{ scheme: string; host: string; path: string }> {
  const u = goParseURL(s);
  if (!u.ok) return u;
  if (u.value.scheme !== 'http' && u.value.scheme !== 'https') return { ok: false, message: `unsupported scheme ${JSON.stringify(u.value.scheme)} for URL` };
  if (u.value.host === '') return { ok: false, message: 'missing host for URL' };
  return u;
}

/** net.SplitHostPort's errors (`address X: missing port in address`). */
export function goSplitHostPort(hostport: string): GoResult<{ host: string; port: string }> {
  const err = (why: string): GoResult<never> => ({ ok: false, message: `address ${hostport}: ${why}` });
  const i = hostport.lastIndexOf(':');
  if (i < 0) return err('missing port in address');
  let host: string;
  let j = 0;
  let k = 0;
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']');
    if (end < 0) return err("missing ']' in address");
    if (end + 1 === hostport.length) return err('missing port in address');
    if (end + 1 !== i) return err(hostport[end + 1] === ':' ? 'too many colons in address' : 'missing port in address');
    host = hostport.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hostport.slice(0, i);
    if (host.includes(':')) return err('too many colons in address');
  }
  if (hostport.slice(j).includes('[')) return err("unexpected '[' in address");
  if (hostport.slice(k).includes(']')) return err("unexpected ']' in address");
  return { ok: true, value: { host, port: hostport.slice(i + 1) } };
}

const goUnits: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** time.ParseDuration (milliseconds); message is Go's `time: invalid duration "x"` family. */
export function goParseDuration(s: string): GoResult<number> {
  const q = JSON.stringify(s);
  let rest = s;
  let neg = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    neg = rest[0] === '-';
    rest = rest.slice(1);
  }
  if (rest === '0') return { ok: true, value: 0 };
  if (rest === '') return { ok: false, message: `time: invalid duration ${q}` };
  let total = 0;
  while (rest !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(rest)!;
    if (m[0] === '' || m[0] === '.') return { ok: false, message: `time: invalid duration ${q}` };
    rest = rest.slice(m[0].length);
    const u = /^[^\d.]*/.exec(rest)![0];
    if (u === '') return { ok: false, message: `time: missing unit in duration ${q}` };
    const unit = goUnits[u];
    if (unit === undefined) return { ok: false, message: `time: unknown unit ${JSON.stringify(u)} in duration ${q}` };
    rest = rest.slice(u.length);
    total += Number(`${m[1] || '0'}.${m[2] ?? '0'}`) * unit;
  }
  return { ok: true, value: neg ? -total : total };
}

/** time.LoadLocation: `unknown time zone X` for names the time-zone database does not know. */
export function goLoadLocation(name: string): GoResult<string> {
  if (name === '' || name === 'UTC' || name === 'Local') return { ok: true, value: name };
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return { ok: true, value: name };
  } catch {
    return { ok: false, message: `unknown time zone ${name}` };
  }
}
