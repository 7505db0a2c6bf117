/** Conversions between the core's plain data (offsets) and LSP types (positions). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CompletionEntry, Diagnostic as CoreDiagnostic, LineIndex, Range as CoreRange, SymbolKind as CoreSymbolKind, TextEdit as CoreTextEdit } from '@promscope/core';
import {
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  SymbolKind,
  type CompletionItem,
  type Diagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver';

/**
 * Do two values of plain data (diagnostics, alerts...) serialize to the same JSON, up to key order?
 * Compares in place, stopping at the first difference, where comparing `JSON.stringify`s would
 * build both strings whole.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return jsonScalar(a) === jsonScalar(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    // in an array, what JSON leaves out of an object is null
    for (let i = 0; i < a.length; i++) if (!sameData(omitted(a[i]) ? null : a[i], omitted(b[i]) ? null : b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k of Object.keys(x)) {
    if (omitted(x[k])) continue;
    n++;
    if (!Object.prototype.hasOwnProperty.call(y, k) || omitted(y[k]) || !sameData(x[k], y[k])) return false;
  }
  for (const k of Object.keys(y)) if (!omitted(y[k])) n--;
  return n === 0;
}

/** values JSON leaves out of an object */
const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';
/** a scalar as JSON writes it (NaN and the infinities are null) */
const jsonScalar = (v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);

export function toRange(lines: LineIndex, r: CoreRange): Range {
  return { start: lines.positionAt(r.start), end: lines.positionAt(r.end) };
}

export function toOffsets(lines: LineIndex, r: Range): CoreRange {
  return { start: lines.offsetAt(r.start), end: lines.offsetAt(r.end) };
}

export function toTextEdit(lines: LineIndex, e: CoreTextEdit): TextEdit {
  return { range: toRange(lines, e.range), newText: e.newText };
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** Where the docs of a check live: the repository's docs/checks/<code>.md next to the bundle. */
function docsBase(): string | undefined {
  try {
    const here = path.dirname(fileURLToPath(import.meta.url));
    for (const up of ['../../../docs/checks', '../../docs/checks']) {
      const dir = path.resolve(here, up);
      if (existsSync(dir)) return pathToFileURL(dir).href;
    }
  } catch {
    // no docs next to the server
  }
  return undefined;
}
const DOCS = docsBase();
const DOCS_ONLINE = 'https://promscope.dev/checks';

const docsUrls = new Map<string, string>();

export function checkDocsUrl(code: string): string {
  let url = docsUrls.get(code);
  if (url === undefined) docsUrls.set(code, (url = `${DOCS ?? DOCS_ONLINE}/${code}${DOCS ? '.md' : ''}`));
  return url;
}

/**
 * The optional parts of a published diagnostic that the client said it supports (its
 * `textDocument.publishDiagnostics` capabilities): bit `RELATED_INFORMATION` (notes as related
 * locations; without it, a note is a line of the message with its place), bit `CODE_DESCRIPTION`
 * (the link to the check's docs; without it, none). A client that declares neither gets a third
 * fewer bytes in each publication of the soak's 1,000-rule file (760 → 520 KB).
 */
export const RELATED_INFORMATION = 1;
export const CODE_DESCRIPTION = 2;
export const ALL_DIAGNOSTIC_FEATURES = RELATED_INFORMATION | CODE_DESCRIPTION;

export function diagnosticFeaturesOf(caps: { relatedInformation?: boolean; codeDescriptionSupport?: boolean } | undefined): number {
  return (caps?.relatedInformation ? RELATED_INFORMATION : 0) | (caps?.codeDescriptionSupport ? CODE_DESCRIPTION : 0);
}

/** this thread's client's features (set once the client has said, see server.ts; all until then) */
let clientFeatures = ALL_DIAGNOSTIC_FEATURES;
export const diagnosticFeatures = (): number => clientFeatures;
export function setDiagnosticFeatures(features: number): void {
  clientFeatures = features;
}

/**
 * At most this many diagnostics in one file's publication (0: all of them): the client's setting
 * `maxDiagnosticsPerFile` (set on the main thread from the settings, and in the analyzer from each
 * job, as the features are). VS Code shows at most 1,000 per file and drops the rest itself (errors
 * first, then warnings, then the others), after its extension host has received, parsed and
 * converted them all: the VS Code extension sets 1,000, so that the server sends only what will be
 * shown (a 1,000-rule file with 1,644 findings: a publication 40% smaller on every keystroke).
 */
let publicationLimit = 0;
export const diagnosticsLimit = (): number => publicationLimit;
export function setDiagnosticsLimit(limit: number): void {
  publicationLimit = limit;
}

const RANK = { error: 0, warning: 1, info: 2 } as const;

/**
 * The diagnostics a publication carries under `limit` (0: all): chosen as VS Code chooses the ones it
 * shows (every error, then warnings, then infos, each in their order, until `limit`), and kept in
 * their order. The list itself when nothing is left out.
 */
export function limitPublished<T extends { severity: CoreDiagnostic['severity'] }>(ds: readonly T[], limit: number): readonly T[] {
  if (limit <= 0 || ds.length <= limit) return ds;
  const count = [0, 0, 0];
  for (const d of ds) count[RANK[d.severity]]++;
  // the ranks below `cut` are kept whole, the first `left` of rank `cut`, none of the others
  let left = limit;
  let cut = 0;
  while (cut < 3 && count[cut]! <= left) left -= count[cut++]!;
  const out: T[] = [];
  for (const d of ds) {
    const r = RANK[d.severity];
    if (r < cut || (r === cut && left-- > 0)) out.push(d);
  }
  return out;
}

/** The last item of a publication that leaves `omitted` diagnostics out: says so, at the top of the file. */
export function omittedNotice(omitted: number, limit: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: 'promscope',
    message: `${omitted} more finding${omitted === 1 ? ' is' : 's are'} not shown: at most ${limit} are published per file (setting \`maxDiagnosticsPerFile\`). \`promscope check\` lists them all.`,
  };
}

