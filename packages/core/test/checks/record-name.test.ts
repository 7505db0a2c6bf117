/** `splitLevel`: a recording rule's level spelled as `_`-joined label names (some with `_` of their own). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitLevel } from '../../src/checks/record-name';

/** the definition, written plainly: the first split (longest first label) that spells the level */
function reference(level: string, labels: ReadonlySet<string>): string[] | undefined {
  const tokens = level.split('_');
  const from = (i: number): string[] | null => {
    if (i === tokens.length) return [];
    for (let j = tokens.length; j > i; j--) {
      const cand = tokens.slice(i, j).join('_');
      const rest = labels.has(cand) ? from(j) : null;
      if (rest) return [cand, ...rest];
    }
    return null;
  };
  return from(0) ?? undefined;
}

describe('splitLevel', () => {
  it.each([
    ['instance_path', ['instance', 'path'], ['instance', 'path']],
    ['namespace_pod_name', ['namespace', 'pod_name', 'pod'], ['namespace', 'pod_name']],
    ['namespace_pod_name', ['namespace', 'pod'], undefined],
    ['job', ['job', 'instance'], ['job']],
    ['cluster_job', ['job'], undefined],
    ['a__b', ['a', '', 'b'], ['a', '', 'b']],
  ])('%s with %j', (level, labels, expected) => {
    expect(splitLevel(level, new Set(labels))).toEqual(expected);
  });

  it('agrees with the plain definition on random levels and label sets', () => {
    const token = fc.constantFrom('a', 'b', 'ab', 'job', 'pod', 'name', '');
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 7 }), fc.array(fc.array(token, { minLength: 1, maxLength: 3 }), { maxLength: 8 }), (level, labels) => {
        const set = new Set(labels.map((l) => l.join('_')));
        expect(splitLevel(level.join('_'), set)).toEqual(reference(level.join('_'), set));
      }),
      { numRuns: 500 },
    );
  });
});
