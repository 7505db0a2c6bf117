/**
 * The file system as the core's link checks read it (`FileHost`: the files a prometheus.yml or an
 * alertmanager.yml names). Paths are absolute and '/'-separated, as the core takes them; Node
 * accepts them on every platform. Failures are answers (`undefined`, `false`), never exceptions.
 */
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { toSlash, type FileHost } from '@promscope/core';
import { readForCheck } from './read-file';

export const fsFileHost: FileHost = {
  readDir(dir) {
    try {
      return readdirSync(dir);
    } catch {
      return undefined;
    }
  },
  exists(p) {
    try {
      lstatSync(p);
      return true;
    } catch {
      return false;
    }
  },
  readFile(p) {
    const r = readForCheck(p);
    return r.ok ? r.text : undefined;
  },
};

/** An absolute native path in the core's form. */
export function corePath(abs: string): string {
  return toSlash(path.resolve(abs));
}
