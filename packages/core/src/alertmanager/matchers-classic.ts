/**
 * Alertmanager's classic matchers parser (pkg/labels/parse.go): one regexp per matcher, commas
 * outside double quotes separate matchers, unquoted values allowed. Messages are Alertmanager's.
 */
import type { Range } from '../diagnostics/types';
import { isWellFormed, newMatcher, type AmMatcher, type MatchersError, type MatchType, type ParsedMatchers } from './matcher-types';

const GO_SPACE = '[\\t\\n\\f\\r ]';
const CLASSIC_RE = new RegExp(`^${GO_SPACE}*([a-zA-Z_:][a-zA-Z0-9_:]*)${GO_SPACE}*(=~|=|!=|!~)${GO_SPACE}*([\\s\\S]*?)${GO_SPACE}*$`);

export function parseClassicMatchers(input: string): ParsedMatchers {
  let s = input;
  let offset = 0;
  if (s.startsWith('{')) {
    s = s.slice(1);
    offset = 1;
  }
  if (s.endsWith('}')) s = s.slice(0, -1);
  const tokens: { text: string; start: number }[] = [];
  let insideQuotes = false;
  let escaped = false;
  let tokStart = 0;
  for (let i = 0; i < s.length; i++) {
    const r = s[i];
    if (r === ',' && !insideQuotes) {
      tokens.push({ text: s.slice(tokStart, i), start: offset + tokStart });
      tokStart = i + 1;
      continue;
    }
    if (r === '"') {
      if (!escaped) insideQuotes = !insideQuotes;
      else escaped = false;
    } else if (r === '\\') {
      escaped = !escaped;
    } else if (r !== ',') {
      escaped = false;
    }
  }
  const rest = s.slice(tokStart);
  if (rest.trim() !== '') {
    const lead = rest.length - rest.trimStart().length;
    tokens.push({ text: rest.trim(), start: offset + tokStart + lead });
  }
  const matchers: AmMatcher[] = [];
  for (const t of tokens) {
    const range = { start: t.start, end: t.start + t.text.length };
    const r = classicMatcher(t.text, range);
    if ('message' in r) return { matchers: [], error: r };
    matchers.push(r);
  }
  return { matchers };
}

function classicMatcher(s: string, range: Range): AmMatcher | MatchersError {
  const ms = CLASSIC_RE.exec(s);
  if (!ms) return { message: `bad matcher format: ${s}`, range };
  let raw = ms[3];
  let expectTrailingQuote = false;
  if (raw.startsWith('"')) {
    raw = raw.slice(1);
    expectTrailingQuote = true;
  }
  if (/[\uD800-\uDFFF]/.test(raw) && !isWellFormed(raw)) return { message: `matcher value not valid UTF-8: ${ms[3]}`, range };
  let value = '';
  let escaped = false;
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    if (escaped) {
      escaped = false;
      if (r === 'n') value += '\n';
      else if (r === '"' || r === '\\') value += r;
      else value += `\\${r}`;
      continue;
    }
    if (r === '\\') {
      if (i < raw.length - 1) {
        escaped = true;
        continue;
      }
      value += '\\';
    } else if (r === '"') {
      if (!expectTrailingQuote || i < raw.length - 1) return { message: `matcher value contains unescaped double quote: ${ms[3]}`, range };
      expectTrailingQuote = false;
    } else {
      value += r;
    }
  }
  if (expectTrailingQuote) return { message: `matcher value contains unescaped double quote: ${ms[3]}`, range };
  return newMatcher(ms[2] as MatchType, ms[1], value, range, (e) => e);
}

