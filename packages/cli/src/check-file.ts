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
  workspaceAlertData,
  type AnalyzeOptions,
  type CheckSettings,
  type Diagnostic,
  type FileKind,
  type FileResult,
  type FileSummary,
  type EncodingProblem,
  type WorkspaceAlertData,
} from '@promscope/core';
import type { Format } from './args';
import { tally, toFindings, type Tally } from './findings';
import { formatChunk } from './format/index';
import { ruleFilesOf } from './referenced-files';
import { utf8Bytes } from './utf8';
import { entriesJson, packRefs, unpackRefs } from './graph-entries';

export interface FileJob {
  /** the name the core sees (display path) */
  path: string;
  text: string;
  kind?: FileKind;
  /** plain data only (it crosses the worker-thread boundary and keys the cache) */
  options: Partial<AnalyzeOptions>;
  checks: CheckSettings;
  /** also return the alerts a rule file can produce (the run has Alertmanager inhibit rules to check) */
  collectAlerts?: boolean;
  /** the file's bytes are not UTF-8 there (read-file.ts `decodeBytes`): `text` is their decoding */
  encodingProblem?: EncodingProblem;
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
  /** for a rule file of a job with `collectAlerts`: the alerts it can produce */
  alerts?: WorkspaceAlertData[];
}

export { compareDiagnostics };

/** The core's analysis of one text; never throws. */
export function analyzeJob(job: FileJob): FileOutcome {
  return analyzeJobWithResult(job).outcome;
}

/** The same, with the core's full result (its models) for the main thread's configuration pass. */
export function analyzeJobWithResult(job: FileJob): { outcome: FileOutcome; result?: FileResult } {
  let result;
  try {
    result = analyzeFile({ path: job.path, text: job.text, ...(job.kind ? { kind: job.kind } : {}), ...(job.encodingProblem ? { encodingProblem: job.encodingProblem } : {}) }, job.options);
  } catch (e) {
    // the core promises never to throw; if it does, report it on the file and go on
    const msg = e instanceof Error ? e.message : String(e);
    const outcome: FileOutcome = {
      kind: job.kind ?? 'unknown',
      diagnostics: [{ code: 'promscope/internal', severity: 'error', range: { start: 0, end: 0 }, message: `internal error while analysing this file: ${msg}` }],
      crash: e instanceof Error && e.stack ? e.stack : msg,
    };
    return { outcome };
  }
  if (result.kind === 'unknown') return { outcome: { kind: 'unknown', diagnostics: [] }, result };
  const ruleFiles = ruleFilesOf(result);
  const alerts = job.collectAlerts ? workspaceAlertData(result.rules) : [];
  const outcome: FileOutcome = {
    kind: result.kind,
    diagnostics: result.diagnostics,
    ...(result.summary ? { summary: result.summary } : {}),
    ...(ruleFiles.length > 0 ? { ruleFiles } : {}),
    ...(alerts.length > 0 ? { alerts } : {}),
  };
  return { outcome, result };
}

/**
 * The outcome as JSON text without its diagnostics and its summary's graph entries (`outcomeText`),
 * and those entries as compact JSON of their own (`entriesJson`, which leaves their names to the
 * summary; null when it has none): how outcomes cross from a worker and how the cache keeps them.
 */
export function outcomeJson(o: FileOutcome): { outcome: string; rules: string | null } {
  const rules = o.summary?.rules;
  return { outcome: outcomeText(o), rules: rules ? entriesJson(rules) : null };
}

/**
 * `JSON.stringify(o)` without its diagnostics (never read: a held outcome's throw, see pool.ts) and
 * its summary's graph entries, the summary's names packed (`packRefs`): how outcomes cross from a
 * worker and how the cache keeps them; `outcomeFromJson` reads it back (an outcome always has its
 * `kind`: the object is never empty).
 */
export function outcomeText(o: FileOutcome): string {
  const rest: Record<string, unknown> = {};
  for (const k of Object.keys(o)) if (k !== 'diagnostics') rest[k] = o[k as keyof FileOutcome];
  const s = o.summary;
  if (s) {
    rest.summary = {
      ...s,
      rules: undefined,
      recordedMetrics: packRefs(s.recordedMetrics),
      alerts: packRefs(s.alerts),
      ruleFileRefs: packRefs(s.ruleFileRefs),
      testedAlerts: packRefs(s.testedAlerts),
    };
  }
  return JSON.stringify(rest);
}

/** The summary fields that are lists of names with their ranges (packed by `outcomeText`). */
const REF_LISTS = ['recordedMetrics', 'alerts', 'ruleFileRefs', 'testedAlerts'] as const;

/**
 * The outcome of `outcomeText`'s JSON, parsed: a copy whose summary has its names as objects again
 * (the value itself is not changed: a cache entry keeps it as read, to be written again as it is).
 * Throws when it is not such an outcome (a damaged cache, see cache.ts).
 */
export function outcomeFromJson(value: unknown): FileOutcome {
  if (typeof value !== 'object' || value === null || typeof (value as FileOutcome).kind !== 'string') throw new Error('not an outcome');
  const o = { ...(value as FileOutcome) };
  const s = o.summary;
  if (s !== undefined) {
    const summary: FileSummary = { ...s };
    for (const k of REF_LISTS) summary[k] = unpackRefs(s[k]);
    o.summary = summary;
  }
  return o;
}

/** Suppressions, then check levels, then position order: the diagnostics promscope reports. */
export function finishDiagnostics(job: FileJob, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return finishCore(job.text, diagnostics, job.checks);
}

/**
 * A file's findings written out by `finishToText`: the text, how many findings, and of which
 * severity. The text is UTF-8 bytes, off the JavaScript heap: a worker thread moves them to the main
 * thread (a transfer, not a copy) and the report is written from them as they are. As strings, a
 * run of 5,000 files kept 44 MB of them on the main thread's heap, copied twice by its young
 * generation's collections, and encoded once more for the output.
 */
export interface FinishedText {
  text: Uint8Array;
  count: number;
  tally: Tally;
}

/**
 * The second step where the diagnostics are (a worker holding them, see pool.ts): the file's own
 * and cross-file diagnostics finished, placed as findings under the name `display`, and written in
 * `format` (`formatChunk`) when `chunk`, else as JSON of the findings.
 */
export function finishToText(job: FileJob, own: readonly Diagnostic[], extra: readonly Diagnostic[], display: string, format: Format, color: boolean, chunk: boolean): FinishedText {
  return finishedText(display, job.text, finishDiagnostics(job, extra.length > 0 ? [...own, ...extra] : own), format, color, chunk);
}

/** Finished diagnostics of `text` as findings under the name `display`, written as `finishToText` writes them. */
export function finishedText(display: string, text: string, finished: readonly Diagnostic[], format: Format, color: boolean, chunk: boolean): FinishedText {
  const findings = toFindings(display, text, finished, format === 'text');
  const out = chunk ? formatChunk(format, findings, { color }) : JSON.stringify(findings);
  return { text: utf8Bytes(out), count: findings.length, tally: tally(findings) };
}

/** Both steps for one text alone (no cross-file pass): what `--fix` re-checks a fixed text with. */
export function checkText(job: FileJob): Diagnostic[] {
  return finishDiagnostics(job, analyzeJob(job).diagnostics);
}
