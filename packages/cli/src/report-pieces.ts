/**
 * `--cache` and the report: in a run with a cache (and without `--fix`), each checked file's
 * findings are a piece of the report of their own (a `Chunk`: every output format writes a file's
 * findings one after another), and the cache keeps where each piece is in the report it writes
 * (`chunks.json` beside `report.txt`, see cache.ts). The next run copies the piece of every file
 * that is unchanged (its outcome came from the cache: the same key) and whose cross-file
 * diagnostics are the same, instead of finishing its diagnostics and writing them again (in a run
 * of 5,140 files where one changed, ~0.6 s of the main thread's 4).
 */
import type { Diagnostic } from '@promscope/core';
import { sha1Hex, type ChunkPlace, type LastChunk, type ResultCache } from './cache';
import type { Entry } from './entries';
import type { Finding } from './findings';
import type { Chunk } from './format/index';

/** A hash of a file's cross-file diagnostics ('' for none, as most files have). */
export function extrasKey(extra: readonly Diagnostic[]): string {
  return extra.length === 0 ? '' : sha1Hex(JSON.stringify(extra));
}

interface Made extends LastChunk {
  key: string;
  extras: string;
}

export class ReportPieces {
  /** how many files' pieces were copied from the last report */
  copied = 0;
  /** files with findings outside their own piece (configuration problems, linked files, I/O problems) */
  private readonly others: Set<string>;
  /** each file's piece in this report, by display name */
  private readonly pieces = new Map<string, Made>();
  private readonly copies = new Map<Entry, Chunk>();
  private wanted: { e: Entry; extras: string; offset: number; length: number; count: number; tally: LastChunk['tally'] }[] = [];

  constructor(
    private readonly cache: ResultCache,
    /** how the report is written (format, colour, working folder): a piece is copied only into a report written the same way */
    private readonly how: string,
    otherFindings: readonly Finding[],
  ) {
    this.others = new Set(otherFindings.map((f) => f.file));
  }

  /** Whether `e`'s findings make a piece of their own: a file (not stdin or --expr) with a cache key and no findings of other origins. */
  ownPiece(e: Entry): boolean {
    return !e.virtual && e.cacheKey !== undefined && !this.others.has(e.target.display);
  }

  /**
   * Whether `e`'s piece is to be copied from the last report: the file is unchanged and its
   * cross-file diagnostics (`extra`) are the same as then. `read` then copies it (or gives `e` back).
   */
  want(e: Entry, extra: readonly Diagnostic[]): boolean {
    if (!e.fromCache || !this.ownPiece(e)) return false;
    const extras = extrasKey(extra);
    const place = this.cache.lastPlace(e.target.display, this.how, e.cacheKey!, extras);
    if (!place) return false;
    this.wanted.push({ e, extras, ...place });
    return true;
  }

  /**
   * Copies the pieces `want` took from the last report (and closes it); gives back the entries
   * whose piece could not be read, to be finished as if never wanted.
   */
  read(): Entry[] {
    const bytes = this.cache.readLast(this.wanted);
    const failed: Entry[] = [];
    this.wanted.forEach((w, i) => {
      const text = bytes[i];
      if (text === undefined) return void failed.push(w.e);
      const piece = { text, count: w.count, tally: w.tally };
      this.copies.set(w.e, { file: w.e.target.display, ...piece });
      this.pieces.set(w.e.target.display, { key: w.e.cacheKey!, extras: w.extras, ...piece });
      this.copied++;
    });
    this.wanted = [];
    return failed;
  }

  /** `e`'s piece as copied from the last report, if it was. */
  copiedOf(e: Entry): Chunk | undefined {
    return this.copies.get(e);
  }

  /** A piece written this run for `e` (its findings finished with the cross-file diagnostics `extra`). */
  made(e: Entry, extra: readonly Diagnostic[], piece: LastChunk): void {
    if (!this.ownPiece(e)) return;
    this.pieces.set(e.target.display, { key: e.cacheKey!, extras: extrasKey(extra), text: piece.text, count: piece.count, tally: piece.tally });
  }

  /**
   * Writes where each piece is in the report `out` (its parts, as written under the id `reportId`):
   * a piece whose bytes are one part of it, as they are (a format that rewrites pieces, SARIF,
   * leaves them out: its files are written afresh next time).
   */
  save(reportId: string, out: readonly (string | Uint8Array)[]): string | null {
    const at = new Map<Uint8Array, number>();
    let n = 0;
    for (const p of out) {
      if (typeof p === 'string') n += Buffer.byteLength(p);
      else {
        at.set(p, n);
        n += p.length;
      }
    }
    const files: Record<string, ChunkPlace> = {};
    for (const [display, p] of this.pieces) {
      const t = p.tally;
      if (p.count === 0) files[display] = [p.key, p.extras, 0, 0, 0, 0, 0, 0];
      else {
        const offset = at.get(p.text);
        if (offset !== undefined) files[display] = [p.key, p.extras, offset, p.text.length, p.count, t.errors, t.warnings, t.infos];
      }
    }
    return this.cache.saveChunks(reportId, this.how, files);
  }
}
