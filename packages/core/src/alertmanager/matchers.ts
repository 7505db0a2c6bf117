/**
 * Alertmanager's label matchers (`matchers:`, `source_matchers:`, `target_matchers:`, and the
 * `route` command's arguments), parsed exactly like Alertmanager does:
 *
 * - `classic`: pkg/labels (the parser of Alertmanager < 0.27, and of `config.Load` in tests);
 * - `utf8`: matcher/parse (the new parser, `--enable-feature=utf8-strict-mode`);
 * - `fallback`: what a running Alertmanager uses by default: the new parser, falling back to the
 *   classic one (with a warning in its log) when only the classic one accepts the input; when both
 *   reject it the classic parser's error is the one reported.
 *
 * Error messages are Alertmanager's own. Ranges are offsets into the input string.
 */
import { compileAnchored, type CompiledRegexp } from './go-regexp';
import type { AmMatcher, MatcherParserMode, ParsedMatchers } from './matcher-types';
import { parseClassicMatchers } from './matchers-classic';
import { isReservedRune, parseUTF8Matchers } from './matchers-utf8';

export type { AmMatcher, MatcherParserMode, MatchersError, MatchType, ParsedMatchers } from './matcher-types';
export { goUnquote } from './go-unquote';

export function matcherMatches(m: AmMatcher, labels: Readonly<Record<string, string>>): boolean {
  const v = labels[m.name] ?? '';
  switch (m.type) {
    case '=':
      return v === m.value;
    case '!=':
      return v !== m.value;
    case '=~':
      return regexpOf(m)?.matches(v) ?? false;
    case '!~':
      return !(regexpOf(m)?.matches(v) ?? false);
  }
}

function regexpOf(m: AmMatcher): CompiledRegexp | undefined {
  const r = compileAnchored(m.value);
  return r.ok ? r.re : undefined;
}

/** Alertmanager's `Matcher.String()`. */
export function formatMatcher(m: AmMatcher): string {
  if ([...m.name].some(isReservedRune)) return `${goQuote(m.name)}${m.type}${goQuote(m.value)}`;
  return `${m.name}${m.type}"${m.value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`;
}

export function parseMatchers(input: string, mode: MatcherParserMode = 'fallback'): ParsedMatchers {
  if (mode === 'classic') return parseClassicMatchers(input);
  if (mode === 'utf8') return parseUTF8Matchers(input);
  const n = parseUTF8Matchers(input);
  const c = parseClassicMatchers(input);
  if (n.error) {
    if (c.error) return c;
    return { matchers: c.matchers, fallback: { kind: 'incompatible', utf8Error: n.error.message, suggestion: c.matchers.map(formatMatcher).join(',') } };
  }
  if (!c.error && !sameMatchers(n.matchers, c.matchers)) {
    return { matchers: c.matchers, fallback: { kind: 'disagreement', suggestion: c.matchers.map(formatMatcher).join(',') } };
  }
  return n;
}

function sameMatchers(a: AmMatcher[], b: AmMatcher[]): boolean {
  return a.length === b.length && a.every((m, i) => m.name === b[i].name && m.type === b[i].type && m.value === b[i].value);
}

function goQuote(s: string): string {
  return JSON.stringify(s);
}
