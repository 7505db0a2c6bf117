/** Temporary copies of the fixture workspace, so tests may write files. */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const FIXTURE_WS = fileURLToPath(new URL('../fixtures/ws', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface TempWorkspace {
  dir: string;
  uri(rel: string): string;
  file(rel: string): string;
  dispose(): void;
}

export function tempWorkspace(from = FIXTURE_WS): TempWorkspace {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'promscope-ls-'));
  cpSync(from, dir, { recursive: true });
  // a `.git` folder stops the `.promscope.yml` lookup at the workspace, as in a real repository
  mkdirSync(path.join(dir, '.git'));
  return {
    dir,
    uri: (rel) => pathToFileURL(path.join(dir, rel)).href,
    file: (rel) => path.join(dir, rel),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
