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

/** A character JSON.stringify writes escaped: `"`, `\`, a control character, a surrogate (lone ones are escaped). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** `s` as a JSON string, as JSON.stringify writes it (most messages, codes and paths need no escape: written as they are) */
export function quote(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/** codes and severities as JSON strings: a few distinct ones, written for every finding */
const quotedNames = new Map<string, string>();
function quoteName(s: string): string {
  let q = quotedNames.get(s);
  if (q === undefined) {
    q = quote(s);
    if (quotedNames.size < 1024) quotedNames.set(s, q);
  }
  return q;
}

/**
 * `f`, remembering its last answer: the findings of a chunk share their file, whose text a writer
 * then makes once.
 */
export function lastOf<T>(f: (key: string) => T): (key: string) => T {
  let last: { key: string; value: T } | undefined;
  return (key) => (last !== undefined && last.key === key ? last.value : (last = { key, value: f(key) }).value);
}

/**
 * Findings as the JSON format writes them: one per line, separated by `,\n` (a chunk of the array).
 * The text is JSON.stringify's for each finding without its `frame` (same keys, same order, same
 * escapes), written key by key. Each finding's text is made apart and the chunk is their join: one
 * flat string (appended piece by piece, a chunk was a tree of small strings, and a report of one
 * 20 MB file, whose chunks are all kept until written, peaked 76 MB higher).
 */
export function jsonItems(findings: readonly Finding[]): string {
  const items = new Array<string>(findings.length);
  const headOf = lastOf((file: string) => `{"file":${quote(file)},"line":`);
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    let s = `${headOf(f.file)}${f.line},"column":${f.column},"endLine":${f.endLine},"endColumn":${f.endColumn},"severity":${quoteName(f.severity)},"code":${quoteName(f.code)},"message":${quote(f.message)}`;
    if (f.notes !== undefined) s += `,"notes":[${f.notes.map(quote).join(',')}]`;
    if (f.fix !== undefined) {
      const x = f.fix;
      const edits = x.edits.map((e) => `{"line":${e.line},"column":${e.column},"endLine":${e.endLine},"endColumn":${e.endColumn},"newText":${quote(e.newText)}}`);
      s += `,"fix":{"description":${quote(x.description)},"safe":${x.safe},"edits":[${edits.join(',')}]}`;
    }
    items[i] = s + '}';
  }
  return items.join(',\n');
}
