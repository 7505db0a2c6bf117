/**
 * Recording-rule names, `level:metric:operations` (prometheus.io/docs/practices/rules/): parsing the
 * name and reading the level against the labels the expression keeps.
 */

export interface RecordName {
  level: string;
  metric: string;
  operations: string;
}

/** the last name parsed and its parts: the rule checks ask for the same rule's name in turn */
let lastName: string | undefined;
let lastParts: Readonly<RecordName> | undefined;

/** The three parts, or undefined when the name does not have exactly three non-empty ones. */
export function parseRecordName(name: string): Readonly<RecordName> | undefined {
  if (name === lastName) return lastParts;
  const b = secondColon(name);
  const a = name.indexOf(':');
  lastName = name;
  lastParts = b === -1 ? undefined : Object.freeze({ level: name.slice(0, a), metric: name.slice(a + 1, b), operations: name.slice(b + 1) });
  return lastParts;
}

/** Whether the name has exactly three non-empty colon-separated parts (`parseRecordName` gives them). */
export function hasRecordNameShape(name: string): boolean {
  return secondColon(name) !== -1;
}

/** the second of exactly two colons that cut the name into three non-empty parts, else -1 */
function secondColon(name: string): number {
  // name.split(':') with exactly three non-empty parts, without the array
  const a = name.indexOf(':');
  if (a <= 0) return -1;
  const b = name.indexOf(':', a + 1);
  if (b === -1 || b === a + 1 || b === name.length - 1 || name.indexOf(':', b + 1) !== -1) return -1;
  return b;
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

/**
 * Whether the `_`-separated tokens of `label` appear, in a row, among those of `level`: whether
 * `level.split('_')` has a run equal to `label.split('_')` — `_${label}_` occurs in `_${level}_`
 * (every `_` there separates tokens) — without building the lists.
 */
export function hasTokenRun(level: string, label: string): boolean {
  const n = label.length;
  // at the start of each token of the level: the label, ending where a token ends
  for (let start = 0; ; ) {
    const end = start + n;
    if (end <= level.length && (end === level.length || level.charCodeAt(end) === 95) && level.startsWith(label, start)) return true;
    const sep = level.indexOf('_', start);
    if (sep === -1) return false;
    start = sep + 1;
  }
}

/** Whether `label` is one of the `_`-separated tokens of `level` (`level.split('_').includes(label)`). */
export function hasToken(level: string, label: string): boolean {
  return !label.includes('_') && hasTokenRun(level, label);
}
