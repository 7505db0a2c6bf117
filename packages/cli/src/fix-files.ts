/**
 * `--fix` for one file: applies the safe fixes of its diagnostics, guarded by a re-analysis (a fixed
 * text with a new error is never written), and writes the file only when it changed, re-adding the
 * BOM so every byte outside the edits stays as it was.
 */
import { writeFileSync } from 'node:fs';
import { applyFixes, noNewErrorsGuard, type Diagnostic } from '@promscope/core';
import { checkText, type FileJob } from './check-file';

export interface FixOutcome {
  /** the fixed text, when the file was written */
  text?: string;
  written: boolean;
  /** why fixes were not written, when they were not */
  refused?: string;
}

export function fixFile(abs: string, job: FileJob, diagnostics: readonly Diagnostic[], file: { bom: boolean; validUtf8: boolean }): FixOutcome {
  if (!diagnostics.some((d) => d.fix?.safe)) return { written: false };
  if (!file.validUtf8) return { written: false, refused: 'not valid UTF-8; fixes were not applied so that no byte is changed' };
  const result = applyFixes(job.text, diagnostics, {
    guard: noNewErrorsGuard(diagnostics, (t) => checkText({ ...job, text: t })),
  });
  if (!result.changed) {
    const why = result.skipped.find((s) => s.fix.safe)?.reason;
    return { written: false, ...(why ? { refused: why } : {}) };
  }
  try {
    writeFileSync(abs, (file.bom ? '\uFEFF' : '') + result.text);
  } catch (e) {
    return { written: false, refused: `cannot write the fixed file: ${(e as Error).message}` };
  }
  return { text: result.text, written: true };
}
