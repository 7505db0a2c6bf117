#!/usr/bin/env -S node --initial-old-space-size=256 --v8-pool-size=0
// Thin launcher: the CLI ships as one bundled script built at install time (scripts/build.mjs),
// compiled here with V8's code cache: a run reuses the bytecode of the functions an earlier `check`
// compiled (dist/promscope.js.<stamp>.cache, written once by the first `check` that finds none),
// instead of parsing and compiling them again. Worker threads start here too. A CommonJS script
// (bin/package.json): Node starts one ~5 ms sooner than an ES module, a tenth of a one-file check.
//
// The first line's Node flags, which the `promscope` bin passes (npm's and pnpm's shims copy a
// shebang's arguments; run as `./promscope.js`, `env -S` does). Neither can be set from here (V8
// reads them when the heap and the platform are made); `node bin/promscope.js` runs without them.
// - `--initial-old-space-size=256`: the old generation starts at 256 MB instead of the size V8
//   derives from the first collections' survival (~35 MB here), so that a run whose live data
//   grows to ~150 MB (5,140 rule files: texts, graph entries, names) makes no full collection on
//   the way (it made two, the second with ~60 ms of incremental marking beside the analysis):
//   0.95-0.97x the time, peak ~13 MB higher (alternating pairs, no cache and an empty `--cache`);
//   the 20 MB rule file 0.92x, peak ~30 MB higher;
// - `--v8-pool-size=0`: V8's background threads (its compiler, its collector's parallel and
//   concurrent work) as many as the machine's parallelism less one (Node's own choice for 0), not
//   Node's default four: on two cores, four of them and the main thread outnumbered the cores
//   (V8 splits each young collection into a task per thread): then 0.985x the time without a cache
//   (16 pairs), 0.96-0.975x with an empty `--cache`; `-j 2` on two cores is slower with one (its
//   worker and the main thread share it), and is not the default there.
'use strict';
const { createRequire } = require('node:module');
const { existsSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');
const { setFlagsFromString } = require('node:v8');
const { isMainThread } = require('node:worker_threads');

// The V8 flags the CLI runs under, set before the bundle is compiled (V8's code cache checks the
// flags it was made under: its file's name carries them) and process-wide (worker threads too):
// - no allocation-site pretenuring: V8 moves an allocation site to the old generation when a
//   scavenge finds most of its recent objects alive, and a scavenge in the middle of a large rule
//   file finds everything of that file alive; those sites then allocated every later file's
//   short-lived objects in the old generation (5,140 files with the corpus files first: 649 sites,
//   12% slower, peak 368 MB instead of 284);
// - less inlining by the optimizing compiler (a cumulative budget of 200 bytecodes, not 920): on a
//   machine of two cores its compile jobs took more CPU than the analysis of a few hundred real
//   rule files (850 ms in a 0.5 s run), so optimized code came late (the corpus files 0.86x the
//   time, the 5,140 files 0.94x, a one-file check and the 20 MB file the same).
const V8_FLAGS = ['--no-allocation-site-pretenuring', '--max-inlined-bytecode-size-cumulative=200'];
if (isMainThread) for (const f of V8_FLAGS) setFlagsFromString(f);
// V8's helper threads (compiler, collector) yield to this one on a busy machine: see helper-threads.js
if (isMainThread) require('./helper-threads.js').lowerHelperThreads();

/**
 * FNV-1a of the flags: the code cache's name. With the flags Node itself was started with (its
 * command line, NODE_OPTIONS): V8 rejects a cache made under other flags, and one made by a run
 * under `--max-old-space-size` or a tracing flag would otherwise stay unusable for every later run.
 */
function flagsTag() {
  let h = 0x811c9dc5;
  const all = `${V8_FLAGS.join(' ')}\0${process.execArgv.join(' ')}\0${process.env.NODE_OPTIONS ?? ''}`;
  for (let i = 0; i < all.length; i++) h = Math.imul(h ^ all.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

const bundle = path.join(__dirname, '..', 'dist', 'promscope.js');
if (!existsSync(bundle)) {
  process.stderr.write('promscope: the CLI is not built; run `npx --yes pnpm@10 install` (or `npx --yes pnpm@10 run build`) at the repository root.\n');
  process.exit(2);
}
try {
  const source = readFileSync(bundle, 'utf8');
  // the cache is only valid for this bundle, this Node and these flags (V8 rejects it when flags
  // differ: then it is not used, and not rewritten; the file's name tells the flags set above)
  const st = statSync(bundle);
  const cacheFile = `${bundle}.${st.size}-${Math.round(st.mtimeMs)}-${process.version}-${process.arch}-flags${flagsTag()}.cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    /* none yet */
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __promscope_bundle_url) {${source}\n})`, { filename: bundle, cachedData });
  if (isMainThread && cachedData === undefined) {
    process.once('exit', () => {
      if (!globalThis.__promscopeCodeCacheWanted) return;
      try {
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        /* a read-only install: no cache, no harm */
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle), pathToFileURL(bundle).href);
} catch (e) {
  // a broken build must not print a stack trace at users (exit 2 = internal failure)
  process.stderr.write(`promscope: cannot start: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
  if (process.argv.includes('--debug') && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  process.exit(2);
}
