/**
 * A fast path for the `yaml` package's CST parser on the YAML that Prometheus files are written in.
 *
 *   const tokens = fastCst(text) ?? goParser().parse(text);
 *
 * `fastCst(text)` returns exactly what `Array.from(goParser().parse(text))` returns (the same
 * tokens with the same fields, offsets, indents and sources, in the same order), or `null` when the
 * text uses something outside the supported subset; then the caller uses the real `Parser`.
 * (`goParser`, go-lexer.ts: the Parser with quoted scalars as yaml.v3 scans them, whatever the
 * indentation of their lines.)
 *
 * Supported: documents (`---`, `...`, a BOM), block mappings and sequences at any nesting (also
 * `- key: value` and `key:\n- item`), flow sequences and mappings (`[a, b]`, `{a: 1}`, nested, over
 * several lines, as keys), plain, single- and double-quoted scalars (also multi-line), block
 * scalars (`|`, `>`, chomping and indentation indicators), comments, blank lines, CRLF.
 * Tabs in white space are white space, as to the lexer (also where yaml.v3 rejects them as
 * indentation: the walk reports that).
 *
 * Not supported (returns `null`): anchors, aliases, tags, directives, explicit keys (`?`), tabs
 * after a block scalar, and every situation where the lexer or the parser would produce an error
 * or an unusual token (a token after a block scalar header, content after `...`, …), but these
 * frequent half-typed edits:
 *  - junk after a block scalar header (`expr: | sum(x)`);
 *  - a quote left open, whose token runs to the end of the text; a quoted scalar with a line
 *    inside it that starts with a document marker (`---`, `...`), whose token ends before that line;
 *  - content after a complete node on its line (`a: "x" y`), which the Parser keeps in the node's end;
 *  - a sequence on the line of its key (`rules: - record: x`), whose error token the Parser puts in
 *    the tree as the key's value;
 *  - an empty key (a line broken before its colon), an item with a null key, in a block map or
 *    starting a node (`: 1`, `- : 1`);
 *  - a bracket left open (`expr: {sum(x)`): it runs to the end of the text or a document marker
 *    (the lexer's `flow-error-end` there, an error), and a `:` after a value in one (`{a: b: c}`, or
 *    `{labels:` over lines) makes a block map inside it;
 *  - a Helm template's `{{- if … }}`: `-` in a flow collection, a block sequence in it;
 *  - a stray `}` or `]` (none open), which ends the document as it does for the Parser, what follows
 *    being the stream's errors up to where `tail` lets the tokens stop (stray-tail.ts).
 * Polls for an interruption (interrupt.ts) every 1,024 tokens.
 *
 * It is one class doing the work of both of `yaml`'s stages without generators:
 *  - the lexer half mirrors `yaml`'s `Lexer` (lexer.js: parseStream, parseLineStart,
 *    parseBlockStart, parseDocument, parseFlowCollection, parseQuotedScalar, parseBlockScalar,
 *    parsePlainScalar) on the text directly, with character codes; a token's offset is its start
 *    in the text;
 *  - the builder half mirrors `yaml`'s `Parser` (parser.js: next, step, pop and one method per
 *    kind of open node) for the token types of the subset.
 * Every branch of those files that the subset does not cover bails out (`bail(reason)`). Both
 * halves are checked against `yaml` by test/yaml/fast-cst.test.ts (corpus, generated documents).
 */
import { CST } from 'yaml';
import { strayTailStop, type StrayTail } from './stray-tail';
import { AnalysisInterrupted, pollInterrupt } from '../interrupt';

type SourceToken = CST.SourceToken;
/** an open or finished node: the fields of the CST tokens this builder makes (as `yaml` names them) */
interface Node {
  type: string;
  offset: number;
  indent?: number;
  source?: string;
  /** (a flow collection's is its opening token) */
  start?: SourceToken[];
  value?: Node;
  end?: SourceToken[];
  props?: SourceToken[];
  items?: Item[];
  /** an error token (the Parser's recovery puts some in the tree) */
  message?: string;
}
interface Item {
  start: SourceToken[];
  key?: Node | null;
  sep?: SourceToken[];
  value?: Node;
}

/** thrown (and caught by `fastCst`) when the input leaves the supported subset; not an Error: no stack to capture */
class Bail {
  constructor(readonly reason: string) {}
}
function bail(reason: string): never {
  throw new Bail(reason);
}

// character codes; charCodeAt past the end is NaN, which compares unequal to all of them
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const DQUOTE = 34;
const HASH = 35;
const PERCENT = 37;
const AMP = 38;
const SQUOTE = 39;
const STAR = 42;
const PLUS = 43;
const COMMA = 44;
const DASH = 45;
const DOT = 46;
const COLON = 58;
const GT = 62;
const QMARK = 63;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const LBRACE = 123;
const PIPE = 124;
const RBRACE = 125;
const BOM = 0xfeff;

/** shared strings of spaces: most tokens are indentation, and sharing saves allocations */
const SPACES = Array.from({ length: 81 }, (_, n) => ' '.repeat(n));

/** the lexer's flowIndicatorChars: `,[]{}` */
function isFlowChar(c: number): boolean {
  return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
}

/** the lexer's isEmpty: end of input or white space */
function isEmpty(c: number): boolean {
  return c !== c || c === SPACE || c === LF || c === CR || c === TAB;
}

/** the lexer's states between two calls of its main loop */
const enum State {
  Stream,
  LineStart,
  BlockStart,
  Doc,
  Flow,
}

/**
 * The CST of `text` as `goParser().parse(text)` yields it, or null when the text is outside the
 * supported subset. Never throws.
 */
