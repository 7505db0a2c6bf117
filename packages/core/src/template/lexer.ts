/**
 * The Go text/template lexer (`text/template/parse/lex.go`, Go 1.22+ behaviour), reimplemented
 * from its specification: the same items in the same order, with the same error texts, so that
 * the parser on top reports what Go reports. Differences: items carry [pos, end) as UTF-16
 * offsets instead of values, and error items carry a range pointing at the culprit (the bad
 * character, the unclosed `{{` or `(`), while `pos` stays Go's item position (used for line
 * numbers in messages). Only the default delimiters `{{`/`}}` are supported.
 */
import { goFormatRune, goQuote, isAlphaNumeric, isPrint } from './go-format';

/** Item types in Go's order; everything after `Keyword` is a keyword (printed as `<kw>`). */
export const T = {
  Error: 0,
  Bool: 1,
  Char: 2,
  CharConstant: 3,
  Comment: 4,
  Complex: 5,
  Assign: 6,
  Declare: 7,
  EOF: 8,
  Field: 9,
  Identifier: 10,
  LeftDelim: 11,
  LeftParen: 12,
  Number: 13,
  Pipe: 14,
  RawString: 15,
  RightDelim: 16,
  RightParen: 17,
  Space: 18,
  String: 19,
  Text: 20,
  Variable: 21,
  Keyword: 22,
  Block: 23,
  Break: 24,
  Continue: 25,
  Dot: 26,
  Define: 27,
  Else: 28,
  End: 29,
  If: 30,
  Nil: 31,
  Range: 32,
  Template: 33,
  With: 34,
} as const;
export type ItemType = (typeof T)[keyof typeof T];

export interface Item {
  t: ItemType;
  /** Go's item position (start of the item), UTF-16 offset */
  pos: number;
  /** end of the item's text, exclusive */
  end: number;
  /** error items only: Go's message */
  msg?: string;
  /** error items only: where to point the user */
  errStart?: number;
  errEnd?: number;
}

const KEYWORDS: Record<string, ItemType> = {
  block: T.Block,
  break: T.Break,
  continue: T.Continue,
  define: T.Define,
  else: T.Else,
  end: T.End,
  if: T.If,
  range: T.Range,
  nil: T.Nil,
  template: T.Template,
  with: T.With,
};

const EOF = -1;
const NO_DELIM = 0;
const DELIM = 1;
const DELIM_TRIM = 2;
const C = {
  tab: 9,
  nl: 10,
  cr: 13,
  space: 32,
  quote: 34,
  dollar: 36,
  apos: 39,
  lparen: 40,
  rparen: 41,
  plus: 43,
  comma: 44,
  minus: 45,
  dot: 46,
  zero: 48,
  nine: 57,
  colon: 58,
  eq: 61,
  backslash: 92,
  backtick: 96,
  pipe: 124,
  lbrace: 123,
  rbrace: 125,
} as const;

function isSpace(r: number): boolean {
  return r === C.space || r === C.tab || r === C.cr || r === C.nl;
}

export interface LexOptions {
  /** `break` is a keyword (false when a function named `break` exists) */
  breakOK: boolean;
  continueOK: boolean;
}

export class Lexer {
  private input: string;
  private pos = 0;
  private start = 0;
  private atEOF = false;
  private parenDepth = 0;
  private insideAction = false;
  /** position of the `{{` of the action being lexed */
  private actionStart = 0;
  /** positions of the currently open `(` */
  private parens: number[] = [];

  constructor(
    input: string,
    private readonly opts: LexOptions,
  ) {
    this.input = input;
  }

  /** The next item (Go's nextItem). After an error item, only EOF items follow. */
  nextItem(): Item {
    return this.insideAction ? this.lexInsideAction() : this.lexText();
  }

