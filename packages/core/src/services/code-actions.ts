/**
 * Code actions for diagnostics: the quick fix a check attached (`fix`), and "disable this check
 * for this line" (a `# promscope-disable-next-line <code>` comment placed where it is valid: above
 * the line, or above the `expr:` key when the line is inside a scalar a comment would change).
 */
import type { Diagnostic, Range, TextEdit } from '../diagnostics/types';
import type { FileKind } from '../files';
import type { PromQLRegion } from './regions';
import { regionAt } from './regions';

export interface CodeActionEntry {
  title: string;
  kind: 'quickfix';
  diagnostic: Diagnostic;
  edits: TextEdit[];
  preferred?: boolean;
}

function intersects(a: Range, b: Range): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
}

/** Where the disable comment goes: the start of the line it must stand above. */
function anchorFor(text: string, kind: FileKind, regions: readonly PromQLRegion[], d: Diagnostic): number {
  const ls = lineStart(text, d.range.start);
  if (kind === 'promql') return ls;
  const region = regionAt(regions, d.range.start);
  // a `#` line inside a literal block is a PromQL comment; in any other multi-line scalar style it
  // would become part of the value, so the comment goes above the key instead
  if (region && region.style !== 'literal') return region.keyStart;
  if (region && region.style === 'literal' && ls < region.range.start) return region.keyStart;
  return ls;
}

export function disableLineEdit(text: string, kind: FileKind, regions: readonly PromQLRegion[], d: Diagnostic): TextEdit {
  const at = anchorFor(text, kind, regions, d);
  const indent = /^[ \t]*(?:- )?/.exec(text.slice(at))![0].replace('-', ' ');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { range: { start: at, end: at }, newText: `${indent}# promscope-disable-next-line ${d.code}${eol}` };
}

export function codeActions(text: string, kind: FileKind, regions: readonly PromQLRegion[], diagnostics: readonly Diagnostic[], range: Range): CodeActionEntry[] {
  const out: CodeActionEntry[] = [];
  for (const d of diagnostics) {
    if (!intersects(d.range, range)) continue;
    if (d.fix && d.fix.edits.length > 0) out.push({ title: d.fix.description, kind: 'quickfix', diagnostic: d, edits: d.fix.edits, preferred: d.fix.safe });
    if (d.code !== 'promscope/unused-suppression') {
      out.push({ title: `Disable ${d.code} for this line`, kind: 'quickfix', diagnostic: d, edits: [disableLineEdit(text, kind, regions, d)] });
    }
  }
  return out;
}
