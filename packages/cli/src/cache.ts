/**
 * `--cache`: results of unchanged files are reused. An entry is keyed by a hash of the promscope
 * version, the file's name, kind and options (the scrape intervals of its prometheus.yml among
 * them), whether its alerts are collected, and its content. Each file is written atomically at
 * the end of a run that changed something: `results.json` (every file's outcome without its
 * diagnostics, and the last workspace pass) is read at start; the diagnostics, in segments under
 * `diagnostics/` (`DiagPlace`), only for a file whose findings are finished again. A file's
 * diagnostics are stored only once a run needed them (`get`): a run that analyses a file writes
 * its findings into the report, and the next run copies them from there (`chunks.json` below);
 * storing every file's diagnostics too was a quarter of what a cold `--cache` run added; `rules.json`
 * (each rule file's rules as the workspace graph sees them, a line each) only when the workspace
 * pass must run again, that is, when a rule file changed (a save copies the lines of the others as
 * they are). A big outcome is a file of its own under `outcomes/`, read only on a hit
 * (`OWN_FILE_BYTES`).
 *
 * Two more files make a run whose every input is unchanged cheap (see `runKey`): `report.txt`, the
 * last such run's report, written again as it is; and `stamps.json`, each file's size, times and
 * inode when it was last read, with its key then. A file whose stat is the same as its stamp's is
 * not read again (the key is the stamp's): the stamp holds only when the file was read at least
 * `RACY_MS` after its last change, so that a change within the same tick of the file system's
 * clock cannot leave the stat as it was (git's "racy clean" problem). Any difference reads it.
 *
 * And `chunks.json`, for a run in which some inputs changed: where each file's findings are in
 * `report.txt` (every run with a cache and without `--fix` writes it), so that an unchanged file
 * whose cross-file findings are the same is copied from there (report-pieces.ts).
 */
import * as nodeCrypto from 'node:crypto';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, readdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { outcomeFromJson, outcomeText, type FileJob, type FileOutcome } from './check-file';
import type { FileStat } from './read-file';
import { byteBatches } from './byte-batches';
import type { Diagnostic, RuleGraphEntry } from '@promscope/core';
import { entriesFromJson, entriesJsonPieces, namesOf, unpack } from './graph-entries';

const CACHE_FORMAT = 9;

/**
 * A file read less than this long after its last change (modification or status change) gets no
 * stamp: coarse file-system clocks (2 s on FAT, a scheduler tick on others) could give a later
 * change the same times.
 */
export const RACY_MS = 2000;

/** a file's stamp: its stat when read, the hash of its job without the text (`metaKey`), its key */
type Stamp = [size: number, mtimeMs: number, ctimeMs: number, ino: number, meta: string, key: string];

interface StampsFile {
  format: number;
  version: string;
  files: Record<string, Stamp>;
}

/**
 * The version string a cache is valid for: the release version plus a stamp of the running bundle
 * (size and modification time), so that a rebuilt analyzer never reuses results of an older one.
 */
export function cacheVersion(version: string, bundleUrl: string): string {
  try {
    const st = statSync(fileURLToPath(bundleUrl));
    return `${version}+${st.size}.${Math.round(st.mtimeMs)}`;
  } catch {
    return version;
  }
}

/**
 * An outcome whose JSON (without its diagnostics and graph entries) is larger than this is kept in
 * a file of its own (`outcomes/<hash of id and key>.json`), which `results.json` names: a run in
 * which that file changed drops it unread. (Inline, a changed 20 MB rule file's 68 MB outcome was
 * parsed at the start of every run only to be dropped: such a run took longer than one without a
 * cache.)
 */
export const OWN_FILE_BYTES = 1 << 20;
/** Diagnostics more than this many are written to their segment piece by piece (`jsonPieces`), never as one text. */
const PIECEWISE_DIAGNOSTICS = 2000;

/** how much of the last report `readLast` reads at a time */
const LAST_WINDOW = 1 << 20;

/**
 * an entry: its key, its outcome without its diagnostics (in results.json, or, until read, in the
 * file under `outcomes/` that `outcomeFile` names) and where its diagnostics are (`diag`), if they
 * are stored
 */
interface CacheEntry {
  key: string;
  outcome?: FileOutcome;
  outcomeFile?: string;
  diag?: DiagPlace;
}

/**
 * Where an outcome's diagnostics are: a segment (a file under `diagnostics/`, each run that set
 * outcomes writes one of its own), the byte offset and length of their JSON in it. Apart from
 * results.json, they are read only for a file whose findings must be finished again (see
 * report-pieces.ts): a run in which one file of 5,140 changed parsed 49 MB of results.json, most of
 * it diagnostics, to use a few.
 */
type DiagPlace = [segment: string, offset: number, length: number];

/** More segments than this (or more than half of their bytes no longer used): the next save writes one with all. */
const MAX_SEGMENTS = 8;

interface CacheFile {
  format: number;
  version: string;
  entries: Record<string, CacheEntry>;
  /** the workspace pass over the rule files of the last run, keyed by all their entries' keys */
  workspace?: { key: string; byPath: Record<string, Diagnostic[]> };
}

