/**
 * The `yaml` package's Lexer and Parser with one rule of yaml.v3's scanner instead of the YAML
 * spec's: a quoted scalar runs to its closing quote whatever the indentation of the lines inside it
 * (libyaml's `yaml_parser_scan_flow_scalar` checks no indentation; only a document marker, `---` or
 * `...` at the start of a line, ends it before its quote, an error). The spec, and the `yaml`
 * package, end the token at the first line less indented than the block around it:
 *
 *   description: "Vault instance is
 *   sealed"                 ← yaml.v3 (promtool, Prometheus): the scalar's second line; `yaml`: an error
 *
 * `fastCst` (fast-cst.ts) follows the same rule; the tests hold it to `goParser()`'s tokens.
 */
import { CST, Lexer, Parser } from 'yaml';

/** the Lexer's members this overrides (private in its typings) */
interface LexerInternals {
  buffer: string;
  pos: number;
  continueScalar(offset: number): number;
  parseQuotedScalar(): Generator<string, string>;
  pushUntil(test: (ch: string) => boolean): Generator<string, number>;
  parseFlowCollection(): Generator<string, string>;
  pushIndicators(): Generator<string, number>;
  pushCount(n: number): Generator<string, number>;
  pushSpaces(allowTabs: boolean): Generator<string, number>;
  charAt(n: number): string;
  pushTag(): Generator<string, number>;
  indentNext: number;
  pushToIndex(i: number, allowEmpty: boolean): Generator<string, number>;
}

const base = Lexer.prototype as unknown as LexerInternals;

export class GoLexer extends Lexer {
  /** inside `parseQuotedScalar`, where `continueScalar` is asked whether each line break continues it */
  private inQuoted = false;
  /** the block's indentation (`indentNext`) while a flow collection is open, see `parseFlowCollection` */
  private blockIndentNext: number | undefined = undefined;
}

const go = GoLexer.prototype as unknown as LexerInternals & { inQuoted: boolean };

go.parseQuotedScalar = function* (this: LexerInternals & { inQuoted: boolean }) {
  this.inQuoted = true;
  try {
    return yield* base.parseQuotedScalar.call(this);
  } finally {
    this.inQuoted = false;
  }
};

go.continueScalar = function (this: LexerInternals & { inQuoted: boolean }, offset: number): number {
  if (!this.inQuoted) return base.continueScalar.call(this, offset);
  // the Lexer's rule when nothing is indented (indentNext 0): a document marker ends the scalar
  const b = this.buffer;
  const ch = b[offset];
  if ((ch === '-' || ch === '.') && b[offset + 1] === ch && b[offset + 2] === ch) {
    const after = b[offset + 3];
    if (after === undefined || after === ' ' || after === '\t' || after === '\n' || after === '\r') return -1;
  }
  return offset;
};

/** a character of an anchor's or alias's name for yaml.v3 (its scanner's `is_alpha`) */
function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
}

// An anchor or alias (the Lexer reads them with `pushUntil`): yaml.v3 ends the name at the first
// character that is not a letter, a digit, `_` or `-`, and a `:` there is the next token (a value
// indicator when a space or the line's end follows): `&severity: critical` is an anchored empty
// key, and `*a: b` an alias as a key. The `yaml` package reads the `:` as part of the name.
// (Other characters there are errors for yaml.v3: the walk reports them, see parse.ts.)
go.pushUntil = function* (this: LexerInternals, test: (ch: string) => boolean) {
  const b = this.buffer;
  const at = this.pos;
  const ch = b[at];
  if (ch === '&' || ch === '*') {
    let i = at + 1;
    while (i < b.length && isNameChar(b.charCodeAt(i))) i++;
    if (i > at + 1 && b[i] === ':') return yield* this.pushToIndex(i, false);
  }
  return yield* base.pushUntil.call(this, test);
};

// Inside a flow collection yaml.v3 checks no indentation (only a document marker at the start of
// a line ends it): `labels: {a: b` then `}` at column 0 loads, and a plain scalar goes on over
// lines at any indentation. The Lexer ends the collection at a line less indented than the block
// around it, and ends a scalar there: while a collection is open (every token of one is read by
// `parseFlowCollection`), it is asked with that indentation at 0. The block's comes back when the
// collection closes; a document marker that ends it sets its own (the Lexer's line start).
go.parseFlowCollection = function* (this: LexerInternals & { blockIndentNext?: number; flowLevel: number }) {
  this.blockIndentNext ??= this.indentNext;
  this.indentNext = 0;
  const inner = base.parseFlowCollection.call(this);
  let ended = false;
  let r = inner.next();
  while (!r.done) {
    if (r.value === CST.FLOW_END) ended = true;
    r = inner.next(yield r.value);
  }
  if (ended || this.flowLevel === 0) {
    if (!ended) this.indentNext = this.blockIndentNext;
    this.blockIndentNext = undefined;
  }
  return r.value;
};

// In a flow collection yaml.v3 reads a `?` and a `:` as indicators whatever follows them
// (`[?"a"]` is `[{a: null}]`, `[:"a"]` a value without a key: an error); the `yaml` package only
// before white space or a flow character (else a plain scalar `?"a"`).
go.pushIndicators = function* (this: LexerInternals & { flowLevel: number; flowKey: boolean }) {
  let n = 0;
  for (let c = this.charAt(0); this.flowLevel > 0 && (c === '?' || c === ':'); c = this.charAt(0)) {
    if (c === ':') this.flowKey = false;
    n += yield* this.pushCount(1);
    n += yield* this.pushSpaces(true);
  }
  return n + (yield* base.pushIndicators.call(this));
};

/** a character of a tag for yaml.v3 (its scanner's URI characters, `!` and `%` escapes included) */
const TAG_CHAR = /[0-9A-Za-z\-_;/?:@&=+$,.!~*'()[\]%]/;

// A tag: yaml.v3 reads URI characters, `,`, `[`, `]` and `'` included (`[!a, b]` is a tag `!a,`,
// then `b`); the `yaml` package ends it at those. (`!<…>` is the Lexer's.)
go.pushTag = function* (this: LexerInternals) {
  const b = this.buffer;
  if (b[this.pos + 1] === '<') return yield* base.pushTag.call(this);
  let i = this.pos + 1;
  while (i < b.length && TAG_CHAR.test(b[i]!)) i++;
  return yield* this.pushToIndex(i, false);
};

/** A `yaml` Parser whose lexer is `GoLexer`. */
export function goParser(): Parser {
  const p = new Parser();
  (p as unknown as { lexer: Lexer }).lexer = new GoLexer();
  return p;
}
