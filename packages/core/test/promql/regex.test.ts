/**
 * The simple-pattern fast path of promql/regex.ts against re2js itself: a pattern it reads is one
 * re2js compiles, and it says what re2js says of matching the empty string (anchored, as Prometheus
 * matches). Exhaustive over short patterns of an alphabet with every kind of token, then random.
 */
import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { compileRegex, regexMatchesEmpty, simplePattern } from '../../src/promql/regex';

const ALPHABET = ['a', 'b', '.', '|', '*', '+', '?', '(', ')', '\\', '[', ']', '{', '}', '1', ',', '^', '$', ' ', '-', '#', 'é'];

function re2(pattern: string): { valid: boolean; matchesEmpty?: boolean } {
  try {
    RE2JS.compile(pattern, RE2JS.DOTALL);
  } catch {
    return { valid: false };
  }
  return { valid: true, matchesEmpty: RE2JS.compile(`^(?s:${pattern})$`).matches('') };
}

function agrees(pattern: string): void {
  const s = simplePattern(pattern);
  const r = re2(pattern);
  if (s !== undefined) {
    expect(r.valid, pattern).toBe(true);
    expect(s.matchesEmpty, pattern).toBe(r.matchesEmpty);
  }
  // whichever path answers, the answers are re2js's
  expect(compileRegex(pattern).error === undefined, pattern).toBe(r.valid);
  expect(regexMatchesEmpty(pattern), pattern).toBe(r.valid ? r.matchesEmpty : true);
}

describe('simple matcher patterns without re2js', () => {
  it('every pattern of up to 3 tokens', () => {
    let simple = 0;
    const walk = (p: string, depth: number) => {
      agrees(p);
      if (simplePattern(p)) simple++;
      if (depth < 3) for (const t of ALPHABET) walk(p + t, depth + 1);
    };
    walk('', 0);
    // the fast path answers a good share of them (not only the empty pattern)
    expect(simple).toBeGreaterThan(500);
  });
  it('random longer patterns', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 12 }), (tokens) => agrees(tokens.join(''))),
      { numRuns: 3000 },
    );
  });
  it("the patterns Prometheus users write most", () => {
    for (const p of ['5..', 'api|web', '.*foo.*', '.+', '.*', '', 'prod|', 'a-b_c:d/e', 'x?y*', 'node.*|kube-.+']) {
      expect(simplePattern(p), p).toBeDefined();
      agrees(p);
    }
    for (const p of ['(a|b)', '[0-9]+', '\\d', '^a$', 'a{2}', 'a**', '*a', 'a+?']) expect(simplePattern(p), p).toBeUndefined();
  });
});
