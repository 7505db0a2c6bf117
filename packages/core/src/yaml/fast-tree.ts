/**
 * A direct fast path for `parseYaml` on the plainest YAML: the block-style, single-document files
 * that rule files (and most configuration files) are. It reads the text line by line into the node
 * tree that the CST walk (parse.ts over fast-cst.ts) builds for it — the same nodes, ranges, texts,
 * values and source maps — without building the token tree first (for a large rule file that tree
 * is most of the parse's time and of its garbage).
 *
 *   const doc = fastTree(text, limits); // YDocument, or null: use the CST walk
 *
 * Anything outside the subset, and anything the walk would report (every syntax problem, duplicate
 * keys, limits), returns null, so that the walk handles it and words its diagnostics: this path
 * only ever answers for documents without a diagnostic. The subset: one document without markers
 * (`---`, `...`, directives), a block mapping at column 0 as its root; block mappings (plain keys on
 * one line) and block sequences (also `key:\n- item` and `- key: value`); values that are plain or
 * quoted scalars on one line, or block scalars (`|`, `>`, with indicators); comments and blank
 * lines. Not: tabs, CR, a BOM, anchors, aliases, tags, flow collections, multi-line flow scalars,
 * quoted or complex keys, empty keys, values on the line after their key, `- ` alone on its line,
 * nested `- - `. test/yaml/fast-tree.test.ts checks it against the walk.
 */
import type { YamlLimits } from './limits';
import { blockScalarBody, closingQuote } from './fast-cst';
import { decodeBlock, decodeDoubleQuoted, decodeSingleQuoted, parseBlockHeader } from './scalar';
import { nullScalar, Scalar } from './scalar-node';
import type { YDocument, YMap, YNode, YPair, YScalar, YSeq } from './types';

/** thrown (and caught by `fastTree`) when the text leaves the subset; not an Error: no stack to capture */
const BAIL = { bail: true };

const LF = 10;
const SPACE = 32;
const HASH = 35;
const DQUOTE = 34;
const SQUOTE = 39;
const DASH = 45;
const COLON = 58;
const GT = 62;
const PIPE = 124;

/** first characters of a plain scalar that the walk reports or the lexer reads as something else */
const badStart: boolean[] = [];
for (const c of ',[]{}#&*!|>\'"%@`') badStart[c.charCodeAt(0)] = true;

/** a plain scalar cannot start at `i`: a bad first character, or an indicator (`- `, `? `, `: `) */
function badPlainAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (badStart[c] === true) return true;
  return (c === DASH || c === 63 /* ? */ || c === COLON) && isEmptyAt(text.charCodeAt(i + 1));
}

/** The document of `text` as the CST walk builds it, or null (outside the subset, or with a diagnostic). Never throws. */
export function fastTree(text: string, limits: YamlLimits): YDocument | null {
  if (limits.maxDocuments < 1 || limits.maxDepth < 8) return null;
  // CR, tabs and a BOM: the walk's business
  if (text.indexOf('\r') !== -1 || text.indexOf('\t') !== -1 || text.charCodeAt(0) === 0xfeff) return null;
  try {
    return new FastTree(text, limits.maxDepth - 2).document();
  } catch (e) {
    if (e === BAIL) return null;
    // a stack overflow on absurd nesting: the walk copes with it
    if (e instanceof RangeError) return null;
    throw e;
  }
}

function bail(): never {
  throw BAIL;
}

class FastTree {
  private readonly len: number;
  /** start of the current line */
  private pos = 0;
  /** where the last run of blank and comment lines skipped by `nextContent` started */
  private trailFrom = 0;
  /** where the last `nextContent` stopped */
  private skippedTo = -1;
  /** the value last read was an absent one (`key:` and nothing): trailing comments then stay in the walk's tree */
  private lastNull = false;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {
    this.len = text.length;
  }

  private c(i: number): number {
    return this.text.charCodeAt(i);
  }

  /** end of the line starting at or containing `i`: its `\n`, or the end of the text */
  private eol(i: number): number {
    const nl = this.text.indexOf('\n', i);
    return nl === -1 ? this.len : nl;
  }

  /** the start of the next line after the one containing `i` (the end of the text if none) */
  private nextLine(i: number): number {
    const nl = this.text.indexOf('\n', i);
    return nl === -1 ? this.len : nl + 1;
  }

  /** the number of spaces at `i` */
  private spaces(i: number): number {
    let j = i;
    while (this.c(j) === SPACE) j++;
    return j - i;
  }

