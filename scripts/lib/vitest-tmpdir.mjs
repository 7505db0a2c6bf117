/**
 * Vitest's global setup: every temporary folder the tests make (theirs, and those of the CLI and
 * language-server processes they start) goes under one folder of the run's own, removed when the
 * run ends. Before it, a full run left ~100 folders in the system's temporary folder each time.
 * (The workers inherit TMPDIR: they start after this.)
 */
import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'promscope-tests-'));
  // open to all, as the system's is: some tests run the CLI as another user
  chmodSync(root, 0o1777);
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    remove(root);
  };
}

/** rm -rf, also of folders a test made unreadable (when not run as root) */
function remove(dir) {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    openUp(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

function openUp(p) {
  let st;
  try {
    st = lstatSync(p);
  } catch {
    return;
  }
  if (!st.isDirectory()) return;
  try {
    chmodSync(p, 0o700);
    for (const name of readdirSync(p)) openUp(path.join(p, name));
  } catch {
    /* what cannot be opened is left: rmSync says so */
  }
}
