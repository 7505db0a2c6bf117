/** Counter semantics by metric name: what Prometheus's `PossibleNonCounterInfo` assumes. */

/** Functions that expect a counter. */
export const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase']);

/** Suffixes of counter-like series (`_total`, classic histogram/summary parts). */
export const COUNTER_SUFFIXES = ['_total', '_count', '_sum', '_bucket'];

export function isCounterName(name: string): boolean {
  return COUNTER_SUFFIXES.some((s) => name.endsWith(s));
}

/** A recorded series (the name has a colon): its kind cannot be told from the name. */
export function isRecordedName(name: string): boolean {
  return name.includes(':');
}
