/**
 * The human format: `file:line:col severity code message`, a code frame with `^` under the range,
 * notes and fix hints, and a summary line.
 */
import type { Finding } from '../findings';
import { ansi, plain, type Palette } from './colors';
import { reportPieces, reportTally, type FormatOptions, type Report } from './report';

function severityColor(p: Palette, f: Finding): (s: string) => string {
  return f.severity === 'error' ? p.red : f.severity === 'warning' ? p.yellow : p.blue;
}

/** The caret line under one source line: keeps tabs so that the carets line up. */
function caretLine(src: string, from: number, to: number): string {
  let pad = '';
  for (let i = 0; i < from && i < src.length; i++) pad += src[i] === '\t' ? '\t' : ' ';
  return pad + '^'.repeat(Math.max(1, to - from));
}

function frame(p: Palette, f: Finding): string[] {
  if (!f.frame || f.frame.length === 0) return [];
  const width = String(f.line + f.frame.length - 1).length;
  const out: string[] = [];
  f.frame.forEach((src, i) => {
    const line = f.line + i;
    const from = i === 0 ? f.column - 1 : src.length - src.trimStart().length;
    const to = line === f.endLine ? f.endColumn - 1 : src.length;
    out.push(`${p.dim(`${String(line).padStart(width)} |`)} ${src}`);
    out.push(`${p.dim(`${' '.repeat(width)} |`)} ${severityColor(p, f)(caretLine(src, from, Math.max(to, from + 1)))}`);
  });
  if (f.endLine > f.line + f.frame.length - 1) out.push(`${p.dim(`${' '.repeat(width)} |`)} ${p.dim(`… (to line ${f.endLine})`)}`);
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The report as parts whose concatenation is its text (see `formatReportParts`). */
export function textParts(report: Report, opts: FormatOptions): (string | Uint8Array)[] {
  const p = opts.color ? ansi : plain;
  const parts = reportPieces(report).map((piece) => (Array.isArray(piece) ? textBlocks(piece, opts) : piece.text));
  const { count, tally: t } = reportTally(report);
  const files = plural(report.filesChecked, 'file');
  const fixed = report.filesFixed > 0 ? `; fixed ${plural(report.filesFixed, 'file')}` : '';
  let summary: string;
  if (count === 0) summary = `No problems in ${files} checked${fixed}.`;
  else {
    const counts = [plural(t.errors, 'error'), plural(t.warnings, 'warning'), `${t.infos} info`];
    const line = `${plural(count, 'problem')} (${counts.join(', ')}) in ${files} checked${fixed}.`;
    summary = t.errors > 0 ? p.red(p.bold(line)) : t.warnings > 0 ? p.yellow(line) : line;
  }
  parts.push(`${summary}\n`);
  return parts;
}

/** Each finding's lines (heading, code frame, notes, fix hint), each finding followed by an empty line. */
export function textBlocks(findings: readonly Finding[], opts: FormatOptions): string {
  const p = opts.color ? ansi : plain;
  // joined: one flat string (see json.ts `jsonItems`)
  return findings
    .map((f) => {
      const lines = [`${p.bold(`${f.file}:${f.line}:${f.column}`)} ${severityColor(p, f)(f.severity)} ${p.dim(f.code)} ${f.message}`];
      lines.push(...frame(p, f));
      for (const n of f.notes ?? []) lines.push(`  ${p.dim('note:')} ${n}`);
      if (f.fix) lines.push(`  ${p.dim('fix:')} ${f.fix.description}${f.fix.safe ? ' (promscope check --fix)' : ''}`);
      return `${lines.join('\n')}\n\n`;
    })
    .join('');
}
