/**
 * Prometheus `--enable-feature` names (cmd/prometheus/main.go), current and removed. Prometheus
 * only warns about an unknown name ("Unknown option for --enable-feature"), so promscope does too.
 */
export const PROMETHEUS_FEATURE_FLAGS: readonly string[] = [
  // Prometheus 3.x
  'exemplar-storage',
  'memory-snapshot-on-shutdown',
  'extra-scrape-metrics',
  'metadata-wal-records',
  'promql-per-step-stats',
  'auto-reload-config',
  'concurrent-rule-eval',
  'promql-experimental-functions',
  'promql-duration-expr',
  'native-histograms',
  'ooo-native-histograms',
  'created-timestamp-zero-ingestion',
  'xor2-encoding',
  'histograms-st-encoding',
  'st-synthesis',
  'st-storage',
  'use-start-timestamps',
  'delayed-compaction',
  'promql-delayed-name-removal',
  'promql-extended-range-selectors',
  'promql-binop-fill-modifiers',
  'old-ui',
  'otlp-deltatocumulative',
  'otlp-native-delta-ingestion',
  'type-and-unit-labels',
  'use-uncached-io',
  'fast-startup',
  'search-api',
  // Prometheus 2.x only
  'promql-at-modifier',
  'promql-negative-offset',
  'remote-write-receiver',
  'new-service-discovery-manager',
  'agent',
  'expand-external-labels',
  'no-default-scrape-port',
  'utf8-names',
  'otlp-write-receiver',
];

export function isKnownFeatureFlag(name: string): boolean {
  return PROMETHEUS_FEATURE_FLAGS.includes(name);
}

/** Splits flag values the way Prometheus does: repeatable, comma-separated, blanks dropped. */
export function splitFeatureFlags(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const v of values) for (const f of v.split(',')) if (f.trim() && !out.includes(f.trim())) out.push(f.trim());
  return out;
}
