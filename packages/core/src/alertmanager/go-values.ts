/**
 * Leaf value parsers of Alertmanager's config types, with Go's error wording: URLs
 * (`config/common.ParseURL` over `net/url.Parse`), `host:port` (`net.SplitHostPort`),
 * `time.ParseDuration`, and time-zone names (`time.LoadLocation`).
 */

export type GoResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** net/url.Parse, as far as Alertmanager's checks can tell (scheme, host, port, control chars). */
export function goParseURL(s: string): GoResult<{ scheme: string; host: string; path: string }> {
  const fail = (why: string): GoResult<never> => ({ ok: false, message: `parse ${JSON.stringify(s)}: ${why}` });
  if (/[\x00-\x1f\x7f]/.test(s)) return fail('net/url: invalid control character in URL');
  let rest = s;
  let scheme = '';
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest);
  if (m) {
    scheme = m[1].toLowerCase();
    rest = rest.slice(m[0].length);
  } else if (rest.startsWith(':')) {
    return fail('missing protocol scheme');
  }
  rest = rest.replace(/#.*$/s, '').replace(/\?.*$/s, '');
  let host = '';
  let path = rest;
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/?#]/);
    let authority = end < 0 ? rest.slice(2) : rest.slice(2, 2 + end);
    path = end < 0 ? '' : rest.slice(2 + end);
    const at = authority.lastIndexOf('@');
    if (at >= 0) authority = authority.slice(at + 1);
    const hostPort = /^(\[[^\]]*\]|[^:]*)(:.*)?$/.exec(authority);
    host = authority;
    if (hostPort) {
      const port = hostPort[2];
      if (port !== undefined && !/^:\d*$/.test(port)) return fail(`invalid port ${JSON.stringify(port)} after host`);
      const h = hostPort[1];
      const bad = /[ "<>\\^`{|}]/.exec(h);
      if (bad && !h.startsWith('[')) return fail(`invalid character ${JSON.stringify(bad[0])} in host name`);
    }
  } else if (scheme === '' && /^[^/]*:/.test(rest)) {
    return fail('first path segment in URL cannot contain colon');
  }
  return { ok: true, value: { scheme, host, path } };
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
