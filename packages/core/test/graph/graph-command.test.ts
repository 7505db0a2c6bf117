// `promscope graph` (packages/cli/src/commands/graph.ts) over an in-memory file tree.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGraphCommand, type GraphCommandIO } from '../../../cli/src/commands/graph';

function fakeIO(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const cwd = '/ws';
  const abs = (p: string) => path.resolve(cwd, p);
  const all = Object.fromEntries(Object.entries(files).map(([p, t]) => [abs(p), t]));
  const io: GraphCommandIO = {
    cwd,
    readFile: (p) => {
      if (!(p in all)) throw new Error('ENOENT');
      return all[p];
    },
    isDirectory: (p) => !(p in all) && Object.keys(all).some((f) => f.startsWith(p + '/')),
    listDir: (p) => [...new Set(Object.keys(all).filter((f) => f.startsWith(p + '/')).map((f) => f.slice(p.length + 1).split('/')[0]))],
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
  };
  return { io, out, err };
}

const files = {
  'rules/a.yaml': 'groups:\n  - name: a\n    rules:\n      - record: job:x:sum\n        expr: sum by (job) (x)\n',
  'rules/sub/b.yml': 'groups:\n  - name: b\n    rules:\n      - alert: XHigh\n        expr: job:x:sum > 1\n',
  'rules/README.md': '# not a rule file',
};

describe('promscope graph', () => {
  it('prints DOT for a directory by default', () => {
    const { io, out } = fakeIO(files);
    expect(runGraphCommand(['rules'], io)).toBe(0);
    const dot = out.join('');
    expect(dot).toContain('digraph rules {');
    expect(dot).toMatch(/r1 -> r0;/);
  });

  it('prints JSON with --format json', () => {
    const { io, out } = fakeIO(files);
    expect(runGraphCommand(['--format', 'json', 'rules/a.yaml', 'rules/sub/b.yml'], io)).toBe(0);
    const j = JSON.parse(out.join(''));
    expect(j.rules.map((r: { name: string; dependsOn: number[] }) => `${r.name}<-${r.dependsOn.join(',')}`)).toEqual(['job:x:sum<-', 'XHigh<-0']);
  });

  it('fails with a usage message on bad input', () => {
    const { io, err } = fakeIO(files);
    expect(runGraphCommand([], io)).toBe(2);
    expect(runGraphCommand(['--format', 'svg', 'rules'], io)).toBe(2);
    expect(runGraphCommand(['missing.yaml'], io)).toBe(2);
    expect(err.join('')).toContain('usage: promscope graph');
  });
});
