/** What every output format receives: the findings of a run and a few counts. */
import { tally, type Finding, type Tally } from '../findings';

export interface Report {
  /** findings as objects, in report order (by file, then position) */
  findings: Finding[];
  /**
   * Files whose findings arrive already written in the report's format (by a worker thread, see
   * `formatChunk`), sorted by file, none empty; never a file that also has entries in `findings`.
   */
  chunks?: Chunk[];
  /** files analysed (excluding files of an unknown kind) */
  filesChecked: number;
  /** files `--fix` rewrote */
  filesFixed: number;
  /** every file that was analysed, in order (for formats that list passing files) */
  files: string[];
  /** the working folder (absolute), for formats that need a base URI */
  cwd: string;
  version: string;
}

/** One file's findings written by `formatChunk`: the text (or its UTF-8 bytes), and what it holds. */
export interface Chunk {
  file: string;
  text: string | Uint8Array;
  count: number;
  tally: Tally;
}

export interface FormatOptions {
  color: boolean;
}

/** the most findings in one piece of `reportPieces` */
export const FINDINGS_PER_PIECE = 2000;

/**
 * The report's findings in file order, consecutive findings of `findings` as arrays of at most
 * `FINDINGS_PER_PIECE`, with the chunks between them where their files sort. (A 20 MB rule file's
 * 170,000 findings written as one JSON string, then copied once more to break its lines, were a
 * fifth of its run's peak memory.)
 */
export function reportPieces(report: Report): (Finding[] | Chunk)[] {
  const chunks = report.chunks ?? [];
  const out: (Finding[] | Chunk)[] = [];
  let c = 0;
  let run: Finding[] = [];
  for (const f of report.findings) {
    if (c < chunks.length && chunks[c]!.file < f.file) {
      if (run.length > 0) out.push(run);
      run = [];
      while (c < chunks.length && chunks[c]!.file < f.file) out.push(chunks[c++]!);
    }
    if (run.length === FINDINGS_PER_PIECE) {
      out.push(run);
      run = [];
    }
    run.push(f);
  }
  if (run.length > 0) out.push(run);
  while (c < chunks.length) out.push(chunks[c++]!);
  return out;
}

/** How many findings the report holds, in `findings` and in its chunks, and of which severity. */
export function reportTally(report: Report): { count: number; tally: Tally } {
  const t = tally(report.findings);
  let count = report.findings.length;
  for (const c of report.chunks ?? []) {
    count += c.count;
    t.errors += c.tally.errors;
    t.warnings += c.tally.warnings;
    t.infos += c.tally.infos;
  }
  return { count, tally: t };
}
