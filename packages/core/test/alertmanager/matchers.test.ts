import { describe, expect, it } from 'vitest';
import { formatMatcher, matcherMatches, parseMatchers } from '../../src/alertmanager/matchers';

// Cases and expected messages from Alertmanager's own tests (matcher/parse/parse_test.go and
// pkg/labels/parse_test.go at the corpus commit).
describe('UTF-8 matchers parser (matcher/parse)', () => {
  const errors: [string, string][] = [
    [',', '0:1: unexpected ,: expected label name'],
    ['{,}', '1:2: unexpected ,: expected label name'],
    ['{', '0:1: end of input: expected close brace'],
    ['}', '0:1: }: expected opening brace'],
    ['foo=bar}', '0:8: }: expected opening brace'],
    ['{foo=bar', '0:8: end of input: expected close brace'],
    ['{foo=:"bar"}', '6:11: unexpected "bar": expected a comma or close brace'],
    ['{foo="bar\\w"}', '5:12: "bar\\w": invalid input'],
    ['{"foo"=~"\\d+"}', '8:13: "\\d+": invalid input'],
    ['{foo=bar\\n}', '8:9: \\: invalid input: expected a comma or close brace'],
    ['{"foo"="\\xf0\\x9f"}', '7:17: "\\xf0\\x9f": invalid input'],
  ];
  it.each(errors)('rejects %s with Alertmanager\'s message', (input, message) => {
    const r = parseMatchers(input, 'utf8');
    expect(r.error?.message).toBe(message);
  });

  const ok: [string, string[]][] = [
    ['', []],
    ['{}', []],
    ['{foo=bar,}', ['foo="bar"']],
    ['{foo=~[a-z]+}', ['foo=~"[a-z]+"']],
    ['{foo=🙂bar}', ['foo="🙂bar"']],
    ['{"foo"="\\xf0\\x9f\\x99\\x82"}', ['foo="🙂"']],
    ['{"foo"="\\U0001f642"}', ['foo="🙂"']],
    ['{"foo"="bar\\n"}', ['foo="bar\\n"']],
    ['"foo"="bar",', ['foo="bar"']],
    ['foo=bar,bar!=baz', ['foo="bar"', 'bar!="baz"']],
    ['{"service name"="api"}', ['"service name"="api"']],
  ];
  it.each(ok)('accepts %s', (input, expected) => {
    const r = parseMatchers(input, 'utf8');
    expect(r.error).toBeUndefined();
    expect(r.matchers.map(formatMatcher)).toEqual(expected);
  });

  it('points at the offending token', () => {
    const input = '{foo=:"bar"}';
    const r = parseMatchers(input, 'utf8');
    expect(input.slice(r.error!.range.start, r.error!.range.end)).toBe('"bar"');
  });
});

describe('classic matchers parser (pkg/labels)', () => {
  const errors: [string, string][] = [
    [',', 'bad matcher format: '],
    ['job="value', 'matcher value contains unescaped double quote: "value'],
    ['job=value"', 'matcher value contains unescaped double quote: value"'],
    ['contains_unescaped_quote = foo"bar', 'matcher value contains unescaped double quote: foo"bar'],
    ['{invalid-name = "valid label"}', 'bad matcher format: invalid-name = "valid label"'],
    ['{foo=~"invalid[regexp"}', 'error parsing regexp: missing closing ]: `[regexp)$`'],
    ['{{foo=', 'bad matcher format: {foo='],
  ];
  it.each(errors)('rejects %s with Alertmanager\'s message', (input, message) => {
    expect(parseMatchers(input, 'classic').error?.message).toBe(message);
  });

  it('accepts unquoted values with spaces and commas inside quotes', () => {
    const r = parseMatchers('foo=bar baz, job="a,b"', 'classic');
    expect(r.error).toBeUndefined();
    expect(r.matchers.map(formatMatcher)).toEqual(['foo="bar baz"', 'job="a,b"']);
  });
});

describe('fallback mode (a running Alertmanager)', () => {
  it('falls back to the classic parser, with a compatibility note', () => {
    const r = parseMatchers('foo=bar baz', 'fallback');
    expect(r.error).toBeUndefined();
    expect(r.fallback?.kind).toBe('incompatible');
    expect(r.fallback?.suggestion).toBe('foo="bar baz"');
  });
  it('reports the classic parser\'s error when both reject the input', () => {
    expect(parseMatchers('job="value', 'fallback').error?.message).toBe('matcher value contains unescaped double quote: "value');
  });
  it('uses the UTF-8 parser when both agree', () => {
    const r = parseMatchers('severity=~"critical|page"', 'fallback');
    expect(r.fallback).toBeUndefined();
    expect(r.matchers).toHaveLength(1);
  });
});

describe('matching', () => {
  it('anchors regexps and treats a missing label as empty', () => {
    const [m] = parseMatchers('team=~"db|ops"').matchers;
    expect(matcherMatches(m, { team: 'db' })).toBe(true);
    expect(matcherMatches(m, { team: 'dba' })).toBe(false);
    const [ne] = parseMatchers('team!=""').matchers;
    expect(matcherMatches(ne, {})).toBe(false);
    expect(matcherMatches(ne, { team: 'x' })).toBe(true);
  });
});
