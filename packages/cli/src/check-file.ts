/**
 * The per-file pipeline, in two steps:
 * - `analyzeJob` (main thread or worker): the core's analysis of one text, plain serialisable data
 *   (diagnostics, the file's workspace summary), which is also what the cache stores;
 * - `finishDiagnostics` (main thread, after the cross-file pass): inline suppressions, then the
 *   config's check levels, sorted by position.
 */
import {
  analyzeFile,
  compareDiagnostics,
  finishDiagnostics as finishCore,
  type AnalyzerOptions,
  type CheckSettings,
  type Diagnostic,
  type FileKind,
  type FileSummary,
} from '@promscope/core';
import { ruleFilesOf } from './referenced-files';

export interface FileJob {
  /** the name the core sees (display path) */
  path: string;
  text: string;
  kind?: FileKind;
  options: Partial<AnalyzerOptions>;
  checks: CheckSettings;
}

export interface FileOutcome {
  kind: FileKind;
  /** the analyzer's diagnostics, before suppressions and check levels */
  diagnostics: Diagnostic[];
  /** what the file contributes to the cross-file pass */
  summary?: FileSummary;
  /** the analyzer failed on this file: the stack (shown with --debug) */
  crash?: string;
  /** for a prometheus.yml: its `rule_files` entries (see referenced-files.ts) */
  ruleFiles?: string[];
}

export { compareDiagnostics };

/** The core's analysis of one text; never throws. */
export function analyzeJob(job: FileJob): FileOutcome {
  let result;
  try {
    result = analyzeFile({ path: job.path, text: job.text, ...(job.kind ? { kind: job.kind } : {}) }, job.options);
  } catch (e) {
    // the core promises never to throw; if it does, report it on the file and go on
    const msg = e instanceof Error ? e.message : String(e);
    return {
      kind: job.kind ?? 'unknown',
      diagnostics: [{ code: 'promscope/internal', severity: 'error', range: { start: 0, end: 0 }, message: `internal error while analysing this file: ${msg}` }],
      crash: e instanceof Error && e.stack ? e.stack : msg,
    };
  }
  if (result.kind === 'unknown') return { kind: 'unknown', diagnostics: [] };
  const ruleFiles = ruleFilesOf(result);
  return {
    kind: result.kind,
    diagnostics: result.diagnostics,
    ...(result.summary ? { summary: result.summary } : {}),
    ...(ruleFiles.length > 0 ? { ruleFiles } : {}),
  };
}

/** Suppressions, then check levels, then position order: the diagnostics promscope reports. */
export function finishDiagnostics(job: FileJob, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return finishCore(job.text, diagnostics, job.checks);
}

/** Both steps for one text alone (no cross-file pass): what `--fix` re-checks a fixed text with. */
export function checkText(job: FileJob): Diagnostic[] {
  return finishDiagnostics(job, analyzeJob(job).diagnostics);
}
