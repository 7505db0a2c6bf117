/**
 * The YAML walk: text → documents of promscope's node model (types.ts) with exact ranges.
 *
 * Built on the `yaml` package's CST `Parser` (a lossless token tree with offsets) rather than its
 * `parseDocument`, which builds a second tree we would not use and costs about 1.6× the time; for
 * the YAML that Prometheus files use, `fastCst` (fast-cst.ts) builds the same tokens 4–10× faster. The
 * CST parser is lenient, so this walk adds the checks that Go's yaml.v3 makes and the CST leaves to
 * `yaml`'s composer: missing `:`, multi-line implicit keys, compact nested mappings, tabs used as
 * indentation, unterminated quotes and flow collections, unknown anchors, duplicate keys (worded as
 * yaml.v3 words them), control characters. Limits (limits.ts) bound size, depth and alias expansion.
 *
 * Never throws: every problem is a diagnostic and the tree holds what could be recovered.
 */
import type { CST } from 'yaml';
import { AnalysisInterrupted } from '../interrupt';
import { cstTokens } from './cst-tokens';
import type { StrayTail } from './stray-tail';
import type { Diagnostic } from '../diagnostics/types';
import { LineIndex } from '../text/line-index';
import { contentLeftOf } from '../text/indent';
import { fastCst } from './fast-cst';
import { defaultYamlLimits, type YamlLimits } from './limits';
import { fastTree } from './fast-tree';
import { decodeBlock, decodeDoubleQuoted, decodePlain, decodeSingleQuoted, parseBlockHeader, type DecodedScalar } from './scalar';
import { nullScalar, Scalar } from './scalar-node';
import type { ScalarStyle, YDocument, YMap, YNode, YPair, YScalar, YSeq, YamlParseResult } from './types';

export interface YamlParseOptions {
  limits?: Partial<YamlLimits>;
  /** @internal false: always take the CST walk (tests compare the two) */
  fastTree?: boolean;
}

interface Props {
  anchor?: string;
  tag?: string;
  /** where the first of them is */
  at?: number;
}
/** the props of a node with neither anchor nor tag (shared: props are never modified once built) */
const noProps: Props = Object.freeze({});
const noTokens: readonly CST.Token[] = Object.freeze([]);

/** first characters that cannot start a plain scalar */
const badPlainStart: boolean[] = [];
for (const c of ',[]{}#&*!|>\'"%@`') badPlainStart[c.charCodeAt(0)] = true;

// control characters yaml.v3's reader rejects (it accepts \t \n \r, NEL, and printable Unicode)
// eslint-disable-next-line no-control-regex
const badChars = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]/;

/**
 * A carriage return that no line feed follows ends a line for yaml.v3 (old Mac line endings), not
 * for the `yaml` package's lexer: the walk reads such a text with a line feed in its place, a
 * change of one character for one, so that every offset is the same (a scalar's value has a line
 * break there, as yaml.v3 reads it).
 */
function withLineFeeds(text: string): string {
  return text.includes('\r') && LONE_CR.test(text) ? text.replace(LONE_CR_ALL, '\n') : text;
}
const LONE_CR = /\r(?!\n)/;
const LONE_CR_ALL = /\r(?!\n)/g;

