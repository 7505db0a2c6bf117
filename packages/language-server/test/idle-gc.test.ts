/**
 * idle-gc.ts: the analyzer worker's collector gets V8's `gc` without leaving `--expose-gc` on
 * (contexts made afterwards have no `gc` unless the process was started with it), and its
 * collections run.
 */
import vm from 'node:vm';
import { expect, test } from 'vitest';
import { IdleCollector } from '../src/idle-gc';

test('collects after every answer, and fully once the heap has grown by 32 MB', () => {
  // (a test run may expose gc itself: then it stays exposed, else it stays hidden)
  const before = vm.runInNewContext('typeof gc');
  const c = new IdleCollector();
  expect(c.available).toBe(true);
  expect(vm.runInNewContext('typeof gc')).toBe(before);
  c.collect();
  expect(c.stats).toEqual({ minor: 1, major: 0 });
  // 64 MB that stays reachable until the collection: the heap grew past the threshold
  const held: number[][] = [];
  for (let i = 0; i < 64; i++) held.push(new Array(131072).fill(i));
  c.collect();
  expect(c.stats).toEqual({ minor: 2, major: 1 });
  expect(held.length).toBe(64);
});
