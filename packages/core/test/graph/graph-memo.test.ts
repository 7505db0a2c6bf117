// buildRuleGraphFromEntries gives the last graph again for an identical input (the language server's
// pass for the edited document, then for every document, over the same summaries): it must be the
// graph a fresh build gives, with node ids that are its own even after other builds reused the nodes.
import { describe, expect, it } from 'vitest';
import { ruleFileViewFromText } from '../../src/checks/model-from-rules';
import { buildRuleGraphFromEntries, ruleGraphEntries, type RuleGraph, type RuleGraphEntry } from '../../src/graph/build';
import { findCycles } from '../../src/graph/cycles';

function file(path: string, rules: [kind: 'record' | 'alert', name: string, expr: string][]) {
  const text = `groups:\n  - name: ${path}\n    rules:\n${rules.map(([k, n, e]) => `      - ${k}: ${n}\n        expr: ${e}\n`).join('')}`;
  return { path, entries: ruleGraphEntries(ruleFileViewFromText(path, text)) };
}

/** the graph as plain data (ids, and every map by ids), to compare graphs built in different ways */
function shape(g: RuleGraph) {
  const ids = (m: Map<string, { id: number }[]>) => Object.fromEntries([...m].map(([k, v]) => [k, v.map((n) => n.id)]));
  return {
    rules: g.rules.map((n, i) => `${i}=${n.id} ${n.file} ${n.kind} ${n.name}`),
    producers: ids(g.producers),
    alerts: ids(g.alerts),
    users: ids(g.users),
    byFile: ids(g.byFile),
    cycles: findCycles(g).map((c) => c.map((n) => n.id)),
  };
}

/** a build from copies of the entries (no node shared with any earlier build) */
function fresh(files: { path: string; entries: readonly RuleGraphEntry[] }[]) {
  return buildRuleGraphFromEntries(files.map((f) => ({ path: f.path, entries: f.entries.map((e) => ({ ...e })) })));
}

describe('rule graph of an identical input', () => {
  const x = file('x.yml', [['record', 'job:a:sum', 'sum by (job) (job:c:sum)'], ['alert', 'A', 'job:a:sum > 1']]);
  const y = file('y.yml', [['record', 'job:b:sum', 'sum by (job) (up)']]);
  const z = file('z.yml', [['record', 'job:c:sum', 'sum by (job) (job:a:sum)'], ['record', 'job:d:sum', 'job:b:sum']]);

  it('is the same graph, equal to a fresh build', () => {
    const input = [x, y, z];
    const g1 = buildRuleGraphFromEntries(input);
    const g2 = buildRuleGraphFromEntries([...input.map((f) => ({ ...f }))]);
    expect(g2).toBe(g1);
    expect(shape(g2)).toEqual(shape(fresh(input)));
    expect(shape(g2).cycles).toHaveLength(1);
  });

  it('one file alone: its own memo, which leaves the graph of several files remembered', () => {
    // the fresh builds first: they are remembered too
    const expectedAlone = shape(fresh([z]));
    const expectedMany = shape(fresh([x, y, z]));
    const many = buildRuleGraphFromEntries([x, y, z]);
    const alone = buildRuleGraphFromEntries([{ path: z.path, entries: z.entries }]);
    expect(buildRuleGraphFromEntries([{ ...z }])).toBe(alone);
    expect(buildRuleGraphFromEntries([x, y, z])).toBe(many);
    expect(shape(many)).toEqual(expectedMany);
    // the ids of the shared nodes are the single file's graph's again
    expect(buildRuleGraphFromEntries([z])).toBe(alone);
    expect(alone.rules.map((n) => n.id)).toEqual([0, 1]);
    expect(shape(alone)).toEqual(expectedAlone);
    // another file, or the same entries under another path: built anew
    expect(buildRuleGraphFromEntries([y])).not.toBe(alone);
    expect(buildRuleGraphFromEntries([{ path: 'other.yml', entries: z.entries }])).not.toBe(alone);
  });

  it('has its own node ids again after another build reused its nodes', () => {
    const input = [x, y, z];
    buildRuleGraphFromEntries(input);
    // a build of z alone (remembered apart) gives z's nodes the ids 0 and 1
    const alone = buildRuleGraphFromEntries([z]);
    expect(alone.rules.map((n) => n.id)).toEqual([0, 1]);
    const again = buildRuleGraphFromEntries(input);
    expect(shape(again)).toEqual(shape(fresh(input)));
    expect(again.rules.map((n) => n.id)).toEqual([0, 1, 2, 3, 4]);
  });

  it('is rebuilt when any file changes, is dropped, or the order changes', () => {
    const g = buildRuleGraphFromEntries([x, y, z]);
    const y2 = file('y.yml', [['record', 'job:b:sum', 'sum by (job) (up)'], ['alert', 'B', 'job:d:sum > 0']]);
    for (const input of [[x, y2, z], [x, z], [z, y, x], [x, y, { path: 'w.yml', entries: z.entries }]]) {
      const h = buildRuleGraphFromEntries(input);
      expect(h).not.toBe(g);
      expect(shape(h)).toEqual(shape(fresh(input)));
    }
  });
});

describe('entries made as the nodes of their file (ruleGraphEntries(f, true), as the CLI makes them)', () => {
  const text = (name: string) => `groups:\n  - name: g\n    rules:\n      - record: job:${name}:sum\n        expr: sum by (job) (up)\n      - alert: High${name}\n        expr: job:${name}:sum > 1\n`;
  const asNodes = (path: string, name: string) => ({ path, entries: ruleGraphEntries(ruleFileViewFromText(path, text(name)), true) });
  const plain = (path: string, name: string) => ({ path, entries: ruleGraphEntries(ruleFileViewFromText(path, text(name))) });

  it('are the graph nodes themselves, in a graph equal to one built from copies', () => {
    const input = [asNodes('n1.yml', 'a'), asNodes('n2.yml', 'b')];
    const g = buildRuleGraphFromEntries(input);
    const all = input.flatMap((f) => f.entries);
    expect(g.rules).toHaveLength(4);
    g.rules.forEach((n, i) => expect(n).toBe(all[i]));
    expect(shape(g)).toEqual(shape(buildRuleGraphFromEntries([plain('n1.yml', 'a'), plain('n2.yml', 'b')])));
  });

  it('differ from plain entries only by their file and id', () => {
    const [a, b] = [asNodes('n3.yml', 'c').entries, plain('n3.yml', 'c').entries];
    expect(a.map((e) => ({ ...e, file: undefined, id: undefined }))).toEqual(b.map((e) => ({ ...e, file: undefined, id: undefined })));
    expect(a.every((e) => (e as { file?: string }).file === 'n3.yml')).toBe(true);
    expect(b.some((e) => 'file' in e || 'id' in e)).toBe(false);
  });

  it('are copied when built under another path (a node names its file)', () => {
    const f = asNodes('n4.yml', 'd');
    const g = buildRuleGraphFromEntries([{ path: 'elsewhere.yml', entries: f.entries }, asNodes('n5.yml', 'e')]);
    expect(g.rules[0]).not.toBe(f.entries[0]);
    expect(g.rules[0]!.file).toBe('elsewhere.yml');
    expect((f.entries[0] as { file?: string }).file).toBe('n4.yml');
  });
});
