/**
 * Checkstyle XML: one <file> per file with findings, one <error> per finding. A file's element is
 * written on its own (`checkstyleChunk`: by the worker thread that checked the file) and the report
 * joins them, never building the whole document as one string.
 */
import type { Finding } from '../findings';
import { reportPieces, type Report } from './report';
import { xmlEscape } from './xml';

export function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const m = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = m.get(f.file);
    if (list) list.push(f);
    else m.set(f.file, [f]);
  }
  return m;
}

const HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<checkstyle version="4.3">';
const fileOpen = (file: string) => `  <file name="${xmlEscape(file)}">`;
const FILE_CLOSE = '\n  </file>';
const errorLine = (f: Finding) => `\n    <error line="${f.line}" column="${f.column}" severity="${f.severity}" message="${xmlEscape(f.message)}" source="promscope.${xmlEscape(f.code)}"/>`;

/** One file's <file> element (its findings are of one file; none: nothing). */
export function checkstyleChunk(findings: readonly Finding[]): string {
  if (findings.length === 0) return '';
  // joined: one flat string (see json.ts `jsonItems`)
  return [fileOpen(findings[0]!.file), ...findings.map(errorLine), FILE_CLOSE].join('');
}

/** The document in parts whose concatenation is its text (see `formatReportParts`). */
export function checkstyleParts(report: Report): (string | Uint8Array)[] {
  const out: (string | Uint8Array)[] = [HEAD];
  /** the file whose element is open (its findings may come in several pieces) */
  let open: string | undefined;
  for (const p of reportPieces(report)) {
    if (!Array.isArray(p)) {
      if (open !== undefined) out.push(FILE_CLOSE);
      open = undefined;
      out.push('\n', p.text);
      continue;
    }
    const text: string[] = [];
    for (const f of p) {
      if (f.file !== open) {
        if (open !== undefined) text.push(FILE_CLOSE);
        open = f.file;
        text.push('\n' + fileOpen(f.file));
      }
      text.push(errorLine(f));
    }
    out.push(text.join(''));
  }
  if (open !== undefined) out.push(FILE_CLOSE);
  out.push('\n</checkstyle>\n');
  return out;
}
