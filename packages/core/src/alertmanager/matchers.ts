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
import type { Range } from '../diagnostics/types';
import { compileAnchored, type CompiledRegexp } from './go-regexp';

export type MatchType = '=' | '!=' | '=~' | '!~';
export type MatcherParserMode = 'classic' | 'utf8' | 'fallback';

export interface AmMatcher {
  name: string;
  type: MatchType;
  value: string;
  /** where the matcher is in the parsed input */
  range: Range;
}

export interface MatchersError {
  message: string;
  range: Range;
}

export interface ParsedMatchers {
  matchers: AmMatcher[];
  error?: MatchersError;
  /**
   * Set in `fallback` mode when the input is accepted only by the classic parser (`incompatible`),
   * or when both parsers accept it with different results (`disagreement`).
   */
  fallback?: { kind: 'incompatible' | 'disagreement'; utf8Error?: string; suggestion: string };
}

/** Does a label set satisfy a matcher (a missing label is the empty string)? */
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
  if (mode === 'classic') return classic(input);
  if (mode === 'utf8') return utf8(input);
  const n = utf8(input);
  const c = classic(input);
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

// ---------------------------------------------------------------------------------------------
// classic parser (pkg/labels/parse.go)

const GO_SPACE = '[\\t\\n\\f\\r ]';
const CLASSIC_RE = new RegExp(`^${GO_SPACE}*([a-zA-Z_:][a-zA-Z0-9_:]*)${GO_SPACE}*(=~|=|!=|!~)${GO_SPACE}*([\\s\\S]*?)${GO_SPACE}*$`);

