/**
 * A rule file's graph entries (`RuleGraphEntry[]`, what the workspace pass reads of it) as compact
 * JSON: one flat array of strings and numbers, how they cross from a worker thread and how the
 * cache's rules.json keeps them. Per rule:
 * - its group's name, when it is not the previous rule's group;
 * - a code: 1 for an alerting rule (else 0), + 2 when its group's and its own index follow, + 4 ×
 *   the number of its uses;
 * - when the code says so, its group's index and its own. Else they are the expected ones: after a
 *   group's name, the next group's first rule (the previous rule's group index + 1, and 0; the
 *   first rule: 0 and 0); without one, the rule after the previous one in its group;
 * - per use, its name and where it is (`packAt`: its start, and its end when the range is not the
 *   name's length), with 1 added to twice the start for a use of an alert's name (`ALERTS`).
 * Each number the JSON holds costs a run ~20 ns to write and read: a file of 20 generated rules is
 * 72 values instead of 196 with every field written (the 100,000 rules of a 5,000-file run:
 * rules.json 4.3 MB instead of 5.9, made in ~23 ms instead of ~39).
 *
 * A rule's name and the name's range are not written: they are the file summary's (its
 * `recordedMetrics` for a recording rule, its `alerts` for an alerting rule, in the same order, both
 * made from the rules of the file's model: core's rules/file.ts and checks/model-from-rules.ts; a
 * test of core holds them to each other on every rule file of the corpus), which a worker's outcome
 * and the cache's results.json carry anyway. Reading the entries back takes those lists
 * (`RuleNames`), and a list longer or shorter than the rules of its kind is a damaged text.
 * (Checking each name against the summary's before writing was ~0.6% of a cold `--cache` run: the
 * test of core holds them instead.)
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
  // the indices a reader expects (`unpack`): each piece names its first rule's group again
  let groupIndex = -1;
  let index = -1;
  for (let i = from; i < to; i++) {
    const r = rules[i]!;
    if (r.group !== group || i === from) {
      out.push((group = r.group));
      groupIndex++;
      index = 0;
    } else index++;
    const uses = r.uses;
    const follows = r.groupIndex === groupIndex && r.index === index;
    out.push((r.kind === 'alert' ? 1 : 0) + (follows ? 2 : 0) + 4 * uses.length);
    if (!follows) out.push((groupIndex = r.groupIndex), (index = r.index));
    for (let k = 0; k < uses.length; k++) {
      const u = uses[k]!;
      out.push(u.name);
      packAt(out, u.name, 2 * u.range.start + (u.kind === 'alert' ? 1 : 0), u.range.start, u.range.end);
    }
  }
  return out;
}

/**
 * Where a name is, packed after it: `at` (its start, or a number made from it) when the range is
 * the name's length, as a name written plainly is; else -1 - `at`, then the end.
 */
function packAt(out: (string | number)[], name: string, at: number, start: number, end: number): void {
  if (end === start + name.length) out.push(at);
  else out.push(-1 - at, end);
}

/**
 * Names with their ranges as one flat array, each name followed by its place (`packAt`): the
 * 100,000 rules of a 5,000-file run have as many recorded metrics and alerts, and as objects they
 * were most of the cache's `results.json` (9.0 → 5.7 MB, written in ~0.7× the time; with most ends
 * left out, results.json of those files went from 6.2 to 5.7 MB). How results.json keeps a file
 * summary's lists of names (check-file.ts `outcomeText`).
 */
export function packRefs(refs: readonly NamedRef[]): (string | number)[] {
  // grown by push, not made with its length: JSON.stringify has a fast path for packed arrays only
  // (a holey one, `new Array(n)`, was written ~20% slower)
  const out: (string | number)[] = [];
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i]!;
    out.push(r.name);
    packAt(out, r.name, r.range.start, r.range.start, r.range.end);
  }
  return out;
}

/** The names of `packRefs`; throws when `a` is not such a list. */
export function unpackRefs(a: unknown): NamedRef[] {
  if (!Array.isArray(a)) throw new Error('not a packed list of names');
  const refs = new Refs(a, true);
  const out: NamedRef[] = [];
  try {
    while (!refs.done()) out.push(refs.next());
  } catch {
    throw new Error('not a packed list of names');
  }
  return out;
}

/** reads a packed place (`packAt`) at `a[i]`: [at, end, next i]; throws `BAD` when there is none */
function placeAt(a: readonly unknown[], i: number): [at: number, end: number | undefined, next: number] {
  const at = a[i];
  if (typeof at !== 'number' || !Number.isSafeInteger(at)) throw BAD;
  if (at >= 0) return [at, undefined, i + 1];
  const end = a[i + 1];
  if (typeof end !== 'number') throw BAD;
  return [-1 - at, end, i + 2];
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
  const out: RuleGraphEntry[] = [];
  let group: string | undefined;
  let groupIndex = -1;
  let index = -1;
  let i = 0;
  const num = () => {
    const v = a[i++];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw BAD;
    return v;
  };
  try {
    const records = new Refs(names.records);
    const alerts = new Refs(names.alerts);
    while (i < a.length) {
      const g = a[i];
      if (typeof g === 'string') {
        group = g;
        groupIndex++;
        index = 0;
        i++;
      } else if (group === undefined) return undefined;
      else index++;
      const code = num();
      const kind = code & 1 ? 'alert' : 'record';
      if (!(code & 2)) {
        groupIndex = num();
        index = num();
      }
      const ref = (kind === 'alert' ? alerts : records).next();
      const n = code >>> 2;
      const uses: RuleGraphEntry['uses'] = new Array(n);
      for (let j = 0; j < n; j++) {
        const useName = a[i];
        if (typeof useName !== 'string') throw BAD;
        const [at, end, next] = placeAt(a, i + 1);
        i = next;
        const start = Math.floor(at / 2);
        uses[j] = { name: useName, kind: at % 2 === 1 ? 'alert' : 'metric', range: { start, end: end ?? start + useName.length } };
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

/** the names of a `RuleNames` list in turn, objects or packed (`packRefs`; a name that is neither: `BAD`) */
class Refs {
  private at = 0;
  private readonly packed: boolean;
  constructor(
    private readonly list: readonly unknown[],
    packed?: boolean,
  ) {
    this.packed = packed ?? (list.length > 0 && typeof list[0] !== 'object');
  }
  next(): NamedRef {
    const l = this.list;
    if (this.packed) {
      const name = l[this.at];
      if (typeof name !== 'string') throw BAD;
      const [start, end, next] = placeAt(l, this.at + 1);
      this.at = next;
      return { name, range: { start, end: end ?? start + name.length } };
    }
    if (this.at >= l.length) throw BAD;
    const r = l[this.at++] as NamedRef | undefined;
    if (typeof r !== 'object' || r === null || typeof r.name !== 'string' || typeof r.range !== 'object' || r.range === null) throw BAD;
    return r;
  }
  done(): boolean {
    return this.at === this.list.length;
  }
}

const BAD = { bad: true };
