// A WorkspacePass run after every change (a language server's workspace pass) checks again only the
// files a change can reach: over a random run of edits, settings changes and runs for one file
// (`only`), its findings must be those of the checks run on the graph built whole, for every file.
import { describe, expect, it } from 'vitest';
import { WorkspacePass } from '../../src/checks/workspace-pass';
import { ruleFileViewFromText } from '../../src/checks/model-from-rules';
import { ALL_CHECKS } from '../../src/checks/registry';
import { runChecks } from '../../src/checks/run';
import { buildGraph, buildRuleGraphFromEntries, ruleGraphEntries, type RuleGraphEntry } from '../../src/graph/build';
import type { CheckSettings } from '../../src/project-config/types';
import { prng } from '../support/prng';

interface File {
  path: string;
  text: string;
  entries: RuleGraphEntry[];
}

/** the workspace checks of every file on a graph built whole from copies (nothing shared with the pass) */
function reference(files: readonly File[], settingsFor: (path: string) => CheckSettings) {
  const graph = buildGraph(files.map((f) => ({ path: f.path, entries: f.entries.map((e) => ({ ...e })) })));
  const checks = ALL_CHECKS.filter((c) => c.needsWorkspace);
  const out = new Map<string, unknown>();
  for (const f of files) {
    const ds = runChecks({ kind: 'rules', file: { path: f.path, text: f.text, groups: [] } }, { checks, graph, settings: settingsFor(f.path) });
    if (ds.length) out.set(f.path, ds);
  }
  return out;
}

