/**
 * idle-gc.ts: the analyzer worker's collector gets V8's `gc` without leaving `--expose-gc` on
 * (contexts made afterwards have no `gc` unless the process was started with it), scavenges when
 * the young generation is filling up (not after every answer), and collects fully once the heap
 * has grown by 32 MB (a collection that frees: `gc()`, not `gc({ type: 'major' })`, which frees nothing on Node 20).
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { expect, test } from 'vitest';
import { IdleCollector, memoryAfterFullCollection } from '../src/idle-gc';

const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!;

test('scavenges when the young generation is filling up, and fully once the heap has grown by 32 MB', () => {
  // (a test run may expose gc itself: then it stays exposed, else it stays hidden)
  const before = vm.runInNewContext('typeof gc');
  const c = new IdleCollector();
  expect(c.available).toBe(true);
  expect(vm.runInNewContext('typeof gc')).toBe(before);
  c.collect();
  const { minor } = c.stats;
  // nothing allocated since: room enough, no scavenge
  c.collect();
  expect(c.stats.minor).toBe(minor);
  expect(c.stats.skipped).toBeGreaterThan(0);
  // young garbage until less than three times as much room is left: a scavenge
  const start = young().space_used_size;
  let sink = 0;
  while (young().space_used_size - start < young().space_available_size / 3) for (let i = 0; i < 10_000; i++) sink += [i, i + 1].length;
  expect(sink).toBeGreaterThan(0);
  c.collect();
  expect(c.stats.minor).toBe(minor + 1);
  // 64 MB that stays reachable until the collection: the heap grew past the threshold
  const held: number[][] = [];
  for (let i = 0; i < 64; i++) held.push(new Array(131072).fill(i));
  c.collect();
  expect(c.stats.major).toBe(1);
  expect(held.length).toBe(64);
});

test('memoryAfterFullCollection: the heap a full collection leaves, garbage gone', () => {
  const c = new IdleCollector();
  memoryAfterFullCollection(c);
  // 32 MB of garbage, made in a frame of its own (nothing of this frame holds it afterwards)
  const withGarbage = (() => {
    const garbage: number[][] = [];
    for (let i = 0; i < 32; i++) garbage.push(new Array(131072).fill(i + 0.5));
    return v8.getHeapStatistics().used_heap_size;
  })();
  const after = memoryAfterFullCollection(c).heap;
  expect(withGarbage - after).toBeGreaterThan(24 * 1024 * 1024);
});
