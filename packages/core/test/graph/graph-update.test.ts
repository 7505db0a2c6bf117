// buildRuleGraphFromEntries after a change of a few files (a language server's workspace pass after
// edits) updates the last graph instead of building it whole: over a random run of edits it must be
// the graph `buildGraph` makes from scratch (rules and ids in file order, every name's list in id
// order, byFile, cycles: an updated graph's are found from the last graph's and the changed rules).
import { describe, expect, it } from 'vitest';
import { buildGraph, buildRuleGraphFromEntries, graphDelta, type GraphMemo, type RuleGraph, type RuleGraphEntry } from '../../src/graph/build';
import { findCycles } from '../../src/graph/cycles';
import { prng } from '../support/prng';
import { collectGarbage } from '../../../../scripts/lib/collect-garbage.mjs';

function shape(g: RuleGraph) {
  const ids = (m: Map<string, { id: number }[]>) => Object.fromEntries([...m].map(([k, v]) => [k, v.map((n) => n.id)]));
  return {
    rules: g.rules.map((n, i) => `${i}=${n.id} ${n.file} ${n.groupIndex}.${n.index} ${n.kind} ${n.name} ${n.uses.map((u) => `${u.kind}:${u.name}`).join(',')}`),
    producers: ids(g.producers),
    alerts: ids(g.alerts),
    users: ids(g.users),
    byFile: ids(g.byFile),
    cycles: findCycles(g).map((c) => c.map((n) => n.id)),
  };
}

describe('graph updated for a few changed files', () => {
  it('equals the graph built whole, edit after edit', () => {
    const rnd = prng(20261126);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const names = ['a:x', 'b:x', 'c:x', 'd:x', 'up', 'A1', 'A2'];
    const entries = (): RuleGraphEntry[] =>
      Array.from({ length: Math.floor(rnd() * 5) }, (_, index) => {
        const kind = rnd() < 0.6 ? 'record' : 'alert';
        const name = kind === 'record' ? pick(names.slice(0, 4)) : pick(['A1', 'A2']);
        const uses = Array.from({ length: Math.floor(rnd() * 4) }, () => {
          const n = pick(names);
          return { name: n, kind: n.startsWith('A') ? ('alert' as const) : ('metric' as const), range: { start: index, end: index + 1 } };
        });
        return { group: 'g', groupIndex: 0, index, kind, name, nameRange: { start: index, end: index + 1 }, uses };
      });
    let files = Array.from({ length: 20 }, (_, i) => ({ path: `/w/f${i}.yml`, entries: entries() }));
    let updates = 0;
    let withCycles = 0;
    for (let step = 0; step < 400; step++) {
      const r = rnd();
      if (r < 0.8) {
        // one file changes (most passes)
        const i = Math.floor(rnd() * files.length);
        files = files.map((f, j) => (j === i ? { path: f.path, entries: entries() } : f));
        updates++;
      } else if (r < 0.88) {
        // two or three files change (passes coalesced), or none (the same input again)
        const i = Math.floor(rnd() * files.length);
        files = files.map((f, j) => (j === i || j === (i + 3) % files.length || (r < 0.84 && j === (i + 7) % files.length) ? { path: f.path, entries: entries() } : f));
        updates++;
      } else if (r < 0.9) files = files.map((f) => ({ path: f.path, entries: entries() })); // every file: built whole
      else if (r < 0.95) files = [...files, { path: `/w/n${step}.yml`, entries: entries() }];
      else if (files.length > 2) files = files.filter((_, j) => j !== 1);
      // a graph of one file alone in between (its nodes are the same objects: their ids change)
      if (rnd() < 0.3) buildRuleGraphFromEntries([pick(files)]);
      const g = buildRuleGraphFromEntries(files);
      // now and then a graph whose cycles nobody asks for: the next one's are found whole
      if (rnd() < 0.1) continue;
      const got = shape(g);
      // from copies: no node shared with the graphs above
      const want = shape(buildGraph(files.map((f) => ({ path: f.path, entries: f.entries.map((e) => ({ ...e })) }))));
      expect(got).toEqual(want);
      if (want.cycles.length > 0) withCycles++;
    }
    expect(updates).toBeGreaterThan(300);
    expect(withCycles).toBeGreaterThan(100);
  });

  it('one file changed: the last graph is updated, its maps taken over rather than copied', () => {
    const entry = (name: string, uses: string[]): RuleGraphEntry => ({ group: 'g', groupIndex: 0, index: 0, kind: 'record', name, nameRange: { start: 0, end: 1 }, uses: uses.map((u) => ({ name: u, kind: 'metric' as const, range: { start: 2, end: 3 } })) });
    const a = { path: '/w/a.yml', entries: [entry('a:x', ['up'])] };
    const b = { path: '/w/b.yml', entries: [entry('b:x', ['a:x'])] };
    const g1 = buildRuleGraphFromEntries([a, b]);
    const maps = [g1.producers, g1.alerts, g1.users, g1.byFile];
    const g2 = buildRuleGraphFromEntries([a, { path: b.path, entries: [entry('b:y', ['a:x', 'up'])] }]);
    for (let i = 0; i < maps.length; i++) expect([g2.producers, g2.alerts, g2.users, g2.byFile][i]).toBe(maps[i]);
    expect(g2.users.get('up')!.map((n) => n.name)).toEqual(['a:x', 'b:y']);
    expect(g2.producers.has('b:x')).toBe(false);
  });
});

