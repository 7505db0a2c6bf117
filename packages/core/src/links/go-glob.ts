/**
 * Go's `path/filepath` globbing, as Prometheus and Alertmanager use it for `rule_files`,
 * `scrape_config_files`, file_sd `files` and `templates`: `Match` (`*` and `?` never cross a `/`,
 * `[...]` classes with `^` negation and ranges, `\` escapes), `Glob` (expands one path element at
 * a time, sorted, hidden files included) and the pattern check that makes `Glob` fail with
 * `syntax error in pattern`. Paths are '/'-separated (a shell converts Windows paths first). The
 * file system is the caller's: `expandGoGlob` reads folders through a {@link GlobHost}.
 */

/** Go's `filepath.ErrBadPattern` text. */
export const BAD_PATTERN = 'syntax error in pattern';

class BadPattern extends Error {}

/** How `expandGoGlob` sees the file system. */
export interface GlobHost {
  /** the names in a folder (any order), or undefined when it is not a readable folder */
  readDir(dir: string): string[] | undefined;
  /** something exists at this path (Go's `os.Lstat` succeeds: a broken symlink exists) */
  exists(path: string): boolean;
}

function scanChunk(p: string[], i: number): { star: boolean; start: number; end: number } {
  let star = false;
  while (i < p.length && p[i] === '*') {
    i++;
    star = true;
  }
  const start = i;
  let inRange = false;
  for (; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      if (i + 1 < p.length) i++;
    } else if (c === '[') inRange = true;
    else if (c === ']') inRange = false;
    else if (c === '*' && !inRange) break;
  }
  return { star, start, end: i };
}

/** one character of a class, possibly escaped; `at` is the index in `chunk` */
function getEsc(chunk: string[], at: number): { r: string; next: number } {
  if (at >= chunk.length || chunk[at] === '-' || chunk[at] === ']') throw new BadPattern();
  if (chunk[at] === '\\') {
    at++;
    if (at >= chunk.length) throw new BadPattern();
  }
  const r = chunk[at];
  const next = at + 1;
  if (next >= chunk.length) throw new BadPattern();
  return { r, next };
}

/** Matches one chunk (no `*`) at the start of `s`; returns the rest of `s`, or null. Throws on a bad pattern. */
function matchChunk(chunk: string[], s: string[]): string[] | null {
  let failed = false;
  let si = 0;
  let ci = 0;
  while (ci < chunk.length) {
    if (!failed && si >= s.length) failed = true;
    const c = chunk[ci];
    if (c === '[') {
      let r = '';
      if (!failed) r = s[si++];
      ci++;
      let negated = false;
      if (ci < chunk.length && chunk[ci] === '^') {
        negated = true;
        ci++;
      }
      let match = false;
      let nrange = 0;
      for (;;) {
        if (ci < chunk.length && chunk[ci] === ']' && nrange > 0) {
          ci++;
          break;
        }
        const lo = getEsc(chunk, ci);
        ci = lo.next;
        let hi = lo.r;
        if (chunk[ci] === '-') {
          const h = getEsc(chunk, ci + 1);
          hi = h.r;
          ci = h.next;
        }
        if (lo.r.codePointAt(0)! <= r.codePointAt(0)! && r.codePointAt(0)! <= hi.codePointAt(0)!) match = true;
        nrange++;
      }
      if (match === negated) failed = true;
    } else if (c === '?') {
      if (!failed) {
        if (s[si] === '/') failed = true;
        si++;
      }
      ci++;
    } else {
      if (c === '\\') {
        ci++;
        if (ci >= chunk.length) throw new BadPattern();
      }
      if (!failed) {
        if (chunk[ci] !== s[si]) failed = true;
        si++;
      }
      ci++;
    }
  }
  return failed ? null : s.slice(si);
}

function match(pattern: string[], name: string[]): boolean {
  let p = 0;
  let n = name;
  outer: while (p < pattern.length) {
    const { star, start, end } = scanChunk(pattern, p);
    const chunk = pattern.slice(start, end);
    p = end;
    if (star && chunk.length === 0) return !n.includes('/');
    const t = matchChunk(chunk, n);
    if (t !== null && (t.length === 0 || p < pattern.length)) {
      n = t;
      continue;
    }
    if (star) {
      for (let i = 0; i < n.length && n[i] !== '/'; i++) {
        const t2 = matchChunk(chunk, n.slice(i + 1));
        if (t2 !== null) {
          if (p >= pattern.length && t2.length > 0) continue;
          n = t2;
          continue outer;
        }
      }
    }
    // before answering false, the rest of the pattern must be well-formed
    while (p < pattern.length) {
      const c = scanChunk(pattern, p);
      matchChunk(pattern.slice(c.start, c.end), []);
      p = c.end;
    }
    return false;
  }
  return n.length === 0;
}

/** Go's `filepath.Match` (on '/'-separated paths); throws nothing: a bad pattern matches nothing. */
export function goGlobMatch(pattern: string, name: string): boolean {
  try {
    return match([...pattern], [...name]);
  } catch {
    return false;
  }
}

/** `syntax error in pattern` when Go's `filepath.Glob` refuses the pattern, else null. */
export function goGlobPatternError(pattern: string): string | null {
  try {
    match([...pattern], []);
    return null;
  } catch (e) {
    if (e instanceof BadPattern) return BAD_PATTERN;
    throw e;
  }
}

/** Does the pattern contain a glob character (Go's `hasMeta`)? */
export function hasGoGlobMeta(pattern: string): boolean {
  return /[*?[\\]/.test(pattern);
}

/**
 * Go's `filepath.Glob`: the existing paths the pattern matches, sorted per folder as Go returns
 * them; a pattern without glob characters is returned when it exists. Empty for a bad pattern
 * (check {@link goGlobPatternError} first to report it).
 */
export function expandGoGlob(pattern: string, host: GlobHost): string[] {
  if (goGlobPatternError(pattern)) return [];
  return expand(pattern, host, 0);
}

function expand(pattern: string, host: GlobHost, depth: number): string[] {
  if (depth > 10_000) return [];
  if (!hasGoGlobMeta(pattern)) return host.exists(pattern) ? [pattern] : [];
  const cut = pattern.lastIndexOf('/');
  let dir = cut < 0 ? '' : pattern.slice(0, cut + 1);
  const file = pattern.slice(cut + 1);
  // Go's cleanGlobPath: "" → ".", "/" stays, else the trailing separator goes
  dir = dir === '' ? '.' : dir === '/' ? '/' : dir.slice(0, -1);
  const dirs = hasGoGlobMeta(dir) ? (dir === pattern ? [] : expand(dir, host, depth + 1)) : [dir];
  const out: string[] = [];
  for (const d of dirs) {
    const names = host.readDir(d);
    if (!names) continue;
    for (const n of [...names].sort(byBytes)) if (goGlobMatch(file, n)) out.push(joinPath(d, n));
  }
  return out;
}

/** Go sorts names by bytes (UTF-8), which for these names is code-point order */
function byBytes(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Go's `filepath.Join(dir, name)` for a plain name (no cleaning needed beyond the separator). */
function joinPath(dir: string, name: string): string {
  if (dir === '.') return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}
