/**
 * `--fix` for one file: applies the safe fixes of its diagnostics, guarded by a re-analysis (a fixed
 * text with a new error is never written), and writes the file only when it changed, re-adding the
 * BOM so every byte outside the edits stays as it was.
 */
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { applyFixes, noNewErrorsGuard, type Diagnostic } from '@promscope/core';
import { checkText, type FileJob } from './check-file';
import type { Encoded } from './read-file';

export interface FixOutcome {
  /** the fixed text, when the file was written */
  text?: string;
  written: boolean;
  /** why fixes were not written, when they were not */
  refused?: string;
}

/** Rewrites a file in place; a file that vanished meanwhile is not re-created (ENOENT is thrown). */
function rewriteExisting(abs: string, bytes: Buffer): void {
  const fd = openSync(abs, 'r+');
  try {
    ftruncateSync(fd, 0);
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off, off);
  } finally {
    closeSync(fd);
  }
}

/** a text as the bytes of its file's encoding (UTF-16 big-endian: little-endian, each pair swapped) */
function encode(text: string, encoding: Encoded['encoding']): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  const b = Buffer.from(text, 'utf16le');
  return encoding === 'utf-16le' ? b : b.swap16();
}

export function fixFile(abs: string, job: FileJob, diagnostics: readonly Diagnostic[], file: Encoded): FixOutcome {
  if (!diagnostics.some((d) => d.fix?.safe)) return { written: false };
  if (!file.wellFormed) return { written: false, refused: `not valid ${file.encoding === 'utf-8' ? 'UTF-8' : 'UTF-16'}; fixes were not applied so that no byte is changed` };
  const result = applyFixes(job.text, diagnostics, {
    guard: noNewErrorsGuard(diagnostics, (t) => checkText({ ...job, text: t })),
  });
  if (!result.changed) {
    const why = result.skipped.find((s) => s.fix.safe)?.reason;
    return { written: false, ...(why ? { refused: why } : {}) };
  }
  try {
    rewriteExisting(abs, encode((file.bom ? '\uFEFF' : '') + result.text, file.encoding));
  } catch (e) {
    return { written: false, refused: `cannot write the fixed file: ${(e as Error).message}` };
  }
  return { text: result.text, written: true };
}
