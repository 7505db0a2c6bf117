/**
 * Turns the command line's paths, globs and `-` into the list of files to check. Folders are
 * walked respecting `.gitignore` files (from the repository root down), skipping `node_modules`,
 * `.git` and the cache folder, without following symlinked folders. Problems (a missing path, an
 * unreadable folder, a broken symlink) become per-file problems, never exceptions.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { isConfiguredRuleFile, isPathIncluded, type FileKind } from '@promscope/core';
import { ConfigResolver, relativeToConfig } from './project-configs';
import { describeFsError, fileStat, type FileStat } from './read-file';
import { isNormalAbsolute, relativeInside } from './paths';

export interface Target {
  abs: string;
  /** how the file is named in output: relative to the working folder, '/'-separated */
  display: string;
  /** named on the command line (not found by a walk) */
  explicit: boolean;
  /** forced kind (from --kind, `.promql`, ruleFiles globs) */
  kind?: FileKind;
  /** its stat, when discovery took one (a file named on the command line) */
  stat?: FileStat;
}

export interface Problem {
  display: string;
  message: string;
  severity: 'error' | 'warning';
}

export interface Discovery {
  /** files to analyse (kind detected by the core unless forced) */
  targets: Target[];
  /** files a walk found but that have no extension promscope reads by default; a prometheus.yml may name them as rule files */
  others: Target[];
  problems: Problem[];
}

/** Extensions a folder walk hands to the analyzer; other files are checked only when named. */
const WALK_EXTENSIONS = new Set(['.yml', '.yaml', '.json', '.promql', '.rules']);
const SKIP_DIRS = new Set(['node_modules', '.git', '.promscope-cache']);

export function displayPath(cwd: string, abs: string): string {
  const rel = relativeInside(cwd, abs) ?? path.relative(cwd, abs);
  return (rel === '' ? path.basename(abs) : rel).split(path.sep).join('/');
}

/**
 * `path.resolve(cwd, input)`, without its cost for a normal absolute path (itself) or a plain
 * relative one (`a/b.yml`, `./a/b.yml`: joined to an absolute, normal `cwd`); anything else (`..`,
 * `//`, Windows) by path.resolve.
 */
export function resolvePath(cwd: string, input: string): string {
  if (path.sep === '/' && isNormalAbsolute(input)) return input;
  if (path.sep === '/' && isNormalAbsolute(cwd)) {
    let rest = input;
    while (rest.startsWith('./')) rest = rest.slice(2);
    if (rest !== '' && rest !== '.' && rest !== '..' && !rest.startsWith('/') && !rest.startsWith('../') && isNormalAbsolute(`/${rest}`)) return cwd === '/' ? `/${rest}` : `${cwd}/${rest}`;
  }
  return path.resolve(cwd, input);
}

/** Kind implied by the file name alone (the rest is detected from content by the core). */
function kindFromName(abs: string): FileKind | undefined {
  return abs.endsWith('.promql') ? 'promql' : undefined;
}

interface IgnoreLayer {
  base: string;
  ig: Ignore;
}

class GitignoreStack {
  private readonly cache = new Map<string, IgnoreLayer | null>();
  layer(dir: string): IgnoreLayer | null {
    if (this.cache.has(dir)) return this.cache.get(dir)!;
    let layer: IgnoreLayer | null = null;
    const file = path.join(dir, '.gitignore');
    try {
      const text = readFileSync(file, 'utf8');
      layer = { base: dir, ig: ignore().add(text) };
    } catch {
      layer = null;
    }
    this.cache.set(dir, layer);
    return layer;
  }
  /** the .gitignore layers that apply inside `dir`: from the repository root down to `dir` */
  chainFor(dir: string): IgnoreLayer[] {
    const dirs: string[] = [];
    let d = dir;
    for (;;) {
      dirs.push(d);
      if (existsSync(path.join(d, '.git'))) break;
      const parent = path.dirname(d);
      if (parent === d) {
        // not inside a repository: only the walked folder's own .gitignore files count
        dirs.length = 1;
        break;
      }
      d = parent;
    }
    return dirs
      .reverse()
      .map((x) => this.layer(x))
      .filter((x): x is IgnoreLayer => x !== null);
  }
  /** git's rule: the deepest .gitignore with a matching pattern (ignore or `!` re-include) decides */
  static ignored(chain: IgnoreLayer[], abs: string, isDir: boolean): boolean {
    for (let i = chain.length - 1; i >= 0; i--) {
      const l = chain[i];
      const rel = path.relative(l.base, abs).split(path.sep).join('/');
      if (!rel || rel.startsWith('..')) continue;
      const t = l.ig.test(isDir ? rel + '/' : rel);
      if (t.ignored) return true;
      if (t.unignored) return false;
    }
    return false;
  }
}

/**
 * What the command line's files are, read from their folders' listings instead of a stat each: a
 * run naming 5,000 files in 50 folders reads 50 listings (a stat a file was ~2% of such a run).
 * Only for folders that the command line names at least `MIN_NAMED` files of (one file named in a
 * folder of 100,000 is stat'ed); undefined for a name the listing does not show as a plain file or
 * folder (missing, a symbolic link, a type the file system does not give): stat decides those.
 */
class NamedTypes {
  static readonly MIN_NAMED = 8;
  private readonly listings = new Map<string, Map<string, Dirent> | null>();
  private readonly named = new Map<string, number>();

  constructor(paths: readonly string[]) {
    for (const p of paths) {
      const dir = path.dirname(p);
      this.named.set(dir, (this.named.get(dir) ?? 0) + 1);
    }
  }

