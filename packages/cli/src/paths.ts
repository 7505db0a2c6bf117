/** Path arithmetic without node:path's cost for the common case: normal absolute POSIX paths. */
import path from 'node:path';

/**
 * For a path inside the folder `dir` (most are), what path.relative gives, without its ~4 µs
 * (resolving both paths again: 20 ms of a run naming 5,000 files); else undefined.
 */
export function relativeInside(dir: string, abs: string): string | undefined {
  if (path.sep === '/' && isNormalAbsolute(dir) && isNormalAbsolute(abs)) {
    const prefix = dir === '/' ? '/' : `${dir}/`;
    if (abs.length > prefix.length && abs.startsWith(prefix)) return abs.slice(prefix.length);
  }
  return undefined;
}

/** `p` is absolute and as path.resolve leaves it: no `.` or `..` segment, no `//`, no trailing `/` (but the root) */
export function isNormalAbsolute(p: string): boolean {
  if (p[0] !== '/') return false;
  if (p === '/') return true;
  return !p.endsWith('/') && !p.includes('//') && !p.includes('/./') && !p.includes('/../') && !p.endsWith('/.') && !p.endsWith('/..');
}