export function fastCst(text: string, tail?: StrayTail): CST.Token[] | null {
  try {
    return fastCstOrThrow(text, undefined, tail);
  } catch (e) {
    if (e instanceof AnalysisInterrupted) throw e;
    return null;
  }
}

/**
 * Like `fastCst`, but an internal failure (a bug, a stack overflow) throws instead of returning
 * null; for tests, which must tell a deliberate bail-out from a crash.
 * @internal
 */
export function fastCstOrThrow(text: string, onBail?: (reason: string, offset: number) => void, tail?: StrayTail): CST.Token[] | null {
  const b = new FastCst(text, strayTailStop(text, tail));
  try {
    b.run();
  } catch (e) {
    if (!(e instanceof Bail)) throw e;
    // past the stop, the rest of the line is not part of the tokens
    if (b.stopped) return b.out as unknown as CST.Token[];
    onBail?.(e.reason, b.at);
    return null;
  }
  return b.out as unknown as CST.Token[];
}

function includesType(list: readonly SourceToken[], type: string): boolean {
  for (let i = 0; i < list.length; i++) if (list[i].type === type) return true;
  return false;
}

/** index of the first token that is not white space or a comment, or -1 (parser.js findNonEmptyIndex) */
function findNonEmptyIndex(list: readonly SourceToken[]): number {
  for (let i = 0; i < list.length; i++) {
    const t = list[i].type;
    if (t !== 'space' && t !== 'comment' && t !== 'newline') return i;
  }
  return -1;
}

function push(target: SourceToken[], source: readonly SourceToken[]): void {
  for (let i = 0; i < source.length; i++) target.push(source[i]);
}

class FastCst {
  out: Node[] = [];
  private readonly len: number;
  // ---- lexer state (lexer.js)
  private pos = 0;
  private indentNext = 0;
  private indentValue = 0;
  private blockScalarIndent = -1;
  private blockScalarKeep = false;
  /** open flow collections, and whether a `:` after the last token is an indicator (lexer.js flowLevel, flowKey) */
  private flowLevel = 0;
  private flowKey = false;
  /** the next `\n` at or after pos once computed, or -1 if none (-2: not computed yet) */
  private nextLF = -2;
  // ---- parser state (parser.js)
  private atNewLine = true;
  private indent = 0;
  private onKeyLine = false;
  private readonly stack: Node[] = [];
  private type = '';
  private source = '';
  private offset = 0;

  constructor(
    private readonly text: string,
    /** may the tokens stop at a stray token at this offset (stray-tail.ts) */
    private readonly stopAtStray: (offset: number) => boolean,
  ) {
    this.len = text.length;
  }

  /** where the lexer is (for bail-out reports) */
  get at(): number {
    return this.pos;
  }

  run(): void {
    let state = State.Stream;
    while (this.pos < this.len && !this.stopped) {
      switch (state) {
        case State.Stream:
          state = this.lexStream();
          break;
        case State.LineStart:
          state = this.lexLineStart();
          break;
        case State.BlockStart:
          state = this.lexBlockStart();
          break;
        case State.Flow:
          state = this.lexFlow();
          break;
        default:
          state = this.lexDocument();
      }
    }
    while (this.stack.length > 0) this.pop();
  }

  /** the tokens stopped at a stray token (`stopAtStray`): what the lexer still meets on its line is dropped */
  stopped = false;
  /** tokens built so far */
  private tokens = 0;

  // =====================================================================================
  // lexer half: produces the tokens of lexer.js, feeding each to the builder half

  private c(i: number): number {
    return this.text.charCodeAt(i);
  }

  /** end of the current line: before its `\n` or `\r\n`, or the end of the text (lexer.js getLine) */
  private endOfLine(): number {
    let nl = this.nextLF;
    if (nl !== -1 && nl < this.pos) nl = this.nextLF = this.text.indexOf('\n', this.pos);
    if (nl === -1) return this.len;
    return this.text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
  }

  private lexStream(): State {
    if (this.c(this.pos) === BOM) this.token('byte-order-mark', this.pos + 1, '\ufeff');
    const ch = this.c(this.pos);
    if (ch === PERCENT) bail('directive');
    if (this.atLineEnd()) {
      this.pushSpaces(true);
      const end = this.endOfLine();
      if (this.pos < end) this.token('comment', end);
      this.pushNewline();
      return State.Stream;
    }
    this.docMode();
    return this.lexLineStart();
  }

  private atLineEnd(): boolean {
    let i = this.pos;
    let ch = this.c(i);
    while (ch === SPACE || ch === TAB) ch = this.c(++i);
    if (ch !== ch || ch === HASH || ch === LF) return true;
    return ch === CR && this.c(i + 1) === LF;
  }

  private lexLineStart(): State {
    const ch = this.c(this.pos);
    if ((ch === DASH || ch === DOT) && this.c(this.pos + 1) === ch && this.c(this.pos + 2) === ch && isEmpty(this.c(this.pos + 3))) {
      if (ch === DASH) this.token('doc-start', this.pos + 3, '---');
      else this.token('doc-end', this.pos + 3, '...');
      this.indentValue = 0;
      this.indentNext = 0;
      return ch === DASH ? State.Doc : State.Stream;
    }
    this.indentValue = this.pushSpaces(false);
    if (this.indentNext > this.indentValue && !isEmpty(this.c(this.pos + 1))) this.indentNext = this.indentValue;
    return this.lexBlockStart();
  }

  private lexBlockStart(): State {
    const ch = this.c(this.pos);
    if ((ch === DASH || ch === COLON || ch === QMARK) && isEmpty(this.c(this.pos + 1))) {
      if (ch === QMARK) bail('explicit key');
      this.indicator(ch);
      const n = 1 + this.pushSpaces(true);
      this.indentNext = this.indentValue + 1;
      this.indentValue += n;
      return State.BlockStart;
    }
    return State.Doc;
  }

