/**
 * JSON text for what crosses threads and the wire, built from cached pieces: an incremental analysis
 * hands back the same objects for every group it reused (see core/src/incremental/rule-file.ts), so
 * their JSON is written once and joined afterwards instead of re-encoding the whole file's results
 * on every keystroke. Every function here gives text that `JSON.parse`s to what `JSON.stringify`
 * would give for the same value.
 *
 * What the analyzer worker sends is only what changed since its last answer for the document
 * (`OutputEncoder` → `OutputMirror`): each piece whole, the same, or moved by the edit. The LSP
 * diagnostics of a document are encoded in the worker too, as UTF-8 bytes (`LspJson`), and published
 * by the main thread as they are (`rawDiagnosticsParams` + `jsonEncoder` on a stream transport):
 * the main thread neither converts nor encodes them.
 */
import { commonPrefix, commonSuffix, LineIndex, workspaceSignature, type Diagnostic as CoreDiagnostic, type FileSummary, type RuleGraphEntry } from '@promscope/core';
import type { Message } from 'vscode-languageserver/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import { diagnosticFeatures, diagnosticsLimit, limitPublished, omittedNotice, sameData, toDiagnostic } from './convert';

/** the JSON of plain-data objects, by identity (the objects must not be mutated once encoded: none are) */
const objectJson = new WeakMap<object, string>();

function elementJson(x: unknown): string {
  if (typeof x !== 'object' || x === null) return JSON.stringify(x) ?? 'null';
  let s = objectJson.get(x);
  if (s === undefined) objectJson.set(x, (s = JSON.stringify(x) ?? 'null'));
  return s;
}

/** `JSON.stringify(items)`, each object element encoded once per identity. */
export function cachedArrayJson(items: readonly unknown[]): string {
  // mostly new objects (every offset after an insertion moved): one JSON.stringify is faster
  let known = 0;
  for (const x of items) if (typeof x === 'object' && x !== null && objectJson.has(x)) known++;
  if (known * 2 < items.length) return JSON.stringify(items);
  const parts = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) parts[i] = elementJson(items[i]);
  return `[${parts.join(',')}]`;
}