/**
 * `rules.json`: a head line (`RulesHead`), then a line for each rule file, `[id, graph entries]`
 * (the entries packed, graph-entries.ts):
 * a save writes the lines of the files it did not set again as they were read, bytes that are not
 * parsed (re-serialising the 26 MB of a 5,140-file run's graph entries took ~0.3 s of a run in
 * which one file changed).
 */
interface RulesHead {
  format: number;
  version: string;
}

/**
 * `report.txt`: the last run's report, for a run whose every input is the same (see `runKey`): one
 * line of JSON (format, version, key, tally), then the output as it was written.
 */
interface ReportHeader {
  format: number;
  version: string;
  key: string;
  tally: { errors: number; warnings: number; infos: number };
  /** this report's own id, which `chunks.json` names (a new one for every report written) */
  id?: string;
}

/**
 * Where a file's findings are in the body of `report.txt` (after its header line), as the run that
 * wrote it finished them: its entry key, a hash of its cross-file diagnostics then (`extrasKey`),
 * the byte offset and length (0 and 0 for a file without findings), and its count and tally.
 */
export type ChunkPlace = [key: string, extras: string, offset: number, length: number, count: number, errors: number, warnings: number, infos: number];

/**
 * `chunks.json`: each file's `ChunkPlace` in the report whose id it names, written the way `how`
 * says (format, colour, working folder). A run in which some files changed copies the findings of
 * each unchanged file whose cross-file diagnostics are the same from there (`lastPlace`, `readLast`) instead of
 * finishing and writing them again.
 */
interface ChunksFile {
  format: number;
  version: string;
  report: string;
  how: string;
  files: Record<string, ChunkPlace>;
}

/** A cached outcome as `get` answers it, or undefined when it cannot be read (a damaged cache: a miss). */
function readOutcome(saved: FileOutcome): FileOutcome | undefined {
  try {
    return outcomeFromJson(saved);
  } catch {
    return undefined;
  }
}

/**
 * The SHA-1 of a string's UTF-8 bytes in hex, as `createHash('sha1').update(s).digest('hex')`: one
 * call (`crypto.hash`, Node 20.12 and later) where there is one. A key per file, twice per file of a
 * cold run: the hash object of each call cost more than hashing a file's text (5,000 files: ~12 ms).
 */