  private lexDocument(): State {
    this.pushSpaces(true);
    const lineEnd = this.endOfLine();
    this.pushIndicators();
    const ch = this.pos < lineEnd ? this.c(this.pos) : NaN;
    switch (ch) {
      case HASH:
        this.token('comment', lineEnd);
        this.pushNewline();
        return this.lexLineStart();
      case DQUOTE:
      case SQUOTE:
        return this.lexQuotedScalar();
      case PIPE:
      case GT:
        this.lexBlockScalarHeader();
        this.pushSpaces(true);
        // the rest of the line is one token: a comment, or junk (`expr: | sum(x)`)
        if (this.pos < lineEnd) {
          if (this.c(this.pos) === HASH) this.token('comment', lineEnd);
          else this.junkAfterHeader(lineEnd);
        }
        this.pushNewline();
        return this.lexBlockScalar();
      case RBRACE:
      case RBRACKET:
        // a flow collection's end with none open: an error token of its own, to the parser
        this.token(ch === RBRACE ? 'flow-map-end' : 'flow-seq-end', this.pos + 1);
        return State.Doc;
      case LBRACE:
      case LBRACKET:
        return this.flowStart(ch);
      case STAR:
        bail('an alias');
      default:
        if (ch !== ch) {
          // end of the line
          this.pushNewline();
          return this.lexLineStart();
        }
        return this.lexPlainScalar();
    }
  }

  /**
   * What follows a block scalar header on its line, up to `end`, when it is no comment. The lexer
   * makes it one token; when that is no YAML token at all (`Not a YAML token`: most junk, as
   * `sum(x)`), the parser puts an error in the block scalar's props, where the walk reports it.
   * Junk that reads as a token (a quote, an indicator, an anchor...) bails.
   */
  private junkAfterHeader(end: number): void {
    const source = this.text.slice(this.pos, end);
    if (CST.tokenType(source) !== null) bail('junk after a block scalar header');
    const offset = this.pos;
    this.pos = end;
    if (this.stopped) return;
    // the parser's `next` for a string that is no token: no type, no indentation change, `pop(error)`:
    // the error goes into the open block scalar, or out to the stream when no document is open
    const error = { type: 'error', offset, message: `Not a YAML token: ${source}`, source } as unknown as SourceToken;
    const top = this.stack[this.stack.length - 1];
    if (!top) this.out.push(error as unknown as Node);
    else if (top.type === 'block-scalar') top.props!.push(error);
    else bail('junk after a block scalar header');
  }

  /**
   * Inside a flow collection (lexer.js parseFlowCollection): line breaks and white space, then (on
   * a line indented less than the collection's parent needs, or a document marker) the end of every
   * open collection (`flow-error-end`, an error), else commas, indicators and one token.
   */
  private lexFlow(): State {
    let indent = -1;
    for (;;) {
      const nl = this.pushNewline();
      let sp = 0;
      if (nl > 0) this.indentValue = indent = sp = this.pushSpaces(false);
      sp += this.pushSpaces(true);
      if (nl + sp === 0) break;
    }
    const lineEnd = this.endOfLine();
    const first = this.before(lineEnd);
    const p = this.pos;
    const marker = (first === DASH || first === DOT) && this.c(p + 1) === first && this.c(p + 2) === first && (p + 3 >= lineEnd || isEmpty(this.c(p + 3)));
    // yaml.v3 checks no indentation inside a flow collection: only a document marker ends it (the
    // lexer's rule for a less indented line is not applied: go-lexer.ts)
    if (indent === 0 && marker) {
      this.flowLevel = 0;
      this.flowErrorEnd();
      return this.lexLineStart();
    }
    while (this.before(lineEnd) === COMMA) {
      this.token('comma', this.pos + 1, ',');
      this.pushSpaces(true);
      this.flowKey = false;
    }
    // indicators before white space or a flow character: `:`, and `-` (an error: a Helm
    // template's `{{- if … }}`, which the Parser makes a block sequence in the collection); `?`,
    // tags and anchors bail
    for (;;) {
      const ch = this.before(lineEnd);
      if (ch === BANG || ch === AMP) bail('a tag or an anchor');
      // (a `?` is a key indicator in a flow collection whatever follows: go-lexer.ts)
      if (ch === QMARK) bail('explicit key');
      if (ch === DASH || ch === COLON) {
        const next = this.c(this.pos + 1);
        // (a `:` is an indicator in a flow collection whatever follows: go-lexer.ts, left to it)
        if (ch === COLON && !this.flowKey && !isEmpty(next) && !isFlowChar(next)) bail('a colon before content in a flow collection');
        if (isEmpty(next) || isFlowChar(next)) {
          this.flowKey = false;
          this.indicator(ch);
          this.pushSpaces(true);
          continue;
        }
      }
      break;
    }
    const ch = this.before(lineEnd);
    switch (ch) {
      case HASH:
        this.token('comment', lineEnd);
        return State.Flow;
      case LBRACE:
      case LBRACKET:
        return this.flowStart(ch);
      case RBRACE:
      case RBRACKET:
        this.token(ch === RBRACE ? 'flow-map-end' : 'flow-seq-end', this.pos + 1, ch === RBRACE ? '}' : ']');
        this.flowKey = true;
        this.flowLevel -= 1;
        return this.flowLevel > 0 ? State.Flow : State.Doc;
      case STAR:
        bail('an alias');
      case DQUOTE:
      case SQUOTE:
        this.flowKey = true;
        return this.lexQuotedScalar();
      case COLON: {
        // after a quoted scalar or a collection (`{"a":1}`), or before a comma, `:` is an indicator
        const next = this.c(this.pos + 1);
        if (this.flowKey || isEmpty(next) || next === COMMA) {
          this.flowKey = false;
          this.token('map-value-ind', this.pos + 1, ':');
          this.pushSpaces(true);
          return State.Flow;
        }
        break;
      }
    }
    if (ch !== ch) return State.Flow; // the end of the line
    this.flowKey = false;
    return this.lexPlainScalar();
  }

