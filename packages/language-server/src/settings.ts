/**
 * Editor settings (section `promscope`), from `initializationOptions` and `workspace/configuration`.
 * A `.promscope.yml` wins over them where it says something (see analysis.ts).
 */
import type { CheckLevel, CheckSettings } from '@promscope/core';
import type { LogLevel } from './logger';

export interface ServerSettings {
  /** target Prometheus version, e.g. "2.42" or "3.14" (empty: the core's default) */
  prometheusVersion: string;
  /** Prometheus `--enable-feature` names */
  features: string[];
  /** base URL of a Prometheus for live metric names, labels and metadata; off when empty */
  prometheusUrl: string;
  /** check code (or family) → level (`off`, `error`, `warning`, `info`) */
  checks: Record<string, CheckLevel>;
  /** quiet time after an edit before diagnostics are recomputed */
  debounceMs: number;
  /**
   * at most this many diagnostics in one file's publication (0: all); the VS Code extension sets
   * 1,000, what VS Code shows (convert.ts `limitPublished`)
   */
  maxDiagnosticsPerFile: number;
  /** timeout of one request to the Prometheus API */
  prometheusTimeoutMs: number;
  logLevel: LogLevel;
}

export const defaultSettings: ServerSettings = {
  prometheusVersion: '',
  features: [],
  prometheusUrl: '',
  checks: {},
  debounceMs: 150,
  maxDiagnosticsPerFile: 0,
  prometheusTimeoutMs: 2000,
  logLevel: 'info',
};

const LEVELS = new Set(['off', 'error', 'warning', 'info', 'default']);

/** Reads settings from an untrusted object (any shape), keeping defaults for what is missing or wrong. */
export function parseSettings(raw: unknown): ServerSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const src = (r.promscope && typeof r.promscope === 'object' ? r.promscope : r) as Record<string, unknown>;
  const s: ServerSettings = { ...defaultSettings, features: [], checks: {} };
  if (typeof src.prometheusVersion === 'string') s.prometheusVersion = src.prometheusVersion.trim();
  if (Array.isArray(src.features)) s.features = src.features.filter((f): f is string => typeof f === 'string');
  if (typeof src.prometheusUrl === 'string') s.prometheusUrl = src.prometheusUrl.trim().replace(/\/+$/, '');
  if (src.checks && typeof src.checks === 'object') {
    for (const [code, level] of Object.entries(src.checks as Record<string, unknown>)) {
      if (typeof level === 'string' && LEVELS.has(level)) s.checks[code] = level as CheckLevel;
      else if (level === false) s.checks[code] = 'off';
    }
  }
  if (typeof src.debounceMs === 'number' && src.debounceMs >= 0) s.debounceMs = Math.min(src.debounceMs, 5000);
  if (typeof src.maxDiagnosticsPerFile === 'number' && src.maxDiagnosticsPerFile >= 0) s.maxDiagnosticsPerFile = Math.floor(src.maxDiagnosticsPerFile);
  if (typeof src.prometheusTimeoutMs === 'number' && src.prometheusTimeoutMs > 0) s.prometheusTimeoutMs = src.prometheusTimeoutMs;
  if (typeof src.logLevel === 'string' && ['error', 'warn', 'info', 'debug'].includes(src.logLevel)) s.logLevel = src.logLevel as LogLevel;
  return s;
}

/** The checks setting as core CheckSettings. */
export function settingsChecks(s: ServerSettings): CheckSettings {
  const out: CheckSettings = {};
  for (const [code, level] of Object.entries(s.checks)) out[code] = { level };
  return out;
}
