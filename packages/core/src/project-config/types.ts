/** The typed model of `.promscope.yml`, the per-repository promscope configuration. */
import type { Severity } from '../diagnostics/types';
import type { Dialect } from '../options';
import type { YamlLimits } from '../yaml/limits';

/** A check's level: a severity, `off` to drop its findings, `default` to keep the check's own. */
export type CheckLevel = Severity | 'off' | 'default';

export interface CheckSetting {
  level?: CheckLevel;
  /** options for the check, passed through to it untouched */
  options?: Record<string, unknown>;
}

/** Check settings keyed by code or code family (`rules`, `rules/*`). */
export type CheckSettings = Record<string, CheckSetting>;

export interface ConfigOverride {
  /** globs relative to the config file's folder */
  files: string[];
  checks: CheckSettings;
}

export interface ProjectConfig {
  /** target Prometheus version, e.g. "3.5" or "2.53" */
  prometheusVersion?: string;
  /** Prometheus `--enable-feature` names */
  features?: string[];
  dialect?: Dialect;
  /** when non-empty, only matching files are checked by a directory walk */
  include: string[];
  /** files never checked by a directory walk */
  exclude: string[];
  /** files that are rule files whatever their name (e.g. `*.rules`) */
  ruleFiles: string[];
  checks: CheckSettings;
  /** per-path check settings; later entries win */
  overrides: ConfigOverride[];
  /** `limits.yaml`: the YAML limits against hostile input (unset ones keep their defaults) */
  yamlLimits?: Partial<YamlLimits>;
}

export function emptyProjectConfig(): ProjectConfig {
  return { include: [], exclude: [], ruleFiles: [], checks: {}, overrides: [] };
}

/** The name promscope looks for, upward from each checked file. */
export const PROJECT_CONFIG_FILENAMES = ['.promscope.yml', '.promscope.yaml'] as const;
