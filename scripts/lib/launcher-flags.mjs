// The Node flags a launcher's first line names (`#!/usr/bin/env -S node --flag...`): what the
// `promscope` bin runs it with (npm's and pnpm's shims copy a shebang's arguments). Scripts that
// start a launcher with `node` themselves (the build's code-cache warm-up, bench-scale) pass them
// too, so that they run the CLI as its bin does (and its V8 code cache, named by the flags, is the
// bin's).
import { closeSync, openSync, readSync } from 'node:fs';

/** the Node flags of `file`'s shebang line; none when it names no flags (or is not `env node`) */
export function launcherNodeFlags(file) {
  const fd = openSync(file, 'r');
  let head;
  try {
    const buf = Buffer.alloc(512);
    head = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
  } finally {
    closeSync(fd);
  }
  const first = head.split('\n', 1)[0];
  const m = /^#!\s*\/usr\/bin\/env\s+(?:-S\s+)?node((?:\s+-\S+)*)\s*$/.exec(first);
  return m ? m[1].trim().split(/\s+/).filter(Boolean) : [];
}
