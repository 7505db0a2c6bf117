/**
 * The scalar node of the YAML walk (parse.ts) and of its direct fast path (fast-tree.ts).
 */
import { mayResolve, resolveScalar } from './resolve';
import { decodeDoubleQuoted, decodePlain, decodeSingleQuoted } from './scalar';
import { IdentityMap, type SourceMapLike } from './source-map';
import type { ScalarStyle, YScalar } from './types';

/**
 * A scalar node. Flow scalars (plain, single- and double-quoted) are decoded without their source
 * map: most scalars are never mapped, so they hold the file text in place of the map and decode it
 * again (over `range`) when `toFile` or `toFileRange` is first called. Other scalars pass their map.
 */
export class Scalar implements YScalar {
  readonly kind = 'scalar' as const;
  value: string | number | boolean | null;
  goTag: string;
  tag?: string;
  anchor?: string;
  constructor(
    public range: { start: number; end: number },
    public text: string,
    public style: ScalarStyle,
    /** the source map, or the text to decode it from */
    private map: SourceMapLike | string,
    tag: string | undefined,
  ) {
    if (tag === undefined && (style !== 'plain' || (text.length > 0 && !mayResolve(text.charCodeAt(0))))) {
      // what resolveScalar gives for a quoted or block scalar, or a plain one that cannot be anything but a string
      this.value = text;
      this.goTag = '!!str';
    } else {
      const r = resolveScalar(text, style === 'plain', tag);
      this.value = r.value;
      this.goTag = r.tag;
    }
    if (tag !== undefined) this.tag = tag;
  }
  private sourceMap(): SourceMapLike {
    if (typeof this.map === 'string') {
      const { start, end } = this.range;
      const s = this.style;
      const src = this.map;
      // a quoted scalar on one line without escapes maps one to one (what its decoder gives, without
      // decoding the text again)
      const quote = s === 'double' ? 34 : s === 'single' ? 39 : 0;
      if (quote !== 0 && end - start >= 2 && src.charCodeAt(end - 1) === quote && verbatim(src, start + 1, end - 1, s === 'double' ? 92 : quote)) {
        this.map = new IdentityMap(start + 1, end - start - 2);
      } else if (s === 'plain' && verbatim(src, start, end, 10)) {
        // a plain scalar on one line is its source
        this.map = new IdentityMap(start, end - start);
      } else this.map = (s === 'plain' ? decodePlain : s === 'single' ? decodeSingleQuoted : decodeDoubleQuoted)(src, start, end).map;
    }
    return this.map;
  }
  toFile(offset: number): number {
    return this.sourceMap().toFile(offset);
  }
  toFileRange(r: { start: number; end: number }) {
    return this.sourceMap().toFileRange(r);
  }
  toFileEnd(i: number): number {
    const m = this.sourceMap();
    const start = m.toFile(0);
    return i <= 0 ? start : Math.max(start, m.toFileEnd(i));
  }
  changePoints(): number[] {
    return this.sourceMap().changePoints();
  }
}

/** a null scalar standing for an absent value, located at `at` */
export function nullScalar(at: number): YScalar {
  return new Scalar({ start: at, end: at }, '', 'plain', '', undefined);
}


/** no line break and no `special` character in [start, end) of `src` */
function verbatim(src: string, start: number, end: number, special: number): boolean {
  for (let i = start; i < end; i++) {
    const c = src.charCodeAt(i);
    if (c === special || c === 10 || c === 13) return false;
  }
  return true;
}
