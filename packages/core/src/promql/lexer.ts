/**
 * Prometheus's PromQL *lexer* rules (promql/parser/lex.go), reimplemented as a token scanner.
 *
 * Why it exists next to lezer-promql: the grammar is lezer's, but several things are decided by
 * Prometheus's lexer and lezer tokenizes them differently — which characters are errors, number and
 * duration syntax (`5.`, `0deadbeef`, `5mm`), string escapes, unclosed parentheses, the keywords that
 * lexer knows. This module gives (a) Prometheus's first lexer error with its exact wording and
 * position, and (b) the token stream, used to phrase syntax errors the way Prometheus's parser does
 * (`unexpected <op:*>`, `unexpected identifier "x" in label matching`). It is only consulted on the
 * error path and for literals; the parse itself is lezer's.
 *
 * Positions are UTF-16 offsets into the text (the JS string), not Go byte offsets.
 */
import { allKeywords, type KeywordGroup } from './functions';
import { goQuote, goQuoteRune, goRuneU } from './quote';

export type TokenType =
  | 'EOF' | 'IDENTIFIER' | 'METRIC_IDENTIFIER' | 'NUMBER' | 'DURATION' | 'STRING'
  | 'COMMA' | 'COLON' | 'LEFT_PAREN' | 'RIGHT_PAREN' | 'LEFT_BRACE' | 'RIGHT_BRACE' | 'LEFT_BRACKET' | 'RIGHT_BRACKET'
  | 'EQL' | 'ADD' | 'SUB' | 'MUL' | 'DIV' | 'MOD' | 'POW' | 'EQLC' | 'NEQ' | 'LTE' | 'LSS' | 'GTE' | 'GTR'
  | 'TRIM_UPPER' | 'TRIM_LOWER' | 'EQL_REGEX' | 'NEQ_REGEX' | 'AT'
  | 'LAND' | 'LOR' | 'LUNLESS' | 'ATAN2'
  | 'AGGREGATOR' | 'KEYWORD' | 'PREPROCESSOR';

export interface Token {
  type: TokenType;
  start: number;
  end: number;
  /** source text of the token */
  val: string;
  /** for AGGREGATOR/KEYWORD/PREPROCESSOR/operators: the lower-cased keyword */
  word?: string;
}

export interface LexError {
  message: string;
  /** Prometheus reports lexer errors from the token start to the end of the input */
  start: number;
  end: number;
  /**
   * how many of `tokens` Prometheus's parser receives before the error: the tokens of the lexer
   * steps before the failing one (a step that emits a token and then fails, as `)` without its `(`
   * does, hands the parser the error instead of that token)
   */
  delivered: number;
}

export interface LexResult {
  tokens: Token[];
  error?: LexError;
  /** parenthesis depth at the end (for the unclosed-parenthesis message) */
}

const OPERATOR_WORDS: Record<string, TokenType> = { and: 'LAND', or: 'LOR', unless: 'LUNLESS', atan2: 'ATAN2' };
const wordsOf = (group: KeywordGroup) => new Set(allKeywords().filter((k) => k.group === group).map((k) => k.word));
const AGGREGATOR_WORDS = wordsOf('aggregator');
const KEYWORD_WORDS = wordsOf('modifier');
const PREPROCESSOR_WORDS = wordsOf('preprocessor');
const DURATION_KEYWORDS = new Set(['step', 'range', 'max_of', 'min_of']);

const EOF = -1;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isAlpha(c: number): boolean {
  return c === 0x5f || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}
function isAlphaNumeric(c: number): boolean {
  return isAlpha(c) || isDigit(c);
}
/** U+FFFD and lone surrogates stand for Go's utf8.RuneError (invalid UTF-8 in the original bytes) */
function isRuneError(c: number): boolean {
  return c === 0xfffd || (c >= 0xd800 && c <= 0xdfff);
}