  typeOf(abs: string): 'file' | 'folder' | undefined {
    const dir = path.dirname(abs);
    if ((this.named.get(dir) ?? 0) < NamedTypes.MIN_NAMED) return undefined;
    let listing = this.listings.get(dir);
    if (listing === undefined) {
      try {
        listing = new Map(readdirSync(dir, { withFileTypes: true }).map((d) => [d.name, d]));
      } catch {
        listing = null;
      }
      this.listings.set(dir, listing);
    }
    const d = listing?.get(path.basename(abs));
    return d === undefined ? undefined : d.isFile() ? 'file' : d.isDirectory() ? 'folder' : undefined;
  }
}

export interface DiscoverOptions {
  cwd: string;
  kind?: FileKind;
  configs: ConfigResolver;
}

export function discover(inputs: readonly string[], opts: DiscoverOptions): Discovery {
  const { cwd } = opts;
  const out: Discovery = { targets: [], others: [], problems: [] };
  const seen = new Set<string>();
  const gitignore = new GitignoreStack();

  const add = (abs: string, explicit: boolean, matchAll: boolean) => {
    if (seen.has(abs)) return;
    const display = displayPath(cwd, abs);
    let kind = opts.kind ?? kindFromName(abs);
    if (!explicit) {
      const cfg = opts.configs.forFile(abs);
      const rel = relativeToConfig(cfg, abs);
      if (!isPathIncluded(cfg.config, rel)) return;
      const configuredRule = isConfiguredRuleFile(cfg.config, rel);
      if (!kind && configuredRule) kind = 'rules';
      // a walk reads files by extension (even with --kind); globs and ruleFiles name files themselves
      if (!matchAll && !configuredRule && !WALK_EXTENSIONS.has(path.extname(abs).toLowerCase())) {
        seen.add(abs);
        out.others.push({ abs, display, explicit });
        return;
      }
    }
    seen.add(abs);
    out.targets.push({ abs, display, explicit, ...(kind ? { kind } : {}) });
  };

  /** walks a folder; `filter` (for globs) decides on files by their display path */
  const walk = (root: string, filter?: (display: string, abs: string) => boolean) => {
    const stack: Array<{ dir: string; chain: IgnoreLayer[] }> = [{ dir: root, chain: gitignore.chainFor(root) }];
    while (stack.length > 0) {
      const { dir, chain } = stack.pop()!;
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch (e) {
        out.problems.push({ display: displayPath(cwd, dir), message: `cannot read folder: ${describeFsError(e)}`, severity: 'warning' });
        continue;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const subdirs: string[] = [];
      for (const ent of entries) {
        const abs = path.join(dir, ent.name);
        if (ent.isDirectory()) {
          if (SKIP_DIRS.has(ent.name) || GitignoreStack.ignored(chain, abs, true)) continue;
          subdirs.push(abs);
          continue;
        }
        if (GitignoreStack.ignored(chain, abs, false)) continue;
        if (filter && !filter(displayPath(cwd, abs), abs)) continue;
        if (ent.isSymbolicLink()) {
          let st;
          try {
            st = statSync(abs);
          } catch (e) {
            out.problems.push({ display: displayPath(cwd, abs), message: `broken symbolic link: ${describeFsError(e)}`, severity: 'warning' });
            continue;
          }
          if (!st.isFile()) continue; // symlinked folders are not followed
        } else if (!ent.isFile()) continue;
        add(abs, false, filter !== undefined);
      }
      for (const sub of subdirs.reverse()) {
        const layer = gitignore.layer(sub);
        stack.push({ dir: sub, chain: layer ? [...chain, layer] : chain });
      }
    }
  };

  const resolved = inputs.map((input) => resolvePath(cwd, input));
  const named = new NamedTypes(resolved);
  inputs.forEach((input, k) => {
    const abs = resolved[k]!;
    const type = named.typeOf(abs);
    if (type === 'folder') walk(abs);
    else if (type === 'file') addNamed(abs);
    else addByStat(input, abs);
  });
  return out;

  /** a file named on the command line (`st`: its stat, when one was taken) */
  function addNamed(abs: string, st?: Stats): void {
    if (seen.has(abs)) return;
    seen.add(abs);
    let kind = opts.kind ?? kindFromName(abs);
    if (!kind) {
      const cfg = opts.configs.forFile(abs);
      // (its path relative to the config only when the config names rule files: ~6 ms of 5,000 files)
      if (cfg.config.ruleFiles.length > 0 && isConfiguredRuleFile(cfg.config, relativeToConfig(cfg, abs))) kind = 'rules';
    }
    out.targets.push({ abs, display: displayPath(cwd, abs), explicit: true, ...(kind ? { kind } : {}), ...(st?.isFile() ? { stat: fileStat(st) } : {}) });
  }

  /** a path of the command line that its folder's listing did not answer: a file, a folder, a glob or a problem */
  function addByStat(input: string, abs: string): void {
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      if (picomatch.scan(input).isGlob) {
        const before = out.targets.length + out.others.length;
        const { base } = picomatch.scan(input);
        const absPattern = path.isAbsolute(input);
        const isMatch = picomatch(input.split(path.sep).join('/').replace(/^\.\//, ''), { dot: false });
        const baseAbs = path.resolve(cwd, base || '.');
        if (existsSync(baseAbs)) walk(baseAbs, (display, fileAbs) => isMatch(absPattern ? fileAbs.split(path.sep).join('/') : display));
        if (out.targets.length + out.others.length === before) out.problems.push({ display: input, message: 'no files match this pattern', severity: 'error' });
        return;
      }
      let message = describeFsError(e);
      try {
        if (lstatSync(abs).isSymbolicLink()) message = `broken symbolic link: ${message}`;
      } catch {
        /* plain missing path */
      }
      out.problems.push({ display: input, message, severity: 'error' });
      return;
    }
    if (st.isDirectory()) walk(abs);
    else addNamed(abs, st);
  }
}
