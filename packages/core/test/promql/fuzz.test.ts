/**
 * Robustness: random strings and mutations of real corpus expressions (token insert / delete /
 * swap / duplicate) always come back as diagnostics — no throw, no internal error, every range
 * inside the text — within a per-case time bound (a harness guard, not a speed assertion).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lexPromQL } from '../../src/promql/lexer';
import { parsePromQL, parseSeriesDesc, parseSeriesSelector, walk } from '../../src/promql/index';
import { loadParserCases, loadRuleExprs } from './corpus';

const PER_CASE_MS = 2000;
const FEATURE_SETS = [[], ['promql-experimental-functions', 'promql-extended-range-selectors', 'promql-binop-fill-modifiers']];

function checkOne(text: string, features: string[]): void {
  const t0 = performance.now();
  const res = parsePromQL(text, { features });
  const ms = performance.now() - t0;
  expect(ms, `took ${ms.toFixed(0)} ms: ${JSON.stringify(text).slice(0, 200)}`).toBeLessThan(PER_CASE_MS);
  expect(res.diagnostics.filter((d) => d.code === 'promql/internal').map((d) => d.message), JSON.stringify(text)).toEqual([]);
  for (const d of res.diagnostics) {
    expect(d.range.start, JSON.stringify(text)).toBeGreaterThanOrEqual(0);
    expect(d.range.end, JSON.stringify(text)).toBeLessThanOrEqual(text.length);
    expect(d.range.start, JSON.stringify(text)).toBeLessThanOrEqual(d.range.end);
    expect(d.message.length).toBeGreaterThan(0);
  }
  if (res.root) {
    walk(res.root, {
      enter(n) {
        expect(n.range.start).toBeGreaterThanOrEqual(0);
        expect(n.range.end).toBeLessThanOrEqual(text.length);
      },
    });
  }
}

const seeds = [...new Set([...loadRuleExprs().map((r) => r.expr), ...loadParserCases().filter((c) => c.kind === 'expr' && c.input && c.input.length < 2000).map((c) => c.input!)])];

/** Token texts of the seeds (plus a few nasty fragments), to insert elsewhere. */
const fragments = [
  ...new Set(seeds.slice(0, 400).flatMap((s) => lexPromQL(s).tokens.map((t) => t.val)).filter((v) => v.length > 0 && v.length < 40)),
  '"', "'", '`', '\\', '{', '}', '[', ']', '(', ')', '@', 'offset', 'by', 'on', 'bool', '\u00ff', '\ufffd', '\ud800', '#', '\n', '5m:', '0x', '1e', '.',
];

type Mutation = { op: 'insert' | 'delete' | 'swap' | 'dup'; at: number; frag: number; other: number };

function mutate(seed: string, muts: Mutation[]): string {
  let toks = lexPromQL(seed).tokens.filter((t) => t.type !== 'EOF').map((t) => t.val);
  if (toks.length === 0) toks = [seed];
  for (const m of muts) {
    const i = m.at % (toks.length + 1);
    const j = m.other % Math.max(1, toks.length);
    switch (m.op) {
      case 'insert':
        toks.splice(i, 0, fragments[m.frag % fragments.length]!);
        break;
      case 'delete':
        if (toks.length > 1) toks.splice(i % toks.length, 1);
        break;
      case 'swap':
        if (toks.length > 1) [toks[i % toks.length], toks[j]] = [toks[j]!, toks[i % toks.length]!];
        break;
      case 'dup':
        toks.splice(i, 0, toks[j] ?? '');
        break;
    }
  }
  return toks.join(' ');
}

const mutationArb = fc.record({
  op: fc.constantFrom<Mutation['op']>('insert', 'delete', 'swap', 'dup'),
  at: fc.nat(),
  frag: fc.nat(),
  other: fc.nat(),
});

describe('PromQL analyzer robustness (fast-check)', () => {
  it('has seeds from the corpus', () => {
    expect(seeds.length).toBeGreaterThan(500);
  });

  it('survives random strings over the PromQL alphabet', () => {
    const alphabet = fc.constantFrom(...'abcxyz_:019.eE+-*/%^=!~<>(){}[],@"\'`\\ #\n\tmsdhwy'.split(''), 'sum', 'rate', 'offset', 'by', ' on ', 'bool', 'group_left', '[5m]', '{a="b"}', 'inf', 'step()', '\u00e9', '\ufffd');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), fc.constantFrom(...FEATURE_SETS), (parts, features) => {
        checkOne(parts.join(''), features);
      }),
      { numRuns: 1500 },
    );
  });

  it('survives arbitrary unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => checkOne(s, [])),
      { numRuns: 500 },
    );
  });

  it('survives token mutations of real expressions', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), fc.constantFrom(...FEATURE_SETS), (seed, muts, features) => {
        checkOne(mutate(seed, muts), features);
      }),
      { numRuns: 1500 },
    );
  });

  it('parseSeriesSelector and parseSeriesDesc survive mutations too', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), fc.constantFrom('', ' 1+2x3 _ stale', ' {{schema:1 buckets:[1 2]}}x2'), (seed, muts, values) => {
        const text = mutate(seed, muts);
        for (const res of [parseSeriesSelector(text), parseSeriesDesc(text + values)]) {
          const len = res === undefined ? 0 : res.text.length;
          expect(res.diagnostics.filter((d) => d.code.endsWith('internal') || d.message.startsWith('internal error'))).toEqual([]);
          for (const d of res.diagnostics) {
            expect(d.range.start).toBeGreaterThanOrEqual(0);
            expect(d.range.end).toBeLessThanOrEqual(len);
          }
        }
      }),
      { numRuns: 600 },
    );
  });

  it('survives character-level truncation of every corpus expression', () => {
    for (const s of seeds.slice(0, 300)) {
      for (const cut of [1, Math.floor(s.length / 3), Math.floor(s.length / 2), s.length - 1]) checkOne(s.slice(0, cut), []);
    }
  });
});