class Scanner {
  pos = 0;
  start = 0;
  width = 0;
  parenDepth = 0;
  braceOpen = false;
  bracketOpen = false;
  gotColon = false;
  gotDuration = false;
  stringOpen = 0;
  tokens: Token[] = [];
  error?: LexError;

  constructor(
    readonly input: string,
    /** before 2.54: a range in brackets is a duration token, nothing else (`lexDurationLegacy`) */
    readonly legacyDurations = false,
  ) {}

  next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const c = this.input.codePointAt(this.pos)!;
    this.width = c > 0xffff ? 2 : 1;
    this.pos += this.width;
    return c;
  }
  peek(): number {
    const c = this.next();
    this.backup();
    return c;
  }
  backup(): void {
    this.pos -= this.width;
    this.width = 0;
  }
  accept(valid: string): boolean {
    const c = this.next();
    if (c !== EOF && valid.includes(String.fromCodePoint(c))) return true;
    this.backup();
    return false;
  }
  is(valid: string): boolean {
    const c = this.peek();
    return c !== EOF && valid.includes(String.fromCodePoint(c));
  }
  acceptRun(valid: string): void {
    while (this.accept(valid)) {
      /* consume */
    }
  }
  emit(type: TokenType, word?: string): void {
    const val = this.input.slice(this.start, this.pos);
    this.tokens.push(word === undefined ? { type, start: this.start, end: this.pos, val } : { type, start: this.start, end: this.pos, val, word });
    this.start = this.pos;
  }
  ignore(): void {
    this.start = this.pos;
  }
  fail(message: string): false {
    this.error = { message, start: this.start, end: this.input.length, delivered: this.tokens.length };
    return false;
  }
}

/** Lex a whole PromQL expression the way Prometheus's lexer does; stops at the first lexer error. */
export function lexPromQL(input: string, opts: { legacyDurations?: boolean } = {}): LexResult {
  const l = new Scanner(input, opts.legacyDurations ?? false);
  let state: ((l: Scanner) => State) | null = lexStatements;
  // A hard cap protects against any state-machine bug turning into an endless loop.
  let guard = input.length * 4 + 16;
  while (state && !l.error && guard-- > 0) {
    const before = l.tokens.length;
    state = state(l);
    // (the narrowing of the loop's condition does not see that the step may have failed)
    const failed = l.error as LexError | undefined;
    if (failed) failed.delivered = before;
  }
  l.tokens.push({ type: 'EOF', start: input.length, end: input.length, val: '' });
  return { tokens: l.tokens, error: l.error };
}

type State = ((l: Scanner) => State) | null;

/**
 * A range before Prometheus 2.54 (its lex.go `lexDuration`): a number there, or nothing, is "missing
 * unit character in duration", anything else not a duration "bad duration syntax".
 */
function lexDurationLegacy(l: Scanner): State {
  if (scanNumberLegacy(l)) return (l.fail('missing unit character in duration'), null);
  if (!acceptRemainingDuration(l)) return (l.fail(`bad duration syntax: ${goQuote(l.input.slice(l.start, l.pos))}`), null);
  l.backup();
  l.emit('DURATION');
  return lexStatements;
}

/** lex.go's `scanNumber` of that time: whether a number (possibly empty) ends here */
function scanNumberLegacy(l: Scanner): boolean {
  let digits = '0123456789';
  if (l.accept('0') && l.accept('xX')) digits = '0123456789abcdefABCDEF';
  l.acceptRun(digits);
  if (l.accept('.')) l.acceptRun(digits);
  if (l.accept('eE')) {
    l.accept('+-');
    l.acceptRun('0123456789');
  }
  return !isAlphaNumeric(l.peek());
}