  /**
   * From the line starting at `this.pos`: skips blank lines and comment lines; `this.pos` is left at
   * the start of the next content line (or the end of the text). Returns that line's indentation,
   * or -1 at the end of the text.
   */
  private nextContent(): number {
    // the blank and comment lines after the last content line: the document's (see `document`);
    // a call where the last one stopped (nothing read in between) skips nothing new
    if (this.pos !== this.skippedTo) this.trailFrom = this.pos;
    const n = this.skipToContent();
    this.skippedTo = this.pos;
    return n;
  }

  private skipToContent(): number {
    while (this.pos < this.len) {
      const n = this.spaces(this.pos);
      const ch = this.c(this.pos + n);
      if (ch === LF) {
        this.pos += n + 1;
        continue;
      }
      if (ch !== ch) {
        // spaces up to the end of the text
        this.pos = this.len;
        return -1;
      }
      if (ch === HASH) {
        this.pos = this.nextLine(this.pos + n);
        continue;
      }
      // document markers
      if (n === 0 && (ch === DASH || ch === 46) /* . */ && this.c(this.pos + 1) === ch && this.c(this.pos + 2) === ch && isEmptyAt(this.c(this.pos + 3))) bail();
      return n;
    }
    return -1;
  }

  document(): YDocument {
    const indent = this.nextContent();
    if (indent !== 0) bail(); // nothing but comments, or an indented root
    const start = this.pos;
    const ch = this.c(start);
    // document markers and directives
    if (ch === 37 /* % */ || ((ch === DASH || ch === 46) /* . */ && this.c(start + 1) === ch && this.c(start + 2) === ch)) bail();
    const root = this.map(0, start, 0);
    // only comments (at column 0: the walk gives the document those) and blank lines may follow
    if (this.pos < this.len) bail();
    let end = Math.max(start, root.range.end);
    this.pos = this.trailFrom;
    while (this.pos < this.len) {
      const n = this.spaces(this.pos);
      const c = this.c(this.pos + n);
      if (c === LF) {
        this.pos += n + 1;
        continue;
      }
      if (c !== c) break;
      // a comment after an absent value stays with it (no document end), one more indented with its node
      if (c !== HASH || n > 0 || this.lastNull) bail();
      const e = this.eol(this.pos);
      end = Math.max(end, e);
      this.pos = e + 1;
    }
    return { root, range: { start, end }, hasErrors: false };
  }

  /**
   * A block mapping whose keys are at column `col`, the first one at `at` (on the line starting at
   * `this.pos`, possibly after `- `); leaves `this.pos` at the next content line that is not its own.
   */
  private map(col: number, at: number, depth: number): YMap {
    if (depth > this.maxDepth) bail();
    // the node is made once its pairs are read (with its range)
    const pairs: YPair[] = [];
    const text = this.text;
    let keyAt = at;
    for (;;) {
      // ---- the key: a plain scalar up to `: ` (or `:` at the end of the line)
      if (badPlainAt(text, keyAt)) bail();
      let i = keyAt;
      let colon = -1;
      for (;;) {
        const ch = this.c(i);
        if (ch === LF || ch !== ch) bail(); // no `:`: the walk reports it (or it is a plain scalar)
        if (ch === COLON) {
          const next = this.c(i + 1);
          if (next === SPACE || next === LF || next !== next) {
            colon = i;
            break;
          }
        } else if (ch === HASH && this.c(i - 1) === SPACE) bail(); // a comment before the colon
        i++;
      }
      let keyEnd = colon;
      while (this.c(keyEnd - 1) === SPACE) keyEnd--;
      const key = new Scalar({ start: keyAt, end: keyEnd }, shortText(text, keyAt, keyEnd), 'plain', text, undefined);
      const valueAt = colon + 1;
      // ---- the value
      let p = valueAt + this.spaces(valueAt);
      const ch = this.c(p);
      let value: YNode;
      if (ch === LF || ch !== ch || ch === HASH) {
        // nothing on the line (but a comment): a nested collection on the next lines, or null
        this.pos = this.nextLine(p);
        const indent = this.nextContent();
        if (indent > col) {
          const first = this.pos + indent;
          if (this.c(first) === DASH && isEmptyAt(this.c(first + 1))) value = this.seq(indent, depth + 1);
          else value = this.map(indent, first, depth + 1);
        } else if (indent === col && this.c(this.pos + indent) === DASH && isEmptyAt(this.c(this.pos + indent + 1))) {
          value = this.seq(indent, depth + 1);
        } else {
          value = nullScalar(valueAt);
          this.lastNull = true;
        }
      } else {
        if (p === valueAt) bail(); // `key:x` is a plain scalar (handled above); keep the walk's cases apart
        value = this.inlineValue(p, col, col + 1, depth + 1);
      }
      const pair: YPair = { key, value, range: { start: key.range.start, end: Math.max(value.range.end, valueAt) } };
      pairs.push(pair);
      // ---- the next key, at this column
      const indent = this.nextContent();
      if (indent < col) break; // the end of the text (-1) or of this mapping
      if (indent > col) bail(); // more indented content after a complete value
      keyAt = this.pos + indent;
      const k = this.c(keyAt);
      if (k === DASH && isEmptyAt(this.c(keyAt + 1))) {
        // `- ` at the column of the keys: only as the value of a key without one (handled above)
        bail();
      }
    }
    noDuplicates(pairs);
    const map: YMap = {
      kind: 'map',
      range: { start: Math.min(at, pairs[0].range.start), end: pairs[pairs.length - 1].range.end },
      pairs: pairs.length < 16 ? pairs.slice() : pairs,
      flow: false,
    };
    return map;
  }

