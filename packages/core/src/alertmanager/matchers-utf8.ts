/**
 * Alertmanager's UTF-8 matchers parser (matcher/parse): a lexer over runes (the columns in its
 * messages are rune counts, as Alertmanager prints them; ranges are UTF-16 offsets) and the same
 * state machine. Messages are Alertmanager's.
 */
import type { Range } from '../diagnostics/types';
import { goUnquote } from './go-unquote';
import { newMatcher, type AmMatcher, type MatchType, type ParsedMatchers } from './matcher-types';

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

export function isReservedRune(r: string): boolean {
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

export function parseUTF8Matchers(input: string): ParsedMatchers {
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

