/**
 * The check of fastTree (src/yaml/fast-tree.ts) shared by its tests: for a text, either null (the
 * walk's business) or the very document the CST walk builds — every node, range, text, value,
 * tag and style, and every scalar's source map at every offset.
 */
import { expect } from 'vitest';
import { parseYaml } from '../../src/yaml/index';
import { fastTree } from '../../src/yaml/fast-tree';
import { defaultYamlLimits } from '../../src/yaml/limits';
import type { YNode, YScalar } from '../../src/yaml/types';

function scalars(n: YNode | null, out: YScalar[] = []): YScalar[] {
  if (!n) return out;
  if (n.kind === 'scalar') out.push(n);
  else if (n.kind === 'map') for (const p of n.pairs) (scalars(p.key, out), scalars(p.value, out));
  else for (const i of n.items) scalars(i, out);
  return out;
}

/** true when fastTree answered for `text` (and matched the walk), false when it declined */
export function sameAsWalk(text: string): boolean {
  if (fastTree(text, defaultYamlLimits) === null) return false;
  const fast = parseYaml(text);
  const walk = parseYaml(text, { fastTree: false });
  // a scalar's map is held as the whole text (decoded when first asked) or as the map itself (made
  // with the value): one marker for both — the maps are compared at every offset below
  const replacer = (k: string, v: unknown) => (k === 'map' ? (typeof v === 'string' && v !== text ? `<other ${v.length}>` : '<map>') : v);
  const f = JSON.stringify(fast, replacer);
  const w = JSON.stringify(walk, replacer);
  if (f !== w) expect({ text, fast: JSON.parse(f) }).toEqual({ text, fast: JSON.parse(w) });
  expect(walk.diagnostics).toEqual([]);
  const fs = scalars(fast.documents[0]!.root);
  const ws = scalars(walk.documents[0]!.root);
  expect(fs.length).toBe(ws.length);
  fs.forEach((a, k) => {
    const b = ws[k]!;
    const step = Math.max(1, a.text.length >> 4);
    // (plain comparisons: an expect per offset would be slow)
    for (let i = 0; i <= a.text.length; i++) if (a.toFile(i) !== b.toFile(i)) expect({ text, scalar: k, i, fast: a.toFile(i) }).toEqual({ text, scalar: k, i, fast: b.toFile(i) });
    for (let i = 0; i <= a.text.length; i += step) {
      for (let j = i; j <= a.text.length; j += step) {
        const r = { start: i, end: j };
        const x = a.toFileRange(r);
        const y = b.toFileRange(r);
        if (x.start !== y.start || x.end !== y.end) expect({ text, scalar: k, r, fast: x }).toEqual({ text, scalar: k, r, fast: y });
      }
    }
  });
  return true;
}