  /** the character at pos if it is before `end` (the end of its line), else NaN */
  private before(end: number): number {
    return this.pos < end ? this.c(this.pos) : NaN;
  }

  /** `{` or `[`: a flow collection opens (in the document, or in another one) */
  private flowStart(ch: number): State {
    this.token(ch === LBRACE ? 'flow-map-start' : 'flow-seq-start', this.pos + 1, ch === LBRACE ? '{' : '[');
    this.flowKey = false;
    this.flowLevel += 1;
    return State.Flow;
  }

  /** the lexer's end of every open flow collection (not part of the text) */
  private flowErrorEnd(): void {
    this.type = 'flow-error-end';
    this.source = '\x18';
    this.offset = this.pos;
    this.step();
  }

  /** `-`, `:` (`?`, tags and anchors bail) followed by white space, in the middle of a line */
  private pushIndicators(): void {
    for (;;) {
      const ch = this.c(this.pos);
      if (ch === BANG || ch === AMP) bail('a tag or an anchor');
      if ((ch === DASH || ch === COLON || ch === QMARK) && isEmpty(this.c(this.pos + 1))) {
        if (ch === QMARK) bail('explicit key');
        this.indentNext = this.indentValue + 1;
        this.indicator(ch);
        this.pushSpaces(true);
        continue;
      }
      return;
    }
  }

  private lexQuotedScalar(): State {
    const text = this.text;
    const pos = this.pos;
    const quote = this.c(pos);
    let end = closingQuote(text, pos);
    if (end === -1) {
      // unterminated: the token runs to the end of the text (the lexer looks for no line break then)
      end = text.length - 1;
    } else {
      // a line inside that starts with a document marker ends the token before it (an error the walk
      // reports, as the unterminated one); its indentation does not matter (yaml.v3, go-lexer.ts)
      let nl = text.indexOf('\n', pos);
      while (nl !== -1 && nl < end) {
        const cs = continueScalar(text, nl + 1, 0);
        if (cs === -1) break;
        nl = text.indexOf('\n', cs);
      }
      if (nl !== -1 && nl < end) end = nl - (text.charCodeAt(nl - 1) === CR ? 2 : 1);
    }
    this.token(quote === SQUOTE ? 'single-quoted-scalar' : 'double-quoted-scalar', end + 1);
    return this.flowLevel > 0 ? State.Flow : State.Doc;
  }

  /** where the scalar continues after the line break before `offset`, or -1 (lexer.js continueScalar) */
  private continueScalar(offset: number): number {
    return continueScalar(this.text, offset, this.indentNext);
  }

  private lexBlockScalarHeader(): void {
    this.blockScalarIndent = -1;
    this.blockScalarKeep = false;
    let i = this.pos;
    for (;;) {
      const ch = this.c(++i);
      if (ch === PLUS) this.blockScalarKeep = true;
      else if (ch > 0x30 && ch <= 0x39) this.blockScalarIndent = ch - 0x31;
      else if (ch !== DASH) break;
    }
    i = this.pos;
    let ch = this.c(i);
    while (!isEmpty(ch) && ch !== HASH) ch = this.c(++i);
    this.token('block-scalar-header', i);
  }

  private lexBlockScalar(): State {
    const text = this.text;
    const body = blockScalarBody(text, this.pos, this.indentNext, this.blockScalarIndent, this.blockScalarKeep);
    this.indentNext = body.indentNext;
    let i = body.nl + 1;
    while (text.charCodeAt(i) === SPACE) i++;
    if (text.charCodeAt(i) === TAB) bail('tabs after a block scalar');
    this.scalarToken(Math.min(body.end + 1, this.len));
    return this.lexLineStart();
  }

  /** a plain scalar (in a flow collection also ended by `,[]{}`) */
  private lexPlainScalar(): State {
    const text = this.text;
    const inFlow = this.flowLevel > 0;
    let end = this.pos - 1;
    let i = this.pos - 1;
    let ch: number;
    while ((ch = text.charCodeAt(++i)) === ch) {
      if (ch === COLON) {
        const next = text.charCodeAt(i + 1);
        if (isEmpty(next) || (inFlow && isFlowChar(next))) break;
        end = i;
      } else if (ch === SPACE || ch === LF || ch === CR || ch === TAB) {
        let next = text.charCodeAt(i + 1);
        if (ch === CR) {
          if (next === LF) {
            i += 1;
            ch = LF;
            next = text.charCodeAt(i + 1);
          } else end = i;
        }
        if (next === HASH || (inFlow && isFlowChar(next))) break;
        if (ch === LF) {
          // (inside a flow collection at any indentation: go-lexer.ts)
          const cs = inFlow ? continueScalar(text, i + 1, 0) : this.continueScalar(i + 1);
          if (cs === -1) break;
          i = Math.max(i, cs - 2); // to advance, but still see a ' #'
        }
      } else if (inFlow && isFlowChar(ch)) break;
      else end = i;
    }
    this.scalarToken(end + 1);
    return inFlow ? State.Flow : State.Doc;
  }

