/**
 * The text of an open editor buffer, kept in pieces so that a keystroke costs what the edit
 * touches, not what the file holds.
 *
 * Why: V8 allocates a string of more than 128 KB (a 1,000-rule file is 180 KB) in its large-object
 * space, a memory mapping of its own, and that costs ~3.5 µs a KB: 0.6 ms to make the text of
 * each keystroke as one flat string, and several times that while the server's threads allocate at
 * once (measured: `vscode-languageserver-textdocument`'s `update`, which makes it, was a fifth of
 * the main thread's time in an edit flood). A piece of at most `MAX_PIECE` characters is a small
 * object, cheap to make; an edit remakes the piece it falls in.
 *
 * `getText()` joins the pieces with `+`: V8 makes that a rope (a "cons string") without copying
 * them. The main thread hands that text around (the document store, the analysis job) and compares
 * it; what reads its characters (a request on the document) makes it flat then, once per version.
 * The line starts are kept up to date by each edit (`lineStarts`), so the line index of a version
 * needs no pass over its text, and `editFrom` gives the edit between two recent versions without
 * comparing them, for the text sent to a worker (job-texts.ts).
 */
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { LineIndex } from '@promscope/core';
import type { TextEdit } from './job-texts';

/** at most this many characters a piece (a two-byte piece of 32 Ki characters is 64 KB: a small object) */
export const MAX_PIECE = 32 * 1024;
/** the edits remembered, for `editFrom` */
const HISTORY = 8;

interface Step {
  /** the text before this step */
  before: string;
  at: number;
  remove: number;
}

/** the pieces of `text`, each at most `MAX_PIECE` characters (slices of it: nothing is copied) */
function cut(text: string): string[] {
  if (text.length <= MAX_PIECE) return [text];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += MAX_PIECE / 2) out.push(text.slice(i, i + MAX_PIECE / 2));
  return out;
}