/** `JSON.stringify(o)` for a plain object whose array properties hold the reused objects (a `FileSummary`). */
export function cachedObjectJson(o: object): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    parts.push(`${JSON.stringify(k)}:${Array.isArray(v) ? cachedArrayJson(v) : JSON.stringify(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * The LSP diagnostics of a document as JSON text encoded in UTF-8 (what a publication writes: see
 * `jsonEncoder`). Bytes rather than a string: the worker assembles them from each diagnostic's
 * cached bytes and hands the buffer to the main thread without a copy (a transfer), and the main
 * thread writes them as they are. As a string, a big file's 760 KB cost a join, a structured-clone
 * copy to the main thread and an encoding there: about 12 ms of a keystroke's 40 (medians).
 */
export type LspJson = Uint8Array;

/** how many diagnostics `lspParts` converted afresh (their JSON not reused): tests */
export const lspConversions = { count: 0 };

/** per core diagnostic: its LSP JSON (UTF-8) for one document, the positions and the client's features (convert.ts) it was computed with */
const lspJson = new WeakMap<CoreDiagnostic, { uri: string; at: number[]; features: number; json: Uint8Array }>();

/**
 * `[` the parts joined by `,` `]`, in a buffer of its own (transferable: never a slice of Node's
 * pool), not zeroed first (every byte is written): a zeroed one of 470 KB, new on every keystroke,
 * took 0.85 ms on an idle machine (the kernel's faults on new pages), an unzeroed one 0.08 ms
 */
export function joinJsonArray(parts: readonly Uint8Array[]): LspJson {
  let n = 2 + Math.max(0, parts.length - 1);
  for (const p of parts) n += p.length;
  const out: Uint8Array = Buffer.allocUnsafeSlow(n);
  out[0] = 0x5b; // [
  let at = 1;
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) out[at++] = 0x2c; // ,
    out.set(parts[i]!, at);
    at += parts[i]!.length;
  }
  out[at] = 0x5d; // ]
  return out;
}

/** the JSON text of `LspJson` */
export const lspJsonText = (b: LspJson): string => Buffer.from(b.buffer, b.byteOffset, b.length).toString('utf8');

/**
 * The LSP form of each of a document's published diagnostics (as `DiagnosticsService.publish`
 * converts them) as JSON text; undefined when a note points into another file (the main thread,
 * which knows the other documents, converts those). A diagnostic's JSON is reused while the
 * positions (line, character) of every offset it carries are the same.
 */
function lspParts(
  lines: () => LineIndex,
  ds: readonly CoreDiagnostic[],
  uri: string,
  before: { diagnostics: readonly CoreDiagnostic[]; lsp: readonly Uint8Array[] } | undefined,
  sameLines: boolean,
  typed?: Typed,
): Uint8Array[] | undefined {
  const parts = new Array<Uint8Array>(ds.length);
  const features = diagnosticFeatures();
  // The last run's diagnostic at the index where the one before matched (`k` from it), or else
  // near it: findings the edit added or removed (in its group) move the index of every later one.
  // By index alone, every diagnostic after such a keystroke (most that make an expression invalid,
  // or valid again) was converted afresh.
  const moved = before ? before.diagnostics.length - ds.length : 0;
  /** where else to look, from index `i`: the same index, the count's move, around the last match */
  const near = [0, moved, 0, 0, 0, 0];
  let k = 0;
  // neither the same lines nor a keystroke: no last JSON is reused as it is (`reused` says no)
  const search = before !== undefined && (sameLines || typed !== undefined);
  /** the part of `d` from the last run's diagnostic at index `j`, if that one converts to the same JSON */
  const reused = (d: CoreDiagnostic, j: number): Uint8Array | undefined => {
    const prev = before?.diagnostics[j];
    if (prev === undefined) return undefined;
    // the diagnostic the last run converted, over the same lines
    if (sameLines && prev === d) return before!.lsp[j];
    // the last run's diagnostic moved by a keystroke (or the same one, before it), none of its
    // offsets on the keystroke's line after it: every offset has the line and character it had
    // (no positions to find)
    if (!typed) return undefined;
    // the same diagnostic (a finding the analysis reused), wholly before the keystroke: its JSON
    if (prev === d && before!.lsp[j] !== undefined && endsBefore(d, typed.from)) return before!.lsp[j];
    const p = lspJson.get(prev);
    if (p && p.uri === uri && p.features === features && sameLspFields(prev, d) && typedMove(prev, d, typed)) {
      lspJson.set(d, p);
      return p.json;
    }
    return undefined;
  };
  for (let i = 0; i < ds.length; i++) {
    const d = ds[i]!;
    let part = search ? reused(d, i + k) : undefined;
    if (part === undefined && search) {
      near[2] = k - 1;
      near[3] = k + 1;
      near[4] = k - 2;
      near[5] = k + 2;
      for (const c of near) {
        if (c === k || (part = reused(d, i + c)) === undefined) continue;
        k = c;
        break;
      }
    }
    if (part !== undefined) {
      parts[i] = part;
      continue;
    }
    const prev = before?.diagnostics[i + k];
    const at = [d.range.start, d.range.end];
    if (d.notes) {
      for (const n of d.notes) {
        if (n.file) return undefined;
        if (n.range) at.push(n.range.start, n.range.end);
      }
    }
    // offsets → line and character (what the JSON holds)
    const pos = new Array<number>(at.length * 2);
    for (let j = 0; j < at.length; j++) {
      const p = lines().positionAt(at[j]!);
      pos[2 * j] = p.line;
      pos[2 * j + 1] = p.character;
    }
    const c = lspJson.get(d);
    // else the last run's diagnostic at this index (or the moved one), if it reads the same at the
    // same positions (typing moves the offsets of everything after the cursor, not the lines and characters)
    const samePlace = (o: CoreDiagnostic | undefined) => {
      const p = o !== undefined ? lspJson.get(o) : undefined;
      return p && p.uri === uri && p.features === features && sameItems(p.at, pos) && sameLspFields(o!, d) ? p : undefined;
    };
    const p = c === undefined ? (samePlace(prev) ?? (k !== 0 ? samePlace(before?.diagnostics[i]) : undefined)) : undefined;
    if (c && c.uri === uri && c.features === features && sameItems(c.at, pos)) parts[i] = c.json;
    else if (p) {
      lspJson.set(d, p);
      parts[i] = p.json;
    } else {
      lspConversions.count++;
      const json = Buffer.from(JSON.stringify(toDiagnostic(lines(), d, uri, () => undefined, features)), 'utf8');
      lspJson.set(d, { uri, at: pos, features, json });
      parts[i] = json;
    }
  }
  return parts;
}

/**
 * A keystroke: an edit that moved every offset from `from` on by `by` and added or removed no line
 * break; `lineEnd` is the end of its line in the old text. An old offset keeps its line and
 * character unless it lies on that line at or after `from`.
 */
interface Typed extends Shift {
  lineEnd: number;
}

const keepsPosition = (o: number, t: Typed) => o < t.from || o > t.lineEnd;

/** does every offset `d` carries lie before `from` (where an edit leaves every position as it was) */
function endsBefore(d: CoreDiagnostic, from: number): boolean {
  if (d.range.end >= from) return false;
  if (d.notes) for (const n of d.notes) if (n.range && n.range.end >= from) return false;
  return true;
}

/** does `b` carry `a`'s offsets moved by the keystroke, each keeping its line and character (the same notes, see `sameLspFields`) */
function typedMove(a: CoreDiagnostic, b: CoreDiagnostic, t: Typed): boolean {
  if (!keepsPosition(a.range.start, t) || !keepsPosition(a.range.end, t) || b.range.start !== move(a.range.start, t) || b.range.end !== move(a.range.end, t)) return false;
  const x = a.notes;
  if (!x) return true;
  const y = b.notes!;
  for (let i = 0; i < x.length; i++) {
    const r = x[i]!.range;
    const q = y[i]!.range;
    if (!r || !q) continue; // both without (sameLspFields)
    if (!keepsPosition(r.start, t) || !keepsPosition(r.end, t) || q.start !== move(r.start, t) || q.end !== move(r.end, t)) return false;
  }
  return true;
}

/** the keystroke from `a` to `b`, if that is what the edit was (see `Typed`) */
function typedEdit(a: string, b: string, shift: Shift): Typed | undefined {
  const p = shift.from;
  const q = commonSuffix(a, b, p);
  if (/[\r\n]/.test(a.slice(p, a.length - q)) || /[\r\n]/.test(b.slice(p, b.length - q))) return undefined;
  let lineEnd = a.indexOf('\n', p);
  if (lineEnd < 0) lineEnd = a.length;
  return { ...shift, lineEnd };
}

/** do two diagnostics convert to the same LSP diagnostic where their offsets are at the same positions (see `toDiagnostic`) */
function sameLspFields(a: CoreDiagnostic, b: CoreDiagnostic): boolean {
  if (a.code !== b.code || a.severity !== b.severity || a.message !== b.message) return false;
  const x = a.notes ?? [];
  const y = b.notes ?? [];
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i]!.message !== y[i]!.message || x[i]!.file !== y[i]!.file || !x[i]!.range !== !y[i]!.range) return false;
  return true;
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * What the analyzer worker sends for one analysis: each piece as JSON text, or `same` when it is
 * what it sent the last time for the document (the receiver keeps that: `OutputMirror`).
 */
export interface EncodedOutput {
  summary?: string;
  diagnostics?: string;
  /** instead of `diagnostics`: their indexes in `raw` */
  order?: number[];
  raw?: string;
  /** the published diagnostics in LSP form (absent and not `same`: a note points into another file, the main thread converts them) */
  lsp?: LspJson;
  /** the summary's `workspaceSignature` (tens of KB for a big file: sent when it changed) */
  signature?: string;
  same?: { summary?: true; diagnostics?: true; raw?: true; lsp?: true; signature?: true };
  /**
   * pieces that are the last ones with every range moved by the edit (typing moves all the
   * offsets after the cursor): see `shiftRanges`
   */
  shifted?: Shift & { summary?: true; raw?: true };
  /**
   * pieces that are the last ones, their ranges moved by `shifted`'s edit when there is one, with
   * one run of items replaced (`ListPatch`): the raw diagnostics, and each of the summary's lists
   * that changed (a keystroke in an expression changes one rule's entry and diagnostics and moves
   * the others: the list's JSON was ~0.8 MB a keystroke for a 1,000-rule file)
   */
  patched?: { raw?: ListPatch; summary?: Record<string, ListPatch> };
}

/** a list's items `at` to `at + remove` (of the last list) replaced by `items` (a JSON array) */
interface ListPatch {
  at: number;
  remove: number;
  items: string;
}

/** an edit's move of offsets: every range bound at or after `from` moves by `by` */
interface Shift {
  from: number;
  by: number;
}

/**
 * how many shifts of a piece in a row before it is sent whole again: the receiver applies the
 * shifts since the last value it read in one pass when it reads the piece (rarely: the main thread
 * reads a summary or raw diagnostics only when the workspace pass needs them), so a long chain costs
 * only that pass; a whole piece is a 10–20 ms encoding of a big file's results on a keystroke
 */
const MAX_SHIFTS = 1024;

/** what the worker last sent for a document (open documents: their analyses are incremental) */
interface Sent {
  /** the analysis' own summary and raw diagnostics (the session reuses their items: an item identical to one of them is the sent one at its index) */
  input: { summary: FileSummary; raw: readonly CoreDiagnostic[] };
  summary: FileSummary;
  diagnostics: CoreDiagnostic[];
  raw: CoreDiagnostic[];
  /**
   * the LSP JSON of each diagnostic `shown` (what was sent: `joinJsonArray` of these and of the
   * notice of the `omitted` ones), for the client's features `lspFeatures` and limit `lspLimit`
   */
  lsp?: Uint8Array[];
  lspFeatures: number;
  lspLimit: number;
  /** the diagnostics published under the limit (`diagnostics` itself when none was left out) */
  shown: readonly CoreDiagnostic[];
  /** how many diagnostics the limit left out (the last item is then their notice) */
  omitted: number;
  text: string;
  /** shifts in a row of the summary and of the raw diagnostics */
  chain: { summary: number; raw: number };
  signature: string;
  /** did the text have `used-externally` marks */
  marks: boolean;
}

/**
 * The sent diagnostic equal to `d`, else `d`: the one at its index, or at its index shifted by the
 * change in number (one finding more or fewer before it).
 */
function internDiagnostic(last: Sent, d: CoreDiagnostic, i: number, shift: number): CoreDiagnostic {
  const o = last.raw[i];
  if (o !== undefined && (last.input.raw[i] === d || sameDiagnostic(o, d))) return o;
  const k = shift !== 0 ? last.raw[i - shift] : undefined;
  return k !== undefined && sameDiagnostic(k, d) ? k : d;
}

const DIAGNOSTIC_KEYS = new Set(['code', 'severity', 'range', 'message', 'notes', 'fix']);

/**
 * Do two diagnostics have the same JSON? Field by field for the `Diagnostic` shape (checks build
 * them with exactly those fields), `sameData` for anything else.
 */
function sameDiagnostic(a: CoreDiagnostic, b: CoreDiagnostic): boolean {
  if (a === b) return true;
  if (a.code !== b.code || a.severity !== b.severity || !sameRange(a.range, b.range) || a.message !== b.message) return false;
  for (const k in a) if (!DIAGNOSTIC_KEYS.has(k)) return sameData(a, b);
  for (const k in b) if (!DIAGNOSTIC_KEYS.has(k)) return sameData(a, b);
  if (a.notes !== b.notes) {
    if (!a.notes || !b.notes || a.notes.length !== b.notes.length) return sameData(a.notes, b.notes);
    for (let i = 0; i < a.notes.length; i++) {
      const x = a.notes[i]!;
      const y = b.notes[i]!;
      if (x === y) continue;
      if (x.message !== y.message || x.file !== y.file || !(x.range === y.range || (x.range && y.range && sameRange(x.range, y.range)))) return false;
      for (const k in x) if (k !== 'message' && k !== 'file' && k !== 'range') return sameData(a.notes, b.notes);
      for (const k in y) if (k !== 'message' && k !== 'file' && k !== 'range') return sameData(a.notes, b.notes);
    }
  }
  return a.fix === b.fix || sameData(a.fix, b.fix);
}

/** same start and end, and nothing else in either (a range JSON writes whole) */
function sameRange(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  if (a.start !== b.start || a.end !== b.end) return false;
  if (a === b) return true;
  for (const k in a) if (k !== 'start' && k !== 'end') return sameData(a, b);
  for (const k in b) if (k !== 'start' && k !== 'end') return sameData(a, b);
  return true;
}

const MAX_DOCUMENTS = 32;

/**
 * The worker side: encodes an analysis' output for the main thread. For a document analysed
 * incrementally, it keeps what it sent, replaces the new diagnostics and summary items that are
 * equal to sent ones by those (their JSON is cached), and says `same` for any piece that did not
 * change: on a keystroke in one group, most of a big file's results (the file-scope checks' among
 * them, which are re-created by every run) are neither encoded nor copied again.
 */
export class OutputEncoder {
  private readonly sent = new Map<string, Sent>();

  /** also the summary's `workspaceSignature` (recomputed only when the summary or the text's marks changed) */
  encode(uri: string, text: string, keep: boolean, summary: FileSummary, diagnostics: CoreDiagnostic[], raw: CoreDiagnostic[]): EncodedOutput {
    return this.begin(uri, text, keep, summary, diagnostics, raw).finish();
  }

  /**
   * `encode` in two halves: first the LSP text of the diagnostics (what the main thread publishes:
   * the worker sends it at once), then `finish`, the pieces the main thread keeps (the summary, the
   * core diagnostics, the signature), which the worker encodes while the LSP text is on its way to
   * the editor. Nothing is kept for the document until `finish` (an exception in between leaves
   * nothing of it, as `keep: false` would).
   */
  begin(uri: string, text: string, keep: boolean, summary: FileSummary, diagnostics: CoreDiagnostic[], raw: CoreDiagnostic[]): EncodingInProgress {
    const last = this.sent.get(uri);
    this.sent.delete(uri);
    const input = { summary, raw };
    if (last) {
      const sentOf = new Map<CoreDiagnostic, CoreDiagnostic>();
      const shift = raw.length - last.raw.length;
      raw = raw.map((d, i) => {
        const o = internDiagnostic(last, d, i, shift);
        sentOf.set(d, o);
        return o;
      });
      diagnostics = diagnostics.map((d, i) => sentOf.get(d) ?? internDiagnostic(last, d, i, shift));
    }
    // the edit's move of offsets, when the text's length changed
    let shift: Shift | undefined;
    if (last && last.text.length !== text.length) shift = { from: commonPrefix(last.text, text), by: text.length - last.text.length };
    // the same line breaks (and length): every offset has the position it had in the last run
    const sameLines = last !== undefined && sameLineBreaks(last.text, text);
    // the line index is built on first use (a keystroke that keeps every line break needs none)
    let index: LineIndex | undefined;
    const typed = last?.lsp && shift ? typedEdit(last.text, text, shift) : undefined;
    const lspFeatures = diagnosticFeatures();
    const lspLimit = diagnosticsLimit();
    // what is published: the diagnostics under the client's limit, and a notice of the others
    const shown = limitPublished(diagnostics, lspLimit);
    const omitted = diagnostics.length - shown.length;
    const lastLsp = last?.lsp && last.lspFeatures === lspFeatures && last.lspLimit === lspLimit ? last.lsp : undefined;
    const lsp = lspParts(() => (index ??= new LineIndex(text)), shown, uri, lastLsp ? { diagnostics: last!.shown, lsp: lastLsp } : undefined, sameLines, typed);
    const lspSame = lsp !== undefined && lastLsp !== undefined && sameItems(lastLsp, lsp) && last!.omitted === omitted;
    // a buffer of its own, not kept here: the caller may transfer it to another thread
    const lspBytes = lsp === undefined ? undefined : lspSame ? 'same' : joinJsonArray(omitted > 0 ? [...lsp, Buffer.from(JSON.stringify(omittedNotice(omitted, lspLimit)), 'utf8')] : lsp);
    return {
      lsp: lspBytes,
      finish: () => {
        if (last) summary = internSummary(last.input.summary, last.summary, summary);
        const out: EncodedOutput = {};
        const same: NonNullable<EncodedOutput['same']> = {};
        const shifted: NonNullable<EncodedOutput['shifted']> | undefined = shift && { ...shift };
        const chain = { summary: 0, raw: 0 };
        const patched: NonNullable<EncodedOutput['patched']> = {};
        // a piece the same as the last one sent, or it with every range moved by the edit, or that
        // with a run of items replaced, or its JSON
        const piece = <P extends ListPatch | Record<string, ListPatch>>(
          k: 'summary' | 'raw',
          unchanged: boolean,
          movedEqual: (s: Shift) => boolean,
          patch: (s: Shift) => P | undefined,
          json: () => string,
        ) => {
          let p: P | undefined;
          if (last && unchanged) {
            same[k] = true;
            chain[k] = last.chain[k];
          } else if (last && shift && last.chain[k] < MAX_SHIFTS && movedEqual(shift)) {
            shifted![k] = true;
            chain[k] = last.chain[k] + 1;
          } else if (last && last.chain[k] < MAX_SHIFTS && (p = patch(shift ?? NO_SHIFT)) !== undefined) {
            (patched as Record<string, P>)[k] = p;
            chain[k] = last.chain[k] + 1;
          } else out[k] = json();
        };
        piece(
          'summary',
          last?.summary === summary,
          (s) => shiftedSummaryEqual(last!.summary, summary, s),
          (s) => summaryPatch(last!.summary, summary, s),
          () => cachedObjectJson(summary),
        );
        if (last && sameItems(last.diagnostics, diagnostics)) same.diagnostics = true;
        else {
          // usually the raw ones, sorted, some dropped: their indexes are enough
          const at = new Map<CoreDiagnostic, number>();
          raw.forEach((d, i) => at.set(d, i));
          const order = diagnostics.map((d) => at.get(d) ?? -1);
          if (order.includes(-1)) out.diagnostics = cachedArrayJson(diagnostics);
          else out.order = order;
        }
        piece(
          'raw',
          !!last && sameItems(last.raw, raw),
          (s) => shiftedDiagnosticsEqual(last!.raw, raw, s),
          (s) => listPatch(last!.raw, raw, s, shiftedDiagnostic),
          () => cachedArrayJson(raw),
        );
        if (patched.summary || patched.raw) out.patched = patched;
        if (shifted && (shifted.summary || shifted.raw || out.patched)) out.shifted = shifted;
        if (lspBytes === 'same') same.lsp = true;
        else if (lspBytes !== undefined) out.lsp = lspBytes;
        // the signature reads the summary and the text's `used-externally` marks
        const marks = text.includes('used-externally');
        // (a summary with its ranges moved has the names, places in the groups and uses it had)
        const signature = last && (same.summary || shifted?.summary) && !marks && !last.marks ? last.signature : workspaceSignature(summary, text);
        if (last && last.signature === signature) same.signature = true;
        else out.signature = signature;
        if (Object.keys(same).length > 0) out.same = same;
        if (keep) {
          this.sent.set(uri, { input, summary, diagnostics, raw, lsp, lspFeatures, lspLimit, shown, omitted, signature, marks, text, chain });
          if (this.sent.size > MAX_DOCUMENTS) this.sent.delete(this.sent.keys().next().value!);
        }
        return out;
      },
    };
  }
}

/** `OutputEncoder.begin`: the LSP JSON now, the rest with `finish` */
export interface EncodingInProgress {
  /**
   * the diagnostics' LSP JSON: new bytes (`finish` puts the same buffer in its output), `'same'`
   * as sent last for the document, or undefined (a note points into another file)
   */
  lsp?: LspJson | 'same';
  finish(): EncodedOutput;
}

/**
 * The sent summary when the new one equals it, else the new one with each equal item replaced by
 * the sent one. `input`: the summary the sent one was made from (an item identical to its item at
 * that index is equal to the sent one).
 */
function internSummary(input: FileSummary, old: FileSummary, s: FileSummary): FileSummary {
  let same = old.path === s.path && old.kind === s.kind;
  const out = { ...s } as Record<string, unknown>;
  const prev = old as unknown as Record<string, unknown>;
  const prevIn = input as unknown as Record<string, unknown>;
  for (const k of new Set([...Object.keys(prev), ...Object.keys(out)])) {
    const a = prev[k];
    const b = out[k];
    const inA = prevIn[k];
    if (Array.isArray(a) && Array.isArray(b) && Array.isArray(inA) && inA.length === a.length) {
      let all = a.length === b.length;
      const items = b.map((x, i) => {
        if (i < a.length && (inA[i] === x || a[i] === x || (!movedItem(a[i], x) && sameData(a[i], x)))) return a[i];
        all = false;
        return x;
      });
      out[k] = all ? a : items;
      if (!all) same = false;
    } else if (a !== b && !sameData(a, b)) same = false;
  }
  return same ? old : (out as unknown as FileSummary);
}

/** a summary item at another place or of another name (most items after an insertion): not equal, without comparing the rest */
function movedItem(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const x = a as { name?: unknown; range?: { start: number }; nameRange?: { start: number } };
  const y = b as typeof x;
  return x.name !== y.name || x.range?.start !== y.range?.start || x.nameRange?.start !== y.nameRange?.start;
}

/**
 * Does every offset of `b` have the line and character it has in `a`? The same length, and no line
 * break in what differs between them.
 */
function sameLineBreaks(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const p = commonPrefix(a, b);
  if (p === a.length) return true;
  const q = commonSuffix(a, b, p);
  return !/[\r\n]/.test(a.slice(p, a.length - q)) && !/[\r\n]/.test(b.slice(p, b.length - q));
}

/** a range: an object of exactly two number properties, `start` and `end` */
function isRange(x: object): x is { start: number; end: number } {
  const r = x as { start?: unknown; end?: unknown };
  if (typeof r.start !== 'number' || typeof r.end !== 'number') return false;
  let n = 0;
  for (const _ in x) n++;
  return n === 2;
}

/** an offset after an edit (the sender's check and the receiver's copy both use this) */
const move = (v: number, s: Shift) => (v >= s.from ? v + s.by : v);

const moved = (v: number, shifts: readonly Shift[]) => {
  for (const s of shifts) v = move(v, s);
  return v;
};

/**
 * Plain data with every range (see `isRange`) moved by the shifts, in order: what the receiver
 * makes of a piece the sender found `shiftedEqual`. What no shift moves is the same object (the
 * pieces are never mutated): a keystroke moves the ranges after it, and the items before it are
 * not copied again. (Copying whole pieces, the workspace pass's reading of a 1,000-rule file's
 * summary was 40% of what the main thread allocated while the user typed.)
 */
export function shiftRanges(x: unknown, shifts: readonly Shift[]): unknown {
  if (typeof x !== 'object' || x === null) return x;
  if (Array.isArray(x)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < x.length; i++) {
      const v: unknown = x[i];
      const w = shiftRanges(v, shifts);
      if (w !== v && out === undefined) out = x.slice();
      if (out !== undefined) out[i] = w;
    }
    return out ?? x;
  }
  if (isRange(x)) {
    const start = moved(x.start, shifts);
    const end = moved(x.end, shifts);
    return start === x.start && end === x.end ? x : { start, end };
  }
  let out: Record<string, unknown> | undefined;
  const o = x as Record<string, unknown>;
  for (const k in o) {
    const v = o[k];
    const w = shiftRanges(v, shifts);
    if (w !== v && out === undefined) out = { ...o };
    if (out !== undefined) out[k] = w;
  }
  return out ?? x;
}

/** is `b` (as JSON) `shiftRanges(a, [s])`? */
export function shiftedEqual(a: unknown, b: unknown, s: Shift): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return sameData(a, b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!shiftedEqual(a[i], b[i], s)) return false;
    return true;
  }
  if (isRange(a)) {
    const r = b as { start?: unknown; end?: unknown };
    return isRange(b) && r.start === move(a.start, s) && r.end === move(a.end, s);
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    const v = x[k];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    n++;
    if (!Object.prototype.hasOwnProperty.call(y, k) || !shiftedEqual(v, y[k], s)) return false;
  }
  for (const k in y) {
    const v = y[k];
    if (!(v === undefined || typeof v === 'function' || typeof v === 'symbol')) n--;
  }
  return n === 0;
}

/** `shiftedEqual` for lists of diagnostics: field by field for the `Diagnostic` shape, the generic walk for anything else */
export function shiftedDiagnosticsEqual(a: readonly CoreDiagnostic[], b: readonly CoreDiagnostic[], s: Shift): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!shiftedDiagnostic(a[i]!, b[i]!, s)) return false;
  return true;
}

function shiftedDiagnostic(a: CoreDiagnostic, b: CoreDiagnostic, s: Shift): boolean {
  if (a.code !== b.code || a.message !== b.message || a.severity !== b.severity) return false;
  if (typeof a.range !== 'object' || typeof b.range !== 'object' || a.range === null || b.range === null) return shiftedEqual(a, b, s);
  if (!shiftedRange(a.range, b.range, s)) return false;
  for (const k in a) if (!DIAGNOSTIC_KEYS.has(k)) return shiftedEqual(a, b, s);
  for (const k in b) if (!DIAGNOSTIC_KEYS.has(k)) return shiftedEqual(a, b, s);
  if ((a.notes !== undefined || b.notes !== undefined) && !shiftedEqual(a.notes, b.notes, s)) return false;
  return (a.fix === undefined && b.fix === undefined) || shiftedEqual(a.fix, b.fix, s);
}

/** no move: a patch of a text of the same length (a list's items compared as they are) */
const NO_SHIFT: Shift = { from: 0, by: 0 };

/**
 * `b` as `a` with its items moved by `s` but for one run, replaced: the items before and after the
 * run are compared with `item` (is `y` `x` moved by `s`?). Undefined when most of the list changed
 * (its JSON then is the cheaper to send and to read).
 */
function listPatch<T>(a: readonly T[], b: readonly T[], s: Shift, item: (x: T, y: T, s: Shift) => boolean): ListPatch | undefined {
  if (!Array.isArray(a) || !Array.isArray(b)) return undefined;
  const n = Math.min(a.length, b.length);
  let p = 0;
  while (p < n && item(a[p]!, b[p]!, s)) p++;
  let q = 0;
  while (q < n - p && item(a[a.length - 1 - q]!, b[b.length - 1 - q]!, s)) q++;
  const changed = b.length - p - q;
  if (changed > 8 && changed * 2 > b.length) return undefined;
  return { at: p, remove: a.length - p - q, items: cachedArrayJson(b.slice(p, b.length - q)) };
}

/**
 * `b` as `a`, moved by `s`, with a run of items replaced in some of its lists (`listPatch`; the
 * lists left out are `a`'s moved): for summaries of the `FileSummary` shape with the same path,
 * kind and presence of rules, else undefined.
 */
function summaryPatch(a: FileSummary, b: FileSummary, s: Shift): Record<string, ListPatch> | undefined {
  for (const k in a) if (!SUMMARY_KEYS.has(k)) return undefined;
  for (const k in b) if (!SUMMARY_KEYS.has(k)) return undefined;
  if (a.path !== b.path || a.kind !== b.kind || (a.rules === undefined) !== (b.rules === undefined)) return undefined;
  const out: Record<string, ListPatch> = {};
  const list = <T>(k: string, x: readonly T[], y: readonly T[], item: (x: T, y: T, s: Shift) => boolean): boolean => {
    const p = listPatch(x, y, s, item);
    if (p === undefined) return false;
    if (p.remove !== 0 || p.at !== y.length) out[k] = p;
    return true;
  };
  for (const k of REF_LISTS) if (!list(k, a[k], b[k], shiftedRef)) return undefined;
  if (a.rules && b.rules && !list('rules', a.rules, b.rules, shiftedEntry)) return undefined;
  return out;
}

const SUMMARY_KEYS = new Set(['path', 'kind', 'recordedMetrics', 'alerts', 'ruleFileRefs', 'testedAlerts', 'rules']);
const REF_LISTS = ['recordedMetrics', 'alerts', 'ruleFileRefs', 'testedAlerts'] as const;
const ENTRY_KEYS = new Set(['group', 'groupIndex', 'index', 'kind', 'name', 'nameRange', 'uses']);

/** `shiftedEqual` for file summaries: field by field for the `FileSummary` shape, the generic walk for anything else */
export function shiftedSummaryEqual(a: FileSummary, b: FileSummary, s: Shift): boolean {
  for (const k in a) if (!SUMMARY_KEYS.has(k)) return shiftedEqual(a, b, s);
  for (const k in b) if (!SUMMARY_KEYS.has(k)) return shiftedEqual(a, b, s);
  if (a.path !== b.path || a.kind !== b.kind) return false;
  for (const k of REF_LISTS) if (!shiftedList(a[k], b[k], s, shiftedRef)) return false;
  if (a.rules === undefined || b.rules === undefined) return a.rules === b.rules;
  return shiftedList(a.rules, b.rules, s, shiftedEntry);
}

function shiftedList<T>(a: readonly T[], b: readonly T[], s: Shift, item: (x: T, y: T, s: Shift) => boolean): boolean {
  if (!Array.isArray(a) || !Array.isArray(b)) return shiftedEqual(a, b, s);
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!item(a[i]!, b[i]!, s)) return false;
  return true;
}

/** a `NamedRef` (or a `MetricUse`): its name and kind, its range moved */
function shiftedRef(a: { name: string; kind?: string; range: object }, b: { name: string; kind?: string; range: object }, s: Shift): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || a.name !== b.name || a.kind !== b.kind) return shiftedEqual(a, b, s);
  let n = 0;
  for (const k in a) {
    if (k !== 'name' && k !== 'kind' && k !== 'range') return shiftedEqual(a, b, s);
    if (a[k] !== undefined) n++;
  }
  for (const k in b) {
    if (k !== 'name' && k !== 'kind' && k !== 'range') return shiftedEqual(a, b, s);
    if (b[k] !== undefined) n--;
  }
  return n === 0 && (typeof a.range === 'object' && typeof b.range === 'object' && a.range !== null && b.range !== null ? shiftedRange(a.range, b.range, s) : shiftedEqual(a.range, b.range, s));
}

/** a rule's graph entry (`RuleGraphEntry`) */
function shiftedEntry(a: RuleGraphEntry, b: RuleGraphEntry, s: Shift): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return shiftedEqual(a, b, s);
  if (a.name !== b.name || a.index !== b.index || a.groupIndex !== b.groupIndex || a.kind !== b.kind || a.group !== b.group) return false;
  let n = 0;
  for (const k in a) {
    if (!ENTRY_KEYS.has(k)) return shiftedEqual(a, b, s);
    if ((a as unknown as Record<string, unknown>)[k] !== undefined) n++;
  }
  for (const k in b) {
    if (!ENTRY_KEYS.has(k)) return shiftedEqual(a, b, s);
    if ((b as unknown as Record<string, unknown>)[k] !== undefined) n--;
  }
  if (n !== 0 || typeof a.nameRange !== 'object' || typeof b.nameRange !== 'object' || a.nameRange === null || b.nameRange === null) return n === 0 && shiftedEqual(a, b, s);
  return shiftedRange(a.nameRange, b.nameRange, s) && shiftedList(a.uses, b.uses, s, shiftedRef);
}

/** `shiftedEqual` of two objects in a range's place */
function shiftedRange(a: object, b: object, s: Shift): boolean {
  if (!isRange(a)) return shiftedEqual(a, b, s);
  const r = b as { start?: unknown; end?: unknown };
  return r.start === move(a.start, s) && r.end === move(a.end, s) && isRange(b);
}

/**
 * The main thread side of `OutputEncoder`: each piece parsed from its JSON on first read, and a
 * `same` piece taken from the document's last output.
 */
export class OutputMirror {
  private readonly last = new Map<string, MirroredOutput>();

  /** the LSP JSON decoded last for the document */
  lastLsp(uri: string): LspJson | undefined {
    return this.last.get(uri)?.lsp;
  }

  /**
   * the pieces as lazy properties (`summary`, `diagnostics`, `raw`), the LSP text and the signature; `keep`: as the encoder was told.
   * The lazy pieces are made by functions outside this one: a closure made here would share this
   * call's scope, and with it `last`, the document's previous output (which holds the one before
   * it...): every unread version of a document was kept (0.8 MB each for a 1,000-rule file).
   */
  decode(uri: string, keep: boolean, e: EncodedOutput): { props: PropertyDescriptorMap; lsp?: LspJson; signature: string } {
    const last = this.last.get(uri);
    this.last.delete(uri);
    const signature = e.signature ?? (e.same?.signature ? last?.signature : undefined);
    if (signature === undefined) throw new Error('analysis output without its signature');
    const summary = decodePiece('summary', e, last);
    const raw = decodePiece('raw', e, last);
    const diagnostics = decodeDiagnostics(e, raw, last?.diagnostics);
    const next: MirroredOutput = { summary, raw, diagnostics, lsp: e.lsp ?? (e.same?.lsp ? last?.lsp : undefined), signature };
    if (keep) {
      this.last.set(uri, next);
      if (this.last.size > MAX_DOCUMENTS) this.last.delete(this.last.keys().next().value!);
    }
    return { props: { summary: summary.value, diagnostics, raw: raw.value }, lsp: next.lsp, signature };
  }
}

/** what `OutputMirror` keeps of a document's last output */
interface MirroredOutput {
  summary: Piece;
  raw: Piece;
  diagnostics: PropertyDescriptor;
  lsp?: LspJson;
  signature: string;
}

/** a piece of an output: sent whole, the same as the last, or the last one shifted */
function decodePiece(name: 'summary' | 'raw', e: EncodedOutput, last: MirroredOutput | undefined): Piece {
  const text = e[name];
  if (text !== undefined) {
    const base = lazyJson(text);
    return { base, shifts: [], value: base };
  }
  const was = last?.[name];
  if (was && e.same?.[name]) return was;
  const patch = e.patched?.[name];
  if (was && patch) return patchedPiece(was, e.shifted && { from: e.shifted.from, by: e.shifted.by }, name === 'raw' ? (patch as ListPatch) : undefined, name === 'summary' ? (patch as Record<string, ListPatch>) : undefined);
  if (!was || !e.shifted?.[name]) throw new Error(`analysis output without its ${name}`);
  return shiftedPiece(was, { from: e.shifted.from, by: e.shifted.by });
}

/** the last value, moved by the edit's shift, with runs of items replaced: a list (`list`) or the lists of an object (`lists`) */
function patchedPiece(was: Piece, shift: Shift | undefined, list: ListPatch | undefined, lists: Record<string, ListPatch> | undefined): Piece {
  const base = lazy(() => {
    const prev = was.value.get!();
    const v = shift ? shiftRanges(prev, [shift]) : prev;
    if (list) return spliced(v as readonly unknown[], list);
    const o = { ...(v as Record<string, readonly unknown[]>) };
    for (const [k, p] of Object.entries(lists!)) o[k] = spliced(o[k]!, p);
    return o;
  });
  return { base, shifts: [], value: base };
}

function spliced(items: readonly unknown[], p: ListPatch): unknown[] {
  return [...items.slice(0, p.at), ...(JSON.parse(p.items) as unknown[]), ...items.slice(p.at + p.remove)];
}

/** the last value with its ranges moved: all the moves since the last value read, applied at once */
function shiftedPiece(was: Piece, shift: Shift): Piece {
  const shifts = [...was.shifts, shift];
  const p: Piece = {
    base: was.base,
    shifts,
    value: lazy(() => {
      const v = shiftRanges(p.base.get!(), p.shifts);
      // read: the next pieces start from this value (those made meanwhile keep their own chain)
      p.base = { get: () => v };
      p.shifts = [];
      return v;
    }),
  };
  return p;
}

function decodeDiagnostics(e: EncodedOutput, raw: Piece, last: PropertyDescriptor | undefined): PropertyDescriptor {
  if (e.diagnostics !== undefined) return lazyJson(e.diagnostics);
  if (e.order) return orderedDiagnostics(e.order, raw);
  if (e.same?.diagnostics && last) return last;
  throw new Error('analysis output without its diagnostics');
}

function orderedDiagnostics(order: readonly number[], raw: Piece): PropertyDescriptor {
  return lazy(() => order.map((i) => (raw.value.get!() as unknown[])[i]));
}

/** a piece on the receiving side: a whole value (JSON parsed when read) and the shifts since */
interface Piece {
  base: PropertyDescriptor;
  shifts: Shift[];
  value: PropertyDescriptor;
}

/** a property parsed from JSON text on first read (the text is then let go) */
function lazyJson(json: string): PropertyDescriptor {
  return lazy(() => JSON.parse(json));
}

/** a property computed on first read */
function lazy(compute: () => unknown): PropertyDescriptor {
  let f: (() => unknown) | undefined = compute;
  let value: unknown;
  return {
    enumerable: true,
    get() {
      if (f !== undefined) {
        value = f();
        f = undefined;
      }
      return value;
    },
  };
}

/** params whose diagnostics are already JSON (written as they are by `jsonEncoder`) */
const rawParams = new WeakMap<object, LspJson>();

/**
 * Does the transport write diagnostics given as JSON bytes as they are (`jsonEncoder` is its
 * encoder: stdio)? Over IPC, Node serializes every message itself: the text would be parsed again
 * only to be serialized, and converting the core diagnostics (kept parsed) is cheaper.
 */
let rawWrites = false;
export const writesRawDiagnostics = () => rawWrites;

/** `jsonEncoder` is the transport's encoder (see `writesRawDiagnostics`) */
export function useRawDiagnostics(): void {
  rawWrites = true;
}

/**
 * `publishDiagnostics` params over diagnostics given as JSON (`LspJson`). `jsonEncoder` writes the
 * bytes as they are; any other path (the IPC transport, a trace) reads `diagnostics`, parsed on first read.
 */
export function rawDiagnosticsParams(uri: string, version: number | undefined, diagnosticsJson: LspJson): PublishDiagnosticsParams {
  let parsed: PublishDiagnosticsParams['diagnostics'] | undefined;
  const params: PublishDiagnosticsParams = {
    uri,
    version,
    get diagnostics() {
      return (parsed ??= JSON.parse(lspJsonText(diagnosticsJson)) as PublishDiagnosticsParams['diagnostics']);
    },
  };
  rawParams.set(params, diagnosticsJson);
  return params;
}

/**
 * The JSON content encoder of the stream transports (as vscode-jsonrpc's own, `JSON.stringify`),
 * except that diagnostics given as JSON bytes (`rawDiagnosticsParams`) are written as they are.
 */
export const jsonEncoder = {
  name: 'application/json',
  encode(msg: Message, options: { charset: BufferEncoding }): Promise<Uint8Array> {
    try {
      const m = msg as Message & { method?: string; params?: unknown };
      const raw = typeof m.params === 'object' && m.params !== null ? rawParams.get(m.params) : undefined;
      if (raw === undefined) return Promise.resolve(Buffer.from(JSON.stringify(msg, undefined, 0), options.charset));
      const p = m.params as PublishDiagnosticsParams;
      const version = p.version === undefined ? '' : `,"version":${JSON.stringify(p.version)}`;
      const head = `{"jsonrpc":${JSON.stringify(m.jsonrpc)},"method":${JSON.stringify(m.method)},"params":{"uri":${JSON.stringify(p.uri)}${version},"diagnostics":`;
      // the three parts written into one buffer: the diagnostics' bytes (hundreds of KB for a big
      // file) copied as they are (UTF-8, the charset of every LSP client; any other is re-encoded)
      const cs = options.charset;
      const utf8 = /^utf-?8$/i.test(cs);
      const body = utf8 ? raw : Buffer.from(lspJsonText(raw), cs);
      const headBytes = Buffer.byteLength(head, cs);
      const out = Buffer.allocUnsafe(headBytes + body.length + 2);
      out.write(head, 0, cs);
      out.set(body, headBytes);
      out.write('}}', headBytes + body.length, cs);
      return Promise.resolve(out);
    } catch (e) {
      return Promise.reject(e);
    }
  },
};
