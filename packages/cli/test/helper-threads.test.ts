/**
 * The launcher lowers the priority of V8's helper threads (bin/helper-threads.js): run in a child
 * process (the test runner's own threads are left alone), the nice value of each thread is read
 * back from /proc. Linux only, as the function itself.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const module = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/helper-threads.js');

/** the nice value of each thread of a child process that first sets its main thread's to `main` and the others' to `others`, then calls the function */
function nicesAfter(main: number, others: number): { main: number; others: number[] } {
  const script = `
    const fs = require('node:fs');
    const os = require('node:os');
    const tids = () => fs.readdirSync('/proc/self/task').map(Number);
    for (const t of tids()) os.setPriority(t, t === process.pid ? ${main} : ${others});
    require(${JSON.stringify(module)}).lowerHelperThreads();
    // field 19 of stat (after the name's closing parenthesis) is the nice value
    const nice = (t) => { const s = fs.readFileSync('/proc/self/task/' + t + '/stat', 'utf8'); return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[16]); };
    process.stdout.write(JSON.stringify({ main: nice(process.pid), others: tids().filter((t) => t !== process.pid).map(nice) }));
  `;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { main: number; others: number[] };
}

describe.runIf(process.platform === 'linux')('V8 helper threads at a lower priority (bin/helper-threads.js)', () => {
  it('sets every other thread 10 nice values below the main thread, which keeps its own', () => {
    const { main, others } = nicesAfter(0, 0);
    expect(main).toBe(0);
    // Node's platform starts four worker threads at start-up
    expect(others.length).toBeGreaterThanOrEqual(4);
    expect(others.every((n) => n === 10)).toBe(true);
  });

  it('stops at the lowest priority (19)', () => {
    const { main, others } = nicesAfter(15, 15);
    expect(main).toBe(15);
    expect(others.every((n) => n === 19)).toBe(true);
  });

  it('never raises a priority: a thread already lower than that keeps its own', () => {
    const { main, others } = nicesAfter(0, 15);
    expect(main).toBe(0);
    expect(others.every((n) => n === 15)).toBe(true);
  });
});