export class EditorText {
  private pieces: string[];
  /** offset at which each line starts (line breaks: `\n`, `\r\n`, `\r`) */
  private starts: number[];
  private length: number;
  private joined: string | undefined;
  private readonly history: Step[] = [];

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private ver: number,
    content: string,
  ) {
    this.pieces = cut(content);
    this.length = content.length;
    this.joined = content;
    this.starts = new LineIndex(content).lineStarts;
  }

  get version(): number {
    return this.ver;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** the line starts of the current text (a copy: the document's own change with the next edit) */
  lineStarts(): number[] {
    return this.starts.slice();
  }

  getText(range?: Range): string {
    const text = (this.joined ??= this.pieces.reduce((a, b) => a + b));
    return range ? text.substring(this.offsetAt(range.start), this.offsetAt(range.end)) : text;
  }

  /** the characters `from`..`to` of the current text, read from the pieces they lie in */
  slice(from: number, to: number): string {
    let out = '';
    let base = 0;
    for (const p of this.pieces) {
      const end = base + p.length;
      if (end > from && base < to) out += p.slice(Math.max(0, from - base), Math.min(p.length, to - base));
      if (end >= to) break;
      base = end;
    }
    return out;
  }

  private charAt(offset: number): number {
    let base = 0;
    for (const p of this.pieces) {
      if (offset < base + p.length) return p.charCodeAt(offset - base);
      base += p.length;
    }
    return NaN;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.length));
    const line = lastAtMost(this.starts, o);
    return { line, character: this.beforeLineBreak(o, this.starts[line]!) - this.starts[line]! };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.length;
    if (position.line < 0) return 0;
    const start = this.starts[position.line]!;
    if (position.character <= 0) return start;
    const next = position.line + 1 < this.starts.length ? this.starts[position.line + 1]! : this.length;
    return this.beforeLineBreak(Math.min(start + position.character, next), start);
  }

  /** `offset`, or the end of its line's text when it lies in or after the line break (as `TextDocument`) */
  private beforeLineBreak(offset: number, lineStart: number): number {
    while (offset > lineStart) {
      const c = this.charAt(offset - 1);
      if (c !== 10 && c !== 13) break;
      offset--;
    }
    return offset;
  }

  /** Applies an editor's changes (`TextDocuments` calls it through `editorTextConfig`). */
  update(changes: TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change) {
        let s = this.offsetAt(change.range.start);
        let e = this.offsetAt(change.range.end);
        if (e < s) [s, e] = [e, s];
        this.replace(s, e, change.text);
      } else this.replace(0, this.length, change.text);
    }
    this.ver = version;
  }

  private replace(s: number, e: number, insert: string): void {
    const before = this.getText();
    // only a long text's versions are kept: a short one (a piece) is cheap to compare whole, and
    // 200 open files' last versions would be megabytes kept for nothing
    if (before.length > MAX_PIECE) {
      this.history.push({ before, at: s, remove: e - s });
      if (this.history.length > HISTORY) this.history.shift();
    } else this.history.length = 0;
    const delta = insert.length - (e - s);
    if (s === 0 && e === this.length) {
      // the whole text
      this.pieces = cut(insert);
      this.length = insert.length;
      this.joined = insert;
      this.starts = new LineIndex(insert).lineStarts;
      return;
    }
    // the pieces: those the edit touches are made one, edited, and cut again
    let first = 0;
    let base = 0;
    while (first < this.pieces.length - 1 && base + this.pieces[first]!.length < s) base += this.pieces[first++]!.length;
    let last = first;
    let lastEnd = base + this.pieces[first]!.length;
    while (last < this.pieces.length - 1 && lastEnd < e) lastEnd += this.pieces[++last]!.length;
    let touched = '';
    for (let i = first; i <= last; i++) touched += this.pieces[i];
    const edited = touched.slice(0, s - base) + insert + touched.slice(e - base);
    const made = edited.length > MAX_PIECE ? cut(edited) : edited.length > 0 || this.pieces.length === last - first + 1 ? [edited] : [];
    this.pieces.splice(first, last - first + 1, ...made);
    this.length += delta;
    this.joined = undefined;
    // the line starts: those whose character before or at them changed are found again
    const lo = firstAbove(this.starts, Math.max(0, s - 1));
    const hi = firstAbove(this.starts, e);
    const found: number[] = [];
    const end = s + insert.length;
    for (let p = Math.max(1, s); p <= end; p++) if (this.isStart(p, s, insert)) found.push(p);
    for (let i = hi; i < this.starts.length; i++) this.starts[i]! += delta;
    this.starts.splice(lo, hi - lo, ...found);
  }

  /** is `p` a line start of the new text (whose characters `s`.. are `insert`, then the old rest)? */
  private isStart(p: number, s: number, insert: string): boolean {
    const at = (o: number) => (o >= s && o < s + insert.length ? insert.charCodeAt(o - s) : this.charAt(o));
    const c = at(p - 1);
    return c === 10 || (c === 13 && at(p) !== 10);
  }

  /**
   * The edit that makes the current text of `prev`, one of the last versions of this document (the
   * same string) longer than a piece, or undefined. The edits since are merged into one: what lies
   * between their common untouched beginning and end.
   */
  editFrom(prev: string): TextEdit | undefined {
    let i = this.history.length - 1;
    while (i >= 0 && this.history[i]!.before !== prev) i--;
    if (i < 0) return undefined;
    let prefix = Infinity;
    let suffix = Infinity;
    for (let k = i; k < this.history.length; k++) {
      const st = this.history[k]!;
      prefix = Math.min(prefix, st.at);
      suffix = Math.min(suffix, st.before.length - st.at - st.remove);
    }
    return { at: prefix, remove: prev.length - prefix - suffix, insert: this.slice(prefix, this.length - suffix) };
  }
}

/** index of the last element ≤ x (sorted, first element ≤ x) */
function lastAtMost(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** index of the first element > x (a.length if none) */
function firstAbove(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** `new TextDocuments(editorTextConfig)`: open documents as `EditorText`s */
export const editorTextConfig = {
  create: (uri: string, languageId: string, version: number, content: string): EditorText => new EditorText(uri, languageId, version, content),
  update: (doc: EditorText, changes: TextDocumentContentChangeEvent[], version: number): EditorText => {
    doc.update(changes, version);
    return doc;
  },
};