describe('WorkspacePass', () => {
  it('after each change, gives the findings of a pass over the graph built whole', () => {
    const rnd = prng(20261127);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const recorded = Array.from({ length: 16 }, (_, i) => `job:${String.fromCharCode(97 + i)}:sum`);
    const expr = () => {
      const r = rnd();
      if (r < 0.35) return `sum by (job) (${pick(recorded)})`;
      if (r < 0.45) return `${pick(recorded)} + ${pick(recorded)}`;
      if (r < 0.6) return `ALERTS{alertname="${pick(['A1', 'A2'])}"}`;
      return 'sum by (job) (up)';
    };
    const make = (path: string): File => {
      const rules = Array.from({ length: Math.floor(rnd() * 4) }, () => {
        const mark = rnd() < 0.15 ? '      # promscope: used-externally\n' : '';
        return rnd() < 0.7 ? `${mark}      - record: ${pick(recorded)}\n        expr: ${expr()}\n` : `      - alert: ${pick(['A1', 'A2'])}\n        expr: ${expr()} > 1\n`;
      });
      const text = `groups:\n  - name: g\n    rules:\n${rules.join('')}`;
      return { path, text, entries: ruleGraphEntries(ruleFileViewFromText(path, text)) };
    };
    let files = Array.from({ length: 16 }, (_, i) => make(`/w/f${i}.yml`));
    // settings objects: the same object while a file's settings do not change (unused-recording-rule is off by default)
    const unusedOn: CheckSettings = { 'rules/unused-recording-rule': { level: 'warning' } };
    const defaults: CheckSettings = {};
    const settings = new Map<string, CheckSettings>();
    const settingsFor = (p: string) => settings.get(p) ?? unusedOn;
    const pass = new WorkspacePass();
    let checked = 0;
    let runs = 0;
    let findings = 0;
    let sizes = 0;
    for (let step = 0; step < 300; step++) {
      const r = rnd();
      if (r < 0.75) {
        const i = Math.floor(rnd() * files.length);
        files = files.map((f, j) => (j === i ? make(f.path) : f));
      } else if (r < 0.83) {
        const i = Math.floor(rnd() * files.length);
        files = files.map((f, j) => (j === i || j === (i + 5) % files.length ? make(f.path) : f));
      } else if (r < 0.88) {
        const p = pick(files).path;
        settings.set(p, settings.get(p) === defaults ? unusedOn : defaults);
      } else if (r < 0.92) files = [...files, make(`/w/n${step}.yml`)];
      else if (r < 0.95 && files.length > 3) files = files.filter((_, j) => j !== 2);
      // else: the same input again
      const input = files.map((f) => ({ path: f.path, text: f.text, graph: f.entries }));
      const want = reference(files, settingsFor);
      if (rnd() < 0.3) {
        // the edited document's part alone (the others are left for a later run)
        const only = pick(files).path;
        const got = pass.run(input, { settingsFor, only: new Set([only]) });
        expect(got.get(only)).toEqual(want.get(only));
        expect([...got.keys()].filter((p) => p !== only)).toEqual([]);
      } else {
        const got = pass.run(input, { settingsFor });
        expect(new Map([...got].sort())).toEqual(new Map([...want].sort()));
        checked += pass.lastChecked;
        sizes += files.length;
        runs++;
        findings += got.size;
      }
    }
    // the runs found things, and checked again a part of the files (a dense workspace: 16 names
    // for 20 files, so most files neighbour most changes; checking every file each time gives 1)
    expect(findings / runs).toBeGreaterThan(3);
    expect(checked / sizes).toBeLessThan(0.75);
  });

  it('a change to one file checks only its neighbours again', () => {
    const file = (path: string, text: string) => ({ path, text, graph: ruleGraphEntries(ruleFileViewFromText(path, text)) });
    const rule = (record: string, reads: string) => `groups:\n  - name: g\n    rules:\n      - record: ${record}\n        expr: sum by (job) (${reads})\n`;
    const a = file('/w/a.yml', rule('job:a:sum', 'up'));
    const b = file('/w/b.yml', rule('job:b:sum', 'job:a:sum'));
    const others = Array.from({ length: 20 }, (_, i) => file(`/w/o${i}.yml`, rule(`job:o${i}:sum`, 'up')));
    const pass = new WorkspacePass();
    pass.run([a, b, ...others]);
    expect(pass.lastChecked).toBe(22);
    // another caller's graph in between (an incremental analysis' groups in the same thread)
    buildRuleGraphFromEntries([{ path: '/w/x.yml', entries: a.graph }, { path: '/w/x.yml', entries: b.graph }]);
    // a's rule renamed: b reads a name nobody records now
    const a2 = file('/w/a.yml', rule('job:a2:sum', 'up'));
    const got = pass.run([a2, b, ...others]);
    expect(pass.lastChecked).toBe(2);
    expect(got.get('/w/b.yml')!.map((d) => d.code)).toEqual(['rules/undefined-recorded-metric']);
    // the same input again: nothing to check
    pass.run([a2, b, ...others]);
    expect(pass.lastChecked).toBe(0);
  });

  it('a cycle broken in one file: every file it ran through is checked again', () => {
    const file = (path: string, text: string) => ({ path, text, graph: ruleGraphEntries(ruleFileViewFromText(path, text)) });
    const rule = (record: string, reads: string) => `groups:\n  - name: g\n    rules:\n      - record: ${record}\n        expr: sum by (job) (${reads})\n`;
    // a → b → c → d → a, one rule per file; e reads d (a neighbour of d) and is out of the loop
    const ring = ['a', 'b', 'c', 'd'].map((x, i, xs) => file(`/w/${x}.yml`, rule(`job:${x}:sum`, `job:${xs[(i + 1) % 4]}:sum`)));
    const e = file('/w/e.yml', rule('job:e:sum', 'job:d:sum'));
    const pass = new WorkspacePass();
    const cyclic = (m: Map<string, { code: string }[]>) => [...m].filter(([, ds]) => ds.some((d) => d.code === 'rules/dependency-cycle')).map(([p]) => p);
    expect(cyclic(pass.run([...ring, e]))).toEqual(['/w/a.yml', '/w/b.yml', '/w/c.yml', '/w/d.yml']);
    // d reads `up` now: b is no neighbour of d, but its finding goes with the cycle
    const got = pass.run([...ring.slice(0, 3), file('/w/d.yml', rule('job:d:sum', 'up')), e]);
    expect(cyclic(got)).toEqual([]);
    expect(pass.lastChecked).toBe(5);
  });
});