  /** spaces (and tabs, where `allowTabs`: between tokens, not as indentation) from pos: their count */
  private pushSpaces(allowTabs: boolean): number {
    let i = this.pos;
    while (this.c(i) === SPACE) i++;
    // tabs are rare: spaces alone take the loop above
    const tabs = allowTabs && this.c(i) === TAB;
    if (tabs) for (let ch = TAB; ch === SPACE || ch === TAB; ch = this.c(++i));
    const n = i - this.pos;
    if (n > 0) this.token('space', i, n < SPACES.length && !tabs ? SPACES[n] : undefined);
    return n;
  }

  /** a line break at pos: its length (0: none) */
  private pushNewline(): number {
    const ch = this.c(this.pos);
    if (ch === LF) {
      this.token('newline', this.pos + 1, '\n');
      return 1;
    }
    if (ch === CR && this.c(this.pos + 1) === LF) {
      this.token('newline', this.pos + 2, '\r\n');
      return 2;
    }
    return 0;
  }

  // =====================================================================================
  // builder half: parser.js for the token types of the subset

  /** a source token of `type` from pos to `end` (parser.js next); `source` saves a slice when it is known */
  private token(type: string, end: number, source = this.text.slice(this.pos, end)): void {
    this.offset = this.pos;
    this.pos = end;
    this.type = type;
    this.source = source;
    this.step();
    switch (type) {
      case 'newline':
        this.atNewLine = true;
        this.indent = 0;
        break;
      case 'space':
        // white space that starts with a tab is not indentation (parser.js next)
        if (this.atNewLine && source.charCodeAt(0) === SPACE) this.indent += source.length;
        break;
      case 'map-value-ind':
      case 'seq-item-ind':
        if (this.atNewLine) this.indent += source.length;
        break;
      default:
        this.atNewLine = false;
    }
  }

  private indicator(ch: number): void {
    if (ch === DASH) this.token('seq-item-ind', this.pos + 1, '-');
    else this.token('map-value-ind', this.pos + 1, ':');
  }

  /** the lexer's scalar marker followed by the plain or block scalar's text up to `end` */
  private scalarToken(end: number): void {
    this.atNewLine = false;
    this.type = 'scalar';
    this.source = this.text.slice(this.pos, end);
    this.offset = this.pos;
    this.pos = end;
    this.step();
  }

  /** the lexer's start-of-document marker (not part of the text) */
  private docMode(): void {
    this.type = 'doc-mode';
    this.source = '\x02';
    this.offset = this.pos;
    this.step();
  }

  private sourceToken(): SourceToken {
    return { type: this.type, offset: this.offset, indent: this.indent, source: this.source } as SourceToken;
  }

  private step(): void {
    if (this.stopped) return;
    // an editor's analysis of a superseded text stops at a poll (interrupt.ts), as in cstTokens
    if ((++this.tokens & 1023) === 0) pollInterrupt();
    const top = this.stack[this.stack.length - 1];
    if (this.type === 'doc-end' && top?.type !== 'doc-end') {
      while (this.stack.length > 0) this.pop();
      this.stack.push({ type: 'doc-end', offset: this.offset, source: this.source });
      return;
    }
    if (!top) return this.stream();
    switch (top.type) {
      case 'document':
        return this.document(top);
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        return this.scalar(top);
      case 'block-scalar':
        return this.blockScalar(top);
      case 'block-map':
        return this.blockMap(top);
      case 'block-seq':
        return this.blockSequence(top);
      case 'flow-collection':
        return this.flowCollection(top);
      case 'doc-end':
        return this.documentEnd(top);
    }
    bail(`a token in a ${top.type}`);
  }

  /** closes the top node, or puts `error` in its place, and hands it to its parent (or outputs it) */
  private pop(error?: Node): void {
    const token = error ?? this.stack.pop()!;
    if (this.stack.length === 0) {
      this.out.push(token);
      return;
    }
    const top = this.stack[this.stack.length - 1];
    // block scalars use their parent's indent rather than the header's
    if (token.type === 'block-scalar') token.indent = top.indent ?? 0;
    else if (token.type === 'flow-collection') {
      // a top-level flow collection's indentation is ignored
      if (top.type === 'document') token.indent = 0;
      fixFlowSeqItems(token);
    }
    switch (top.type) {
      case 'document':
        top.value = token;
        break;
      case 'block-map': {
        const it = top.items![top.items!.length - 1];
        if (it.value) {
          top.items!.push({ start: [], key: token, sep: [] });
          this.onKeyLine = true;
          return;
        } else if (it.sep) {
          it.value = token;
        } else {
          it.key = token;
          it.sep = [];
          this.onKeyLine = true;
          return;
        }
        break;
      }
      case 'block-seq': {
        const it = top.items![top.items!.length - 1];
        if (it.value) top.items!.push({ start: [], value: token });
        else it.value = token;
        break;
      }
      case 'flow-collection': {
        const items = top.items!;
        const it = items[items.length - 1];
        if (!it || it.value) items.push({ start: [], key: token, sep: [] });
        else if (it.sep) it.value = token;
        else Object.assign(it, { key: token, sep: [] });
        return;
      }
      default:
        bail(`a node in a ${top.type}`);
    }
    // trailing comments and blank lines less indented than a collection belong to its parent
    if (token.type === 'block-map' || token.type === 'block-seq') {
      const items = token.items!;
      const last = items[items.length - 1];
      if (
        last &&
        !last.sep &&
        !last.value &&
        last.start.length > 0 &&
        findNonEmptyIndex(last.start) === -1 &&
        (token.indent === 0 || last.start.every((st) => st.type !== 'comment' || st.indent < token.indent!))
      ) {
        if (top.type === 'document') top.end = last.start;
        else top.items!.push({ start: last.start });
        items.splice(-1, 1);
      }
    }
  }