function lexStatements(l: Scanner): State {
  if (l.braceOpen) return lexInsideBraces;
  if (l.input.startsWith('#', l.pos)) return lexLineComment;
  const r = l.next();
  if (r === EOF) {
    if (l.parenDepth !== 0) return (l.fail('unclosed left parenthesis'), null);
    if (l.bracketOpen) return (l.fail('unclosed left bracket'), null);
    return null;
  }
  switch (r) {
    case 0x2c: l.emit('COMMA'); return lexStatements;
    case 0x2a: l.emit('MUL'); return lexStatements;
    case 0x2f: l.emit('DIV'); return lexStatements;
    case 0x25: l.emit('MOD'); return lexStatements;
    case 0x2b: l.emit('ADD'); return lexStatements;
    case 0x2d: l.emit('SUB'); return lexStatements;
    case 0x5e: l.emit('POW'); return lexStatements;
    case 0x40: l.emit('AT'); return lexStatements;
    case 0x3d: { // '='
      const t = l.peek();
      if (t === 0x3d) {
        l.next();
        l.emit('EQLC');
      } else if (t === 0x7e) {
        return (l.fail(`unexpected character after '=': ${goQuoteRune(t)}`), null);
      } else l.emit('EQL');
      return lexStatements;
    }
    case 0x21: { // '!'
      const t = l.next();
      if (t !== 0x3d) return (l.fail(`unexpected character after '!': ${goQuoteRune(t)}`), null);
      l.emit('NEQ');
      return lexStatements;
    }
    case 0x3c: { // '<'
      const t = l.peek();
      if (t === 0x3d) { l.next(); l.emit('LTE'); } else if (t === 0x2f) { l.next(); l.emit('TRIM_UPPER'); } else l.emit('LSS');
      return lexStatements;
    }
    case 0x3e: { // '>'
      const t = l.peek();
      if (t === 0x3d) { l.next(); l.emit('GTE'); } else if (t === 0x2f) { l.next(); l.emit('TRIM_LOWER'); } else l.emit('GTR');
      return lexStatements;
    }
    case 0x22: case 0x27: l.stringOpen = r; return lexString;
    case 0x60: l.stringOpen = r; return lexRawString;
    case 0x28: l.emit('LEFT_PAREN'); l.parenDepth++; return lexStatements;
    case 0x29:
      l.emit('RIGHT_PAREN');
      l.parenDepth--;
      if (l.parenDepth < 0) return (l.fail(`unexpected right parenthesis ${goQuoteRune(r)}`), null);
      return lexStatements;
    case 0x7b: l.emit('LEFT_BRACE'); l.braceOpen = true; return lexInsideBraces;
    case 0x5b:
      if (l.bracketOpen) return (l.fail(`unexpected left bracket ${goQuoteRune(r)}`), null);
      l.gotColon = false;
      l.emit('LEFT_BRACKET');
      while (isSpace(l.peek())) l.next();
      l.ignore();
      l.bracketOpen = true;
      return l.legacyDurations ? lexDurationLegacy : lexDurationExpr;
    case 0x5d:
      if (!l.bracketOpen) return (l.fail(`unexpected right bracket ${goQuoteRune(r)}`), null);
      l.emit('RIGHT_BRACKET');
      l.bracketOpen = false;
      return lexStatements;
  }
  if (isSpace(r)) return lexSpace;
  if (isDigit(r) || (r === 0x2e && isDigit(l.peek()))) {
    l.backup();
    return lexNumberOrDuration;
  }
  if (isAlpha(r) || r === 0x3a) {
    if (!l.bracketOpen) {
      l.backup();
      return lexKeywordOrIdentifier;
    }
    if (r === 0x3a) {
      if (l.gotColon) return (l.fail(`unexpected colon ${goQuoteRune(r)}`), null);
      l.emit('COLON');
      l.gotColon = true;
      return lexStatements;
    }
    if (scanDurationKeyword(l)) return lexStatements;
    return (l.fail(`unexpected character: ${goQuoteRune(r)}, expected ':'`), null);
  }
  return (l.fail(`unexpected character: ${goQuoteRune(r)}`), null);
}

