import { describe, expect, it } from 'vitest';
import { amParseURL, goParseDuration, goSplitHostPort } from '../../src/alertmanager/go-values';

const err = (r: { ok: boolean; message?: string }) => (r.ok ? 'ok' : r.message);

describe('URLs as config/common.ParseURL checks them', () => {
  it.each([
    ['https://hooks.example.org/x?y=1', 'ok'],
    ['http://[::1]:9093/', 'ok'],
    ['ftp://example.org/', 'unsupported scheme "ftp" for URL'],
    ['example.org/alerts', 'unsupported scheme "" for URL'],
    ['http:///path', 'missing host for URL'],
    ['http://host:port/', 'parse "http://host:port/": invalid port ":port" after host'],
    ['http://a b.example.org/', 'parse "http://a b.example.org/": invalid character " " in host name'],
    ['://x', 'parse "://x": missing protocol scheme'],
    // the port is after the last colon, and a host may hold `"` (net/url; amtool 0.25 loads both)
    ['http://127.:0.0.1:1025', 'ok'],
    ['http://mysecret.e"xample.com/', 'ok'],
    ['http://a:b:x/', 'parse "http://a:b:x/": invalid port ":x" after host'],
  ])('%s', (u, expected) => {
    expect(err(amParseURL(u))).toBe(expected);
  });
});

describe('host:port as net.SplitHostPort checks it', () => {
  it.each([
    ['smtp.example.org:587', 'ok'],
    ['[::1]:25', 'ok'],
    ['smtp.example.org', 'address smtp.example.org: missing port in address'],
    ['a:b:c', 'address a:b:c: too many colons in address'],
  ])('%s', (hp, expected) => {
    expect(err(goSplitHostPort(hp))).toBe(expected);
  });
});

describe('time.ParseDuration', () => {
  it.each([
    ['1m30s', 90_000],
    ['1.5h', 5_400_000],
    ['300ms', 300],
    ['0', 0],
  ])('%s', (d, ms) => {
    const r = goParseDuration(d);
    expect(r.ok && r.value).toBe(ms);
  });
  it.each([
    ['5', 'time: missing unit in duration "5"'],
    ['5x', 'time: unknown unit "x" in duration "5x"'],
    ['abc', 'time: invalid duration "abc"'],
  ])('%s is refused', (d, message) => {
    expect(err(goParseDuration(d))).toBe(message);
  });
});
