/**
 * Formatting of PromQL in place: `.promql` files and `expr:` scalars, keeping the YAML scalar
 * style (plain, quoted, literal/folded block) and the comments. A region is left alone when its
 * formatted text cannot be written back in the same style without changing the value.
 */
import type { Range, TextEdit } from '../diagnostics/types';
import type { DocumentModel } from './document-model';
import { encodeForStyle } from './encode';
import { formatPromQL } from './format-promql';
import type { PromQLRegion } from './regions';

/** Characters a plain scalar may not start with, and sequences it may not contain. */
function plainSafe(s: string): boolean {
  if (s === '' || /^[-?:,[\]{}#&*!|>'"%@`\s]/.test(s) || /\s$/.test(s)) return false;
  return !/: |:$| #|[\r\n]/.test(s);
}

function lineIndentAt(text: string, offset: number): string {
  const ls = text.lastIndexOf('\n', offset - 1) + 1;
  return text.slice(ls, offset).replace(/\S.*$/, '');
}

/** The edit that formats one region, or null when nothing changes or it cannot be done safely. */
export function formatRegion(fileText: string, region: PromQLRegion): TextEdit | null {
  const block = region.style === 'literal' || region.style === 'folded';
  const body = block ? region.text.replace(/\s+$/, '') : region.text;
  const lead = body.length - body.trimStart().length;
  const core = body.slice(lead);
  if (core === '') return null;
  let formatted = formatPromQL(core);
  if (formatted === null) return null;
  const multiLine = formatted.includes('\n');
  if (multiLine && region.style !== 'literal') {
    // only a literal block keeps line breaks as written; elsewhere join onto one line
    if (/#/.test(formatted)) return null;
    const joined = formatted.replace(/\n\s*/g, ' ').replace(/\(\s/g, '(').replace(/\s\)/g, ')');
    formatted = formatPromQL(joined);
    if (formatted === null || formatted.includes('\n')) return null;
  }
  if (formatted === core) return null;
  const start = region.toFile(lead);
  const end = region.toFileEnd(body.length);
  let newText: string;
  switch (region.style) {
    case 'plain':
      if (!plainSafe(formatted)) return null;
      newText = formatted;
      break;
    case 'single':
    case 'double':
      newText = encodeForStyle(formatted, region.style);
      break;
    default: {
      const indent = lineIndentAt(fileText, start);
      newText = formatted.split('\n').join('\n' + indent);
    }
  }
  if (fileText.slice(start, end) === newText) return null;
  return { range: { start, end }, newText };
}

function intersects(a: Range, b: Range): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Edits for the whole document, or for the regions that meet `range`. */
export function formatDocument(model: DocumentModel, range?: Range): TextEdit[] {
  const out: TextEdit[] = [];
  if (model.kind === 'promql') {
    const trimmed = model.text.replace(/\s+$/, '');
    const lead = trimmed.length - trimmed.trimStart().length;
    const f = formatPromQL(trimmed.slice(lead));
    if (f !== null && f !== trimmed.slice(lead)) out.push({ range: { start: lead, end: trimmed.length }, newText: f });
    return out;
  }
  for (const region of model.regions) {
    if (range && !intersects(range, region.range)) continue;
    const e = formatRegion(model.text, region);
    if (e) out.push(e);
  }
  return out;
}