function lexInsideBraces(l: Scanner): State {
  if (l.input.startsWith('#', l.pos)) return lexLineComment;
  const r = l.next();
  if (r === EOF) return (l.fail('unexpected end of input inside braces'), null);
  if (isSpace(r)) return lexSpace;
  if (isAlpha(r)) {
    while (isAlphaNumeric(l.next())) {
      /* identifier */
    }
    l.backup();
    l.emit('IDENTIFIER');
    return lexStatements;
  }
  switch (r) {
    case 0x2c: l.emit('COMMA'); return lexInsideBraces;
    case 0x22: case 0x27: l.stringOpen = r; return lexString;
    case 0x60: l.stringOpen = r; return lexRawString;
    case 0x3d:
      if (l.next() === 0x7e) l.emit('EQL_REGEX');
      else { l.backup(); l.emit('EQL'); }
      return lexInsideBraces;
    case 0x21: {
      const nr = l.next();
      if (nr === 0x7e) l.emit('NEQ_REGEX');
      else if (nr === 0x3d) l.emit('NEQ');
      else return (l.fail(`unexpected character after '!' inside braces: ${goQuoteRune(nr)}`), null);
      return lexInsideBraces;
    }
    case 0x7b: return (l.fail(`unexpected left brace ${goQuoteRune(r)}`), null);
    case 0x7d: l.emit('RIGHT_BRACE'); l.braceOpen = false; return lexStatements;
  }
  return (l.fail(`unexpected character inside braces: ${goQuoteRune(r)}`), null);
}

function lexEscape(l: Scanner): State {
  let ch = l.next();
  let n = 0;
  let base = 0;
  let max = 0;
  switch (ch) {
    case 0x61: case 0x62: case 0x66: case 0x6e: case 0x72: case 0x74: case 0x76: case 0x5c:
      return lexString;
    case 0x78: ch = l.next(); n = 2; base = 16; max = 255; break; // x
    case 0x75: ch = l.next(); n = 4; base = 16; max = 0x10ffff; break; // u
    case 0x55: ch = l.next(); n = 8; base = 16; max = 0x10ffff; break; // U
    case EOF: return (l.fail('escape sequence not terminated'), null);
    default:
      if (ch === l.stringOpen) return lexString;
      if (ch >= 0x30 && ch <= 0x37) { n = 3; base = 8; max = 255; break; }
      return (l.fail(`unknown escape sequence ${goRuneU(ch)}`), null);
  }
  let x = 0;
  while (n > 0) {
    const d = digitVal(ch);
    if (d >= base) {
      if (ch === EOF) return (l.fail('escape sequence not terminated'), null);
      return (l.fail(`illegal character ${goRuneU(ch)} in escape sequence`), null);
    }
    x = x * base + d;
    n--;
    if (n > 0) ch = l.next();
  }
  if (x > max || (x >= 0xd800 && x < 0xe000)) return (l.fail('escape sequence is an invalid Unicode code point'), null);
  return lexString;
}

function digitVal(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return 16;
}

function lexString(l: Scanner): State {
  for (;;) {
    const c = l.next();
    if (c === 0x5c) return lexEscape;
    if (c !== EOF && isRuneError(c)) return (l.fail('invalid UTF-8 rune'), null);
    if (c === EOF || c === 0x0a) return (l.fail('unterminated quoted string'), null);
    if (c === l.stringOpen) break;
  }
  l.emit('STRING');
  return lexStatements;
}

function lexRawString(l: Scanner): State {
  for (;;) {
    const c = l.next();
    if (c !== EOF && isRuneError(c)) return (l.fail('invalid UTF-8 rune'), null);
    if (c === EOF) return (l.fail('unterminated raw string'), null);
    if (c === l.stringOpen) break;
  }
  l.emit('STRING');
  return lexStatements;
}

function lexSpace(l: Scanner): State {
  while (isSpace(l.peek())) l.next();
  l.ignore();
  return lexStatements;
}

function lexLineComment(l: Scanner): State {
  l.pos += 1;
  let r = l.next();
  while (r !== 0x0a && r !== 0x0d && r !== EOF) r = l.next();
  l.backup();
  l.ignore(); // comments are dropped by the parser
  return lexStatements;
}

