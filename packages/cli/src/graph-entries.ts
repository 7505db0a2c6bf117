/**
 * A rule file's graph entries (`RuleGraphEntry[]`, what the workspace pass reads of it) as compact
 * JSON: one flat array of strings and numbers, how they cross from a worker thread and how the
 * cache's rules.json keeps them. Per rule: its group's name (0: the previous rule's group), its
 * group's and its own index, its kind (0 recording, 1 alerting), the number of its uses, then per
 * use its name, 0 (metric) or 1 (alert) and its range.
 *
 * A rule's name and the name's range are not written: they are the file summary's (its
 * `recordedMetrics` for a recording rule, its `alerts` for an alerting rule, in the same order, both
 * made from the rules of the file's model: core's rules/file.ts and checks/model-from-rules.ts; a
 * test of core holds them to each other on every rule file of the corpus), which a worker's outcome
 * and the cache's results.json carry anyway. Reading the entries back takes those lists
 * (`RuleNames`), and a list longer or shorter than the rules of its kind is a damaged text. For the
 * 100,000 rules of a 5,000-file run: 6.0 MB instead of 11.5 (with the names; 26 MB as the entries'
 * own JSON). (Checking each name against the summary's before writing was ~0.6% of a cold `--cache`
 * run: the test of core holds them instead.)
 *
 *   entriesFromJson(entriesJson(rules), namesOf(summary)) // the same entries (deeply equal)
 */
import type { NamedRef, RuleGraphEntry } from '@promscope/core';

/** rules per piece of `entriesJsonPieces` (a 20 MB rule file's entries are never one string) */
const RULES_PER_PIECE = 2000;

/**
 * The names of a file's recording and alerting rules with their ranges, in the order of its rules:
 * its summary's `recordedMetrics` and `alerts`, as objects (`NamedRef`) or packed as results.json
 * keeps them (name, start, end, name...: check-file.ts `outcomeText`).
 */
export interface RuleNames {
  records: readonly unknown[];
  alerts: readonly unknown[];
}

export function namesOf(summary: { recordedMetrics: readonly unknown[]; alerts: readonly unknown[] }): RuleNames {
  return { records: summary.recordedMetrics, alerts: summary.alerts };
}

/** The entries as compact JSON, in pieces whose concatenation is the text. */
export function* entriesJsonPieces(rules: readonly RuleGraphEntry[]): Generator<string> {
  if (rules.length <= RULES_PER_PIECE) {
    yield JSON.stringify(pack(rules, 0, rules.length));
    return;
  }
  yield '[';
  for (let from = 0; from < rules.length; from += RULES_PER_PIECE) {
    // each piece repeats its first rule's group name (a piece is read as part of one array)
    const part = JSON.stringify(pack(rules, from, Math.min(rules.length, from + RULES_PER_PIECE)));
    if (part.length > 2) yield `${from > 0 ? ',' : ''}${part.slice(1, -1)}`;
  }
  yield ']';
}

export function entriesJson(rules: readonly RuleGraphEntry[]): string {
  return [...entriesJsonPieces(rules)].join('');
}

function pack(rules: readonly RuleGraphEntry[], from: number, to: number): (string | number)[] {
  const out: (string | number)[] = [];
  let group: string | undefined;
  for (let i = from; i < to; i++) {
    const r = rules[i]!;
    out.push(r.group === group ? 0 : (group = r.group), r.groupIndex, r.index, r.kind === 'alert' ? 1 : 0, r.uses.length);
    for (const u of r.uses) out.push(u.name, u.kind === 'alert' ? 1 : 0, u.range.start, u.range.end);
  }
  return out;
}

/** The entries of `entriesJson`'s text; undefined when it is not such a text (a damaged cache file) or does not fit `names`. */
export function entriesFromJson(text: string, names: RuleNames): RuleGraphEntry[] | undefined {
  let a: unknown;
  try {
    a = JSON.parse(text);
  } catch {
    return undefined;
  }
  return Array.isArray(a) ? unpack(a, names) : undefined;
}

/** The entries of a packed array (`entriesJson`, parsed) with the names of `names`; undefined when it is not one, or they do not fit. */
export function unpack(a: readonly unknown[], names: RuleNames): RuleGraphEntry[] | undefined {
  if (!Array.isArray(names.records) || !Array.isArray(names.alerts)) return undefined;
  const records = new Refs(names.records);
  const alerts = new Refs(names.alerts);
  const out: RuleGraphEntry[] = [];
  let group: string | undefined;
  let i = 0;
  const num = () => {
    const v = a[i++];
    if (typeof v !== 'number') throw BAD;
    return v;
  };
  const str = () => {
    const v = a[i++];
    if (typeof v !== 'string') throw BAD;
    return v;
  };
  try {
    while (i < a.length) {
      const g = a[i++];
      if (typeof g === 'string') group = g;
      else if (g !== 0 || group === undefined) return undefined;
      const groupIndex = num();
      const index = num();
      const k = num();
      if (k !== 0 && k !== 1) return undefined;
      const kind = k === 1 ? 'alert' : 'record';
      const ref = (k === 1 ? alerts : records).next();
      const n = num();
      const uses: RuleGraphEntry['uses'] = [];
      for (let j = 0; j < n; j++) {
        const useName = str();
        const useKind = num();
        uses.push({ name: useName, kind: useKind === 1 ? 'alert' : 'metric', range: { start: num(), end: num() } });
      }
      out.push({ group, groupIndex, index, kind, name: ref.name, nameRange: ref.range, uses });
    }
    // every name of the summary is a rule's
    if (!records.done() || !alerts.done()) return undefined;
  } catch (e) {
    if (e === BAD) return undefined;
    throw e;
  }
  return out;
}

/** the names of a `RuleNames` list in turn, objects or packed (a name that is neither: `BAD`) */
class Refs {
  private at = 0;
  private readonly packed: boolean;
  constructor(private readonly list: readonly unknown[]) {
    this.packed = list.length > 0 && typeof list[0] !== 'object';
  }
  next(): NamedRef {
    const l = this.list;
    if (this.packed) {
      const [name, start, end] = [l[this.at], l[this.at + 1], l[this.at + 2]];
      this.at += 3;
      if (typeof name !== 'string' || typeof start !== 'number' || typeof end !== 'number') throw BAD;
      return { name, range: { start, end } };
    }
    const r = l[this.at++] as NamedRef | undefined;
    if (typeof r !== 'object' || r === null || typeof r.name !== 'string' || typeof r.range !== 'object' || r.range === null) throw BAD;
    return r;
  }
  done(): boolean {
    return this.at === this.list.length;
  }
}

const BAD = { bad: true };
