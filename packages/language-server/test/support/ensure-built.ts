/**
 * The protocol tests run the real bundle (dist/server.js). When a source file of the server or the
 * core is newer than the bundle, rebuild it first (under a lock: test files run in parallel), so a
 * stale bundle never answers for new code.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const BUNDLE = path.join(REPO, 'packages/language-server/dist/server.js');
const SOURCES = ['packages/core/src', 'packages/language-server/src'].map((p) => path.join(REPO, p));
const LOCK = path.join(REPO, 'packages/language-server/dist/.build-lock');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function bundleTime(): number {
  try {
    return statSync(BUNDLE).mtimeMs;
  } catch {
    return 0;
  }
}

const stale = () => bundleTime() < Math.max(...SOURCES.map(newest));

export function ensureBuilt(): void {
  if (!stale()) return;
  mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`could not take ${LOCK}`);
      spawnSync(process.execPath, ['-e', 'setTimeout(() => {}, 200)']);
    }
  }
  try {
    if (stale()) {
      const r = spawnSync(process.execPath, [path.join(REPO, 'scripts/build.mjs')], { cwd: REPO, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`build failed:\n${r.stderr}`);
    }
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
