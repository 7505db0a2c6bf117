'use strict';
// V8's helper threads run at a lower priority than the thread that analyses the files.
//
// Node starts four of them by default (its platform's worker pool; the `promscope` bin asks for
// one per core less one, `--v8-pool-size=0`: see promscope.js): V8's optimizing compiler and the
// collector's parallel and concurrent parts run there. On a machine of two cores they outnumber the
// cores with the main thread, which then spent ~10% of a run's wall time ready to run but waiting
// for a core (a run of 5,140 rule files: 0.15-0.2 s of 1.65 s, from /proc/self/task/*/schedstat).
// With the helpers at a nice value 10 higher, the main thread waited ~0.04 s and the run took 0.97x
// the time (alternating pairs); they still have every core the main thread does not use. (Chrome
// runs V8's background work on lower-priority threads too; Node's platform does not.)
//
// Linux only: there the nice value is a thread's own (setpriority(2) on a thread id), and a
// thread started later (a worker thread of the CLI's pool) takes that of the thread that starts it,
// the main thread's. Never raises a priority: a thread already at a higher nice value keeps it.
const { readdirSync } = require('node:fs');
const { getPriority, setPriority } = require('node:os');

/** how much lower (in nice values) the helpers run than the main thread */
const HELPER_NICE_OFFSET = 10;
const LOWEST = 19;

/** Lowers the priority of every other thread of this process (call it on the main thread). */
function lowerHelperThreads() {
  if (process.platform !== 'linux') return;
  let tids;
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return; // no /proc: nothing to do
  }
  let base;
  try {
    base = getPriority(process.pid);
  } catch {
    return;
  }
  const target = Math.min(LOWEST, base + HELPER_NICE_OFFSET);
  for (const t of tids) {
    const tid = Number(t);
    if (!Number.isInteger(tid) || tid === process.pid) continue;
    try {
      if (getPriority(tid) < target) setPriority(tid, target);
    } catch {
      /* a thread gone since, or not allowed: it keeps its priority */
    }
  }
}

module.exports = { lowerHelperThreads };
