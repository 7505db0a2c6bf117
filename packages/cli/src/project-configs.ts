/**
 * Finds and loads `.promscope.yml` for each checked file: the nearest one upward from the file's
 * folder, or the one named by `--config` for every file. Loaded configs are cached per folder; a
 * config's own problems are reported once, as findings on the config file.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { emptyProjectConfig, lookupProjectConfig, parseProjectConfig, type ConfigLookup, type ConfigLookupHost, type Diagnostic, type ProjectConfig } from '@promscope/core';
import { UsageError } from './args';
import { relativeInside } from './paths';
import { describeFsError } from './read-file';

export interface LoadedConfig {
  config: ProjectConfig;
  /** folder the config's globs are relative to */
  dir: string;
  /** absolute path of the config file, when there is one */
  file?: string;
  text?: string;
  diagnostics: Diagnostic[];
}

/**
 * The lookup rule of the core, on the real file system. Each answer is kept for the run: the files
 * of many folders walk up through the same parent folders (5,000 files in 50 folders asked about
 * the same few parents some 1,300 times).
 */
function fsLookupHost(): ConfigLookupHost {
  const configFile = new Map<string, boolean>();
  const repositoryRoot = new Map<string, boolean>();
  const remember = (m: Map<string, boolean>, key: string, f: () => boolean): boolean => {
    let v = m.get(key);
    if (v === undefined) m.set(key, (v = f()));
    return v;
  };
  return {
    join: (dir, name) => path.join(dir, name),
    dirname: (dir) => path.dirname(dir),
    isConfigFile: (p) =>
      remember(configFile, p, () => {
        try {
          return statSync(p).isFile();
        } catch {
          return existsSync(p); // present but not stat-able: let the reader report it
        }
      }),
    isRepositoryRoot: (dir) => remember(repositoryRoot, dir, () => existsSync(path.join(dir, '.git'))),
  };
}

export class ConfigResolver {
  private readonly byDir = new Map<string, LoadedConfig>();
  private readonly byFile = new Map<string, LoadedConfig>();
  private readonly fixed?: LoadedConfig;
  private readonly host = fsLookupHost();

  /** `explicit`: the --config file; a UsageError when it cannot be read */
  constructor(explicit?: string) {
    if (explicit) {
      const abs = path.resolve(explicit);
      let text: string;
      try {
        text = readFileSync(abs, 'utf8');
      } catch (e) {
        throw new UsageError(`--config ${explicit}: ${describeFsError(e)}`);
      }
      this.fixed = this.parse(abs, text);
    }
  }

  private parse(file: string, text: string): LoadedConfig {
    const { config, diagnostics } = parseProjectConfig(text.replace(/^\uFEFF/, ''));
    const loaded: LoadedConfig = { config, dir: path.dirname(file), file, text: text.replace(/^\uFEFF/, ''), diagnostics };
    this.byFile.set(file, loaded);
    return loaded;
  }

  private find(dir: string): LoadedConfig {
    const hit = this.byDir.get(dir);
    if (hit) return hit;
    const where = lookupProjectConfig(dir, this.host, (d) => {
      const c = this.byDir.get(d);
      return c ? { file: c.file, dir: c.dir } as ConfigLookup : undefined;
    });
    let found: LoadedConfig;
    if (where.file === undefined) found = this.byDir.get(where.dir) ?? { config: emptyProjectConfig(), dir: where.dir, diagnostics: [] };
    else {
      const candidate = where.file;
      try {
        found = this.byFile.get(candidate) ?? this.parse(candidate, readFileSync(candidate, 'utf8'));
      } catch (e) {
        found = {
          config: emptyProjectConfig(),
          dir: where.dir,
          file: candidate,
          diagnostics: [{ code: 'promscope-config/io', severity: 'error', range: { start: 0, end: 0 }, message: `cannot read the configuration: ${describeFsError(e)}` }],
        };
        this.byFile.set(candidate, found);
      }
    }
    this.byDir.set(dir, found);
    return found;
  }

  /** The config that applies to a file (absolute path). */
  forFile(absPath: string): LoadedConfig {
    return this.fixed ?? this.find(path.dirname(absPath));
  }

  /** Every config file loaded so far (to report their problems once). */
  loaded(): LoadedConfig[] {
    return [...this.byFile.values()];
  }
}

/** A path relative to the config's folder, '/'-separated, as config globs expect. */
export function relativeToConfig(cfg: LoadedConfig, absPath: string): string {
  return (relativeInside(cfg.dir, absPath) ?? path.relative(cfg.dir, absPath)).split(path.sep).join('/');
}
