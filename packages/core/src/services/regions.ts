/**
 * PromQL regions of a file: where the PromQL is, as decoded text plus a two-way map to file offsets.
 *
 * A `.promql` file is one region (identity map). In YAML files a region is one scalar holding
 * PromQL (`expr:` of a rule), of any style; the map goes through the YAML layer's scalar decoders,
 * so escapes, folding and block indentation are exact.
 */
import type { Range } from '../diagnostics/types';
import type { ScalarStyle } from '../yaml/types';

/** What a region needs of a scalar's source map. */
export interface OffsetMap {
  toFile(i: number): number;
  toFileEnd(i: number): number;
  /** where `toFile(i) - i` or `toFileEnd(i) - i` may change (see the YAML layer's `SourceMapLike.changePoints`); absent: anywhere */
  changePoints?(): readonly number[];
}

export interface PromQLRegion {
  /** the PromQL text as Prometheus receives it */
  text: string;
  /** the whole scalar in the file (quotes and block header included) */
  range: Range;
  style: ScalarStyle;
  /** file offset of decoded offset `i` (0 ≤ i ≤ text.length) */
  toFile(i: number): number;
  /** file offset just after decoded character `i - 1` (for range ends) */
  toFileEnd(i: number): number;
  /** decoded offset of a file offset inside the region, or null when the offset is outside it */
  fromFile(fileOffset: number): number | null;
  /** file offset of the first line of the owning key (`expr:`), for edits placed above the scalar */
  keyStart: number;
  /** the offsets (ascending, 0 first) where `toFile(i) - i` or `toFileEnd(i) - i` may change; absent: anywhere */
  changePoints?(): readonly number[];
}

/** A region whose decoded text is the file text itself (`.promql` files, tests). */
export function identityRegion(text: string, start = 0): PromQLRegion {
  return {
    text,
    range: { start, end: start + text.length },
    style: 'plain',
    toFile: (i) => start + clamp(i, 0, text.length),
    toFileEnd: (i) => start + clamp(i, 0, text.length),
    fromFile: (o) => (o >= start && o <= start + text.length ? o - start : null),
    keyStart: start,
    changePoints: () => [0],
  };
}

/** A region over a decoded YAML scalar and its source map. */
export function scalarRegion(text: string, map: OffsetMap, range: Range, style: ScalarStyle, keyStart: number): PromQLRegion {
  let inverse: Int32Array | null = null;
  const fileOffsets = (): Int32Array => {
    if (!inverse) {
      inverse = new Int32Array(text.length + 1);
      for (let i = 0; i <= text.length; i++) inverse[i] = map.toFile(i);
    }
    return inverse;
  };
  return {
    text,
    range,
    style,
    keyStart,
    toFile: (i) => map.toFile(clamp(i, 0, text.length)),
    toFileEnd: (i) => map.toFileEnd(clamp(i, 0, text.length)),
    changePoints: map.changePoints ? () => map.changePoints!() : undefined,
    fromFile(o) {
      if (o < range.start || o > range.end) return null;
      const inv = fileOffsets();
      if (inv.length === 0) return 0;
      // the last decoded offset whose file offset is ≤ o
      let lo = 0;
      let hi = inv.length - 1;
      if (o < inv[0]) return 0;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (inv[mid] <= o) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    },
  };
}

function clamp(n: number, lo: number, hi: number): number {
  return n < lo ? lo : n > hi ? hi : n;
}

/** The region that contains a file offset (ends inclusive, so the cursor after the last char counts). */
export function regionAt(regions: readonly PromQLRegion[], offset: number): PromQLRegion | undefined {
  for (const r of regions) if (offset >= r.range.start && offset <= r.range.end) return r;
  return undefined;
}
