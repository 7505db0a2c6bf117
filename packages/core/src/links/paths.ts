/**
 * Path arithmetic on '/'-separated paths, as Go's `path/filepath` does it on Unix (Prometheus and
 * Alertmanager resolve the files a configuration names relative to the configuration's folder
 * with `JoinDir`). Pure string work: no file system. A Windows path is accepted in '/' form
 * (`C:/x`); `toSlash` converts one.
 */

/** A path with '\' separators turned into '/'. */
export function toSlash(p: string): string {
  return p.replace(/\\/g, '/');
}

const DRIVE = /^[A-Za-z]:(?=\/)/;

export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || DRIVE.test(p);
}

/** Go's `filepath.Clean`. */
export function cleanPath(p: string): string {
  const drive = DRIVE.exec(p)?.[0] ?? '';
  const rest = p.slice(drive.length);
  if (rest === '') return drive === '' ? '.' : drive;
  const rooted = rest.startsWith('/');
  const out: string[] = [];
  for (const part of rest.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const joined = (rooted ? '/' : '') + out.join('/');
  return drive + (joined === '' ? (rooted ? '/' : '.') : joined);
}

/** Go's `filepath.Dir`. */
export function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  return cleanPath(p.slice(0, i + 1));
}

/** Prometheus's `config.JoinDir`: an absolute (or empty) path as it is, else `filepath.Join(dir, p)`. */
export function joinDir(dir: string, p: string): string {
  if (p === '' || isAbsolutePath(p)) return p;
  return cleanPath(`${dir}/${p}`);
}

/** Is `dir` the folder `p` lies in, or one of its ancestors? (both clean, absolute) */
export function isInside(p: string, dir: string): boolean {
  if (dir === '/') return p.startsWith('/');
  return p === dir || p.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}