function scanDurationKeyword(l: Scanner): boolean {
  for (;;) {
    const r = l.next();
    if (isAlpha(r)) continue;
    l.backup();
    const word = l.input.slice(l.start, l.pos).toLowerCase();
    if (DURATION_KEYWORDS.has(word)) {
      l.emit('PREPROCESSOR', word);
      return true;
    }
    return false;
  }
}

function lexNumberOrDuration(l: Scanner): State {
  if (scanNumber(l)) {
    l.emit('NUMBER');
    return lexStatements;
  }
  if (acceptRemainingDuration(l)) {
    l.backup();
    l.emit('DURATION');
    return lexStatements;
  }
  return (l.fail(`bad number or duration syntax: ${goQuote(l.input.slice(l.start, l.pos))}`), null);
}

function acceptRemainingDuration(l: Scanner): boolean {
  if (!l.accept('smhdwy')) return false;
  l.accept('s');
  while (l.accept('0123456789')) {
    while (l.accept('0123456789')) {
      /* digits */
    }
    if (!l.accept('smhdw')) return false;
    l.accept('s');
  }
  return !isAlphaNumeric(l.next());
}

function scanNumber(l: Scanner): boolean {
  const initial = l.pos;
  let digits = '0123456789';
  if (l.accept('0') && l.accept('xX')) {
    l.accept('_');
    digits = '0123456789abcdefABCDEF';
  }
  l.accept('.');
  l.accept(digits);
  let dot = false;
  let exp = false;
  while (l.is(digits + '._eE')) {
    if (l.is('.') && dot) {
      l.accept('.');
      return false;
    }
    if (l.is('eE') && exp) {
      l.accept('eE');
      return false;
    }
    if (l.accept('.')) {
      dot = true;
      if (l.accept('_.')) return false;
      if (digits.length > 10) return false;
      continue;
    }
    if (l.accept('eE')) {
      exp = true;
      l.accept('+-');
      if (l.accept('._eE') || l.peek() === EOF) return false;
      continue;
    }
    if (l.accept('_')) {
      if (l.accept('._eE') || l.peek() === EOF) return false;
      continue;
    }
    l.acceptRun(digits);
  }
  if (l.pos === initial) return false;
  return !isAlphaNumeric(l.peek());
}

function lexKeywordOrIdentifier(l: Scanner): State {
  for (;;) {
    const r = l.next();
    if (isAlphaNumeric(r) || r === 0x3a) continue;
    l.backup();
    break;
  }
  const word = l.input.slice(l.start, l.pos);
  const lower = word.toLowerCase();
  if (lower === 'inf' || lower === 'nan') l.emit('NUMBER');
  else if (OPERATOR_WORDS[lower]) l.emit(OPERATOR_WORDS[lower]!, lower);
  else if (AGGREGATOR_WORDS.has(lower)) l.emit('AGGREGATOR', lower);
  else if (KEYWORD_WORDS.has(lower)) {
    if (lower.startsWith('fill') && !followedByLeftParen(l)) l.emit('IDENTIFIER');
    else l.emit('KEYWORD', lower);
  } else if (PREPROCESSOR_WORDS.has(lower)) l.emit('PREPROCESSOR', lower);
  else if (word.includes(':')) l.emit('METRIC_IDENTIFIER');
  else l.emit('IDENTIFIER');
  return lexStatements;
}

function followedByLeftParen(l: Scanner): boolean {
  for (let i = l.pos; i < l.input.length; i++) {
    const c = l.input.charCodeAt(i);
    if (!isSpace(c)) return c === 0x28;
  }
  return false;
}

