/**
 * Diagnostics of one document, exactly as `promscope check` computes them for the same file and
 * `.promscope.yml` (packages/cli/src/check-file.ts): the core facade, inline suppressions, the
 * config's check levels, sorted. Editor settings fill in only what the config leaves unset.
 */
import {
  analyzeFile,
  applyCheckSettings,
  applySuppressions,
  checkOptionsOf,
  checkSettingsFor,
  configAnalyzerOptions,
  type AnalyzerOptions,
  type CheckSettings,
  type Diagnostic,
  type FileResult,
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

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.range.start - b.range.start || a.range.end - b.range.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) || (a.message < b.message ? -1 : 1);
}

/** Analyzer options and check settings for a file: settings, then `.promscope.yml` on top. */
export function optionsFor(absPath: string | undefined, settings: ServerSettings, configs: ProjectConfigs) {
  const fromSettings: Partial<AnalyzerOptions> = {};
  if (settings.prometheusVersion) fromSettings.prometheusVersion = settings.prometheusVersion;
  if (settings.features.length) fromSettings.features = [...settings.features];
  const cfg = absPath ? configs.forFile(absPath) : undefined;
  const fromConfig = cfg ? configAnalyzerOptions(cfg.config) : {};
  const checks = { ...settingsChecks(settings), ...(cfg && absPath ? checkSettingsFor(cfg.config, configs.relative(cfg, absPath)) : {}) };
  const options: Partial<AnalyzerOptions> & { checkOptions?: Record<string, Record<string, unknown>> } = { ...fromSettings, ...fromConfig };
  const checkOptions = checkOptionsOf(checks);
  if (Object.keys(checkOptions).length > 0) options.checkOptions = checkOptions;
  return { options, checks };
}

/** The pipeline of `promscope check` for one text, with options and check settings resolved. */
export function analyzeWith(displayPath: string, text: string, options: Partial<AnalyzerOptions>, checks: CheckSettings): Analysis {
  const t0 = performance.now();
  let result: FileResult;
  try {
    result = analyzeFile({ path: displayPath, text }, options);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const diagnostics: Diagnostic[] = [{ code: 'promscope/internal', severity: 'error', range: { start: 0, end: 0 }, message: `internal error while analysing this file: ${msg}` }];
    return { result: { path: displayPath, kind: 'unknown', diagnostics, summary: { path: displayPath, kind: 'unknown', recordedMetrics: [], alerts: [], ruleFileRefs: [], testedAlerts: [] } }, diagnostics, options, ms: performance.now() - t0 };
  }
  if (result.kind === 'unknown') return { result, diagnostics: [], options, ms: performance.now() - t0 };
  const suppressed = applySuppressions(text, result.diagnostics).diagnostics;
  const diagnostics = applyCheckSettings(suppressed, checks).sort(compareDiagnostics);
  return { result, diagnostics, options, ms: performance.now() - t0 };
}
