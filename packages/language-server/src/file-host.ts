/**
 * The file system as the core's link checks read it (`FileHost`: rule files, scrape config files,
 * templates and credential files that a configuration names): open editor buffers first, then the
 * disk. Disk answers are remembered until `invalidate()` (a watched file changed, a document was
 * opened or closed), so the workspace pass, which runs after every analysis, does not hit the disk
 * each time; `generation` tells callers when their cached link results are stale.
 */
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { toSlash, type FileHost } from '@promscope/core';
import type { DocumentStore } from './documents';

/** Linked files larger than this are not read (as the workspace scan's limit). */
const MAX_BYTES = 5 * 1024 * 1024;

export class StoreFileHost implements FileHost {
  private dirs = new Map<string, string[] | undefined>();
  private existing = new Map<string, boolean>();
  private texts = new Map<string, string | undefined>();
  /** every path looked at (files and folders), to know which edits matter */
  private readonly looked = new Set<string>();
  /** bumped by every invalidation */
  generation = 0;

  constructor(private readonly store: DocumentStore) {}

  /** Was this path (or its folder's listing) read by a link check? */
  wasRead(fsPath: string): boolean {
    const p = toSlash(fsPath);
    return this.looked.has(p) || this.looked.has(p.slice(0, Math.max(1, p.lastIndexOf('/'))));
  }

  invalidate(): void {
    this.looked.clear();
    this.dirs.clear();
    this.existing.clear();
    this.texts.clear();
    this.generation++;
  }

  /** the text of the open (or indexed) document at this path, if any */
  private doc(p: string): string | undefined {
    return this.store.atPath(p)?.text;
  }

  readDir(dir: string): string[] | undefined {
    this.looked.add(dir);
    if (!this.dirs.has(dir)) {
      let names: string[] | undefined;
      try {
        names = readdirSync(dir);
      } catch {
        names = undefined;
      }
      this.dirs.set(dir, names);
    }
    return this.dirs.get(dir);
  }

  exists(p: string): boolean {
    this.looked.add(p);
    if (this.doc(p) !== undefined) return true;
    if (!this.existing.has(p)) {
      let ok = false;
      try {
        lstatSync(p);
        ok = true;
      } catch {
        ok = false;
      }
      this.existing.set(p, ok);
    }
    return this.existing.get(p)!;
  }

  readFile(p: string): string | undefined {
    this.looked.add(p);
    const open = this.doc(p);
    if (open !== undefined) return open;
    if (!this.texts.has(p)) {
      let text: string | undefined;
      try {
        const st = statSync(p);
        text = st.isFile() && st.size <= MAX_BYTES ? readFileSync(p, 'utf8').replace(/^\uFEFF/, '') : undefined;
      } catch {
        text = undefined;
      }
      this.texts.set(p, text);
    }
    return this.texts.get(p);
  }
}

/** An absolute native path in the core's form. */
export function corePath(fsPath: string): string {
  return toSlash(path.resolve(fsPath));
}
