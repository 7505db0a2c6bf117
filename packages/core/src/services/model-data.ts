/**
 * A DocumentModel as plain, structured-cloneable data (the regions' offset maps as runs in one typed
 * array), so that a shell can build models off its main thread and send them over.
 */
import type { Range } from '../diagnostics/types';
import type { ScalarStyle } from '../yaml/types';
import type { DocumentModel, GroupEntry, NamedBlock, RuleEntry } from './document-model';
import type { PromQLRegion } from './regions';

export interface RegionData {
  text: string;
  range: Range;
  style: ScalarStyle;
  keyStart: number;
  /** its offset map: runs `at` to `at + runs` of the model's `runs` */
  at: number;
  runs: number;
}

export interface ModelData {
  path: string;
  kind: DocumentModel['kind'];
  regions: RegionData[];
  /** rules with `expr` as an index into `regions` (-1: none) */
  groups: (Omit<GroupEntry, 'rules'> & { rules: (Omit<RuleEntry, 'expr'> & { expr: number })[] })[];
  blocks: NamedBlock[];
  testSeries: RegionData[];
  /**
   * every region's offset map as runs of 3 numbers: from character `i` on (to the next run),
   * toFile(j) = j + s and toFileEnd(j) = j + e. A plain one-line expression is one run, a block
   * scalar one per line, a quoted one one per escape. (Two arrays of every offset per region were
   * half of a 1,000-rule file's model, 1,100 KB, in 2,000 array buffers, sent to the main thread
   * after every pause in typing.)
   */
  runs: Int32Array;
}

/**
 * `r`'s offset map appended to `out` as runs (see `ModelData.runs`); how many. Read at the offsets
 * where its map says the runs may change (a one-line plain expression: at 0 alone), else at every one.
 */
function appendRuns(r: PromQLRegion, out: number[]): number {
  const n = r.text.length;
  const points = r.changePoints?.();
  let count = 0;
  let s = NaN;
  let e = NaN;
  for (let k = 0, end = points ? points.length : n + 1; k < end; k++) {
    const i = points ? points[k]! : k;
    if (i > n) break;
    const si = r.toFile(i) - i;
    const ei = r.toFileEnd(i) - i;
    if (si === s && ei === e) continue;
    out.push(i, si, ei);
    s = si;
    e = ei;
    count++;
  }
  return count;
}

function regionData(r: PromQLRegion, out: number[]): RegionData {
  const at = out.length / 3;
  return { text: r.text, range: r.range, style: r.style, keyStart: r.keyStart, at, runs: appendRuns(r, out) };
}

/**
 * A region of a model that crossed threads: one object, its maps read from the model's runs (a
 * model of 1,000 rules is kept for every open document, and its objects outlive young-generation
 * collections: closures per region were six objects more each).
 */
class DataRegion implements PromQLRegion {
  readonly text: string;
  readonly range: Range;
  readonly style: ScalarStyle;
  readonly keyStart: number;
  private readonly first: number;
  private readonly last: number;

  constructor(
    d: RegionData,
    private readonly runs: Int32Array,
  ) {
    this.text = d.text;
    this.range = d.range;
    this.style = d.style;
    this.keyStart = d.keyStart;
    this.first = d.at;
    this.last = d.at + d.runs - 1;
  }

  /** the run that holds character `i` (0 ≤ i ≤ text.length) */
  private runOf(i: number): number {
    const runs = this.runs;
    let lo = this.first;
    let hi = this.last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runs[3 * mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private clamp(i: number): number {
    const n = this.text.length;
    return i < 0 ? 0 : i > n ? n : i;
  }

  toFile(i: number): number {
    const c = this.clamp(i);
    return c + this.runs[3 * this.runOf(c) + 1]!;
  }

  toFileEnd(i: number): number {
    const c = this.clamp(i);
    return c + this.runs[3 * this.runOf(c) + 2]!;
  }

  fromFile(o: number): number | null {
    if (o < this.range.start || o > this.range.end) return null;
    const n = this.text.length;
    if (n === 0 || o < this.toFile(0)) return 0;
    // the last character that starts at or before `o`
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.toFile(mid) <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

export function modelToData(m: DocumentModel): ModelData {
  const index = new Map<PromQLRegion, number>();
  m.regions.forEach((r, i) => index.set(r, i));
  const runs: number[] = [];
  return {
    path: m.path,
    kind: m.kind,
    regions: m.regions.map((r) => regionData(r, runs)),
    groups: m.groups.map((g) => ({ ...g, rules: g.rules.map((r) => ({ ...r, expr: r.expr ? (index.get(r.expr) ?? -1) : -1 })) })),
    blocks: m.blocks,
    testSeries: m.testSeries.map((r) => regionData(r, runs)),
    runs: Int32Array.from(runs),
  };
}

export function modelFromData(d: ModelData, text: string): DocumentModel {
  const regions = d.regions.map((r) => new DataRegion(r, d.runs));
  const groups: GroupEntry[] = d.groups.map((g) => ({ ...g, rules: g.rules.map((r) => ({ ...r, expr: r.expr >= 0 ? regions[r.expr] : undefined })) }));
  return { path: d.path, kind: d.kind, text, regions, groups, rules: groups.flatMap((g) => g.rules), blocks: d.blocks, testSeries: d.testSeries.map((r) => new DataRegion(r, d.runs)) };
}
