/**
 * Metric and label name validation (shared by rules, relabel and every file kind) as Prometheus's `model.ValidationScheme` does it: UTF-8 names
 * (any non-empty valid UTF-8) since Prometheus 3.0, legacy `[a-zA-Z_:][a-zA-Z0-9_:]*` metric names
 * and `[a-zA-Z_][a-zA-Z0-9_]*` label names before (and when a file pins legacy validation).
 */
export type NameScheme = 'utf8' | 'legacy';

const legacyMetric = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const legacyLabel = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** a lone UTF-16 surrogate is what invalid UTF-8 becomes when a JS string cannot represent it */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isValidUtf8(s: string): boolean {
  return !loneSurrogate.test(s);
}

export function isValidMetricName(s: string, scheme: NameScheme): boolean {
  if (s.length === 0) return false;
  return scheme === 'legacy' ? legacyMetric.test(s) : isValidUtf8(s);
}

export function isValidLabelName(s: string, scheme: NameScheme): boolean {
  if (s.length === 0) return false;
  return scheme === 'legacy' ? legacyLabel.test(s) : isValidUtf8(s);
}
