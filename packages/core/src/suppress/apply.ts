/**
 * Applies inline suppressions to a file's diagnostics: drops the suppressed ones and reports every
 * promscope directive (or code in it) that suppressed nothing as `promscope/unused-suppression`
 * (info), with a fix that deletes a directive line that is entirely unused.
 */
import type { Diagnostic } from '../diagnostics/types';
import { LineIndex } from '../text/line-index';
import { codeMatches, mayContainSuppressions, parseSuppressions, type SuppressionDirective } from './directives';

export const UNUSED_SUPPRESSION = 'promscope/unused-suppression';

export interface SuppressionResult {
  /** the diagnostics that remain, plus unused-suppression reports */
  diagnostics: Diagnostic[];
  /** the diagnostics that a directive removed */
  suppressed: Diagnostic[];
}

export interface SuppressionOptions {
  /** report directives that suppressed nothing (default true) */
  reportUnused?: boolean;
}

function covers(d: SuppressionDirective, line: number, code: string): string | null {
  if (d.kind === 'enable' || line < d.fromLine || line > d.toLine) return null;
  if (d.codes.length === 0) return '';
  return d.codes.find((c) => codeMatches(c, code)) ?? null;
}

/** Deletes the directive's whole line, when the comment is alone on it. */
function removeLineFix(text: string, index: LineIndex, d: SuppressionDirective): Diagnostic['fix'] {
  if (!d.ownLine) return undefined;
  const start = index.lineStarts[d.line];
  const isLast = d.line + 1 >= index.lineCount;
  const end = isLast ? text.length : index.lineStarts[d.line + 1];
  // the last line has no terminator: take the one before it instead, so no blank line is left behind
  const from = isLast && d.line > 0 ? index.lineStarts[d.line - 1] + index.lineText(d.line - 1).length : start;
  return { description: 'remove the unused suppression', safe: true, edits: [{ range: { start: from, end }, newText: '' }] };
}

export function applySuppressions(text: string, diagnostics: readonly Diagnostic[], options: SuppressionOptions = {}): SuppressionResult {
  if (!mayContainSuppressions(text)) return { diagnostics: [...diagnostics], suppressed: [] };
  const index = new LineIndex(text);
  const directives = parseSuppressions(text, index).filter((d) => d.kind !== 'enable');
  if (directives.length === 0) return { diagnostics: [...diagnostics], suppressed: [] };
  // which codes of each directive did some work ('' stands for "every code")
  const used = directives.map(() => new Set<string>());
  const kept: Diagnostic[] = [];
  const suppressed: Diagnostic[] = [];
  // a finding at the very end of the text (e.g. "unclosed parenthesis") belongs to the last non-blank line
  let lastContent = index.lineCount - 1;
  while (lastContent > 0 && index.lineText(lastContent).trim() === '') lastContent--;
  for (const diag of diagnostics) {
    const line = Math.min(index.positionAt(diag.range.start).line, lastContent);
    let hit = false;
    directives.forEach((d, i) => {
      const c = covers(d, line, diag.code);
      if (c !== null) {
        used[i].add(c);
        hit = true;
      }
    });
    (hit ? suppressed : kept).push(diag);
  }
  if (options.reportUnused === false) return { diagnostics: kept, suppressed };
  const unused: Diagnostic[] = [];
  directives.forEach((d, i) => {
    if (d.source !== 'promscope') return;
    const unusedCodes = d.codes.length === 0 ? (used[i].size === 0 ? [''] : []) : d.codes.filter((c) => !used[i].has(c));
    if (unusedCodes.length === 0) return;
    const all = d.codes.length === 0 || unusedCodes.length === d.codes.length;
    unusedCodes.forEach((c, k) => {
      const diag: Diagnostic = {
        code: UNUSED_SUPPRESSION,
        severity: 'info',
        range: { ...d.range },
        message: c === '' ? 'unused suppression: nothing is reported here' : `unused suppression: no '${c}' finding here`,
      };
      // one fix per directive line, on its first report, when nothing in it is used
      const fix = all && k === 0 ? removeLineFix(text, index, d) : undefined;
      if (fix) diag.fix = fix;
      unused.push(diag);
    });
  });
  // the unused-suppression reports can themselves be suppressed (e.g. by a disable-file for it)
  for (const u of unused) {
    const line = index.positionAt(u.range.start).line;
    if (directives.some((d) => d.codes.length > 0 && covers(d, line, u.code) !== null)) suppressed.push(u);
    else kept.push(u);
  }
  return { diagnostics: kept, suppressed };
}
