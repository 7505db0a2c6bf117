/**
 * Findings: diagnostics placed in a file by 1-based line and column (UTF-16 code units, as LSP and
 * SARIF count), the one shape every output format is written from.
 */
import { LineIndex, type Diagnostic, type Severity } from '@promscope/core';

export interface FindingEdit {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  newText: string;
}

export interface Finding {
  file: string;
  line: number;
  column: number;
  /** position just after the range (exclusive), 1-based */
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
  notes?: string[];
  fix?: { description: string; safe: boolean; edits: FindingEdit[] };
  /** source lines of the range, for the text format's code frame (not in machine formats) */
  frame?: string[];
}

/** How many source lines a code frame shows at most. */
const MAX_FRAME_LINES = 3;

export function toFindings(file: string, text: string, diagnostics: readonly Diagnostic[], withFrames: boolean): Finding[] {
  if (diagnostics.length === 0) return [];
  const index = new LineIndex(text);
  // (lines and columns as numbers: an object per position was most of what finishing allocated)
  const pos = (offset: number) => {
    const line = index.lineOf(offset);
    return { line: line + 1, column: index.columnOf(offset, line) + 1 };
  };
  return diagnostics.map((d) => {
    const start = d.range.start;
    const end = Math.max(start, d.range.end);
    const sl = index.lineOf(start);
    const el = index.lineOf(end);
    const f: Finding = { file, line: sl + 1, column: index.columnOf(start, sl) + 1, endLine: el + 1, endColumn: index.columnOf(end, el) + 1, severity: d.severity, code: d.code, message: d.message };
    if (d.notes && d.notes.length > 0) {
      f.notes = d.notes.map((n) => {
        if (n.range === undefined) return n.message;
        const at = n.file ? undefined : pos(n.range.start);
        return at ? `${n.message} (line ${at.line}, column ${at.column})` : `${n.message} (${n.file})`;
      });
    }
    if (d.fix) {
      f.fix = {
        description: d.fix.description,
        safe: d.fix.safe,
        edits: d.fix.edits.map((ed) => {
          const a = pos(ed.range.start);
          const b = pos(ed.range.end);
          return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column, newText: ed.newText };
        }),
      };
    }
    if (withFrames) {
      const frame: string[] = [];
      for (let l = sl; l <= el && frame.length < MAX_FRAME_LINES; l++) frame.push(index.lineText(l));
      f.frame = frame;
    }
    return f;
  });
}

/** A finding about the file as a whole (unreadable, binary, ...), at line 1 column 1. */
export function fileFinding(file: string, severity: Severity, code: string, message: string): Finding {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1, severity, code, message };
}

export interface Tally {
  errors: number;
  warnings: number;
  infos: number;
}

export function tally(findings: readonly Finding[]): Tally {
  const t = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === 'error') t.errors++;
    else if (f.severity === 'warning') t.warnings++;
    else t.infos++;
  }
  return t;
}