describe('the users of each name, made when first read', () => {
  const entry = (name: string, uses: string[]): RuleGraphEntry => ({ group: 'g', groupIndex: 0, index: 0, kind: 'record', name, nameRange: { start: 0, end: 1 }, uses: uses.map((u) => ({ name: u, kind: 'metric' as const, range: { start: 2, end: 3 } })) });
  const a = { path: '/w/a.yml', entries: [entry('a:x', ['up', 'up']), entry('a:y', ['a:x'])] };
  const b = { path: '/w/b.yml', entries: [entry('b:x', ['a:x', 'up'])] };

  it('are the same whether read before or after an update, and kept once made', () => {
    const g1 = buildRuleGraphFromEntries([a, b], {});
    const users = g1.users;
    expect(g1.users).toBe(users);
    expect(Object.fromEntries([...users].map(([k, v]) => [k, v.map((n) => n.name)]))).toEqual({ up: ['a:x', 'b:x'], 'a:x': ['a:y', 'b:x'] });
    // updated from a graph whose users were never read: made from the new graph's rules when read
    const memo: GraphMemo = {};
    buildRuleGraphFromEntries([a, b], memo);
    const changed = { path: b.path, entries: [entry('b:y', ['a:y'])] };
    const updated = buildRuleGraphFromEntries([a, changed], memo);
    expect(graphDelta(updated)).toBeDefined();
    expect(shape(updated)).toEqual(shape(buildGraph([a, changed])));
    expect(updated.users.get('a:y')!.map((n) => n.name)).toEqual(['b:y']);
    expect(updated.users.get('up')!.map((n) => n.name)).toEqual(['a:x']);
  });
});

describe('graph updates and memory', () => {
  // each updated graph records the graph it came from (for the cycles and the workspace pass); that
  // record must not chain: a typing session kept every graph since the last whole build
  it('keeps the graph before the last, not the ones before it', async () => {
    const memo: GraphMemo = {};
    const entry = (name: string, use: string): RuleGraphEntry => ({ group: 'g', groupIndex: 0, index: 0, kind: 'record', name, nameRange: { start: 0, end: 1 }, uses: [{ name: use, kind: 'metric', range: { start: 2, end: 3 } }] });
    let files = Array.from({ length: 10 }, (_, i) => ({ path: `/w/f${i}.yml`, entries: [entry(`a:m${i}`, `m${i + 1}`)] }));
    const graphs: WeakRef<RuleGraph>[] = [];
    let g = buildRuleGraphFromEntries(files, memo);
    findCycles(g);
    for (let step = 0; step < 8; step++) {
      files = files.map((f, i) => (i === step % 10 ? { path: f.path, entries: [entry(`a:m${i}`, `m${step}`)] } : f));
      const before = g;
      graphs.push(new WeakRef(before));
      g = buildRuleGraphFromEntries(files, memo);
      // updated from the one before: its delta names it
      expect(graphDelta(g)?.previous).toBe(before);
      findCycles(g);
    }
    await collectGarbage();
    // the latest graph keeps the one before it (its delta), no other
    expect(graphs.map((w) => w.deref() !== undefined)).toEqual([false, false, false, false, false, false, false, true]);
    expect(shape(g)).toEqual(shape(buildGraph(files)));
  });
});
