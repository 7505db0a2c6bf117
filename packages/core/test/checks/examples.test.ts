// Every registered check's documented examples: each invalid example gives at least one finding of
// that check, each valid one gives none. The same examples (and their output) are in the docs.
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS, runExample } from '../../src/checks/index';

describe.each(ALL_CHECKS.map((c) => [c.id, c] as const))('%s', (_id, check) => {
  it('has at least one valid and one invalid example', () => {
    expect(check.examples.valid.length).toBeGreaterThan(0);
    expect(check.examples.invalid.length).toBeGreaterThan(0);
  });
  it.each(check.examples.invalid.map((s) => [s]))('reports %s', (src) => {
    const ds = runExample(check, src);
    expect(ds.map((d) => d.code)).toContain(check.id);
    expect(ds.every((d) => d.code === check.id && d.severity === check.severity)).toBe(true);
  });
  it.each(check.examples.valid.map((s) => [s]))('accepts %s', (src) => {
    expect(runExample(check, src)).toEqual([]);
  });
});
