/**
 * The JSON format: an array of findings (1-based lines and columns, UTF-16 columns, end exclusive),
 * one finding per line: compact for machines (a large report is written and read faster than
 * indented JSON), still greppable and diffable line by line.
 */
import type { Finding } from '../findings';
import { reportPieces, type Report } from './report';

/** The report as parts whose concatenation is the JSON text (see `formatReportParts`). */
export function jsonParts(report: Report): (string | Uint8Array)[] {
  const pieces = reportPieces(report);
  if (pieces.length === 0) return ['[]\n'];
  const out: (string | Uint8Array)[] = ['[\n'];
  pieces.forEach((p, i) => {
    if (i > 0) out.push(',\n');
    out.push(Array.isArray(p) ? jsonItems(p) : p.text);
  });
  out.push('\n]\n');
  return out;
}

/** Findings as the JSON format writes them: one per line, separated by `,` (a chunk of the array). */
export function jsonItems(findings: readonly Finding[]): string {
  // a finding without a frame is written as it is (JSON.stringify leaves out an undefined `frame`):
  // copying every finding just to drop the key is slow for a large report
  const json = JSON.stringify(findings.map((f) => (f.frame === undefined ? f : withoutFrame(f))));
  // every finding starts with its `file` key, and `{"file":` cannot occur inside a JSON string (its
  // quotes would be escaped): a line break before each finding after the first
  return json.slice(1, -1).replaceAll('},{"file":', '},\n{"file":');
}

function withoutFrame({ frame: _frame, ...f }: Finding): Omit<Finding, 'frame'> {
  return f;
}
