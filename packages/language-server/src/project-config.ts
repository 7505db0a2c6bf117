/**
 * `.promscope.yml` lookup for the server: the nearest config upward from a file (stopping at a
 * repository root), parsed with the core's parser, cached per folder and dropped when a config
 * file changes (open in the editor, or on disk via `workspace/didChangeWatchedFiles`). The same
 * rules as the CLI's resolver (packages/cli/src/project-configs.ts).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { emptyProjectConfig, parseProjectConfig, PROJECT_CONFIG_FILENAMES, type Diagnostic, type ProjectConfig } from '@promscope/core';

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
    let found: LoadedConfig | undefined;
    for (const name of PROJECT_CONFIG_FILENAMES) {
      const candidate = path.join(dir, name);
      if (this.overlays.has(candidate) || (existsSync(candidate) && statSync(candidate).isFile())) {
        found = this.load(candidate, dir);
        break;
      }
    }
    if (!found) {
      const parent = path.dirname(dir);
      found = parent === dir || existsSync(path.join(dir, '.git')) ? { config: emptyProjectConfig(), dir, diagnostics: [] } : this.find(parent);
    }
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