function lexDurationExpr(l: Scanner): State {
  const r = l.next();
  if (r === EOF) return (l.fail('unexpected end of input in duration expression'), null);
  switch (r) {
    case 0x5d: l.emit('RIGHT_BRACKET'); l.bracketOpen = false; l.gotColon = false; return lexStatements;
    case 0x3a:
      l.emit('COLON');
      if (!l.gotDuration) return (l.fail('unexpected colon before duration in duration expression'), null);
      if (l.gotColon) return (l.fail('unexpected repeated colon in duration expression'), null);
      l.gotColon = true;
      return lexDurationExpr;
    case 0x28: l.emit('LEFT_PAREN'); l.parenDepth++; return lexDurationExpr;
    case 0x29:
      l.emit('RIGHT_PAREN');
      l.parenDepth--;
      if (l.parenDepth < 0) return (l.fail(`unexpected right parenthesis ${goQuoteRune(r)}`), null);
      return lexDurationExpr;
    case 0x2b: l.emit('ADD'); return lexDurationExpr;
    case 0x2d: l.emit('SUB'); return lexDurationExpr;
    case 0x2a: l.emit('MUL'); return lexDurationExpr;
    case 0x2f: l.emit('DIV'); return lexDurationExpr;
    case 0x25: l.emit('MOD'); return lexDurationExpr;
    case 0x5e: l.emit('POW'); return lexDurationExpr;
    case 0x2c: l.emit('COMMA'); return lexDurationExpr;
  }
  if (isSpace(r)) {
    while (isSpace(l.peek())) l.next();
    l.ignore();
    return lexDurationExpr;
  }
  if (r !== EOF && 'srmSRM'.includes(String.fromCodePoint(r))) {
    if (scanDurationKeyword(l)) return lexDurationExpr;
    return (l.fail(`unexpected character in duration expression: ${goQuoteRune(r)}`), null);
  }
  if (isDigit(r) || (r === 0x2e && isDigit(l.peek()))) {
    l.backup();
    l.gotDuration = true;
    return lexNumberOrDuration;
  }
  return (l.fail(`unexpected character in duration expression: ${goQuoteRune(r)}`), null);
}

/**
 * Checks one string literal token (`"…"`, `'…'`, `` `…` ``) with the lexer's rules; returns the
 * lexer's error message, or undefined when Prometheus's lexer accepts it.
 */
export function stringLiteralError(raw: string): string | undefined {
  const l = new Scanner(raw);
  const q = raw.codePointAt(0);
  if (q !== 0x22 && q !== 0x27 && q !== 0x60) return undefined;
  l.next();
  l.stringOpen = q;
  let state: State = q === 0x60 ? lexRawString : lexString;
  let guard = raw.length * 4 + 16;
  while (state && state !== lexStatements && !l.error && guard-- > 0) state = state(l);
  if (l.error) return l.error.message;
  return l.pos === raw.length ? undefined : 'unterminated quoted string';
}

/** Prometheus's description of a token in "unexpected ..." messages (`Item.desc()`). */
export function describeToken(t: Token): string {
  switch (t.type) {
    case 'EOF':
      return 'end of input';
    case 'IDENTIFIER':
      return `identifier ${goQuote(t.val)}`;
    case 'METRIC_IDENTIFIER':
      return `metric identifier ${goQuote(t.val)}`;
    case 'NUMBER':
      return `number ${itemString(t.val)}`;
    case 'DURATION':
      return `duration ${itemString(t.val)}`;
    case 'STRING':
      return `string ${itemString(t.val)}`;
    case 'AGGREGATOR':
      return `<aggr:${t.val}>`;
    case 'KEYWORD':
      return `<${t.val}>`;
    case 'PREPROCESSOR':
    case 'COMMA': case 'COLON': case 'LEFT_PAREN': case 'RIGHT_PAREN': case 'LEFT_BRACE': case 'RIGHT_BRACE':
    case 'LEFT_BRACKET': case 'RIGHT_BRACKET': case 'EQL':
      return goQuote(t.val);
    default:
      return `<op:${t.val}>`;
  }
}

/** Go's `Item.String()` for literal tokens: `%q`, or `%.10q...` when longer than 10 bytes. */
function itemString(val: string): string {
  if (new TextEncoder().encode(val).length > 10) return `${goQuote([...val].slice(0, 10).join(''))}...`;
  return goQuote(val);
}