export function parseYaml(source: string, options: YamlParseOptions = {}): YamlParseResult {
  const text = withLineFeeds(source);
  const limits: YamlLimits = { ...defaultYamlLimits, ...(options.limits ?? {}) };
  const diagnostics: Diagnostic[] = [];
  if (text.length > limits.maxBytes) {
    diagnostics.push({
      code: 'yaml/limits',
      severity: 'error',
      range: { start: 0, end: 0 },
      message: `document is too large: ${text.length} characters exceeds the limit of ${limits.maxBytes} (yaml.maxBytes); not parsed`,
    });
    return { documents: [], diagnostics };
  }
  const bad = badChars.exec(text);
  if (bad) {
    diagnostics.push({
      code: 'yaml/syntax',
      severity: 'error',
      range: { start: bad.index, end: bad.index + 1 },
      message: `yaml: control characters are not allowed (U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`,
    });
  }
  if (!bad && options.fastTree !== false) {
    // the plainest documents (most rule files) without the token tree; null: the walk below
    const doc = fastTree(text, limits);
    if (doc) return { documents: [doc], diagnostics };
  }
  const w = new Walker(text, limits, diagnostics);
  const documents: YDocument[] = [];
  // a run of tokens outside any document (after an error ended one): one diagnostic for the run
  let stray: { start: number; end: number; message: string; more: number; last: number } | undefined;
  // where the tokens stopped because nothing after could be part of a document (stray-tail.ts)
  const tail: StrayTail = { skippedFrom: -1 };
  const flushStray = () => {
    if (!stray) return;
    const more =
      tail.skippedFrom === stray.last
        ? ' (what follows, to the end of the file, is not part of the document)'
        : stray.more === 0
          ? ''
          : ` (and ${stray.more} more unexpected ${stray.more === 1 ? 'token' : 'tokens'} up to line ${w.line(stray.last)}: what follows is not part of the document)`;
    w.error(stray.start, stray.end, stray.message + more);
    stray = undefined;
  };
  try {
    // the fast path builds the same tokens for the common subset of YAML; null: use the Parser
    for (const tok of fastCst(text, tail) ?? cstTokens(text, tail)) {
      if (tok.type === 'error' && STRAY_TOKEN.test(tok.message)) {
        if (stray) {
          stray.more++;
          stray.last = tok.offset;
        } else stray = { start: tok.offset, end: tok.offset + Math.max(1, tok.source.length), message: tok.message, more: 0, last: tok.offset };
        continue;
      }
      if (tok.type === 'document' || tok.type === 'doc-end' || tok.type === 'error') flushStray();
      if (tok.type === 'document') {
        if (documents.length >= limits.maxDocuments) {
          w.limit(tok.offset, `too many documents: more than ${limits.maxDocuments} (yaml.maxDocuments); the rest is not parsed`);
          break;
        }
        documents.push(w.document(tok));
      } else if (tok.type === 'doc-end') {
        const last = documents[documents.length - 1];
        if (last) last.range = { start: last.range.start, end: tok.offset + tok.source.length };
        if (tok.end) w.scan(tok.end, false);
      } else if (tok.type === 'error') {
        w.error(tok.offset, tok.offset + Math.max(1, tok.source.length), tok.message);
      }
    }
    flushStray();
  } catch (e) {
    if (e instanceof AnalysisInterrupted) throw e;
    // a bug or a stack overflow in the parser must not escape as a throw
    w.error(0, 0, `internal YAML parser failure: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (documents.length > 0) notLoadedAfterRoot(text, documents, diagnostics, w);
  if (text.includes('\t')) tabsOnBlankLines(text, documents, w);
  return { documents, diagnostics };
}

/** a line of white space (or a comment after it) with a tab before anything else */
const BLANK_WITH_TAB = /^( *)\t[ \t]*(?:#[^\n]*)?$/gm;

/**
 * Tabs on lines of white space or comments, in block context: yaml.v3 skips only spaces at the
 * start of a line, so the tab is `found character that cannot start any token`, except while a
 * plain scalar may go on from the line before: there a tab deeper than the scalar's block (its
 * indentation + 1) is white space, and a shallower one `found a tab character that violates
 * indentation` (promtool 2.42 on `expr: up` then `\t` then `labels:`). Inside quoted scalars and
 * flow collections a tab is white space; inside a block scalar its body decides (the walk).
 */
function tabsOnBlankLines(text: string, documents: readonly YDocument[], w: Walker): void {
  BLANK_WITH_TAB.lastIndex = 0;
  let scalars: { node: YScalar; parentColumn: number }[] | undefined;
  let spans: { start: number; end: number }[] | undefined;
  // whether only white space and comments follow the last scalar, read from it up to `readTo`
  // once (the lines of one stretch after a scalar share it: a hostile file of many such lines is
  // not read again for each)
  let gapOf: YScalar | undefined;
  let readTo = 0;
  let gapClean = true;
  for (let m = BLANK_WITH_TAB.exec(text); m; m = BLANK_WITH_TAB.exec(text)) {
    const lineStart = m.index;
    const tab = lineStart + m[1]!.length;
    if (!scalars || !spans) ({ scalars, spans } = blankLineContext(documents, w));
    // inside a quoted or block scalar, or a flow collection: not the scanner's business here
    const span = spans[lastAtOrBefore(spans, (r) => r.start, lineStart - 1)];
    if (span && lineStart < span.end) continue;
    // the last scalar before the line: a plain one may go on over it
    const last = scalars[lastAtOrBefore(scalars, (c) => c.node.range.end, lineStart)];
    if (last && last.node !== gapOf) {
      gapOf = last.node;
      readTo = last.node.range.end;
      gapClean = true;
    }
    if (last && gapClean && readTo < lineStart) {
      gapClean = !/[^ \t\r\n]/.test(withoutComments(text.slice(readTo, lineStart)));
      readTo = lineStart;
    }
    const plain = last && last.node.style === 'plain' && last.node.range.end > last.node.range.start && gapClean;
    if (plain) {
      if (tab - lineStart < last!.parentColumn + 1) w.tabError(tab, 'found a tab character that violates indentation');
    } else w.tabError(tab, 'found character that cannot start any token (a tab on a line of white space)');
  }
}

/** the text without its `#` comments (a comment starts after white space or at a line start) */
function withoutComments(s: string): string {
  return s.replace(/(^|[ \t])#[^\n]*/g, '$1');
}

/** every scalar with the column of the block collection it is in, and the spans of quoted and block scalars and flow collections */
function blankLineContext(documents: readonly YDocument[], w: Walker): { scalars: { node: YScalar; parentColumn: number }[]; spans: { start: number; end: number }[] } {
  const scalars: { node: YScalar; parentColumn: number }[] = [];
  const spans: { start: number; end: number }[] = [];
  const seen = new Set<YNode>();
  const visit = (n: YNode, parentColumn: number) => {
    if (seen.has(n)) return; // an alias: the anchored node again
    seen.add(n);
    if (n.kind === 'scalar') {
      // (a block scalar's body, to the next node: see below)
      if (n.style === 'single' || n.style === 'double') spans.push(n.range);
      scalars.push({ node: n, parentColumn });
      return;
    }
    if (n.flow) {
      spans.push(n.range);
      return;
    }
    const col = w.column(n.kind === 'map' ? (n.pairs[0]?.key.range.start ?? n.range.start) : n.range.start);
    if (n.kind === 'map') {
      for (const p of n.pairs) {
        visit(p.key, col);
        visit(p.value, col);
      }
    } else for (const item of n.items) visit(item, col);
  };
  for (const d of documents) if (d.root) visit(d.root, -1);
  // a block scalar's lines run to the next node (its node ends at its last character that is not
  // white space): tabs on its lines are its own (decodeBlock's)
  const byStart = scalars.map((c) => c.node).sort((a, b) => a.range.start - b.range.start);
  byStart.forEach((n, i) => {
    if (n.style === 'literal' || n.style === 'folded') spans.push({ start: n.range.start, end: byStart[i + 1]?.range.start ?? Number.MAX_SAFE_INTEGER });
  });
  scalars.sort((a, b) => a.node.range.end - b.node.range.end);
  // nested spans merged: one span for each stretch of text inside some of them
  spans.sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const r of spans) {
    const top = merged[merged.length - 1];
    if (top && r.start < top.end) top.end = Math.max(top.end, r.end);
    else merged.push({ start: r.start, end: r.end });
  }
  return { scalars, spans: merged };
}

/** the index of the last item whose key is at most `at` in a list sorted by it, or -1 */
function lastAtOrBefore<T>(list: readonly T[], key: (t: T) => number, at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(list[mid]!) <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * A first document whose root is indented (` groups:`) ends at the first line to the left of it:
 * yaml.v3 and yaml.v2 read one document and stop there, so what follows is not loaded, without an
 * error (promtool: ` groups:` then `- name: x` is "SUCCESS: 0 rules found"). The errors the walk
 * found in it give way to one warning that says so.
 */
function notLoadedAfterRoot(text: string, documents: YDocument[], diagnostics: Diagnostic[], w: Walker): void {
  const root = documents[0]!.root;
  if (!root || (root.kind !== 'map' && root.kind !== 'seq') || root.flow) return;
  const col = w.column(root.range.start);
  if (col <= 0) return;
  const next = documents[1]?.range.start ?? text.length;
  const cut = contentLeftOf(text, col, root.range.end);
  if (cut === -1 || cut >= next) return;
  // (a tab that starts the cut line is still yaml.v3's error: its scanner reads the token there to
  // end the root, and a tab at the start of a line cannot start one)
  const tabAtCut = (d: Diagnostic) => d.range.start === cut && text.charCodeAt(cut) === 9 && d.message.startsWith('yaml: found character that cannot start any token');
  let kept = 0;
  for (const d of diagnostics) if (!(d.code === 'yaml/syntax' && d.range.start >= cut && d.range.start < next) || tabAtCut(d)) diagnostics[kept++] = d;
  diagnostics.length = kept;
  diagnostics.push({
    code: 'yaml/not-loaded',
    severity: 'warning',
    range: { start: cut, end: Math.min(text.length, cut + Math.max(1, text.indexOf('\n', cut) === -1 ? 1 : text.indexOf('\n', cut) - cut)) },
    message: `the document's root, indented ${col} ${col === 1 ? 'space' : 'spaces'}, ends at this less indented line: yaml.v3 (and yaml.v2) stop reading there, and what follows is not loaded`,
  });
}

/**
 * what `yaml`'s parser says of each token after an error has ended the document (every later
 * token of the file: thousands in a big rule file broken near its top)
 */
const STRAY_TOKEN = /^Unexpected [a-z-]+ token in YAML stream$/;

/** what a walked collection entry is replaced with (the walk consumes the CST) */
const RELEASED = Object.freeze({ start: Object.freeze([]) as unknown as CST.SourceToken[] }) as CST.BlockMap['items'][number];
const RELEASED_SEQ_ITEM = RELEASED as unknown as CST.BlockSequence['items'][number];

/**
 * Where the empty key of a block map's entry is: its `?`, else its last anchor or tag, else its `:`
 * (never a line break or a comment before the entry).
 */
function emptyKeyAt(start: readonly CST.SourceToken[], colon: CST.Token | undefined, mapAt: number): number {
  for (let i = start.length - 1; i >= 0; i--) {
    const t = start[i]!;
    if (t.type === 'explicit-key-ind' || t.type === 'anchor' || t.type === 'tag') return t.offset;
  }
  return colon ? colon.offset : mapAt;
}

/**
 * Whether something stands before the `:` at `colon` on its line other than indentation or a
 * sequence's `- `: an anchor or a tag (the CST may give them to the map around), which start a key
 * for yaml.v3's scanner.
 */
function propsBefore(text: string, colon: number): boolean {
  let i = colon - 1;
  for (;;) {
    while (i >= 0 && text.charCodeAt(i) === 32) i--;
    if (i < 0 || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13) return false;
    // `- : x`: a sequence entry's indicator, then the line goes on to its left
    if (text.charCodeAt(i) === 45 && (i === 0 || text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 10)) {
      i--;
      continue;
    }
    return true;
  }
}

/** where a block map's entry starts on its line: its key, or an anchor, tag or `?` before it */
function entryStart(start: readonly CST.SourceToken[], keyAt: number): number {
  let at = keyAt;
  for (let i = start.length - 1; i >= 0; i--) {
    const t = start[i]!;
    if (t.type === 'newline') break;
    if (t.type === 'anchor' || t.type === 'tag' || t.type === 'explicit-key-ind') at = Math.min(at, t.offset);
  }
  return at;
}

class Walker {
  private anchors = new Map<string, YNode>();
  private usedAlias = -1;
  private docErrors = 0;
  private depthReported = false;
  private lineIndex?: LineIndex;
  constructor(
    private readonly text: string,
    private readonly limits: YamlLimits,
    private readonly diagnostics: Diagnostic[],
  ) {}

  error(start: number, end: number, message: string): void {
    this.docErrors++;
    const len = this.text.length;
    start = Math.min(Math.max(0, start), len);
    end = Math.min(Math.max(start, end), len);
    this.diagnostics.push({ code: 'yaml/syntax', severity: 'error', range: { start, end: Math.max(start, end) }, message: message.startsWith('yaml: ') ? message : `yaml: ${message}` });
  }

  limit(at: number, message: string): void {
    this.docErrors++;
    this.diagnostics.push({ code: 'yaml/limits', severity: 'error', range: { start: at, end: at }, message });
  }

  /**
   * 0-based column of an offset, as yaml.v3 counts indentation (a byte-order mark at the start of the
   * line is not a column); -1 when a tab comes before it on its line (tabs as indentation are an
   * error of their own)
   */
  column(offset: number): number {
    const text = this.text;
    let lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    if (text.charCodeAt(lineStart) === 0xfeff) lineStart++;
    // (only this line's start: a search for a tab to the end of a text without one, once per
    // entry of every map, made a big file's walk quadratic)
    for (let i = lineStart; i < offset; i++) if (text.charCodeAt(i) === 9) return -1;
    return offset - lineStart;
  }

  /** 1-based line of an offset */
  line(offset: number): number {
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex.positionAt(offset).line + 1;
  }

  document(doc: CST.Document): YDocument {
    this.anchors = new Map();
    this.usedAlias = -1;
    this.docErrors = 0;
    this.scan(doc.start, false);
    let root: YNode | null = null;
    if (doc.value) root = this.node(doc.value, this.props(doc.start), 0, false, doc.offset);
    else {
      // an anchor or tag with no node after it: an empty root that has them (`!` alone is a tagged
      // empty string to yaml.v2 and yaml.v3, not an empty document), its names checked
      const p = this.props(doc.start);
      if (p.tag !== undefined || p.anchor !== undefined) root = this.empty(p.at ?? doc.offset, p);
    }
    this.scanEnd(doc.end, false);
    let end = doc.offset;
    for (const t of doc.start) end = Math.max(end, t.offset + t.source.length);
    if (root) end = Math.max(end, root.range.end);
    if (doc.end) for (const t of doc.end) if (t.type !== 'newline' && t.type !== 'space') end = Math.max(end, t.offset + t.source.length);
    if (root && this.usedAlias >= 0 && expandedSize(root, this.limits.maxAliasExpansion) > this.limits.maxAliasExpansion) {
      this.limit(
        this.usedAlias,
        `yaml: document contains excessive aliasing: more than ${this.limits.maxAliasExpansion} nodes once aliases are expanded (yaml.maxAliasExpansion); document not analysed`,
      );
      root = null;
    }
    return { root, range: { start: doc.offset, end }, hasErrors: this.docErrors > 0 };
  }

  /** reports error tokens and tabs used as block indentation in a token list */
  scan(tokens: readonly CST.Token[], inFlow: boolean): void {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.type === 'error') this.error(t.offset, t.offset + Math.max(1, t.source.length), t.message);
      else if (!inFlow && t.type === 'space' && t.source.includes('\t')) this.checkTab(t.offset, t.source);
      // (a `#` right after a quoted scalar or a flow indicator starts a comment for yaml.v3 and
      // yaml.v2, which YAML 1.2 refuses: `expr: 'up'#c` loads)
    }
  }

  /** tokens after a complete node: only white space and comments may follow (plus `closers`) */
  scanEnd(tokens: readonly CST.Token[] | undefined, inFlow: boolean, closers = 0): void {
    if (!tokens) return;
    this.scan(tokens, inFlow);
    let closed = 0;
    for (const t of tokens) {
      if (t.type === 'space' || t.type === 'newline' || t.type === 'comment' || t.type === 'error' || t.type === 'byte-order-mark') continue;
      if ((t.type === 'flow-map-end' || t.type === 'flow-seq-end') && closed < closers) {
        closed++;
        continue;
      }
      const src = 'source' in t && typeof t.source === 'string' ? t.source : '';
      this.error(t.offset, t.offset + Math.max(1, firstLineLength(src)), `did not find expected node end: unexpected ${JSON.stringify(src.slice(0, 20))} after a complete node`);
      return;
    }
  }

  private checkTab(offset: number, source: string): void {
    const prev = offset > 0 ? this.text.charCodeAt(offset - 1) : 10;
    if (prev !== 10 && prev !== 13 && offset !== 0) return;
    const next = this.text.charCodeAt(offset + source.length);
    if (Number.isNaN(next) || next === 10 || next === 13 || next === 35 /* # */) return;
    this.tabError(offset + source.indexOf('\t'));
  }

  /**
   * White space after a block `-`, a `?` or the `:` of a complex key, before the next token:
   * yaml.v3 skips no tab there (a simple key may start), so a tab is a character that cannot start
   * a token (`-\tname: x`; after the `:` of a simple key a tab is white space).
   */
  private tabAfterIndicator(at: number): void {
    const t = this.text;
    for (let i = at; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 9) return this.tabError(i, `found character that cannot start any token (a tab after \`${t[at - 1]}\`)`);
      if (c !== 32) return;
    }
  }

  /** the tabs reported as indentation (a tab is reported once, whichever check finds it) */
  private readonly tabsReported = new Set<number>();

  /** a tab yaml.v3 refuses, reported once whichever check finds it */
  tabError(tab: number, message = 'found character that cannot start any token (a tab used as indentation)'): void {
    if (this.tabsReported.has(tab)) return;
    this.tabsReported.add(tab);
    this.error(tab, tab + 1, message);
  }

  /** the anchors and tags whose names were checked (a token list can be read twice) */
  private readonly propsChecked = new Set<number>();

  /**
   * yaml.v3 reads an anchor's or alias's name as letters, digits, `_` and `-` only (the `yaml`
   * package takes any character but white space and flow indicators): another character is its
   * error (a `:` right after the name is not: the lexer ends the name there, go-lexer.ts)
   */
  checkAnchorName(offset: number, source: string): void {
    if (this.propsChecked.has(offset)) return;
    this.propsChecked.add(offset);
    const bad = /[^0-9A-Za-z_-]/.exec(source.slice(1));
    if (source.length > 1 && !bad) return;
    const at = offset + 1 + (bad ? bad.index : 0);
    this.error(at, at + 1, 'did not find expected alphabetic or numeric character');
  }

  /**
   * yaml.v3 ends a tag at the first character that is not a URI character (letters, digits and
   * `-_;/?:@&=+$,.!~*'()[]%`: the lexer reads it so, go-lexer.ts), which must be white space or
   * the line's end: `!|` and `!a#b` are its error (the `yaml` package reads a tag, then a block
   * scalar or a comment).
   */
  checkTagEnd(offset: number, source: string): void {
    if (source.startsWith('!<') || this.propsChecked.has(offset)) return;
    this.propsChecked.add(offset);
    const c = this.text.charCodeAt(offset + source.length);
    if (!(c !== c || c === 32 || c === 9 || c === 10 || c === 13)) this.error(offset, offset + source.length, 'did not find expected whitespace or line break');
  }

  /**
   * A block map's entry or a sequence's `-` after spaces and a tab (`      \tkey: v`): yaml.v3 refuses it whatever
   * came before (a tab that violates indentation inside a plain scalar going on from the line
   * before, else a character that cannot start a token), the `yaml` package reads the tab as space.
   */
  private tabBefore(at: number): void {
    const lineStart = this.text.lastIndexOf('\n', at - 1) + 1;
    let i = lineStart;
    while (this.text.charCodeAt(i) === 32) i++;
    if (this.text.charCodeAt(i) === 9 && i < at) this.tabError(i);
  }

  props(tokens: readonly CST.Token[] | undefined): Props {
    if (!tokens) return noProps;
    let p: Props | undefined;
    for (const t of tokens) {
      if (t.type === 'anchor') {
        this.checkAnchorName(t.offset, (t as CST.SourceToken).source);
        (p ??= {}).anchor = (t as CST.SourceToken).source.slice(1);
      }
      else if (t.type === 'tag') {
        this.checkTagEnd(t.offset, (t as CST.SourceToken).source);
        (p ??= {}).tag = (t as CST.SourceToken).source;
      }
      else if (p && (t.type === 'seq-item-ind' || t.type === 'map-value-ind' || t.type === 'explicit-key-ind')) {
        p.anchor = undefined;
        p.tag = undefined;
        p.at = undefined;
      }
      if (p && p.at === undefined && (p.anchor !== undefined || p.tag !== undefined)) p.at = t.offset;
    }
    return p ?? noProps;
  }

  /**
   * an empty node: null, unless a tag says otherwise (`for: !0m` is an empty string to yaml.v3,
   * which a duration then refuses: `empty duration string`)
   */
  private empty(at: number, p: Props): YScalar {
    return this.register(p.tag === undefined ? nullScalar(at) : new Scalar({ start: at, end: at }, '', 'plain', '', p.tag), p);
  }

  private register<T extends YNode>(n: T, p: Props): T {
    if (p.anchor !== undefined) {
      n.anchor = p.anchor;
      this.anchors.set(p.anchor, n);
    }
    return n;
  }

  node(tok: CST.Token, p: Props, depth: number, inFlow: boolean, at: number): YNode {
    if (depth > this.limits.maxDepth) {
      if (!this.depthReported) {
        this.depthReported = true;
        this.limit(tok.offset, `yaml: exceeded max depth of ${this.limits.maxDepth} (yaml.maxDepth); deeper content ignored`);
      }
      return nullScalar(tok.offset);
    }
    switch (tok.type) {
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar': {
        this.scanEnd(tok.end, inFlow);
        if (tok.type === 'scalar' && badPlainStart[tok.source.charCodeAt(0)] === true) {
          this.error(tok.offset, tok.offset + 1, 'found character that cannot start any token');
        }
        const start = tok.offset;
        const end = start + tok.source.length;
        // a plain scalar on one line is its source, already a string of its own
        if (tok.type === 'scalar' && !hasLineBreak(tok.source)) return this.register(new Scalar({ start, end }, tok.source, 'plain', this.text, p.tag), p);
        let d: DecodedScalar;
        let style: ScalarStyle;
        // text only: the Scalar decodes its source map when it is first asked for
        if (tok.type === 'scalar') {
          d = decodePlain(this.text, start, end, false);
          style = 'plain';
        } else if (tok.type === 'single-quoted-scalar') {
          d = decodeSingleQuoted(this.text, start, end, false);
          style = 'single';
        } else {
          d = decodeDoubleQuoted(this.text, start, end, false);
          style = 'double';
        }
        for (const pr of d.problems) this.error(pr.offset, pr.end, pr.message);
        return this.register(new Scalar({ start, end }, d.text, style, this.text, p.tag), p);
      }
      case 'block-scalar':
        return this.register(this.blockScalar(tok, p), p);
      case 'alias': {
        this.scanEnd(tok.end, inFlow);
        this.checkAnchorName(tok.offset, tok.source);
        const name = tok.source.slice(1);
        const target = this.anchors.get(name);
        if (!target) {
          this.error(tok.offset, tok.offset + tok.source.length, `unknown anchor '${name}' referenced`);
          return nullScalar(tok.offset);
        }
        if (this.usedAlias < 0) this.usedAlias = tok.offset;
        return target;
      }
      case 'block-map':
        return this.blockMap(tok, p, depth);
      case 'block-seq':
        return this.blockSeq(tok, p, depth);
      case 'flow-collection':
        return this.flow(tok, p, depth, inFlow);
      case 'error':
        this.error(tok.offset, tok.offset + Math.max(1, tok.source.length), tok.message);
        return nullScalar(tok.offset);
      default:
        return nullScalar(at);
    }
  }

  private blockScalar(tok: CST.BlockScalar, p: Props): YScalar {
    let headerSrc = '|';
    let bodyStart = tok.offset;
    this.scan(tok.props, false);
    for (const t of tok.props) {
      if (t.type === 'block-scalar-header') headerSrc = t.source;
      if ('source' in t && typeof t.source === 'string') bodyStart = Math.max(bodyStart, t.offset + t.source.length);
    }
    if (!/^[|>](?:[1-9][-+]?|[-+][1-9]?)?$/.test(headerSrc)) {
      this.error(tok.offset, tok.offset + headerSrc.length, 'did not find expected comment or line break after a block scalar header');
    }
    const header = parseBlockHeader(headerSrc);
    const bodyEnd = bodyStart + tok.source.length;
    const d = decodeBlock(this.text, bodyStart, bodyEnd, header, tok.indent);
    for (const pr of d.problems) this.error(pr.offset, pr.end, pr.message);
    // the node ends after its last non-white character (or its header)
    let end = bodyEnd;
    while (end > bodyStart && /\s/.test(this.text[end - 1])) end--;
    if (end === bodyStart) end = tok.offset + headerSrc.length;
    return new Scalar({ start: tok.offset, end }, d.text, header.folded ? 'folded' : 'literal', d.map, p.tag);
  }

  private blockMap(tok: CST.BlockMap, p: Props, depth: number): YMap {
    // an anchor or tag on the line of an empty first key is the key's for yaml.v3 (`&a: x`: its
    // scanner starts the key there); the CST gives it to the map
    const first = tok.items[0];
    let keyProps: Props | undefined;
    if (p.at !== undefined && first && !first.key && !first.explicitKey) {
      const colon = first.sep?.find((t) => t.type === 'map-value-ind');
      if (colon && !/[\n\r]/.test(this.text.slice(p.at, colon.offset))) {
        keyProps = p;
        p = noProps;
      }
    }
    const map: YMap = { kind: 'map', range: { start: tok.offset, end: tok.offset }, pairs: [], flow: false };
    if (p.tag !== undefined) map.tag = p.tag;
    const items = tok.items;
    /** the column of the first entry: yaml.v3 takes an entry at another column for no key of this map */
    let column = -1;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      // the walk consumes the CST: a walked entry is let go, so that a huge document's token tree
      // is freed as the node tree grows instead of both being alive at the end
      items[i] = RELEASED;
      this.scan(item.start, false);
      if (item.sep) this.scan(item.sep, false);
      const sep = item.sep ?? noTokens;
      const colon = sep.find((t) => t.type === 'map-value-ind');
      const keyTok = item.key ?? null;
      // comments and blank lines between entries (e.g. less indented) form items of their own
      if (!keyTok && !item.value && !colon && !item.explicitKey) {
        // an anchor or tag there starts a key that no `:` follows (yaml.v3 checks its name first)
        const prop = item.start.find((t) => t.type === 'anchor' || t.type === 'tag');
        if (prop) {
          const before = this.diagnostics.length;
          this.props(item.start);
          if (this.diagnostics.length === before) this.error(prop.offset, prop.offset + 1, "could not find expected ':'");
        }
        continue;
      }
      const keyAt = keyTok ? keyTok.offset : i === 0 && keyProps ? keyProps.at! : emptyKeyAt(item.start, colon, tok.offset);
      if (item.explicitKey) {
        const q = item.start.find((t) => t.type === 'explicit-key-ind');
        if (q) this.tabAfterIndicator(q.offset + 1);
      }
      // (the `:` of a key that is no simple key: after `?`, or of an empty key)
      if (colon && (item.explicitKey || !keyTok)) this.tabAfterIndicator(colon.offset + 1);
      if (!colon && !item.explicitKey) {
        const what = keyTok ?? item.value;
        const at = what ? what.offset : keyAt;
        this.error(at, at + (what && 'source' in what ? Math.max(1, firstLineLength(String(what.source))) : 1), "could not find expected ':'");
        if (!keyTok && item.value) this.node(item.value, {}, depth + 1, false, at); // still check it
        continue;
      }
      // (a line less indented than the first key but more than the map around it: `labels:` one
      // space to the left of its siblings)
      const itemAt = entryStart(item.start, keyAt);
      const col = this.column(itemAt);
      if (col === -1) this.tabBefore(itemAt);
      else if (column === -1) column = col;
      else if (col !== column) this.error(itemAt, itemAt + 1, 'did not find expected key');
      // an empty key that no `?`, anchor or tag announces: yaml.v3's scanner makes no key token for
      // it, and its parser finds a value where a key must be (`: x`, `- : x`; libyaml reads a null key)
      if (!keyTok && !item.explicitKey && colon && !propsBefore(this.text, colon.offset)) this.error(colon.offset, colon.offset + 1, 'did not find expected key');
      const key = this.key(keyTok, i === 0 && keyProps ? keyProps : this.props(item.start), depth, false, keyAt);
      if (keyTok && !item.explicitKey && isFlowScalar(keyTok) && hasLineBreak(keyTok.source)) {
        const c = colon ? colon.offset : keyTok.offset;
        this.error(c, c + 1, 'mapping values are not allowed in this context (an implicit key must be on a single line)');
      }
      const valueAt = colon ? colon.offset + 1 : key.range.end;
      let value: YNode;
      if (item.value) {
        const compact = item.value.type === 'block-map' && !sep.some((t) => t.type === 'newline') && !item.explicitKey;
        // read before the value is walked (walking releases its entries)
        const inner = compact ? (item.value as CST.BlockMap).items[0]?.sep?.find((t) => t.type === 'map-value-ind') : undefined;
        const innerAt = item.value.offset;
        value = this.node(item.value, this.props(sep), depth + 1, false, valueAt);
        if (compact) {
          const c = inner ? inner.offset : innerAt;
          // (once: the nested map's key running over lines is the same error at the same colon)
          const last = this.diagnostics[this.diagnostics.length - 1];
          if (!(last && last.range.start === c && last.message.startsWith('yaml: mapping values are not allowed in this context'))) {
            this.error(c, c + 1, 'mapping values are not allowed in this context (nested mappings must start on their own line)');
          }
        }
      } else {
        value = this.empty(valueAt, this.props(sep));
      }
      map.pairs.push({ key, value, range: { start: key.range.start, end: Math.max(value.range.end, valueAt) } });
    }
    // a short list gets a copy of its exact size (a list grown by push keeps room for 17 entries)
    if (map.pairs.length > 0 && map.pairs.length < 16) map.pairs = map.pairs.slice();
    this.finishMap(map, tok.offset);
    return this.register(map, p);
  }

  private key(tok: CST.Token | null, p: Props, depth: number, inFlow: boolean, at: number): YScalar {
    if (!tok) return this.empty(at, p);
    const n = this.node(tok, p, depth + 1, inFlow, at);
    if (n.kind === 'scalar') return n;
    // complex (collection) keys: keep their source text as the key; Prometheus formats never use them
    const s = decodePlain(this.text, n.range.start, n.range.end);
    return new Scalar(n.range, s.text, 'plain', s.map, n.kind === 'seq' ? '!!seq' : '!!map');
  }

  /** sets the map's range and reports duplicate keys as yaml.v3 does */
  private finishMap(map: YMap, start: number): void {
    const pairs = map.pairs;
    if (pairs.length > 0) map.range = { start: Math.min(start, pairs[0].range.start), end: pairs[pairs.length - 1].range.end };
    if (pairs.length < 2) return;
    if (pairs.length <= 8) {
      for (let i = 1; i < pairs.length; i++) {
        for (let j = 0; j < i; j++) {
          if (pairs[j].key.text === pairs[i].key.text && pairs[i].key.text !== '<<') {
            this.duplicate(pairs[i], pairs[j]);
            break;
          }
        }
      }
      return;
    }
    const seen = new Map<string, YPair>();
    for (const pair of pairs) {
      const first = seen.get(pair.key.text);
      if (first && pair.key.text !== '<<') this.duplicate(pair, first);
      else if (!first) seen.set(pair.key.text, pair);
    }
  }

  private duplicate(pair: YPair, first: YPair): void {
    this.docErrors++;
    this.diagnostics.push({
      code: 'yaml/duplicate-key',
      severity: 'error',
      range: { start: pair.key.range.start, end: pair.key.range.end },
      message: `mapping key ${JSON.stringify(pair.key.text)} already defined at line ${this.line(first.key.range.start)}`,
      notes: [{ message: 'first defined here', range: { start: first.key.range.start, end: first.key.range.end } }],
    });
  }

  private blockSeq(tok: CST.BlockSequence, p: Props, depth: number): YSeq {
    const seq: YSeq = { kind: 'seq', range: { start: tok.offset, end: tok.offset }, items: [], flow: false };
    if (p.tag !== undefined) seq.tag = p.tag;
    const items = tok.items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      items[i] = RELEASED_SEQ_ITEM; // see blockMap
      this.scan(item.start, false);
      const dash = item.start.find((t) => t.type === 'seq-item-ind');
      if (!dash) {
        // comments between entries; content without `-` is an error
        if (!item.value) continue;
        this.error(item.value.offset, item.value.offset + 1, "did not find expected '-' indicator");
      }
      const at = dash ? dash.offset + 1 : tok.offset;
      if (dash) {
        // (a tab in the indentation before the `-`, after spaces: as before a key)
        this.tabBefore(dash.offset);
        this.tabAfterIndicator(at);
      }
      const ip = this.props(item.start);
      const v = item.value ? this.node(item.value, ip, depth + 1, false, at) : this.empty(at, ip);
      seq.items.push(v);
      seq.range.end = Math.max(seq.range.end, v.range.end, at);
    }
    if (seq.items.length > 0 && seq.items.length < 16) seq.items = seq.items.slice();
    return this.register(seq, p);
  }

  private flow(tok: CST.FlowCollection, p: Props, depth: number, inFlowParent: boolean): YMap | YSeq {
    const isMap = tok.start.source === '{';
    const close = isMap ? '}' : ']';
    this.scanEnd(tok.end, inFlowParent, 1);
    const endTok = tok.end.find((t) => t.type === 'flow-map-end' || t.type === 'flow-seq-end');
    let end = endTok ? endTok.offset + 1 : tok.offset + 1;
    if (!endTok || endTok.source !== close) {
      this.error(tok.offset, tok.offset + 1, `did not find expected ',' or '${close}'`);
    }
    const pairs: YPair[] = [];
    const items: YNode[] = [];
    for (let n = 0; n < tok.items.length; n++) {
      const item = tok.items[n]!;
      this.scan(item.start, true);
      if (item.sep) this.scan(item.sep, true);
      // an anchor or tag of an entry without a node is read nowhere else
      if (!item.value) {
        this.props(item.start);
        if (item.sep) this.props(item.sep);
      }
      // an entry that is nothing, before a `,` (`[a, , b]`, `[, a]`): yaml.v3 finds no node there
      const commas = item.start.filter((t) => t.type === 'comma');
      const empty = n === 0 ? commas[0] : commas[1];
      if (empty) this.error(empty.offset, empty.offset + 1, 'did not find expected node content');
      // yaml.v3 ends a plain scalar at a `?` inside a flow collection (libyaml's old rule), and the
      // `?` is then a key indicator where a `,` or the closing bracket must be (`[ale?rtname]`)
      for (const t of [item.key, item.value]) {
        const q = t && t.type === 'scalar' ? t.source.indexOf('?', 1) : -1;
        if (q > 0) this.error(t!.offset + q, t!.offset + q + 1, `did not find expected ',' or '${close}'`);
      }
      // an item of only white space and comments (before the closing bracket) is no entry
      if (item.key === undefined && item.value === undefined && !(item.sep && item.sep.length)) continue;
      const hasColon = item.sep?.some((t) => t.type === 'map-value-ind') ?? false;
      const startAt = item.start.length ? item.start[item.start.length - 1].offset + item.start[item.start.length - 1].source.length : tok.offset + 1;
      if (isMap || hasColon || item.key !== undefined) {
        // an empty key that no `?`, anchor or tag announces: no key token for yaml.v3's scanner, and a
        // `:` cannot start a node (`{: x}`)
        const colonTok = hasColon && !item.key ? item.sep!.find((t) => t.type === 'map-value-ind') : undefined;
        if (colonTok && !item.start.some((t) => t.type === 'explicit-key-ind' || t.type === 'anchor' || t.type === 'tag')) this.error(colonTok.offset, colonTok.offset + 1, 'did not find expected node content');
        const key = this.key(item.key ?? (isMap && !hasColon ? item.value ?? null : null), this.props(item.start), depth, true, startAt);
        const colon = item.sep?.find((t) => t.type === 'map-value-ind');
        const valueAt = colon ? colon.offset + 1 : key.range.end;
        const value =
          item.value && (hasColon || item.key !== undefined)
            ? this.node(item.value, this.props(item.sep), depth + 1, true, valueAt)
            : nullScalar(valueAt);
        const pair: YPair = { key, value, range: { start: key.range.start, end: Math.max(value.range.end, valueAt) } };
        if (isMap) pairs.push(pair);
        else items.push({ kind: 'map', range: pair.range, pairs: [pair], flow: true });
      } else if (item.value) {
        items.push(this.node(item.value, this.props(item.start), depth + 1, true, startAt));
      }
    }
    end = Math.max(end, ...items.map((n) => n.range.end), ...pairs.map((x) => x.range.end));
    if (isMap) {
      const map: YMap = { kind: 'map', range: { start: tok.offset, end }, pairs, flow: true };
      if (p.tag !== undefined) map.tag = p.tag;
      this.finishMap(map, tok.offset);
      map.range = { start: tok.offset, end };
      return this.register(map, p);
    }
    const seq: YSeq = { kind: 'seq', range: { start: tok.offset, end }, items, flow: true };
    if (p.tag !== undefined) seq.tag = p.tag;
    return this.register(seq, p);
  }
}

function isFlowScalar(t: CST.Token): t is CST.FlowScalar {
  return t.type === 'scalar' || t.type === 'single-quoted-scalar' || t.type === 'double-quoted-scalar' || t.type === 'alias';
}

function hasLineBreak(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}

function firstLineLength(s: string): number {
  const i = s.search(/[\r\n]/);
  return i < 0 ? s.length : i;
}

/**
 * Number of nodes once every alias is expanded, computed with memoisation (shared nodes are
 * counted once per reference without walking them again). Stops counting above `cap`.
 */
function expandedSize(root: YNode, cap: number): number {
  const memo = new Map<YNode, number>();
  const size = (n: YNode): number => {
    const m = memo.get(n);
    if (m !== undefined) return m;
    let s = 1;
    if (n.kind === 'map') {
      for (const pr of n.pairs) {
        s += 1 + size(pr.value);
        if (s > cap) break;
      }
    } else if (n.kind === 'seq') {
      for (const it of n.items) {
        s += size(it);
        if (s > cap) break;
      }
    }
    memo.set(n, s);
    return s;
  };
  return size(root);
}