  private stream(): void {
    switch (this.type) {
      case 'byte-order-mark':
      case 'space':
      case 'comment':
      case 'newline':
        this.out.push(this.sourceToken());
        return;
      case 'doc-mode':
      case 'doc-start': {
        const doc: Node = { type: 'document', offset: this.offset, start: [] };
        if (this.type === 'doc-start') doc.start!.push(this.sourceToken());
        this.stack.push(doc);
        return;
      }
    }
    // anything else outside a document (after an error ended it) is an error of the stream
    this.out.push({ type: 'error', offset: this.offset, message: `Unexpected ${this.type} token in YAML stream`, source: this.source } as unknown as Node);
    if (this.stopAtStray(this.offset)) this.stopped = true;
  }

  private document(doc: Node): void {
    if (doc.value) return this.lineEnd(doc);
    switch (this.type) {
      case 'doc-start':
        if (findNonEmptyIndex(doc.start!) !== -1) {
          this.pop();
          this.step();
        } else doc.start!.push(this.sourceToken());
        return;
      case 'space':
      case 'comment':
      case 'newline':
        doc.start!.push(this.sourceToken());
        return;
    }
    const bv = this.startBlockValue();
    if (!bv) bail(`unexpected ${this.type} in a document`);
    this.stack.push(bv);
  }

  private scalar(scalar: Node): void {
    if (this.type !== 'map-value-ind') return this.lineEnd(scalar);
    // the scalar was a key: it becomes the first key of a new block map, also in a flow collection
    // (`{a: b: c}`, `{labels:` over lines: an error). (The parser moves the key's props, anchors and
    // tags, from its parent to the new item's start: there are none here.)
    let sep: SourceToken[];
    if (scalar.end) {
      sep = scalar.end;
      sep.push(this.sourceToken());
      delete scalar.end;
    } else sep = [this.sourceToken()];
    this.onKeyLine = true;
    this.stack[this.stack.length - 1] = { type: 'block-map', offset: scalar.offset, indent: scalar.indent, items: [{ start: [], key: scalar, sep }] };
  }

  private blockScalar(scalar: Node): void {
    switch (this.type) {
      case 'space':
      case 'comment':
      case 'newline':
        scalar.props!.push(this.sourceToken());
        return;
      case 'scalar':
        scalar.source = this.source;
        // the block scalar's source includes its trailing line break
        this.atNewLine = true;
        this.indent = 0;
        this.pop();
        return;
    }
    bail(`${this.type} after a block scalar header`);
  }