const oneShotHash = (nodeCrypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
export function sha1Hex(s: string): string {
  return oneShotHash !== undefined ? oneShotHash('sha1', s, 'hex') : createHash('sha1').update(s).digest('hex');
}

/**
 * `JSON.stringify(v)` of a job's options or check settings, once per object: files of one
 * `.promscope.yml` share them (entries.ts), and each file's key and meta key read them.
 */
const jsonOfObject = new WeakMap<object, string>();
function jsonOf(v: object): string {
  let s = jsonOfObject.get(v);
  if (s === undefined) jsonOfObject.set(v, (s = JSON.stringify(v)));
  return s;
}

/** A file's findings as the last report wrote them (see `ResultCache.lastPlace`). */
export interface LastChunk {
  text: Uint8Array;
  count: number;
  tally: { errors: number; warnings: number; infos: number };
}

export class ResultCache {
  private loaded: CacheFile | undefined;
  private dirty = false;
  /** the JSON of entries' outcomes that came as JSON (UTF-8), without their graph entries and diagnostics (see `set`) */
  private readonly json = new WeakMap<CacheEntry, Uint8Array>();
  /** diagnostics to store at the save: of outcomes set this run with them, or made again (`get`) */
  private readonly diagnosticsToStore = new Map<string, Diagnostic[]>();
  private readonly segmentsDir: string;
  /** segments open for reading, and their sizes */
  private readonly segments = new Map<string, { fd: number; size: number } | null>();
  /** graph entries by id, as JSON (UTF-8), of entries set this run with their JSON (see `set`) */
  private readonly rulesJson = new Map<string, Uint8Array>();
  /** the ids set this run: their graph entries are in `rulesJson` or in their outcome, never the last run's */
  private readonly setThisRun = new Set<string>();
  /** the lines of rules.json (see `RulesHead`), by id, as read */
  private rulesLines: Map<string, Uint8Array> | undefined;
  readonly file: string;
  private readonly rulesFile: string;
  private readonly reportFile: string;
  private readonly stampsFile: string;
  private readonly outcomesDir: string;
  private stamps: Record<string, Stamp> | undefined;
  private stampsDirty = false;
  /** meta text → its hash (most files of a run share their options) */
  private readonly metaHashes = new Map<string, string>();
  private readonly chunksFile: string;
  /** chunks.json and the report it names, open (see `lastPlace`); null: none to use */
  private last: { files: Record<string, ChunkPlace>; fd: number; body: number } | null | undefined;

  constructor(
    dir: string,
    private readonly version: string,
  ) {
    this.file = path.join(dir, 'results.json');
    this.rulesFile = path.join(dir, 'rules.json');
    this.reportFile = path.join(dir, 'report.txt');
    this.stampsFile = path.join(dir, 'stamps.json');
    this.outcomesDir = path.join(dir, 'outcomes');
    this.chunksFile = path.join(dir, 'chunks.json');
    this.segmentsDir = path.join(dir, 'diagnostics');
  }

  /** Whether there are no results to reuse: no results.json (a first run, or a cleared cache); it is not read to tell. */
  isEmpty(): boolean {
    if (this.loaded) return Object.keys(this.loaded.entries).length === 0;
    return !existsSync(this.file);
  }

  /** results.json, read on first use (a run that reuses its whole report never reads it) */
  private get data(): CacheFile {
    if (this.loaded) return this.loaded;
    this.loaded = { format: CACHE_FORMAT, version: this.version, entries: {} };
    try {
      const loaded = JSON.parse(readFileSync(this.file, 'utf8')) as CacheFile;
      if (loaded && loaded.format === CACHE_FORMAT && loaded.version === this.version && typeof loaded.entries === 'object') this.loaded = loaded;
    } catch {
      /* no cache yet, or a damaged one: start empty */
    }
    return this.loaded;
  }

  /**
   * The key of a whole run: the version, the working directory, how the report is written, and
   * every input in order (each file's display name and entry key, which covers its text, kind,
   * options and check settings) plus the findings known before analysis (unreadable files,
   * configuration problems). Only for runs whose output depends on nothing else: no --fix, no
   * stdin or --expr, no prometheus.yml or alertmanager.yml (they read the files they link to).
   */
  runKey(parts: readonly string[]): string {
    const h = createHash('sha1').update(this.version);
    for (const p of parts) h.update('\0').update(p);
    return h.digest('hex');
  }

  /**
   * The last report when it was made under `key` (only its first line is read to tell): its tally,
   * and its bytes as they were written, read in pieces of `REPORT_CHUNK` into one buffer as `output`
   * is iterated (each piece is valid until the next is asked for). A 50 MB report read whole into a
   * new buffer took ~150 ms, mostly the kernel's faults on fresh pages; the pieces take ~5 ms.
   */
  getReport(key: string): { output: Iterable<Uint8Array>; tally: ReportHeader['tally'] } | undefined {
    let fd: number | undefined;
    try {
      fd = openSync(this.reportFile, 'r');
      const { h, body } = this.reportHeader(fd);
      if (!h || h.key !== key || !h.tally) {
        closeSync(fd);
        return undefined;
      }
      const output = fileSlices(fd, body, fstatSync(fd).size);
      fd = undefined; // the pieces close it
      return { output, tally: h.tally };
    } catch {
      /* none, or damaged */
      if (fd !== undefined) closeSync(fd);
    }
    return undefined;
  }

  /** The header of the open report.txt if it is this version's (else undefined), and where its body starts. */
  private reportHeader(fd: number): { h: ReportHeader | undefined; body: number } {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const nl = buf.subarray(0, n).indexOf(10);
    const h = nl < 0 ? undefined : (JSON.parse(buf.subarray(0, nl).toString('utf8')) as ReportHeader);
    return { h: h && h.format === CACHE_FORMAT && h.version === this.version ? h : undefined, body: nl + 1 };
  }

  /**
   * A writer of this run's report under `key`, fed the report's bytes as they are written out (so
   * that they are encoded once for both): `done` puts it in place, `abort` drops it. A writer that
   * cannot write is only a lost speed-up: it then ignores the rest.
   */
  reportWriter(key: string, tally: ReportHeader['tally']): { id: string; write(bytes: Uint8Array): void; done(): string | null; abort(): void } {
    const id = randomBytes(8).toString('hex');
    const header: ReportHeader = { format: CACHE_FORMAT, version: this.version, key, tally, id };
    let file: AtomicFile | undefined;
    let problem: string | null = null;
    const attempt = (f: () => void) => {
      try {
        f();
      } catch (e) {
        problem ??= `cannot write the cache ${this.reportFile}: ${(e as Error).message}`;
        file?.abort();
        file = undefined;
      }
    };
    attempt(() => {
      mkdirSync(path.dirname(this.reportFile), { recursive: true });
      file = new AtomicFile(this.reportFile);
      file.write(`${JSON.stringify(header)}\n`);
    });
    return {
      id,
      write: (bytes) => {
        if (file) attempt(() => file!.write(bytes));
      },
      done: () => {
        if (file) attempt(() => file!.commit());
        file = undefined;
        return problem;
      },
      abort: () => {
        file?.abort();
        file = undefined;
      },
    };
  }

  /**
   * Where the findings of file `display` are in the last report, when that report was written the
   * same way (`how`) and the file had the same key and cross-file diagnostics (`extras`, see
   * `extrasKey`) then: its count and tally, and the place to read (`readLast`).
   */
  lastPlace(display: string, how: string, key: string, extras: string): { offset: number; length: number; count: number; tally: LastChunk['tally'] } | undefined {
    const p = this.openLast(how)?.files[display];
    if (!Array.isArray(p) || p.length !== 8 || p[0] !== key || p[1] !== extras) return undefined;
    const [, , offset, length, count, errors, warnings, infos] = p;
    if (![offset, length, count, errors, warnings, infos].every((n) => Number.isSafeInteger(n) && n >= 0) || (length === 0) !== (count === 0)) return undefined;
    return { offset, length, count, tally: { errors, warnings, infos } };
  }

  /**
   * The bytes at these places of the last report (`lastPlace`), or
   * undefined where it cannot be read (the report is shorter than it said); read in order of
   * offset, a window of `LAST_WINDOW` bytes at a time (one read per piece of a few KB cost ~40 µs
   * each, most of it the system call). Closes the report: call it once, before the new report
   * replaces the old.
   */
  readLast(places: readonly { offset: number; length: number }[]): (Uint8Array | undefined)[] {
    const last = this.last;
    const out: (Uint8Array | undefined)[] = new Array(places.length);
    if (!last) return out;
    try {
      const order = places.map((_, i) => i).sort((a, b) => places[a]!.offset - places[b]!.offset);
      let window = Buffer.alloc(0);
      let at = 0;
      for (const i of order) {
        const { offset, length } = places[i]!;
        if (length === 0) {
          out[i] = new Uint8Array(0);
          continue;
        }
        const start = last.body + offset;
        if (start < at || start + length > at + window.length) {
          // a window of its own each time: the pieces are views of it, never copied
          const size = Math.max(length, LAST_WINDOW);
          const buf = Buffer.allocUnsafeSlow(size);
          const n = readSync(last.fd, buf, 0, size, start);
          window = buf.subarray(0, n);
          at = start;
          if (n < length) continue;
        }
        out[i] = window.subarray(start - at, start - at + length);
      }
    } catch {
      /* unreadable: those pieces are written afresh */
    } finally {
      this.closeLast();
    }
    return out;
  }

  private openLast(how: string): NonNullable<ResultCache['last']> | null {
    if (this.last !== undefined) return this.last;
    this.last = null;
    let fd: number | undefined;
    try {
      const index = JSON.parse(readFileSync(this.chunksFile, 'utf8')) as ChunksFile;
      if (!index || index.format !== CACHE_FORMAT || index.version !== this.version || index.how !== how || typeof index.files !== 'object' || !index.files) return null;
      fd = openSync(this.reportFile, 'r');
      const { h, body } = this.reportHeader(fd);
      // the report that chunks.json describes, not an older or newer one
      if (!h || h.id !== index.report) {
        closeSync(fd);
        return null;
      }
      this.last = { files: index.files, fd, body };
    } catch {
      /* none, or damaged: every file's findings are written afresh */
      if (fd !== undefined) closeSync(fd);
    }
    return this.last;
  }

  /** Closes the last report (see `lastPlace`). */
  closeLast(): void {
    if (this.last) closeSync(this.last.fd);
    this.last = null;
  }

  /** Writes chunks.json for the report `report` (its `reportWriter` id), written the way `how` says. */
  saveChunks(report: string, how: string, files: Record<string, ChunkPlace>): string | null {
    try {
      writeAtomically(this.chunksFile, [JSON.stringify({ format: CACHE_FORMAT, version: this.version, report, how, files } satisfies ChunksFile)]);
      return null;
    } catch (e) {
      return `cannot write the cache ${this.chunksFile}: ${(e as Error).message}`;
    }
  }

  /** everything of a job that its key covers but its text */
  private metaText(job: FileJob): string {
    // (bytes that are not UTF-8 and a text that has U+FFFD there are the same text, not the same file)
    return `${this.version}\0${job.path}\0${job.kind ?? ''}\0${jsonOf(job.options)}\0${jsonOf(job.checks)}\0${job.collectAlerts ? 'alerts' : ''}${job.encodingProblem ? `\0${JSON.stringify(job.encodingProblem)}` : ''}`;
  }

  keyOf(job: FileJob): string {
    const meta = this.metaText(job);
    // a large text is hashed as it is (the one call would hash a copy joined to the rest)
    if (job.text.length > 1 << 20) return createHash('sha1').update(meta).update('\0').update(job.text).digest('hex');
    return sha1Hex(`${meta}\0${job.text}`);
  }

  /** The hash of what `keyOf` covers but the text: a stamp is valid only for the same. */
  metaKey(job: FileJob): string {
    const text = this.metaText(job);
    let h = this.metaHashes.get(text);
    if (h === undefined) {
      h = sha1Hex(text);
      this.metaHashes.set(text, h);
    }
    return h;
  }

  private get stampData(): Record<string, Stamp> {
    if (this.stamps) return this.stamps;
    this.stamps = {};
    try {
      const loaded = JSON.parse(readFileSync(this.stampsFile, 'utf8')) as StampsFile;
      if (loaded && loaded.format === CACHE_FORMAT && loaded.version === this.version && typeof loaded.files === 'object' && loaded.files) this.stamps = loaded.files;
    } catch {
      /* none yet, or damaged: every file is read */
    }
    return this.stamps;
  }

  /** The key the file had when it was last read, if its stat and `meta` are still the same. */
  stampedKey(abs: string, st: FileStat, meta: string): string | undefined {
    const s = this.stampData[abs];
    if (!Array.isArray(s) || s.length !== 6) return undefined;
    return s[0] === st.size && s[1] === st.mtimeMs && s[2] === st.ctimeMs && s[3] === st.ino && s[4] === meta && typeof s[5] === 'string' ? s[5] : undefined;
  }

  /**
   * Records a file read at `readAt` (ms since the epoch, taken before the stat) with this stat,
   * meta and key; nothing when it changed less than `RACY_MS` before.
   */
  stamp(abs: string, st: FileStat, readAt: number, meta: string, key: string): void {
    if (readAt - Math.max(st.mtimeMs, st.ctimeMs) < RACY_MS) return;
    if (this.stampedKey(abs, st, meta) === key) return;
    this.stampData[abs] = [st.size, st.mtimeMs, st.ctimeMs, st.ino, meta, key];
    this.stampsDirty = true;
  }

  /**
   * The outcome cached for `id` under `key`. Its diagnostics are read when first asked for, or, when
   * they are not stored (or can no longer be read), made by `again` (a re-analysis) and stored at
   * the save: never a wrong answer, only a slower one.
   */
  get(id: string, key: string, again: () => Diagnostic[]): FileOutcome | undefined {
    const e = this.data.entries[id];
    if (!e) return undefined;
    if (e.key === key) {
      if (e.outcome === undefined && e.outcomeFile !== undefined) e.outcome = this.readOutcomeFile(e.outcomeFile);
      // a copy of its own: the entry's outcome stays without its diagnostics (as saved), and one
      // read from the cache keeps its summary's names packed (`outcomeText`), to be written again as it is
      const outcome = e.outcome === undefined ? undefined : this.setThisRun.has(id) ? { ...e.outcome } : readOutcome(e.outcome);
      if (outcome !== undefined) {
        const place = e.diag;
        let loaded: Diagnostic[] | undefined;
        Object.defineProperty(outcome, 'diagnostics', {
          enumerable: true,
          configurable: true,
          get: () => (loaded ??= (placeOk(place) ? this.readDiagnostics(place) : undefined) ?? this.madeAgain(id, e, again())),
          set: (v: Diagnostic[]) => {
            loaded = v;
          },
        });
        return outcome;
      }
    }
    // stale: the file changed and is analysed again; let its old outcome go now (a big file's is
    // hundreds of MB while the new one is made), not when `set` replaces it
    delete this.data.entries[id];
    this.dirty = true;
    return undefined;
  }

  /** Diagnostics made again for entry `e` of `id`: stored at the save (unless the entry is replaced first). */
  private madeAgain(id: string, e: CacheEntry, ds: Diagnostic[]): Diagnostic[] {
    if (this.data.entries[id] === e) {
      this.diagnosticsToStore.set(id, ds);
      this.dirty = true;
    }
    return ds;
  }

  /** a segment, open, with its size; null when it cannot be opened */
  private segment(name: string): { fd: number; size: number } | null {
    let seg = this.segments.get(name);
    if (seg === undefined) {
      try {
        const fd = openSync(path.join(this.segmentsDir, name), 'r');
        seg = { fd, size: fstatSync(fd).size };
      } catch {
        seg = null;
      }
      this.segments.set(name, seg);
    }
    return seg;
  }

  private closeSegments(): void {
    for (const seg of this.segments.values()) if (seg) closeSync(seg.fd);
    this.segments.clear();
  }

  /** the diagnostics at `place`, or undefined when they cannot be read */
  private readDiagnostics(place: DiagPlace): Diagnostic[] | undefined {
    const size = this.segment(place[0])?.size;
    if (size === undefined || size < place[1] + place[2]) return undefined;
    const bytes = this.readPlace(place);
    if (!bytes) return undefined;
    try {
      const ds = JSON.parse(fromUtf8.decode(bytes)) as unknown;
      return Array.isArray(ds) ? (ds as Diagnostic[]) : undefined;
    } catch {
      return undefined;
    }
  }

  private readPlace([name, offset, length]: DiagPlace): Buffer | undefined {
    const seg = this.segment(name);
    if (!seg) return undefined;
    const buf = Buffer.allocUnsafeSlow(length);
    try {
      return readSync(seg.fd, buf, 0, length, offset) === length ? buf : undefined;
    } catch {
      return undefined;
    }
  }

  /** an outcome kept in a file of its own, or undefined when it is missing or damaged (a miss) */
  private readOutcomeFile(name: string): FileOutcome | undefined {
    try {
      const o = JSON.parse(readFileSync(path.join(this.outcomesDir, name), 'utf8')) as FileOutcome;
      return o && typeof o === 'object' && typeof o.kind === 'string' && !('diagnostics' in o) ? o : undefined;
    } catch {
      return undefined;
    }
  }

  /** the name of the file of its own for an entry's outcome (a new key, a new name) */
  private outcomeFileName(id: string, key: string): string {
    return `${createHash('sha1').update(id).update('\0').update(key).digest('hex')}.json`;
  }

  /**
   * An outcome to keep under `key`. `diagnostics`: whether they are to be stored. A file analysed
   * this run has its findings in the report (see the head of this file): only one whose findings are
   * not a piece of the report of their own (a big file's) has them stored. `json`, when given, is
   * `JSON.stringify(outcome)` without `summary.rules` and `diagnostics`, and `rules` that of
   * `summary.rules` (as a worker thread sent them), as UTF-8 bytes: saving writes them as they are.
   * Without them, the outcome is serialised at the save (it is kept on this thread all the same):
   * made as each file was analysed, the 21 MB of 5,000 files' were held to the end of the run (a
   * cold run's peak 24 MB higher, 2% slower).
   */
  set(id: string, key: string, outcome: FileOutcome, opts: { diagnostics: boolean; json?: Uint8Array; rules?: Uint8Array }): void {
    if (outcome.crash) return; // never cache an internal failure
    const entry: CacheEntry = { key, outcome };
    this.data.entries[id] = entry;
    this.setThisRun.add(id);
    this.diagnosticsToStore.delete(id);
    if (opts.diagnostics) this.diagnosticsToStore.set(id, outcome.diagnostics);
    if (opts.json !== undefined) this.json.set(entry, opts.json);
    if (opts.rules !== undefined) this.rulesJson.set(id, opts.rules);
    else this.rulesJson.delete(id);
    this.rulesLines?.delete(id);
    this.dirty = true;
  }

  /** The graph entries of a cached rule file (read from `rules.json` on first use), if cached. */
  rulesOf(id: string): RuleGraphEntry[] | undefined {
    // (the entries' names are the summary's: see graph-entries.ts)
    const summary = this.data.entries[id]?.outcome?.summary;
    const bytes = this.rulesJson.get(id);
    if (bytes !== undefined) return summary ? entriesFromJson(fromUtf8.decode(bytes), namesOf(summary)) : undefined;
    if (this.setThisRun.has(id)) return summary?.rules;
    const line = summary ? this.loadRulesLines().get(id) : undefined;
    if (line === undefined) return undefined;
    try {
      const v = JSON.parse(fromUtf8.decode(line)) as unknown;
      return Array.isArray(v) && v.length === 2 && Array.isArray(v[1]) ? unpack(v[1] as unknown[], namesOf(summary!)) : undefined;
    } catch {
      /* a damaged line: the workspace pass parses that file again */
      return undefined;
    }
  }

  /** rules.json's lines by id (each parsed only when its entries are asked for, see `rulesOf`) */
  private loadRulesLines(): Map<string, Uint8Array> {
    if (this.rulesLines) return this.rulesLines;
    const lines = (this.rulesLines = new Map());
    try {
      const buf = readFileSync(this.rulesFile);
      const nl = buf.indexOf(10);
      const head = nl < 0 ? undefined : (JSON.parse(buf.subarray(0, nl).toString('utf8')) as RulesHead);
      if (!head || head.format !== CACHE_FORMAT || head.version !== this.version) return lines;
      for (let at = nl + 1; at < buf.length; ) {
        let end = buf.indexOf(10, at);
        if (end < 0) end = buf.length;
        const line = buf.subarray(at, end);
        const id = lineId(line);
        if (id !== undefined) lines.set(id, line);
        at = end + 1;
      }
    } catch {
      /* none, or damaged: the workspace pass parses those files again */
    }
    return lines;
  }

  /** The workspace pass's result for rule files whose entries have these keys, if it is cached. */
  getWorkspace(key: string): Map<string, Diagnostic[]> | undefined {
    const w = this.data.workspace;
    return w && w.key === key ? new Map(Object.entries(w.byPath)) : undefined;
  }

  setWorkspace(key: string, byPath: Map<string, Diagnostic[]>): void {
    this.data.workspace = { key, byPath: Object.fromEntries(byPath) };
    this.dirty = true;
  }

  /**
   * Where each entry's outcome goes at the save (a file of its own for a big one, or one kept from
   * the last run; else results.json) and where its diagnostics are, if stored. Those to store this
   * run (`diagnosticsToStore`) go to a new segment, written as `segment.parts` is iterated (each
   * entry's place is known once its bytes are); those kept from the last run stay where they are,
   * unless there are `MAX_SEGMENTS` segments or more than half of their bytes are no longer used:
   * then all go to the new one.
   */
  private plan(): { own: Map<string, string>; places: Map<string, DiagPlace>; segment: { name: string; parts: Iterable<string | Uint8Array> } | undefined; used: Set<string> } {
    const entries = this.data.entries;
    const own = new Map<string, string>();
    const places = new Map<string, DiagPlace>();
    const fresh: [id: string, ds: Diagnostic[] | Uint8Array][] = [];
    const kept: [id: string, place: DiagPlace][] = [];
    for (const id of Object.keys(entries)) {
      const e = entries[id]!;
      const toStore = this.diagnosticsToStore.get(id);
      if (toStore !== undefined) fresh.push([id, toStore]);
      else if (!this.setThisRun.has(id) && placeOk(e.diag)) kept.push([id, e.diag]);
      // (one set this run: `serialize` tells by its JSON whether it is big)
      if (!this.setThisRun.has(id) && e.outcomeFile !== undefined) own.set(id, e.outcomeFile);
    }
    // the segments the kept diagnostics are in: how many, and how much of them is used
    const sizes = new Map<string, number>();
    let usedBytes = 0;
    for (const [, [name, , length]] of kept) {
      sizes.set(name, this.segment(name)?.size ?? 0);
      usedBytes += length;
    }
    const total = [...sizes.values()].reduce((a, b) => a + b, 0);
    const rewrite = sizes.size + (fresh.length > 0 ? 1 : 0) > MAX_SEGMENTS || usedBytes * 2 < total;
    if (rewrite) {
      // kept diagnostics that cannot be read are no longer stored (made again when asked for)
      for (const [id, place] of kept) {
        const bytes = this.readPlace(place);
        if (bytes) fresh.push([id, bytes]);
      }
    } else for (const [id, place] of kept) places.set(id, place);
    const name = `${randomBytes(8).toString('hex')}.json`;
    const segment = fresh.length > 0 ? { name, parts: segmentParts(fresh, places, name) } : undefined;
    const used = new Set([...places.values()].map((p) => p[0]));
    if (segment) used.add(segment.name);
    return { own, places, segment, used };
  }

  /**
   * `JSON.stringify(this.data)` in pieces, each outcome without its diagnostics (`plan` says where
   * they go), so that the outcomes that came as JSON text are not serialised a second time and no
   * copy of the whole file is ever held in memory.
   */
  private *serialize(plan: ReturnType<ResultCache['plan']>, referenced: Set<string>): Generator<string | Uint8Array> {
    const entries = this.data.entries;
    let first = true;
    for (const k of Object.keys(this.data) as (keyof CacheFile)[]) {
      const v = this.data[k];
      if (v === undefined) continue;
      yield first ? '{' : ',';
      first = false;
      if (k !== 'entries') {
        yield `${JSON.stringify(k)}:${JSON.stringify(v)}`;
        continue;
      }
      yield '"entries":{';
      let sep = '';
      for (const id of Object.keys(entries)) {
        const e = entries[id]!;
        const place = plan.places.get(id);
        yield `${sep}${JSON.stringify(id)}:{"key":${JSON.stringify(e.key)},`;
        sep = ',';
        // the outcome without its graph entries (rules.json has them) and its diagnostics
        const set = this.setThisRun.has(id);
        const json = set ? (this.json.get(e) ?? outcomeText(e.outcome!)) : undefined;
        // (its length in characters or bytes: a bound good enough to tell a big one)
        const own = json !== undefined ? (json.length > OWN_FILE_BYTES ? this.outcomeFileName(id, e.key) : undefined) : plan.own.get(id);
        // a big outcome in a file of its own: { key, outcomeFile, diag? } (the last run's, as it is)
        if (own !== undefined) {
          yield `"outcomeFile":${JSON.stringify(own)}`;
          if (json !== undefined) writeAtomically(path.join(this.outcomesDir, own), [json]);
          referenced.add(own);
        } else {
          // else { key, outcome, diag? }
          yield '"outcome":';
          yield json ?? JSON.stringify(e.outcome);
        }
        yield place ? `,"diag":${JSON.stringify(place)}}` : '}';
      }
      yield '}';
    }
    yield '}';
  }

  /** `rules.json`: the graph entries of every entry that has them (set this run, or kept from the last: its line as it was) */
  private *serializeRules(): Generator<string | Uint8Array> {
    yield `${JSON.stringify({ format: CACHE_FORMAT, version: this.version } satisfies RulesHead)}\n`;
    for (const [id, e] of Object.entries(this.data.entries)) {
      const text = this.rulesJson.get(id);
      if (text !== undefined || this.setThisRun.has(id)) {
        // set this run: its own entries (JSON.stringify writes no line break), or none; without
        // their names, which the summary has (graph-entries.ts)
        const rules = text === undefined ? e.outcome?.summary?.rules : undefined;
        if (text === undefined && !rules) continue;
        yield `[${JSON.stringify(id)},`;
        if (text !== undefined) yield text;
        else yield* entriesJsonPieces(rules!);
        yield ']\n';
        continue;
      }
      const line = this.loadRulesLines().get(id);
      if (line !== undefined) {
        yield line;
        yield NEWLINE;
      }
    }
  }

  /** Writes the cache if it changed; a cache that cannot be written is only a lost speed-up. */
  save(): string | null {
    if (!this.dirty && !this.stampsDirty) return null;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      if (this.stampsDirty) {
        const stamps = this.stampData;
        writeAtomically(this.stampsFile, [JSON.stringify({ format: CACHE_FORMAT, version: this.version, files: stamps } satisfies StampsFile)]);
        this.stampsDirty = false;
      }
      if (!this.dirty) return null;
      // rules.json first: results.json names the version both are valid for
      writeAtomically(this.rulesFile, this.serializeRules());
      mkdirSync(this.outcomesDir, { recursive: true });
      mkdirSync(this.segmentsDir, { recursive: true });
      const plan = this.plan();
      // the new segment before the results.json that names it (and the places, known once it is written)
      if (plan.segment) writeAtomically(path.join(this.segmentsDir, plan.segment.name), plan.segment.parts);
      const referenced = new Set<string>();
      writeAtomically(this.file, this.serialize(plan, referenced));
      this.closeSegments();
      // outcome files and segments no entry names any more (their files changed)
      for (const name of readdirSync(this.outcomesDir)) if (name.endsWith('.json') && !referenced.has(name)) rmSync(path.join(this.outcomesDir, name), { force: true });
      for (const name of readdirSync(this.segmentsDir)) if (name.endsWith('.json') && !plan.used.has(name)) rmSync(path.join(this.segmentsDir, name), { force: true });
      return null;
    } catch (e) {
      return `cannot write the cache ${this.file}: ${(e as Error).message}`;
    }
  }
}

