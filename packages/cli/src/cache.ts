/**
 * `--cache`: results of unchanged files are reused. An entry is keyed by a hash of the promscope
 * version, the file's name, kind and options (the scrape intervals of its prometheus.yml among
 * them), whether its alerts are collected, and its content; the whole cache is one JSON file
 * (`.promscope-cache/results.json`), read once and written atomically at the end of a run.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { FileJob, FileOutcome } from './check-file';
import type { Diagnostic } from '@promscope/core';

const CACHE_FORMAT = 1;

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

interface CacheFile {
  format: number;
  version: string;
  entries: Record<string, { key: string; outcome: FileOutcome }>;
  /** the workspace pass over the rule files of the last run, keyed by all their entries' keys */
  workspace?: { key: string; byPath: Record<string, Diagnostic[]> };
}

export class ResultCache {
  private data: CacheFile;
  private dirty = false;
  /** the JSON text of entries' outcomes that came as JSON (see `set`) */
  private readonly json = new WeakMap<CacheFile['entries'][string], string>();
  readonly file: string;

  constructor(
    dir: string,
    private readonly version: string,
  ) {
    this.file = path.join(dir, 'results.json');
    this.data = { format: CACHE_FORMAT, version, entries: {} };
    try {
      const loaded = JSON.parse(readFileSync(this.file, 'utf8')) as CacheFile;
      if (loaded && loaded.format === CACHE_FORMAT && loaded.version === version && typeof loaded.entries === 'object') this.data = loaded;
    } catch {
      /* no cache yet, or a damaged one: start empty */
    }
  }

  keyOf(job: FileJob): string {
    return createHash('sha1')
      .update(this.version)
      .update('\0')
      .update(job.path)
      .update('\0')
      .update(job.kind ?? '')
      .update('\0')
      .update(JSON.stringify(job.options))
      .update('\0')
      .update(JSON.stringify(job.checks))
      .update('\0')
      .update(job.collectAlerts ? 'alerts' : '')
      .update('\0')
      .update(job.text)
      .digest('hex');
  }

  get(id: string, key: string): FileOutcome | undefined {
    const e = this.data.entries[id];
    return e && e.key === key ? e.outcome : undefined;
  }

  /** `json`, when given, is `JSON.stringify(outcome)` (as a worker thread sent it): saving reuses it */
  set(id: string, key: string, outcome: FileOutcome, json?: string): void {
    if (outcome.crash) return; // never cache an internal failure
    const entry = { key, outcome };
    this.data.entries[id] = entry;
    if (json !== undefined) this.json.set(entry, json);
    else this.json.delete(entry);
    this.dirty = true;
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
   * `JSON.stringify(this.data)`, written out so that the outcomes that came as JSON text are not
   * serialised a second time (the same text: JSON.stringify of what JSON.parse gave back).
   */
  private serialize(): string {
    const entries = this.data.entries;
    const parts: string[] = [];
    for (const id of Object.keys(entries)) {
      const e = entries[id];
      const json = this.json.get(e);
      // the shape `set` makes: { key, outcome }
      parts.push(`${JSON.stringify(id)}:${json !== undefined ? `{"key":${JSON.stringify(e.key)},"outcome":${json}}` : JSON.stringify(e)}`);
    }
    const top: string[] = [];
    for (const k of Object.keys(this.data) as (keyof CacheFile)[]) {
      const v = this.data[k];
      if (k === 'entries') top.push(`"entries":{${parts.join(',')}}`);
      else if (v !== undefined) top.push(`${JSON.stringify(k)}:${JSON.stringify(v)}`);
    }
    return `{${top.join(',')}}`;
  }

  /** Writes the cache if it changed; a cache that cannot be written is only a lost speed-up. */
  save(): string | null {
    if (!this.dirty) return null;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, this.serialize());
      renameSync(tmp, this.file);
      return null;
    } catch (e) {
      return `cannot write the cache ${this.file}: ${(e as Error).message}`;
    }
  }
}
