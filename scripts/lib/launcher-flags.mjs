// The Node flags a launcher's first line names (`#!/usr/bin/env -S node --flag...`): what the
// `promscope` bin runs it with (npm's and pnpm's shims copy a shebang's arguments). Scripts that
// start a launcher with `node` themselves (the build's code-cache warm-up, bench-scale) pass them
// too, so that they run the CLI as its bin does (and its V8 code cache, named by the flags, is the
// bin's).
import { readFileSync } from 'node:fs';

/** the Node flags of `file`'s shebang line; none when it names no flags (or is not `env node`) */
export function launcherNodeFlags(file) {
  const first = readFileSync(file, 'utf8').split('\n', 1)[0];
  const m = /^#!\s*\/usr\/bin\/env\s+(?:-S\s+)?node((?:\s+-\S+)*)\s*$/.exec(first);
  return m ? m[1].trim().split(/\s+/).filter(Boolean) : [];
}
