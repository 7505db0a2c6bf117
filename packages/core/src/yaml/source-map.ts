/**
 * Source maps from a decoded YAML scalar back into the file text.
 *
 * A decoded scalar is a sequence of segments. A segment is either a *run* (decoded characters copied
 * one to one from the file) or a *unit* (one decoded piece produced from a different source span: an
 * escape such as `\u00e9` or `''`, or a folded line break). Offsets are UTF-16 indices, both in the
 * decoded text and in the file.
 */
import type { Range } from '../diagnostics/types';

/** what every scalar source map offers */
export interface SourceMapLike {
  toFile(i: number): number;
  toFileEnd(i: number): number;
  toFileRange(r: Range): Range;
  /**
   * The decoded offsets (ascending, 0 first) at which `toFile(i) - i` or `toFileEnd(i) - i` may
   * differ from its value at `i - 1`: both are the same at every offset up to the next one. (A model
   * sent to another thread keeps a map as these runs: `services/model-data.ts`.)
   */
  changePoints(): number[];
}

/** the map of a scalar copied verbatim from the file (single-line plain scalars): no allocation per character run */
export class IdentityMap implements SourceMapLike {
  constructor(
    private readonly start: number,
    private readonly length: number,
  ) {}
  toFile(i: number): number {
    return this.start + Math.max(0, Math.min(i, this.length));
  }
  toFileEnd(i: number): number {
    return this.toFile(i);
  }
  toFileRange(r: Range): Range {
    return { start: this.toFile(r.start), end: this.toFile(Math.max(r.start, r.end)) };
  }
  changePoints(): number[] {
    return [0];
  }
}

export class ScalarSourceMap implements SourceMapLike {
  /** flat triples: decoded start, file start, file end (file end - file start = length for runs) */
  private readonly segs: number[];
  /** 1 for runs, 0 for units, one entry per segment */
  private readonly runs: number[];
  constructor(
    /** file offset that `toFile(textLength)` maps to when the text is empty */
    private readonly emptyAt: number,
    private readonly textLength: number,
  ) {
    this.segs = [];
    this.runs = [];
  }

  /** identity map: `length` characters copied from `fileStart` */
  static identity(fileStart: number, length: number): SourceMapLike {
    return new IdentityMap(fileStart, length);
  }

  /** record `length` characters copied from the file starting at `fileStart` */
  run(textStart: number, fileStart: number, length: number): void {
    const n = this.segs.length;
    // merge with a preceding adjacent run
    if (n > 0 && this.runs[this.runs.length - 1] === 1 && this.segs[n - 1] === fileStart) {
      const prevTextStart = this.segs[n - 3];
      const prevFileStart = this.segs[n - 2];
      if (textStart - prevTextStart === fileStart - prevFileStart) {
        this.segs[n - 1] = fileStart + length;
        return;
      }
    }
    this.segs.push(textStart, fileStart, fileStart + length);
    this.runs.push(1);
  }

  /** record decoded characters at `textStart` produced from the file span [fileStart, fileEnd) */
  unit(textStart: number, fileStart: number, fileEnd: number): void {
    this.segs.push(textStart, fileStart, fileEnd);
    this.runs.push(0);
  }

  private find(i: number): number {
    const segs = this.segs;
    let lo = 0;
    let hi = segs.length / 3 - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid * 3] <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** file offset of the decoded character at `i` (0 ≤ i ≤ text length) */
  toFile(i: number): number {
    const segs = this.segs;
    if (segs.length === 0) return this.emptyAt;
    if (i >= this.textLength) return segs[segs.length - 1];
    if (i <= 0) return segs[1];
    const k = this.find(i);
    const tStart = segs[k * 3];
    const fStart = segs[k * 3 + 1];
    return this.runs[k] === 1 ? fStart + (i - tStart) : fStart;
  }

  /** file offset just after the decoded character at `i - 1` (for range ends) */
  toFileEnd(i: number): number {
    const segs = this.segs;
    if (segs.length === 0) return this.emptyAt;
    if (i <= 0) return segs[1];
    if (i >= this.textLength) return segs[segs.length - 1];
    const k = this.find(i - 1);
    const tStart = segs[k * 3];
    const fStart = segs[k * 3 + 1];
    return this.runs[k] === 1 ? fStart + (i - tStart) : segs[k * 3 + 2];
  }

  changePoints(): number[] {
    const segs = this.segs;
    const n = this.textLength;
    const out = [0];
    // no segment: every offset maps to one place (an empty text has only offset 0)
    if (segs.length === 0) for (let i = 1; i <= n; i++) out.push(i);
    const count = segs.length / 3;
    for (let k = 0; k < count; k++) {
      const t = segs[k * 3]!;
      const next = k + 1 < count ? segs[k * 3 + 3]! : n;
      // a run moves by one file character per character: toFile changes at its start, toFileEnd
      // (which reads the character before) one later; a unit's characters all map to its span
      if (this.runs[k] === 1) out.push(t, t + 1);
      else for (let i = t; i <= next + 1; i++) out.push(i);
    }
    // toFile(n) is the last segment's end, whatever it is
    out.push(n);
    out.sort((a, b) => a - b);
    let w = 0;
    for (const x of out) if (x <= n && (w === 0 || x !== out[w - 1])) out[w++] = x;
    out.length = w;
    return out;
  }

  /** maps a range in the decoded text to a range in the file */
  toFileRange(r: Range): Range {
    const start = this.toFile(r.start);
    const end = r.end > r.start ? this.toFileEnd(r.end) : start;
    return { start, end: Math.max(start, end) };
  }
}