  private blockMap(map: Node): void {
    const items = map.items!;
    const it = items[items.length - 1];
    switch (this.type) {
      case 'newline':
        this.onKeyLine = false;
        if (it.value) {
          const end = it.value.end;
          if (end && end[end.length - 1]?.type === 'comment') end.push(this.sourceToken());
          else items.push({ start: [this.sourceToken()] });
        } else if (it.sep) it.sep.push(this.sourceToken());
        else it.start.push(this.sourceToken());
        return;
      case 'space':
      case 'comment':
        if (it.value) items.push({ start: [this.sourceToken()] });
        else if (it.sep) it.sep.push(this.sourceToken());
        else {
          if (this.toPreviousItemEnd(items, it, map.indent!)) return;
          it.start.push(this.sourceToken());
        }
        return;
    }
    if (this.indent >= map.indent!) {
      const atMapIndent = !this.onKeyLine && this.indent === map.indent;
      const atNextItem = atMapIndent && it.sep !== undefined && this.type !== 'seq-item-ind';
      // for empty values, the not indented comments and blank lines after a blank line go to the next item
      let start: SourceToken[] = [];
      if (atNextItem && it.sep && !it.value) {
        const nl: number[] = [];
        for (let i = 0; i < it.sep.length; ++i) {
          const st = it.sep[i];
          if (st.type === 'newline') nl.push(i);
          else if (st.type === 'comment') {
            if (st.indent > map.indent!) nl.length = 0;
          } else if (st.type !== 'space') nl.length = 0;
        }
        if (nl.length >= 2) start = it.sep.splice(nl[1]);
      }
      switch (this.type) {
        case 'map-value-ind':
          // a `:` with no key before it on its line (`: v`, a half-typed edit) makes an item with a
          // null key, as the Parser does (and a nested map for a compact `a: : b`)
          if (!it.sep) {
            it.key = null;
            it.sep = [this.sourceToken()];
          } else if (it.value || atNextItem) items.push({ start, key: null, sep: [this.sourceToken()] });
          else if (includesType(it.sep, 'map-value-ind')) this.stack.push({ type: 'block-map', offset: this.offset, indent: this.indent, items: [{ start: [], key: null, sep: [this.sourceToken()] }] });
          else it.sep.push(this.sourceToken());
          this.onKeyLine = true;
          return;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar': {
          const fs = this.sourceToken() as Node;
          if (atNextItem || it.value) {
            items.push({ start, key: fs, sep: [] });
            this.onKeyLine = true;
          } else if (it.sep) {
            this.stack.push(fs);
          } else {
            it.key = fs;
            it.sep = [];
            this.onKeyLine = true;
          }
          return;
        }
        default: {
          const bv = this.startBlockValue();
          if (bv) {
            if (bv.type === 'block-seq') {
              if (it.sep && !includesType(it.sep, 'newline')) {
                // `key: - item`: the Parser's error takes the place of the value
                this.pop({ type: 'error', offset: this.offset, message: 'Unexpected block-seq-ind on same line with key', source: this.source });
                return;
              }
            } else if (atMapIndent) {
              items.push({ start });
            }
            this.stack.push(bv);
            return;
          }
        }
      }
    }
    this.pop();
    this.step();
  }

  private blockSequence(seq: Node): void {
    const items = seq.items!;
    const it = items[items.length - 1];
    switch (this.type) {
      case 'newline':
        if (it.value) {
          const end = it.value.end;
          if (end && end[end.length - 1]?.type === 'comment') end.push(this.sourceToken());
          else items.push({ start: [this.sourceToken()] });
        } else it.start.push(this.sourceToken());
        return;
      case 'space':
      case 'comment':
        if (it.value) items.push({ start: [this.sourceToken()] });
        else {
          if (this.toPreviousItemEnd(items, it, seq.indent!)) return;
          it.start.push(this.sourceToken());
        }
        return;
      case 'seq-item-ind':
        if (this.indent !== seq.indent) break;
        if (it.value || includesType(it.start, 'seq-item-ind')) items.push({ start: [this.sourceToken()] });
        else it.start.push(this.sourceToken());
        return;
    }
    if (this.indent > seq.indent!) {
      const bv = this.startBlockValue();
      if (bv) {
        this.stack.push(bv);
        return;
      }
    }
    this.pop();
    this.step();
  }

  /** a new node for the current token, or null (parser.js startBlockValue) */
  private startBlockValue(): Node | null {
    switch (this.type) {
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        return this.sourceToken() as Node;
      case 'block-scalar-header':
        return { type: 'block-scalar', offset: this.offset, indent: this.indent, props: [this.sourceToken()], source: '' };
      case 'seq-item-ind':
        return { type: 'block-seq', offset: this.offset, indent: this.indent, items: [{ start: [this.sourceToken()] }] };
      case 'flow-map-start':
      case 'flow-seq-start':
        return { type: 'flow-collection', offset: this.offset, indent: this.indent, start: this.sourceToken() as unknown as SourceToken[], items: [], end: [] };
      case 'map-value-ind': {
        // `:` with no key before it, starting a node (`: 1` in a document, `- : 1`): a map whose
        // first key is null. (The parser moves the props at the end of the parent's last item,
        // anchors and tags, to the new item's start: there are none here.)
        this.onKeyLine = true;
        return { type: 'block-map', offset: this.offset, indent: this.indent, items: [{ start: [], key: null, sep: [this.sourceToken()] }] };
      }
    }
    return null;
  }

  /** A comment indented deeper than the collection, after a blank start: it ends the previous item (as the Parser does). */
  private toPreviousItemEnd(items: Item[], it: Item, indent: number): boolean {
    if (!this.atIndentedComment(it.start, indent)) return false;
    const end = items[items.length - 2]?.value?.end;
    if (!end) return false;
    push(end, it.start);
    end.push(this.sourceToken());
    items.pop();
    return true;
  }

  private atIndentedComment(start: readonly SourceToken[], indent: number): boolean {
    if (this.type !== 'comment' || this.indent <= indent) return false;
    return start.every((st) => st.type === 'newline' || st.type === 'space');
  }

  private documentEnd(docEnd: Node): void {
    const t = this.type;
    if (t !== 'space' && t !== 'comment' && t !== 'newline') bail('content after `...`');
    if (docEnd.end) docEnd.end.push(this.sourceToken());
    else docEnd.end = [this.sourceToken()];
    if (t === 'newline') this.pop();
  }

  /**
   * A token in a flow collection (parser.js flowCollection): before its end, items of keys, `:`
   * and values separated by commas; after it, the end of its line, or `:` making it a key.
   */
  private flowCollection(fc: Node): void {
    const items = fc.items!;
    const it = items[items.length - 1] as Item | undefined;
    const end = fc.end!;
    if (this.type === 'flow-error-end') {
      // every open flow collection ends here
      let top: Node | undefined;
      do {
        this.pop();
        top = this.stack[this.stack.length - 1];
      } while (top?.type === 'flow-collection');
      return;
    }
    if (end.length === 0) {
      switch (this.type) {
        case 'comma':
          if (!it || it.sep) items.push({ start: [this.sourceToken()] });
          else it.start.push(this.sourceToken());
          return;
        case 'map-value-ind':
          if (!it || it.value) items.push({ start: [], key: null, sep: [this.sourceToken()] });
          else if (it.sep) it.sep.push(this.sourceToken());
          else Object.assign(it, { key: null, sep: [this.sourceToken()] });
          return;
        case 'space':
        case 'comment':
        case 'newline':
          if (!it || it.value) items.push({ start: [this.sourceToken()] });
          else if (it.sep) it.sep.push(this.sourceToken());
          else it.start.push(this.sourceToken());
          return;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar': {
          const fs = this.sourceToken() as Node;
          if (!it || it.value) items.push({ start: [], key: fs, sep: [] });
          else if (it.sep) this.stack.push(fs);
          else Object.assign(it, { key: fs, sep: [] });
          return;
        }
        case 'flow-map-end':
        case 'flow-seq-end':
          end.push(this.sourceToken());
          return;
      }
      const bv = this.startBlockValue();
      if (bv) this.stack.push(bv);
      else {
        this.pop();
        this.step();
      }
      return;
    }
    const parent = this.stack[this.stack.length - 2];
    if (parent.type === 'block-map' && ((this.type === 'map-value-ind' && parent.indent === fc.indent) || (this.type === 'newline' && !parent.items![parent.items!.length - 1].sep))) {
      this.pop();
      this.step();
    } else if (this.type === 'map-value-ind' && parent.type !== 'flow-collection') {
      // `{a: 1}: b`, `[a]: b`: the collection is the key of a new block map (without anchors and
      // tags, there are no props of the key before it to move: parser.js getFirstKeyStartProps)
      fixFlowSeqItems(fc);
      const sep = end.splice(1, end.length);
      sep.push(this.sourceToken());
      this.onKeyLine = true;
      this.stack[this.stack.length - 1] = { type: 'block-map', offset: fc.offset, indent: fc.indent, items: [{ start: [], key: fc, sep }] };
    } else this.lineEnd(fc);
  }

  /** a token after a complete node (document or scalar) on its line */
  private lineEnd(token: Node): void {
    switch (this.type) {
      case 'comma':
      case 'doc-start':
      case 'doc-end':
      case 'flow-seq-end':
      case 'flow-map-end':
      case 'map-value-ind':
        this.pop();
        this.step();
        return;
      case 'newline':
      case 'space':
      case 'comment':
      // content after the node on its line (`a: "x" y`, `a: 'x' - y`): the Parser keeps it in the
      // node's end, where the walk reports it
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'seq-item-ind':
      case 'flow-map-start':
      case 'flow-seq-start':
      // (a collection closed by the other bracket, `{a: x[1]`, is complete while the lexer's is open)
      case 'flow-error-end':
        if (token.end) token.end.push(this.sourceToken());
        else token.end = [this.sourceToken()];
        if (this.type === 'newline') {
          this.onKeyLine = false;
          this.pop();
        }
        return;
    }
    bail(`${this.type} after a complete node`);
  }
}