function classic(input: string): ParsedMatchers {
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

function isWellFormed(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

function newMatcher(type: MatchType, name: string, value: string, range: Range, wrap: (e: string) => string): AmMatcher | MatchersError {
  if (type === '=~' || type === '!~') {
    const r = compileAnchored(value);
    if (!r.ok) return { message: wrap(r.error), range };
  }
  return { name, type, value, range };
}

// ---------------------------------------------------------------------------------------------
// UTF-8 parser (matcher/parse): lexer with rune columns for the messages, offsets for ranges

type TokenKind = 'eof' | '{' | '}' | ',' | '=' | '!=' | '=~' | '!~' | 'quoted' | 'unquoted';

interface Token {
  kind: TokenKind;
  value: string;
  /** offsets (UTF-16) in the input */
  start: number;
  end: number;
  /** rune columns as Alertmanager prints them */
  colStart: number;
  colEnd: number;
}

class LexError extends Error {
  constructor(
    message: string,
    readonly range: Range,
  ) {
    super(message);
  }
}

function isReservedRune(r: string): boolean {
  return /\s/u.test(r) || '{}!=~,\\"\'`'.includes(r);
}

class Lexer {
  private start = 0;
  private pos = 0;
  private width = 0;
  private column = 0;
  private cols = 0;
  private err: LexError | null = null;
  constructor(readonly input: string) {}

  private next(): string | null {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return null;
    }
    const cp = this.input.codePointAt(this.pos)!;
    const r = String.fromCodePoint(cp);
    this.width = r.length;
    this.pos += r.length;
    this.cols++;
    return r;
  }
  private rewind(): void {
    this.pos -= this.width;
    if (this.width > 0) this.cols--;
  }
  private skip(): void {
    this.start = this.pos;
    this.column = this.cols;
  }
  private emit(kind: TokenKind): Token {
    const t: Token = { kind, value: this.input.slice(this.start, this.pos), start: this.start, end: this.pos, colStart: this.column, colEnd: this.cols };
    this.start = this.pos;
    this.column = this.cols;
    return t;
  }
  position(): { start: number; end: number; colStart: number; colEnd: number } {
    return { start: this.start, end: this.pos, colStart: this.column, colEnd: this.cols };
  }
  private expectedError(expected: string): LexError {
    const p = this.position();
    if (p.end >= this.input.length) return new LexError(`${p.colStart}:${p.colEnd}: unexpected end of input, expected one of '${expected}'`, { start: p.start, end: p.end });
    return new LexError(`${p.colStart}:${p.colEnd}: ${this.input.slice(p.start, p.end)}: expected one of '${expected}'`, { start: p.start, end: p.end });
  }
  private accept(valid: string): boolean {
    const r = this.next();
    if (r !== null && valid.includes(r)) return true;
    this.rewind();
    return false;
  }

  scan(): Token {
    if (this.err) throw this.err;
    try {
      for (let r = this.next(); r !== null; r = this.next()) {
        if (r === '{') return this.emit('{');
        if (r === '}') return this.emit('}');
        if (r === ',') return this.emit(',');
        if (r === '=' || r === '!') {
          this.rewind();
          return this.scanOperator();
        }
        if (r === '"') {
          this.rewind();
          return this.scanQuoted();
        }
        if (!isReservedRune(r)) {
          this.rewind();
          return this.scanUnquoted();
        }
        if (/\s/u.test(r)) {
          this.skip();
          continue;
        }
        const p = this.position();
        throw new LexError(`${p.colStart}:${p.colEnd}: ${this.input.slice(p.start, p.end)}: invalid input`, { start: p.start, end: p.end });
      }
      return { kind: 'eof', value: '', start: this.pos, end: this.pos, colStart: this.cols, colEnd: this.cols };
    } catch (e) {
      if (e instanceof LexError) this.err = e;
      throw e;
    }
  }
  private scanOperator(): Token {
    if (this.accept('!')) {
      if (this.accept('=')) return this.emit('!=');
      if (this.accept('~')) return this.emit('!~');
      throw this.expectedError('=~');
    }
    if (this.accept('=')) {
      if (this.accept('~')) return this.emit('=~');
      return this.emit('=');
    }
    throw this.expectedError('!=');
  }
  private scanQuoted(): Token {
    if (!this.accept('"')) throw this.expectedError('"');
    let escaped = false;
    for (let r = this.next(); r !== null; r = this.next()) {
      if (escaped) escaped = false;
      else if (r === '\\') escaped = true;
      else if (r === '"') {
        this.rewind();
        break;
      }
    }
    if (!this.accept('"')) {
      const p = this.position();
      throw new LexError(`${p.colStart}:${p.colEnd}: ${this.input.slice(p.start, p.end)}: missing end "`, { start: p.start, end: p.end });
    }
    return this.emit('quoted');
  }
  private scanUnquoted(): Token {
    for (let r = this.next(); r !== null; r = this.next()) {
      if (isReservedRune(r)) {
        this.rewind();
        break;
      }
    }
    return this.emit('unquoted');
  }
  peek(): Token {
    const saved = [this.start, this.pos, this.width, this.column, this.cols] as const;
    try {
      return this.scan();
    } finally {
      [this.start, this.pos, this.width, this.column, this.cols] = saved;
    }
  }
}

class ParseError extends Error {
  constructor(
    message: string,
    readonly range: Range,
  ) {
    super(message);
  }
}

const errNoCloseBrace = 'expected close brace';
const errNoOpenBrace = 'expected opening brace';
const errNoLabelName = 'expected label name';
const errNoLabelValue = 'expected label value';
const errNoOperator = "expected an operator such as '=', '!=', '=~' or '!~'";
const errExpectedComma = 'expected a comma';
const errExpectedCommaOrCloseBrace = 'expected a comma or close brace';
const errExpectedMatcherOrCloseBrace = 'expected a matcher or close brace after comma';
const errExpectedEOF = 'expected end of input';
const EOF = 'end of input';

function utf8(input: string): ParsedMatchers {
  const l = new Lexer(input);
  const matchers: AmMatcher[] = [];
  let hasOpenBrace = false;
  /** peek/scan wrappers that turn lexer errors into parse errors and report EOF */
  const wrapLex = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof LexError) throw new ParseError(e.message, e.range);
      throw e;
    }
  };
  const expectPeek = (...kinds: TokenKind[]): Token | 'eof' => {
    const t = wrapLex(() => l.peek());
    if (t.kind === 'eof') return 'eof';
    if (!kinds.includes(t.kind)) throw new ParseError(`${t.colStart}:${t.colEnd}: unexpected ${t.value}`, { start: t.start, end: t.end });
    return t;
  };
  const expect = (suffix: string, ...kinds: TokenKind[]): Token => {
    let t: Token | 'eof';
    try {
      t = expectPeek(...kinds);
    } catch (e) {
      if (e instanceof ParseError) throw new ParseError(`${e.message}: ${suffix}`, e.range);
      throw e;
    }
    if (t === 'eof') throw new ParseError(`${EOF}: ${suffix}`, { start: input.length, end: input.length });
    wrapLex(() => l.scan());
    return t;
  };
  const unquote = (t: Token): string => {
    if (t.kind !== 'quoted') return t.value;
    const v = goUnquote(t.value);
    if (v === null) throw new ParseError(`${t.colStart}:${t.colEnd}: ${t.value}: invalid input`, { start: t.start, end: t.end });
    return v;
  };

  type State = 'openBrace' | 'closeBrace' | 'matcher' | 'endOfMatcher' | 'comma' | 'eof' | 'done';
  let state: State = 'openBrace';
  try {
    while (state !== 'done') {
      switch (state) {
        case 'openBrace': {
          const t = wrapLex(() => l.peek());
          if (t.kind === 'eof') {
            state = 'eof';
            break;
          }
          hasOpenBrace = t.kind === '{';
          if (hasOpenBrace) wrapLex(() => l.scan());
          const n = wrapLex(() => l.peek());
          if (n.kind === 'eof') state = 'closeBrace';
          else state = n.kind === '}' ? 'closeBrace' : 'matcher';
          break;
        }
        case 'closeBrace': {
          if (hasOpenBrace) {
            try {
              expect(errNoCloseBrace, '}');
            } catch (e) {
              if (e instanceof ParseError) {
                const p = l.position();
                // Alertmanager: fmt.Errorf("0:%d: %w: %w", columnEnd, err, errNoCloseBrace)
                const inner = e.message.endsWith(`: ${errNoCloseBrace}`) ? e.message.slice(0, -(errNoCloseBrace.length + 2)) : e.message;
                throw new ParseError(`0:${p.colEnd}: ${inner}: ${errNoCloseBrace}`, e.range);
              }
              throw e;
            }
          } else {
            let closed = false;
            try {
              const t = expectPeek('}');
              closed = t !== 'eof';
            } catch {
              closed = false;
            }
            if (closed) {
              wrapLex(() => l.scan());
              const p = l.position();
              throw new ParseError(`0:${p.colEnd}: }: ${errNoOpenBrace}`, { start: p.start - 1, end: p.end });
            }
          }
          state = 'eof';
          break;
        }
        case 'matcher': {
          const nameTok = expect(errNoLabelName, 'quoted', 'unquoted');
          const name = unquote(nameTok);
          const opTok = expect(errNoOperator, '=', '!=', '=~', '!~');
          const valueTok = expect(errNoLabelValue, 'unquoted', 'quoted');
          const value = unquote(valueTok);
          const range = { start: nameTok.start, end: valueTok.end };
          const m = newMatcher(opTok.kind as MatchType, name, value, range, (e) => `failed to create matcher: ${e}`);
          if ('message' in m) throw new ParseError(m.message, m.range);
          matchers.push(m);
          state = 'endOfMatcher';
          break;
        }
        case 'endOfMatcher': {
          let t: Token | 'eof';
          try {
            t = expectPeek(',', '}');
          } catch (e) {
            if (e instanceof ParseError) throw new ParseError(`${e.message}: ${errExpectedCommaOrCloseBrace}`, e.range);
            throw e;
          }
          state = t === 'eof' ? 'closeBrace' : t.kind === ',' ? 'comma' : 'closeBrace';
          break;
        }
        case 'comma': {
          expect(errExpectedComma, ',');
          let t: Token | 'eof';
          try {
            t = expectPeek('}', 'unquoted', 'quoted');
          } catch (e) {
            if (e instanceof ParseError) throw new ParseError(`${e.message}: ${errExpectedMatcherOrCloseBrace}`, e.range);
            throw e;
          }
          state = t === 'eof' ? 'closeBrace' : t.kind === '}' ? 'closeBrace' : 'matcher';
          break;
        }
        case 'eof': {
          let t: Token;
          try {
            t = l.scan();
          } catch (e) {
            if (e instanceof LexError) throw new ParseError(`${e.message}: ${errExpectedEOF}`, e.range);
            throw e;
          }
          if (t.kind !== 'eof') throw new ParseError(`${t.colStart}:${t.colEnd}: ${t.value}: ${errExpectedEOF}`, { start: t.start, end: t.end });
          state = 'done';
          break;
        }
      }
    }
  } catch (e) {
    if (e instanceof ParseError) return { matchers: [], error: { message: e.message, range: clampRange(e.range, input.length) } };
    throw e;
  }
  return { matchers };
}

function clampRange(r: Range, len: number): Range {
  const start = Math.max(0, Math.min(r.start, len));
  return { start, end: Math.max(start, Math.min(r.end, len)) };
}

/**
 * Go's strconv.Unquote for a double-quoted string, plus Alertmanager's check that the result is
 * valid UTF-8 (`\x`/octal escapes produce bytes); null when either fails.
 */
export function goUnquote(s: string): string | null {
  if (s.length < 2 || s[0] !== '"' || s[s.length - 1] !== '"') return null;
  const body = s.slice(1, -1);
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

function goQuote(s: string): string {
  return JSON.stringify(s);
}
