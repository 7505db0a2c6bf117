/**
 * Test helpers: build the real CLI bundle when it is missing or older than the sources, run it as
 * users do (`node packages/cli/bin/promscope.js ...`), and lay out fixture folders in /tmp.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const bin = path.join(repoRoot, 'packages/cli/bin/promscope.js');
const bundle = path.join(repoRoot, 'packages/cli/dist/promscope.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name);
    newest = Math.max(newest, ent.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the bundle (once, under a lock shared by parallel test files) if a source is newer. */
export function ensureBuilt(): void {
  const stale = () => {
    try {
      const built = statSync(bundle).mtimeMs;
      return newestMtime(path.join(repoRoot, 'packages/cli/src')) > built || newestMtime(path.join(repoRoot, 'packages/core/src')) > built;
    } catch {
      return true;
    }
  };
  if (!stale()) return;
  const lock = path.join(os.tmpdir(), 'promscope-cli-build.lock');
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error('timed out waiting for the CLI build lock');
      spawnSync(process.execPath, ['-e', 'setTimeout(()=>{},100)']);
    }
  }
  try {
    if (stale()) {
      const r = spawnSync(process.execPath, ['scripts/build.mjs', 'cli'], { cwd: repoRoot, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
    }
  } finally {
    rmdirSync(lock);
  }
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

export interface RunOptions {
  cwd: string;
  input?: string | Buffer;
  env?: Record<string, string | undefined>;
  /** run as another user (the permission tests run as `nobody` when the suite runs as root) */
  asNobody?: boolean;
}

export function runCli(args: string[], opts: RunOptions): RunResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const [cmd, argv] =
    opts.asNobody && process.getuid?.() === 0
      ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, bin, ...args]]
      : [process.execPath, [bin, ...args]];
  const r = spawnSync(cmd, argv as string[], { cwd: opts.cwd, input: opts.input ?? '', env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 30 });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

/** Creates a temp folder with the given files (string or bytes); returns its path. */
export function fixtureDir(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'promscope-cli-'));
  for (const [name, content] of Object.entries(files)) {
    const p = path.join(dir, name);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return dir;
}

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
  fix?: unknown;
}

export function json(r: RunResult): JsonFinding[] {
  try {
    return JSON.parse(r.stdout) as JsonFinding[];
  } catch {
    throw new Error(`not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}