/**
 * `JSON.stringify(v)` in pieces: arrays and plain objects are opened down to `depth` levels (their
 * items, or their keys' values, one by one), the rest stringified whole.
 */
export function* jsonPieces(v: unknown, depth = 2): Generator<string> {
  if (depth > 0 && v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
    const skip = (x: unknown) => x === undefined || typeof x === 'function' || typeof x === 'symbol';
    if (Array.isArray(v)) {
      yield '[';
      for (let i = 0; i < v.length; i++) {
        if (i > 0) yield ',';
        const x: unknown = v[i];
        if (skip(x)) yield 'null';
        else yield* jsonPieces(x, depth - 1);
      }
      yield ']';
      return;
    }
    yield '{';
    let first = true;
    for (const k of Object.keys(v)) {
      const x = (v as Record<string, unknown>)[k];
      if (skip(x)) continue;
      yield `${first ? '' : ','}${JSON.stringify(k)}:`;
      first = false;
      yield* jsonPieces(x, depth - 1);
    }
    yield '}';
    return;
  }
  yield JSON.stringify(v);
}

const REPORT_CHUNK = 1 << 20;

/**
 * The bytes of an open file from `start` to `end`, in pieces read into one reused buffer; closes it
 * when done (or when the caller stops early). A file that ends before `end` (truncated since the
 * stat) is an error: a report is never written cut short.
 */
