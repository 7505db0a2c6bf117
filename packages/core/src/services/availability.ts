/** Which catalogue entries the target Prometheus (version + feature flags) accepts. */
import { FEATURES, allAggregators, allFunctions, type AggregatorInfo, type FunctionInfo } from '../promql/functions';
import { versionAtLeast, withDefaults, type AnalyzerOptions } from '../options';

function sinceOk(opts: AnalyzerOptions, since: string): boolean {
  const [ma, mi] = since.split('.').map(Number);
  return versionAtLeast(opts, ma, mi ?? 0);
}

export function isAvailable(entry: { since: string; experimental: boolean }, options?: Partial<AnalyzerOptions>): boolean {
  const opts = withDefaults(options);
  if (!sinceOk(opts, entry.since)) return false;
  return !entry.experimental || opts.features.includes(FEATURES.experimentalFunctions);
}

export function availableFunctions(options?: Partial<AnalyzerOptions>): FunctionInfo[] {
  return allFunctions().filter((f) => isAvailable(f, options));
}

export function availableAggregators(options?: Partial<AnalyzerOptions>): AggregatorInfo[] {
  return allAggregators().filter((a) => isAvailable(a, options));
}