/** parser.js isFlowToken (no aliases here) */
function isFlowToken(token: Node | null | undefined): boolean {
  const t = token?.type;
  return t === 'scalar' || t === 'single-quoted-scalar' || t === 'double-quoted-scalar' || t === 'flow-collection';
}

/**
 * parser.js fixFlowSeqItems: in a flow sequence, an item with no `:` is a value, not a key (no
 * explicit keys here: `?` bails).
 */
function fixFlowSeqItems(fc: Node): void {
  if ((fc.start as unknown as SourceToken).type !== 'flow-seq-start') return;
  for (const it of fc.items!) {
    if (!it.sep || it.value || includesType(it.sep, 'map-value-ind')) continue;
    if (it.key) it.value = it.key;
    delete it.key;
    if (isFlowToken(it.value)) {
      if (it.value!.end) push(it.value!.end, it.sep);
      else it.value!.end = it.sep;
    } else push(it.start, it.sep);
    delete it.sep;
  }
}

/**
 * The offset of the quote that closes the quoted scalar opening at `open` (`'` doubled to escape it,
 * `"` after an odd number of backslashes escaped), or -1 when it is not closed.
 */
export function closingQuote(text: string, open: number): number {
  let end: number;
  if (text.charCodeAt(open) === SQUOTE) {
    end = text.indexOf("'", open + 1);
    while (end !== -1 && text.charCodeAt(end + 1) === SQUOTE) end = text.indexOf("'", end + 2);
  } else {
    end = text.indexOf('"', open + 1);
    while (end !== -1) {
      let n = 0;
      while (text.charCodeAt(end - 1 - n) === BACKSLASH) n++;
      if (n % 2 === 0) break;
      end = text.indexOf('"', end + 1);
    }
  }
  return end;
}

/** lexer.js continueScalar: where a scalar continues after the line break before `offset`, or -1 */
export function continueScalar(text: string, offset: number, indentNext: number): number {
  let ch = text.charCodeAt(offset);
  if (indentNext > 0) {
    let indent = 0;
    while (ch === SPACE) ch = text.charCodeAt(++indent + offset);
    if (ch === CR && text.charCodeAt(indent + offset + 1) === LF) return offset + indent + 1;
    return ch === LF || indent >= indentNext ? offset + indent : -1;
  }
  if ((ch === DASH || ch === DOT) && text.charCodeAt(offset + 1) === ch && text.charCodeAt(offset + 2) === ch && isEmpty(text.charCodeAt(offset + 3))) return -1;
  return offset;
}

/**
 * lexer.js parseBlockScalar: the body of a block scalar that starts at `start` (the line after its
 * header). `nl`: the line break that ends it; `end`: the same after dropping trailing lines that
 * are not more indented (unless `keep`); `indentNext`: the lexer's indentation afterwards.
 */
export function blockScalarBody(text: string, start: number, indentNext: number, explicitIndent: number, keep: boolean): { nl: number; end: number; indentNext: number } {
  const len = text.length;
  let nl = start - 1;
  let indent = 0;
  for (let i = start; i < len; i++) {
    const ch = text.charCodeAt(i);
    if (ch === SPACE) indent += 1;
    else if (ch === LF) {
      nl = i;
      indent = 0;
    } else if (ch !== CR || text.charCodeAt(i + 1) !== LF) break;
  }
  if (indent >= indentNext) {
    indentNext = explicitIndent === -1 ? indent : explicitIndent + (indentNext === 0 ? 1 : indentNext);
    do {
      const cs = continueScalar(text, nl + 1, indentNext);
      if (cs === -1) break;
      nl = text.indexOf('\n', cs);
    } while (nl !== -1);
    if (nl === -1) nl = len;
  }
  let end = nl;
  if (!keep) {
    // drop trailing lines that are not more indented
    for (;;) {
      let j = end - 1;
      let ch = text.charCodeAt(j);
      if (ch === CR) ch = text.charCodeAt(--j);
      const lastChar = j;
      while (ch === SPACE) ch = text.charCodeAt(--j);
      if (ch === LF && j >= start && j + 1 + indent > lastChar) end = j;
      else break;
    }
  }
  return { nl, end, indentNext };
}
