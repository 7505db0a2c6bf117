/**
 * `.promscope.yml` lookup for the server: the nearest config upward from a file (stopping at a
 * repository root), parsed with the core's parser, cached per folder and dropped when a config
 * file changes (open in the editor, or on disk via `workspace/didChangeWatchedFiles`). The lookup
 * rule itself is the core's (`lookupProjectConfig`), shared with the CLI.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { emptyProjectConfig, lookupProjectConfig, parseProjectConfig, PROJECT_CONFIG_FILENAMES, type ConfigLookupHost, type Diagnostic, type ProjectConfig } from '@promscope/core';

/** the core's lookup rule on the real file system (editor buffers are added by ProjectConfigs) */
const fsLookupHost: ConfigLookupHost = {
  join: (dir, name) => path.join(dir, name),
  dirname: (dir) => path.dirname(dir),
  isConfigFile: (p) => existsSync(p) && statSync(p).isFile(),
  isRepositoryRoot: (dir) => existsSync(path.join(dir, '.git')),
};

export interface LoadedConfig {
  config: ProjectConfig;
  /** folder the config's globs are relative to */
  dir: string;
  file?: string;
  diagnostics: Diagnostic[];
}

export class ProjectConfigs {
  private readonly byDir = new Map<string, LoadedConfig>();
  /** texts of config files open in the editor (they win over the disk) */
  private readonly overlays = new Map<string, string>();

  constructor(private readonly onError: (msg: string) => void = () => {}) {}

  static isConfigFile(file: string): boolean {
    return (PROJECT_CONFIG_FILENAMES as readonly string[]).includes(path.basename(file));
  }

  /** Forget everything (a config file changed somewhere). */
  invalidate(): void {
    this.byDir.clear();
  }

  setOverlay(file: string, text: string | undefined): void {
    if (text === undefined) this.overlays.delete(file);
    else this.overlays.set(file, text);
    this.invalidate();
  }

  private load(file: string, dir: string): LoadedConfig {
    let text = this.overlays.get(file);
    try {
      if (text === undefined) text = readFileSync(file, 'utf8');
    } catch (e) {
      this.onError(`cannot read ${file}: ${String(e)}`);
      return { config: emptyProjectConfig(), dir, file, diagnostics: [] };
    }
    const { config, diagnostics } = parseProjectConfig(text.replace(/^\uFEFF/, ''));
    return { config, dir, file, diagnostics };
  }

  private find(dir: string): LoadedConfig {
    const hit = this.byDir.get(dir);
    if (hit) return hit;
    const host = { ...fsLookupHost, isConfigFile: (p: string) => this.overlays.has(p) || fsLookupHost.isConfigFile(p) };
    const where = lookupProjectConfig(dir, host);
    const found: LoadedConfig = where.file === undefined ? { config: emptyProjectConfig(), dir: where.dir, diagnostics: [] } : this.load(where.file, where.dir);
    this.byDir.set(dir, found);
    return found;
  }

  /** The config for a file path (absolute). */
  forFile(absPath: string): LoadedConfig {
    try {
      return this.find(path.dirname(absPath));
    } catch (e) {
      this.onError(`config lookup failed for ${absPath}: ${String(e)}`);
      return { config: emptyProjectConfig(), dir: path.dirname(absPath), diagnostics: [] };
    }
  }

  relative(cfg: LoadedConfig, absPath: string): string {
    return path.relative(cfg.dir, absPath).split(path.sep).join('/');
  }
}
