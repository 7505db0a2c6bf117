/**
 * Which `.promscope.yml` applies to a folder: the nearest one upward, stopping at the file-system
 * root or at a repository root (a folder with `.git`) that has none. One rule for every shell; the
 * shells hand in how to look at their file system (the core does no I/O) and cache per folder.
 */
import { PROJECT_CONFIG_FILENAMES } from './types';

export interface ConfigLookupHost {
  /** the path of `name` inside `dir` */
  join(dir: string, name: string): string;
  /** the parent folder (the folder itself at the root) */
  dirname(dir: string): string;
  /** a config file exists here (a regular file, or an editor buffer) */
  isConfigFile(path: string): boolean;
  /** the folder is a repository root (has `.git`) */
  isRepositoryRoot(dir: string): boolean;
}

export type ConfigLookup = { file: string; dir: string } | { file: undefined; dir: string };

/** The nearest config file for `dir`, or none (with the folder where the search stopped). */
export function lookupProjectConfig(dir: string, host: ConfigLookupHost, cached?: (dir: string) => ConfigLookup | undefined): ConfigLookup {
  const seen: string[] = [];
  let cur = dir;
  for (;;) {
    const hit = cached?.(cur);
    if (hit) return hit;
    seen.push(cur);
    for (const name of PROJECT_CONFIG_FILENAMES) {
      const candidate = host.join(cur, name);
      if (host.isConfigFile(candidate)) return { file: candidate, dir: cur };
    }
    const parent = host.dirname(cur);
    if (parent === cur || host.isRepositoryRoot(cur)) return { file: undefined, dir: cur };
    cur = parent;
  }
}
