/**
 * Recording-rule names, `level:metric:operations` (prometheus.io/docs/practices/rules/): parsing the
 * name and reading the level against the labels the expression keeps.
 */

export interface RecordName {
  level: string;
  metric: string;
  operations: string;
}

/** The three parts, or undefined when the name does not have exactly three non-empty ones. */
export function parseRecordName(name: string): RecordName | undefined {
  // name.split(':') with exactly three non-empty parts, without the array
  const a = name.indexOf(':');
  if (a <= 0) return undefined;
  const b = name.indexOf(':', a + 1);
  if (b === -1 || b === a + 1 || b === name.length - 1 || name.indexOf(':', b + 1) !== -1) return undefined;
  return { level: name.slice(0, a), metric: name.slice(a + 1, b), operations: name.slice(b + 1) };
}

/**
 * Splits a level (`instance_path`) into label names from `labels`, allowing label names that
 * contain underscores themselves (`namespace_pod` with `pod_name`...). Returns the labels used,
 * or undefined when the level cannot be written as a `_`-joined list of those labels.
 */
export function splitLevel(level: string, labels: { has(name: string): boolean }): string[] | undefined {
  // token boundaries: the `_` positions, with -1 before the first token and the length after the last
  const cuts = [-1];
  for (let i = level.indexOf('_'); i >= 0; i = level.indexOf('_', i + 1)) cuts.push(i);
  cuts.push(level.length);
  const n = cuts.length - 1;
  // from[i]: the labels that spell tokens i.. (longest first label first), null when none do
  const from: (string[] | null)[] = new Array(n + 1).fill(null);
  from[n] = [];
  for (let i = n - 1; i >= 0; i--) {
    for (let j = n; j > i; j--) {
      const rest = from[j];
      if (!rest) continue;
      const cand = level.slice(cuts[i]! + 1, cuts[j]);
      if (labels.has(cand)) {
        from[i] = [cand, ...rest];
        break;
      }
    }
  }
  return from[0] ?? undefined;
}
