/**
 * One analysis job, as plain data in and out: runs in the analysis worker (or in-process as a
 * fallback). Besides the diagnostics it builds the editor model and the index facts, so that the
 * main thread only converts and publishes.
 */
import {
  AnalysisInterrupted,
  analyzeRuleFile,
  buildDocumentModel,
  createRuleFileSession,
  extractFacts,
  modelToData,
  withDefaults,
  workspaceAlertData,
  workspaceSignature,
  type AnalyzeOptions,
  type CheckSettings,
  type Diagnostic,
  type FileKind,
  type FileSummary,
  type IndexFacts,
  type ModelData,
  type RuleFileSession,
  type WorkspaceAlertData,
} from '@promscope/core';
import { analyzeWith } from './analysis';
import type { LspJson } from './wire';

export interface AnalysisJob {
  id: number;
  uri: string;
  displayPath: string;
  text: string;
  /** plain data (it crosses to the worker): the scrape intervals of the file's prometheus.yml among them */
  options: Partial<AnalyzeOptions>;
  checks: CheckSettings;
  /** an open document being edited: analysed incrementally (files read from disk by the workspace scan are not) */
  incremental?: boolean;
  /** the text of an edit (not of an open or a disk read): analysed before older waiting jobs */
  edited?: boolean;
  /** the client's diagnostic features (convert.ts `diagnosticFeatures`), for the worker that writes the LSP JSON */
  lspFeatures?: number;
  /** the client's limit of diagnostics per publication (convert.ts `diagnosticsLimit`) */
  lspLimit?: number;
}

export interface AnalysisOutput {
  id: number;
  uri: string;
  kind: FileKind;
  diagnostics: Diagnostic[];
  /** the analyzer's diagnostics before suppressions and levels (re-finished with workspace ones) */
  raw: Diagnostic[];
  summary: FileSummary;
  /** number of `diagnostics` (logs read it without the diagnostics) */
  count: number;
  /**
   * `diagnostics` in their published LSP form (see `DiagnosticsService.publish`) as JSON (UTF-8),
   * when the analysis worker computed it (none of them has a note in another file)
   */
  lsp?: LspJson;
  /** `workspaceSignature` of the summary, computed where the summary is (the main thread then reads the summary only for a workspace pass) */
  signature: string;
  model?: ModelData;
  facts?: IndexFacts;
  /** a rule file's alerts, for the inhibit rules of the workspace's alertmanager.yml (model step) */
  alerts?: WorkspaceAlertData[];
  /** for logs and tests: how the rule file was analysed (groups analysed and reused, or the whole file and why) */
  groups?: { analysed: number; reused: number } | { wholeFile: string };
  /** analysis time, and model + facts time (ms) */
  ms: number;
  modelMs: number;
}

/**
 * Runs a job in two steps: the diagnostics first (`early`, so that they can be published at once),
 * then the editor model and index facts. Returns the complete output.
 */
export function runJob(job: AnalysisJob, early?: (o: AnalysisOutput) => void): AnalysisOutput {
  return modelStep(job, diagnosticsStep(job, early));
}

export interface DiagnosticsStep {
  output: AnalysisOutput;
  rules: ReturnType<typeof analyzeWith>['result']['rules'];
}

/**
 * Each open document's incremental-analysis session (its groups' results, reused by the next edit),
 * for the most recently edited documents. A session holds one document's analysis, about in
 * proportion to its text: the sessions kept are bounded by the length of their texts
 * (`SESSION_TEXT_BUDGET`, the most recent one always kept) and by their number. (A bound of 16
 * sessions alone dropped the 1,000-rule file's session whenever 16 small files were edited before
 * it was again: its next keystroke analysed all 25 groups, 30–60 ms instead of 5.)
 */
const sessions = new Map<string, { session: RuleFileSession; size: number }>();
const MAX_SESSIONS = 256;
export const SESSION_TEXT_BUDGET = 4 << 20;
let sessionsText = 0;

export function sessionFor(uri: string, textLength: number): RuleFileSession {
  const s = sessions.get(uri);
  if (s) {
    // re-inserted: most recent last
    sessions.delete(uri);
    sessionsText -= s.size;
  }
  const kept = { session: s?.session ?? createRuleFileSession(), size: textLength };
  sessions.set(uri, kept);
  sessionsText += textLength;
  for (const [oldest, o] of sessions) {
    if (oldest === uri || (sessions.size <= MAX_SESSIONS && sessionsText <= SESSION_TEXT_BUDGET)) break;
    sessions.delete(oldest);
    sessionsText -= o.size;
  }
  return kept.session;
}

/** the documents whose sessions are kept, least recently edited first (tests) */
export const keptSessions = (): string[] => [...sessions.keys()];

/** `withSignature: false`: `signature` is left empty (the caller computes it) */
export function diagnosticsStep(job: AnalysisJob, early?: (o: AnalysisOutput) => void, withSignature = true): DiagnosticsStep {
  const session = job.incremental ? sessionFor(job.uri, job.text.length) : undefined;
  if (session) session.stats.last = undefined;
  const a = analyzeWith(job.displayPath, job.text, job.options, job.checks, session);
  const output: AnalysisOutput = { id: job.id, uri: job.uri, kind: a.result.kind, diagnostics: a.diagnostics, count: a.diagnostics.length, raw: a.result.kind === 'unknown' ? [] : a.result.diagnostics, summary: a.result.summary, signature: withSignature ? workspaceSignature(a.result.summary, job.text) : '', ms: a.ms, modelMs: 0 };
  const st = session?.stats;
  if (st?.last === 'incremental') output.groups = { analysed: st.analysed, reused: st.reused };
  else if (st?.last === 'whole') output.groups = { wholeFile: st.lastFallback ?? '' };
  early?.(output);
  return { output, rules: a.result.rules };
}

/** What the model step adds to a job's output. */
export type ModelPart = Pick<AnalysisOutput, 'model' | 'facts' | 'alerts' | 'modelMs'>;

/**
 * The editor model and index facts of a job's text. `rules`: the rule model when the diagnostics
 * step built one in this thread (the incremental path and another thread have none: it is built here).
 */
export function modelPart(job: AnalysisJob, kind: FileKind, rules?: DiagnosticsStep['rules']): ModelPart {
  const t0 = performance.now();
  let model: ModelData | undefined;
  let facts: IndexFacts | undefined;
  let alerts: WorkspaceAlertData[] | undefined;
  try {
    const r = rules ?? (kind === 'rules' || kind === 'prometheus-rule' ? analyzeRuleFile(job.text, withDefaults(job.options), { path: job.displayPath, kind, yamlLimits: job.options.yamlLimits }).model : undefined);
    const m = buildDocumentModel(job.displayPath, job.text, kind, r);
    model = modelToData(m);
    facts = extractFacts(m);
    alerts = workspaceAlertData(r);
  } catch (e) {
    // superseded (the modeller's `interruptible`): not a failure
    if (e instanceof AnalysisInterrupted) throw e;
    // the editor features fall back to building the model on demand
  }
  return { model, facts, alerts, modelMs: performance.now() - t0 };
}

/** The editor model and index facts of a job whose diagnostics step is done. */
export function modelStep(job: AnalysisJob, step: DiagnosticsStep): AnalysisOutput {
  return { ...step.output, ...modelPart(job, step.output.kind, step.rules) };
}