  /** A block sequence whose `-` are at column `col`, from the line at `this.pos`. */
  private seq(col: number, depth: number): YSeq {
    if (depth > this.maxDepth) bail();
    const first = this.pos + col;
    // the node is made once its items are read (with its range)
    const items: YNode[] = [];
    let end = first;
    for (;;) {
      const dash = this.pos + col;
      const at = dash + 1;
      const p = at + this.spaces(at);
      const ch = this.c(p);
      // `-` alone on its line, `- - x`, `- ? x`, `- : x`: the walk's
      if (p === at || ch === LF || ch !== ch || ch === HASH || ((ch === DASH || ch === COLON || ch === 63) && isEmptyAt(this.c(p + 1)))) bail();
      let item: YNode;
      if (ch !== DQUOTE && ch !== SQUOTE && ch !== PIPE && ch !== GT && this.hasKey(p)) {
        item = this.map(p - this.pos, p, depth + 1);
      } else {
        // a scalar item (a block scalar's owner is the sequence)
        if (ch === PIPE || ch === GT) bail();
        item = this.inlineValue(p, col, col + 1, depth + 1);
        this.nextContent();
      }
      items.push(item);
      end = Math.max(end, item.range.end, at);
      const indent = this.pos < this.len ? this.spaces(this.pos) : -1;
      if (indent !== col) {
        if (indent > col) bail();
        break;
      }
      const d = this.pos + col;
      if (this.c(d) !== DASH || !isEmptyAt(this.c(d + 1))) break; // the next key of a mapping at this column
    }
    const seq: YSeq = { kind: 'seq', range: { start: first, end }, items: items.length < 16 ? items.slice() : items, flow: false };
    return seq;
  }

  /** whether the line from `p` is `key: ...` (a `: ` before the end of the line and before a ` #`) */
  private hasKey(p: number): boolean {
    for (let i = p; ; i++) {
      const ch = this.c(i);
      if (ch === LF || ch !== ch) return false;
      if (ch === COLON) {
        const next = this.c(i + 1);
        if (next === SPACE || next === LF || next !== next) return true;
      } else if (ch === HASH && this.c(i - 1) === SPACE) return false;
    }
  }

  /**
   * A scalar value starting at `p` on its key's (or dash's) line, of a node at column `owner` whose
   * plain scalars continue on lines indented `indentNext` or more; leaves `this.pos` at the start of
   * the next line (block scalars: after their body).
   */
  private inlineValue(p: number, owner: number, indentNext: number, depth: number): YScalar {
    if (depth > this.maxDepth) bail();
    const text = this.text;
    const ch = this.c(p);
    this.lastNull = false;
    if (ch === DQUOTE || ch === SQUOTE) {
      // one line, closed, then only a comment
      let end = closingQuote(text, p);
      const lineEnd = this.eol(p);
      if (end === -1 || end >= lineEnd) bail();
      end++;
      this.restOfLine(end, lineEnd);
      // a double-quoted scalar's map comes with its decoding (the escapes are walked once: rule
      // expressions are double-quoted more often than not, and every expression is mapped)
      const d = ch === SQUOTE ? decodeSingleQuoted(text, p, end, false) : decodeDoubleQuoted(text, p, end, true);
      if (d.problems.length > 0) bail();
      this.pos = lineEnd + 1;
      return new Scalar({ start: p, end }, d.text, ch === SQUOTE ? 'single' : 'double', ch === SQUOTE ? text : d.map, undefined);
    }
    if (ch === PIPE || ch === GT) return this.blockScalar(p, owner, indentNext);
    if (badPlainAt(text, p)) bail();
    // a plain scalar: to ` #` or the end of the line; `: ` inside is a nested mapping (the walk's)
    let i = p;
    let end = p;
    for (;;) {
      const c = this.c(i);
      if (c === LF || c !== c) break;
      if (c === SPACE) {
        if (this.c(i + 1) === HASH) break;
      } else if (c === COLON) {
        const next = this.c(i + 1);
        if (next === SPACE || next === LF || next !== next) bail();
        end = i + 1;
      } else end = i + 1;
      i++;
    }
    const lineEnd = this.eol(i);
    // the scalar must not go on: the next line with content (blank lines skipped) indented
    // `indentNext` or more continues it, unless it is a comment
    let q = lineEnd + 1;
    while (q < this.len) {
      const n = this.spaces(q);
      const c = this.c(q + n);
      if (c === LF) {
        q += n + 1;
        continue;
      }
      if (c === c && c !== HASH && n >= indentNext) bail();
      break;
    }
    this.pos = lineEnd + 1;
    return new Scalar({ start: p, end }, shortText(text, p, end), 'plain', text, undefined);
  }