/** A publication's diagnostics: `ds` under the limit, converted, and the notice of what was left out. */
export function toPublished(ds: readonly CoreDiagnostic[], convert: (d: CoreDiagnostic) => Diagnostic, limit = publicationLimit): Diagnostic[] {
  const shown = limitPublished(ds, limit);
  const out = shown.map(convert);
  if (shown.length < ds.length) out.push(omittedNotice(ds.length - shown.length, limit));
  return out;
}

export function toDiagnostic(
  lines: LineIndex,
  d: CoreDiagnostic,
  uri: string,
  otherFile: (file: string) => { uri: string; lines?: LineIndex } | undefined,
  features = clientFeatures,
): Diagnostic {
  const out: Diagnostic = {
    range: toRange(lines, d.range),
    severity: SEVERITY[d.severity],
    code: d.code,
    ...(features & CODE_DESCRIPTION ? { codeDescription: { href: checkDocsUrl(d.code) } } : {}),
    source: 'promscope',
    message: d.message,
  };
  if (!d.notes?.length) return out;
  const related = [];
  for (const n of d.notes) {
    if (!n.range) {
      // notes without a place are part of the message
      out.message += '\n' + n.message;
      continue;
    }
    const other = n.file ? otherFile(n.file) : undefined;
    const at = n.file ? (other?.lines ? { uri: other.uri, range: toRange(other.lines, n.range) } : undefined) : { uri, range: toRange(lines, n.range) };
    if (!at) continue;
    if (features & RELATED_INFORMATION) related.push({ location: at, message: n.message });
    // a line of the message, with its place as the CLI writes it (1-based)
    else out.message += `\n${n.message} (${at.uri === uri ? '' : `${decodeURIComponent(path.basename(new URL(at.uri).pathname))}, `}line ${at.range.start.line + 1}, column ${at.range.start.character + 1})`;
  }
  if (related.length) out.relatedInformation = related;
  return out;
}

const COMPLETION_KIND: Record<CompletionEntry['kind'], CompletionItemKind> = {
  function: CompletionItemKind.Function,
  aggregation: CompletionItemKind.Operator,
  keyword: CompletionItemKind.Keyword,
  operator: CompletionItemKind.Operator,
  metric: CompletionItemKind.Constant,
  label: CompletionItemKind.Field,
  'label-value': CompletionItemKind.Value,
  duration: CompletionItemKind.Unit,
  key: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
};

export function toCompletionItem(lines: LineIndex, c: CompletionEntry): CompletionItem {
  const item: CompletionItem = {
    label: c.label,
    kind: COMPLETION_KIND[c.kind],
    textEdit: { range: toRange(lines, c.range), newText: c.insertText ?? c.label },
  };
  if (c.detail) item.detail = c.detail;
  if (c.documentation) item.documentation = { kind: 'markdown', value: c.documentation };
  if (c.snippet) item.insertTextFormat = InsertTextFormat.Snippet;
  if (c.sortText) item.sortText = c.sortText;
  if (c.filterText) item.filterText = c.filterText;
  return item;
}

export const SYMBOL_KIND: Record<CoreSymbolKind, SymbolKind> = {
  group: SymbolKind.Namespace,
  record: SymbolKind.Variable,
  alert: SymbolKind.Event,
  'scrape-job': SymbolKind.Module,
  receiver: SymbolKind.Interface,
  test: SymbolKind.Method,
};
