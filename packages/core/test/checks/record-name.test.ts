/** `splitLevel`: a recording rule's level spelled as `_`-joined label names (some with `_` of their own). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasRecordNameShape, hasToken, hasTokenRun, parseRecordName, splitLevel } from '../../src/checks/record-name';

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

describe('hasTokenRun and hasToken', () => {
  /** the definitions they replace: over `split('_')` lists */
  const runRef = (level: string, label: string) => {
    const tokens = level.split('_');
    const lt = label.split('_');
    return tokens.findIndex((_, i) => lt.every((t, k) => tokens[i + k] === t)) >= 0;
  };
  const tokenRef = (level: string, label: string) => level.split('_').includes(label);

  it.each([
    ['job_instance', 'instance', true, true],
    ['namespace_pod_name', 'pod_name', true, false],
    ['namespace_pod_name', 'pod_nam', false, false],
    ['namespace_pod_name', 'od_name', false, false],
    ['job', 'job_instance', false, false],
    ['a__b', '', true, true],
    ['ab', '', false, false],
    ['a_', '', true, true],
    ['_', '_', true, false],
  ])('%s / %s', (level, label, run, token) => {
    expect(hasTokenRun(level, label)).toBe(run);
    expect(hasToken(level, label)).toBe(token);
  });

  it('agree with the definitions on random levels and labels', () => {
    const token = fc.constantFrom('a', 'b', 'ab', 'ba', 'job', '');
    const name = fc.array(token, { minLength: 1, maxLength: 5 }).map((t) => t.join('_'));
    fc.assert(
      fc.property(name, name, (level, label) => {
        expect(hasTokenRun(level, label)).toBe(runRef(level, label));
        expect(hasToken(level, label)).toBe(tokenRef(level, label));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseRecordName and hasRecordNameShape', () => {
  it('agree with split(":") on random names', () => {
    const part = fc.constantFrom('', 'job', 'a', 'x_total', 'rate5m');
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), (parts) => {
        const name = parts.join(':');
        const three = parts.length === 3 && parts.every((p) => p !== '');
        expect(hasRecordNameShape(name)).toBe(three);
        expect(parseRecordName(name)).toEqual(three ? { level: parts[0], metric: parts[1], operations: parts[2] } : undefined);
      }),
      { numRuns: 1000 },
    );
  });
});