  /** after a quoted scalar: spaces, then a comment or nothing */
  private restOfLine(from: number, lineEnd: number): void {
    let i = from;
    while (this.c(i) === SPACE) i++;
    if (i === lineEnd) return;
    if (this.c(i) === HASH && i > from) return;
    bail();
  }

  /** a block scalar whose header is at `h`, owned by a node at column `owner` (lexer.js parseBlockScalar) */
  private blockScalar(h: number, owner: number, indentNext: number): YScalar {
    const text = this.text;
    // the header: indicators up to white space or `#`
    let keep = false;
    let explicit = -1;
    for (let i = h + 1; ; i++) {
      const ch = this.c(i);
      if (ch === 43 /* + */) keep = true;
      else if (ch > 0x30 && ch <= 0x39) explicit = ch - 0x31;
      else if (ch !== DASH) break;
    }
    let hEnd = h;
    for (let ch = this.c(hEnd); !isEmptyAt(ch) && ch !== HASH; ch = this.c(++hEnd));
    const headerSrc = text.slice(h, hEnd);
    if (!/^[|>](?:[1-9][-+]?|[-+][1-9]?)?$/.test(headerSrc)) bail();
    const lineEnd = this.eol(hEnd);
    if (lineEnd >= this.len) bail(); // the header on the last line
    this.restOfLine(hEnd, lineEnd);
    const bodyStart = lineEnd + 1;
    // the body (lexer.js parseBlockScalar, shared with fast-cst.ts)
    const body = blockScalarBody(text, bodyStart, indentNext, explicit, keep);
    const bodyEnd = Math.min(body.end + 1, this.len);
    const header = parseBlockHeader(headerSrc);
    const d = decodeBlock(text, bodyStart, bodyEnd, header, owner);
    if (d.problems.length > 0) bail();
    let end = bodyEnd;
    while (end > bodyStart && /\s/.test(text[end - 1]!)) end--;
    if (end === bodyStart) end = h + headerSrc.length;
    this.pos = bodyEnd;
    return new Scalar({ start: h, end }, d.text, header.folded ? 'folded' : 'literal', d.map, undefined);
  }
}

/**
 * `text.slice(start, end)`, as one shared string for the short texts that repeat (keys such as
 * `expr` or `labels`, values such as `warning` or `5m`): the tree of a large file then holds one
 * copy of each instead of one per node. A table of the latest short texts by a hash of their
 * characters; a text found there is compared in full before it is used.
 */
// (V8 copies substrings shorter than 13 characters: a kept one never holds on to a file's text)
const SHORT_MAX = 12;
const shortTexts: (string | undefined)[] = new Array(1024);

export function shortText(text: string, start: number, end: number): string {
  const n = end - start;
  if (n > SHORT_MAX || n <= 0) return text.slice(start, end);
  let h = n;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  const slot = (h ^ (h >>> 10)) & 1023;
  const known = shortTexts[slot];
  if (known !== undefined && known.length === n && text.startsWith(known, start)) return known;
  const s = text.slice(start, end);
  shortTexts[slot] = s;
  return s;
}

function isEmptyAt(c: number): boolean {
  return c !== c || c === SPACE || c === LF;
}

/** duplicate keys are reported by the walk */
function noDuplicates(pairs: readonly YPair[]): void {
  if (pairs.length < 2) return;
  if (pairs.length <= 8) {
    for (let i = 1; i < pairs.length; i++) {
      for (let j = 0; j < i; j++) if (pairs[j].key.text === pairs[i].key.text && pairs[i].key.text !== '<<') bail();
    }
    return;
  }
  const seen = new Set<string>();
  for (const p of pairs) {
    if (seen.has(p.key.text) && p.key.text !== '<<') bail();
    seen.add(p.key.text);
  }
}
