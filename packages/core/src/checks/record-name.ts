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
export function splitLevel(level: string, labels: ReadonlySet<string>): string[] | undefined {
  const tokens = level.split('_');
  const memo = new Map<number, string[] | null>();
  const from = (i: number): string[] | null => {
    if (i === tokens.length) return [];
    if (memo.has(i)) return memo.get(i)!;
    let res: string[] | null = null;
    for (let j = tokens.length; j > i && !res; j--) {
      const cand = tokens.slice(i, j).join('_');
      if (labels.has(cand)) {
        const rest = from(j);
        if (rest) res = [cand, ...rest];
      }
    }
    memo.set(i, res);
    return res;
  };
  return from(0) ?? undefined;
}
