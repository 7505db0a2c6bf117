/**
 * Analyzer options: what the target Prometheus accepts. Built by the shells from `.promscope.yml`,
 * CLI flags or editor settings; the core never reads them from anywhere itself.
 */
export type Dialect = 'prometheus' | 'thanos' | 'mimir' | 'cortex';

export interface AnalyzerOptions {
  /** Prometheus `--enable-feature` names, e.g. `promql-experimental-functions`. */
  features: string[];
  /** Target Prometheus version, e.g. `3.14` (default: newest 3.x) or `2.42`. */
  prometheusVersion: string;
  /** Rule-file dialect: which extra group/rule fields are accepted. */
  dialect: Dialect;
}

export const defaultOptions: AnalyzerOptions = {
  features: [],
  prometheusVersion: '3.14',
  dialect: 'prometheus',
};

export function withDefaults(o: Partial<AnalyzerOptions> | undefined): AnalyzerOptions {
  return { ...defaultOptions, ...(o ?? {}), features: [...(o?.features ?? defaultOptions.features)] };
}

/** Major.minor of the target version as numbers, for comparisons such as "UTF-8 names since 3.0". */
export function versionAtLeast(opts: AnalyzerOptions, major: number, minor = 0): boolean {
  const m = /^(\d+)(?:\.(\d+))?/.exec(opts.prometheusVersion.trim());
  if (!m) return true;
  const ma = Number(m[1]);
  const mi = Number(m[2] ?? 0);
  return ma > major || (ma === major && mi >= minor);
}