function* fileSlices(fd: number, start: number, end: number): Generator<Uint8Array> {
  try {
    const buf = Buffer.allocUnsafe(Math.min(REPORT_CHUNK, Math.max(1, end - start)));
    for (let at = start; at < end; ) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, end - at), at);
      if (n === 0) throw new Error('the cached report ended early');
      at += n;
      yield buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * A file written through a temporary file beside it and a rename: readers see the old file or the
 * new one whole. A write that fails (disk full...) and `abort` leave no temporary file behind.
 */
class AtomicFile {
  private readonly tmp: string;
  private fd: number | undefined;

  constructor(private readonly file: string) {
    this.tmp = `${file}.${process.pid}.tmp`;
    this.fd = openSync(this.tmp, 'w');
  }

  /** all of `data`, at the end of what was written */
  write(data: string | Uint8Array): void {
    try {
      writeFileSync(this.fd!, data);
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  commit(): void {
    try {
      closeSync(this.fd!);
      this.fd = undefined;
      renameSync(this.tmp, this.file);
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  abort(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.tmp, { force: true });
  }
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();
const NEWLINE = utf8.encode('\n');

/** The id a line of rules.json starts with (`["<id>",`), or undefined for a line that does not. */
function lineId(line: Uint8Array): string | undefined {
  if (line[0] !== 0x5b || line[1] !== 0x22) return undefined;
  for (let i = 2; i < line.length; i++) {
    if (line[i] === 0x5c) i++;
    else if (line[i] === 0x22) {
      if (line[i + 1] !== 0x2c) return undefined;
      try {
        return JSON.parse(fromUtf8.decode(line.subarray(1, i + 1))) as string;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** a `DiagPlace` as results.json may hold it (anything else: the entry is a miss) */
function placeOk(p: unknown): p is DiagPlace {
  return Array.isArray(p) && p.length === 3 && typeof p[0] === 'string' && /^[0-9a-f]+\.json$/.test(p[0]) && Number.isSafeInteger(p[1]) && p[1] >= 0 && Number.isSafeInteger(p[2]) && p[2] >= 0;
}

/**
 * A new segment's parts: each entry's diagnostics (their JSON, or bytes read from an old segment),
 * a line each; sets each entry's place as its parts are given. Many diagnostics are written piece
 * by piece (a 20 MB rule file's 170,000 are never one text), as strings that the writer encodes
 * into its batch: never a buffer for each.
 */
function* segmentParts(fresh: readonly [id: string, ds: Diagnostic[] | Uint8Array][], places: Map<string, DiagPlace>, name: string): Generator<string | Uint8Array> {
  let at = 0;
  for (const [id, ds] of fresh) {
    let length = 0;
    if (ds instanceof Uint8Array) {
      length = ds.length;
      yield ds;
    } else if (ds.length <= PIECEWISE_DIAGNOSTICS) {
      const text = JSON.stringify(ds);
      length = Buffer.byteLength(text);
      yield text;
    } else
      for (const piece of jsonPieces(ds, 1)) {
        length += Buffer.byteLength(piece);
        yield piece;
      }
    places.set(id, [name, at, length]);
    at += length + 1;
    yield NEWLINE;
  }
}

/** Writes a file atomically (`AtomicFile`) from its pieces, in batches of bytes (`byteBatches`). */
function writeAtomically(file: string, parts: Iterable<string | Uint8Array>): void {
  const out = new AtomicFile(file);
  try {
    for (const b of byteBatches(parts)) out.write(b);
  } catch (e) {
    out.abort();
    throw e;
  }
  out.commit();
}
