/**
 * A DocumentModel as plain, structured-cloneable data (regions carry their offset maps as typed
 * arrays), so that a shell can build models off its main thread and send them over.
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
  /** toFile(i) and toFileEnd(i) for i = 0..text.length */
  starts: Int32Array;
  ends: Int32Array;
}

export interface ModelData {
  path: string;
  kind: DocumentModel['kind'];
  regions: RegionData[];
  /** rules with `expr` as an index into `regions` (-1: none) */
  groups: (Omit<GroupEntry, 'rules'> & { rules: (Omit<RuleEntry, 'expr'> & { expr: number })[] })[];
  blocks: NamedBlock[];
  testSeries: RegionData[];
}

function regionData(r: PromQLRegion): RegionData {
  const n = r.text.length;
  const starts = new Int32Array(n + 1);
  const ends = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) {
    starts[i] = r.toFile(i);
    ends[i] = r.toFileEnd(i);
  }
  return { text: r.text, range: r.range, style: r.style, keyStart: r.keyStart, starts, ends };
}

function regionOf(d: RegionData): PromQLRegion {
  const n = d.text.length;
  const clamp = (i: number) => (i < 0 ? 0 : i > n ? n : i);
  return {
    text: d.text,
    range: d.range,
    style: d.style,
    keyStart: d.keyStart,
    toFile: (i) => d.starts[clamp(i)],
    toFileEnd: (i) => d.ends[clamp(i)],
    fromFile(o) {
      if (o < d.range.start || o > d.range.end) return null;
      if (n === 0 || o < d.starts[0]) return 0;
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (d.starts[mid] <= o) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    },
  };
}

export function modelToData(m: DocumentModel): ModelData {
  const index = new Map<PromQLRegion, number>();
  m.regions.forEach((r, i) => index.set(r, i));
  return {
    path: m.path,
    kind: m.kind,
    regions: m.regions.map(regionData),
    groups: m.groups.map((g) => ({ ...g, rules: g.rules.map((r) => ({ ...r, expr: r.expr ? (index.get(r.expr) ?? -1) : -1 })) })),
    blocks: m.blocks,
    testSeries: m.testSeries.map(regionData),
  };
}

export function modelFromData(d: ModelData, text: string): DocumentModel {
  const regions = d.regions.map(regionOf);
  const groups: GroupEntry[] = d.groups.map((g) => ({ ...g, rules: g.rules.map((r) => ({ ...r, expr: r.expr >= 0 ? regions[r.expr] : undefined })) }));
  return { path: d.path, kind: d.kind, text, regions, groups, rules: groups.flatMap((g) => g.rules), blocks: d.blocks, testSeries: d.testSeries.map(regionOf) };
}