  private next(): number {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos)!;
    this.pos += r > 0xffff ? 2 : 1;
    return r;
  }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  /** Step back one code point (a no-op once EOF has been read, as in Go). */
  private backup(): void {
    if (this.atEOF || this.pos === 0) return;
    const lo = this.input.charCodeAt(this.pos - 1);
    if (lo >= 0xdc00 && lo <= 0xdfff && this.pos >= 2) {
      const hi = this.input.charCodeAt(this.pos - 2);
      if (hi >= 0xd800 && hi <= 0xdbff) {
        this.pos -= 2;
        return;
      }
    }
    this.pos -= 1;
  }

  private item(t: ItemType): Item {
    const it: Item = { t, pos: this.start, end: this.pos };
    this.start = this.pos;
    return it;
  }

  private ignore(): void {
    this.start = this.pos;
  }

  private accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.includes(String.fromCodePoint(r))) return true;
    this.backup();
    return false;
  }

  private acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || !valid.includes(String.fromCodePoint(r))) break;
    }
    this.backup();
  }

  private errorf(msg: string, errStart = this.start, errEnd = this.pos): Item {
    const it: Item = { t: T.Error, pos: this.start, end: this.pos, msg, errStart, errEnd };
    this.input = '';
    this.pos = 0;
    this.start = 0;
    return it;
  }

  private hasLeftTrimMarker(i: number): boolean {
    return this.input.charCodeAt(i) === C.minus && isSpace(this.input.charCodeAt(i + 1));
  }

  private hasRightTrimMarker(i: number): boolean {
    return isSpace(this.input.charCodeAt(i)) && this.input.charCodeAt(i + 1) === C.minus;
  }

  private startsWithRightDelim(i: number): boolean {
    return this.input.charCodeAt(i) === C.rbrace && this.input.charCodeAt(i + 1) === C.rbrace;
  }

  /** At a right delimiter? NO_DELIM, DELIM, or DELIM_TRIM (preceded by a trim marker). */
  private atRightDelim(): number {
    if (this.hasRightTrimMarker(this.pos) && this.startsWithRightDelim(this.pos + 2)) return DELIM_TRIM;
    if (this.startsWithRightDelim(this.pos)) return DELIM;
    return NO_DELIM;
  }

  private leftTrimLength(i: number): number {
    let j = i;
    while (j < this.input.length && isSpace(this.input.charCodeAt(j))) j++;
    return j - i;
  }

  private rightTrimLength(from: number, to: number): number {
    let j = to;
    while (j > from && isSpace(this.input.charCodeAt(j - 1))) j--;
    return to - j;
  }

  private lexText(): Item {
    for (;;) {
      const x = this.input.indexOf('{{', this.pos);
      if (x < 0) {
        this.pos = this.input.length;
        return this.item(this.pos > this.start ? T.Text : T.EOF);
      }
      if (x > this.pos) {
        this.pos = x;
        const trim = this.hasLeftTrimMarker(x + 2) ? this.rightTrimLength(this.start, this.pos) : 0;
        this.pos -= trim;
        const text = this.item(T.Text);
        this.pos += trim;
        this.ignore();
        if (text.end > text.pos) return text;
      }
      const delim = this.lexLeftDelim();
      if (delim) return delim;
      // a comment was skipped: continue with text
    }
  }

  /** Returns the left delimiter item, or null after skipping a comment. */
  private lexLeftDelim(): Item | null {
    const delimPos = this.pos;
    this.pos += 2;
    const afterMarker = this.hasLeftTrimMarker(this.pos) ? 2 : 0;
    if (this.input.startsWith('/*', this.pos + afterMarker)) {
      this.pos += afterMarker;
      this.ignore();
      return this.lexComment(delimPos);
    }
    const it = this.item(T.LeftDelim);
    this.insideAction = true;
    this.actionStart = delimPos;
    this.parens.length = 0;
    this.pos += afterMarker;
    this.ignore();
    this.parenDepth = 0;
    return it;
  }

  private lexComment(delimPos: number): Item | null {
    this.pos += 2;
    const x = this.input.indexOf('*/', this.pos);
    if (x < 0) return this.errorf('unclosed comment', delimPos, this.start + 2);
    this.pos = x + 2;
    const delim = this.atRightDelim();
    if (delim === NO_DELIM) return this.errorf('comment ends before closing delimiter', delimPos, this.pos);
    const trim = delim === DELIM_TRIM;
    if (trim) this.pos += 2;
    this.pos += 2;
    if (trim) this.pos += this.leftTrimLength(this.pos);
    this.ignore();
    return null;
  }

  private lexRightDelim(): Item {
    const trim = this.atRightDelim() === DELIM_TRIM;
    if (trim) {
      this.pos += 2;
      this.ignore();
    }
    this.pos += 2;
    const it = this.item(T.RightDelim);
    if (trim) {
      this.pos += this.leftTrimLength(this.pos);
      this.ignore();
    }
    this.insideAction = false;
    return it;
  }

  private lexInsideAction(): Item {
    if (this.atRightDelim() !== NO_DELIM) {
      if (this.parenDepth === 0) return this.lexRightDelim();
      const open = this.parens[this.parens.length - 1] ?? this.pos;
      return this.errorf('unclosed left paren', open, open + 1);
    }
    const r = this.next();
    switch (r) {
      case EOF:
        return this.errorf('unclosed action', this.actionStart, this.actionStart + 2);
      case C.space:
      case C.tab:
      case C.cr:
      case C.nl:
        this.backup();
        return this.lexSpace();
      case C.eq:
        return this.item(T.Assign);
      case C.colon:
        if (this.next() !== C.eq) return this.errorf('expected :=');
        return this.item(T.Declare);
      case C.pipe:
        return this.item(T.Pipe);
      case C.quote:
        return this.lexQuote();
      case C.backtick:
        return this.lexRawQuote();
      case C.dollar:
        return this.lexVariable();
      case C.apos:
        return this.lexChar();
      case C.dot: {
        const c = this.input.charCodeAt(this.pos);
        if (this.pos < this.input.length && (c < C.zero || c > C.nine)) {
          return this.lexFieldOrVariable(T.Field);
        }
        this.backup();
        return this.lexNumber();
      }
      case C.plus:
      case C.minus:
        this.backup();
        return this.lexNumber();
      case C.lparen:
        this.parenDepth++;
        this.parens.push(this.start);
        return this.item(T.LeftParen);
      case C.rparen:
        this.parenDepth--;
        if (this.parenDepth < 0) return this.errorf('unexpected right paren');
        this.parens.pop();
        return this.item(T.RightParen);
    }
    if (r >= C.zero && r <= C.nine) {
      this.backup();
      return this.lexNumber();
    }
    if (isAlphaNumeric(r)) {
      this.backup();
      return this.lexIdentifier();
    }
    if (r < 0x80 && isPrint(r)) return this.item(T.Char);
    return this.errorf(`unrecognized character in action: ${goFormatRune(r)}`);
  }

  private lexSpace(): Item {
    let numSpaces = 0;
    while (isSpace(this.peek())) {
      this.next();
      numSpaces++;
    }
    // A trim-marked right delimiter starts with a space: leave that space to it.
    if (this.hasRightTrimMarker(this.pos - 1) && this.startsWithRightDelim(this.pos + 1)) {
      this.backup();
      if (numSpaces === 1) return this.lexRightDelim();
    }
    return this.item(T.Space);
  }

  private badCharacter(r: number): Item {
    const at = this.pos;
    return this.errorf(`bad character ${goFormatRune(r)}`, at, at + (r > 0xffff ? 2 : 1));
  }

  private lexIdentifier(): Item {
    for (;;) {
      const r = this.next();
      if (r !== EOF && isAlphaNumeric(r)) continue;
      this.backup();
      const word = this.input.slice(this.start, this.pos);
      if (!this.atTerminator()) return this.badCharacter(r);
      const kw = KEYWORDS[word];
      if (kw !== undefined) {
        if ((kw === T.Break && !this.opts.breakOK) || (kw === T.Continue && !this.opts.continueOK)) {
          return this.item(T.Identifier);
        }
        return this.item(kw);
      }
      if (word === 'true' || word === 'false') return this.item(T.Bool);
      return this.item(T.Identifier);
    }
  }

  private lexVariable(): Item {
    if (this.atTerminator()) return this.item(T.Variable);
    return this.lexFieldOrVariable(T.Variable);
  }

  /** After the `.` or `$`. */
  private lexFieldOrVariable(typ: ItemType): Item {
    if (this.atTerminator()) return this.item(typ === T.Variable ? T.Variable : T.Dot);
    let r: number;
    for (;;) {
      r = this.next();
      if (r === EOF || !isAlphaNumeric(r)) {
        this.backup();
        break;
      }
    }
    if (!this.atTerminator()) return this.badCharacter(r);
    return this.item(typ);
  }

  private atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF:
      case C.dot:
      case C.comma:
      case C.pipe:
      case C.colon:
      case C.rparen:
      case C.lparen:
        return true;
    }
    return this.startsWithRightDelim(this.pos);
  }

  private lineEnd(): number {
    return this.input.charCodeAt(this.pos - 1) === C.nl ? this.pos - 1 : this.pos;
  }

  private lexChar(): Item {
    for (;;) {
      let r = this.next();
      if (r === C.backslash) {
        r = this.next();
        if (r !== EOF && r !== C.nl) continue;
      }
      if (r === EOF || r === C.nl) {
        return this.errorf('unterminated character constant', this.start, this.lineEnd());
      }
      if (r === C.apos) break;
    }
    return this.item(T.CharConstant);
  }

  private lexNumber(): Item {
    if (!this.scanNumber()) {
      return this.errorf(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
    }
    const sign = this.peek();
    if (sign === C.plus || sign === C.minus) {
      if (!this.scanNumber() || this.input.charCodeAt(this.pos - 1) !== 0x69 /* i */) {
        return this.errorf(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
      }
      return this.item(T.Complex);
    }
    return this.item(T.Number);
  }

  private scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    const r = this.peek();
    if (r !== EOF && isAlphaNumeric(r)) {
      this.next();
      return false;
    }
    return true;
  }

  private lexQuote(): Item {
    for (;;) {
      let r = this.next();
      if (r === C.backslash) {
        r = this.next();
        if (r !== EOF && r !== C.nl) continue;
      }
      if (r === EOF || r === C.nl) {
        return this.errorf('unterminated quoted string', this.start, this.lineEnd());
      }
      if (r === C.quote) break;
    }
    return this.item(T.String);
  }

  private lexRawQuote(): Item {
    const close = this.input.indexOf('`', this.pos);
    if (close < 0) {
      this.pos = this.input.length;
      this.atEOF = true;
      return this.errorf('unterminated raw quoted string', this.start, this.start + 1);
    }
    this.pos = close + 1;
    return this.item(T.RawString);
  }
}
