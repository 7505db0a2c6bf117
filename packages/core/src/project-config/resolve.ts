/**
 * Applies a ProjectConfig to one file: the analyzer options it implies, the check settings that
 * hold for the file's path, and the re-levelling of the file's diagnostics.
 */
import type { Diagnostic } from '../diagnostics/types';
import type { AnalyzerOptions } from '../options';
import type { YamlLimits } from '../yaml/limits';
import { codeMatches } from '../suppress/directives';
import { matchesAnyGlob } from './glob';
import type { CheckLevel, CheckSetting, CheckSettings, ProjectConfig } from './types';

/** Analyzer options named by the config (only what it sets), with `yamlLimits` for `analyzeFile`. */
export function configAnalyzerOptions(config: ProjectConfig): Partial<AnalyzerOptions> & { yamlLimits?: Partial<YamlLimits> } {
  const o: Partial<AnalyzerOptions> & { yamlLimits?: Partial<YamlLimits> } = {};
  if (config.prometheusVersion) o.prometheusVersion = config.prometheusVersion;
  if (config.features) o.features = [...config.features];
  if (config.dialect) o.dialect = config.dialect;
  if (config.yamlLimits && Object.keys(config.yamlLimits).length > 0) o.yamlLimits = { ...config.yamlLimits };
  return o;
}

/** The check settings for a path relative to the config's folder: `checks`, then matching overrides. */
export function checkSettingsFor(config: ProjectConfig, relPath: string): CheckSettings {
  const out: CheckSettings = {};
  const merge = (from: CheckSettings) => {
    for (const [code, s] of Object.entries(from)) out[code] = { ...out[code], ...s };
  };
  merge(config.checks);
  for (const o of config.overrides) if (matchesAnyGlob(o.files, relPath)) merge(o.checks);
  return out;
}

/** The setting for one code: an exact key wins over the longest matching family (`rules/*`, `rules`). */
export function settingForCode(settings: CheckSettings, code: string): CheckSetting | undefined {
  if (settings[code]) return settings[code];
  let best: string | undefined;
  for (const key of Object.keys(settings)) {
    if (key !== code && codeMatches(key, code) && (best === undefined || key.length > best.length)) best = key;
  }
  return best === undefined ? undefined : settings[best];
}

/** Options per check code, as the config gives them (for the analyzer's checks to read). */
export function checkOptionsOf(settings: CheckSettings): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [code, s] of Object.entries(settings)) if (s.options) out[code] = s.options;
  return out;
}

/** Drops the findings of checks turned off and re-levels the others as configured. */
export function applyCheckSettings(diagnostics: readonly Diagnostic[], settings: CheckSettings): Diagnostic[] {
  if (Object.keys(settings).length === 0) return [...diagnostics];
  const out: Diagnostic[] = [];
  // one look-up per code (a file's findings repeat a few codes)
  const levels = new Map<string, CheckLevel | undefined>();
  for (const d of diagnostics) {
    let level = levels.get(d.code);
    if (level === undefined && !levels.has(d.code)) levels.set(d.code, (level = settingForCode(settings, d.code)?.level));
    if (level === 'off') continue;
    out.push(level === undefined || level === 'default' || level === d.severity ? d : { ...d, severity: level });
  }
  return out;
}

/** Is the path (relative to the config folder) checked by a directory walk? */
export function isPathIncluded(config: ProjectConfig, relPath: string): boolean {
  if (matchesAnyGlob(config.exclude, relPath)) return false;
  return config.include.length === 0 || matchesAnyGlob(config.include, relPath);
}

/** Does the config name this path as a rule file (whatever its extension)? */
export function isConfiguredRuleFile(config: ProjectConfig, relPath: string): boolean {
  return matchesAnyGlob(config.ruleFiles, relPath);
}
