/**
 * Diagnostics of one document, exactly as `promscope check` computes them for the same file and
 * `.promscope.yml` (packages/cli/src/check-file.ts): the core facade, inline suppressions, the
 * config's check levels, sorted. Editor settings fill in only what the config leaves unset.
 */
import {
  AnalysisInterrupted,
  analyzeFile,
  compareDiagnostics,
  finishDiagnostics,
  checkOptionsOf,
  checkSettingsFor,
  configAnalyzerOptions,
  type AnalyzeOptions, type AnalyzerOptions,
  type CheckSettings,
  type Diagnostic,
  type FileResult,
  type RuleFileSession,
} from '@promscope/core';
import type { ProjectConfigs } from './project-config';
import { settingsChecks, type ServerSettings } from './settings';

export interface Analysis {
  result: FileResult;
  /** the diagnostics to publish */
  diagnostics: Diagnostic[];
  options: Partial<AnalyzerOptions>;
  ms: number;
}

export { compareDiagnostics };

/** Analyzer options and check settings for a file: settings, then `.promscope.yml` on top. */
export function optionsFor(absPath: string | undefined, settings: ServerSettings, configs: ProjectConfigs) {
  const fromSettings: Partial<AnalyzerOptions> = {};
  if (settings.prometheusVersion) fromSettings.prometheusVersion = settings.prometheusVersion;
  if (settings.features.length) fromSettings.features = [...settings.features];
  const cfg = absPath ? configs.forFile(absPath) : undefined;
  const fromConfig = cfg ? configAnalyzerOptions(cfg.config) : {};
  const checks = { ...settingsChecks(settings), ...(cfg && absPath ? checkSettingsFor(cfg.config, configs.relative(cfg, absPath)) : {}) };
  const options: Partial<AnalyzeOptions> = { ...fromSettings, ...fromConfig };
  const checkOptions = checkOptionsOf(checks);
  if (Object.keys(checkOptions).length > 0) options.checkOptions = checkOptions;
  // the best-practice checks read the file's settings: off-by-default checks, policies
  if (Object.keys(checks).length > 0) options.checkSettings = checks;
  return { options, checks };
}

/**
 * The pipeline of `promscope check` for one text, with options and check settings resolved. With a
 * session (the document's earlier analyses), a rule file is analysed incrementally: same result.
 */
export function analyzeWith(displayPath: string, text: string, options: Partial<AnalyzeOptions>, checks: CheckSettings, session?: RuleFileSession): Analysis {
  const t0 = performance.now();
  let result: FileResult;
  try {
    result = analyzeFile({ path: displayPath, text }, options, session);
  } catch (e) {
    if (e instanceof AnalysisInterrupted) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    const diagnostics: Diagnostic[] = [{ code: 'promscope/internal', severity: 'error', range: { start: 0, end: 0 }, message: `internal error while analysing this file: ${msg}` }];
    return { result: { path: displayPath, kind: 'unknown', diagnostics, summary: { path: displayPath, kind: 'unknown', recordedMetrics: [], alerts: [], ruleFileRefs: [], testedAlerts: [] } }, diagnostics, options, ms: performance.now() - t0 };
  }
  if (result.kind === 'unknown') return { result, diagnostics: [], options, ms: performance.now() - t0 };
  const diagnostics = finishDiagnostics(text, result.diagnostics, checks);
  return { result, diagnostics, options, ms: performance.now() - t0 };
}
