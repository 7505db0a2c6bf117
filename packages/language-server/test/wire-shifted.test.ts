/**
 * wire.ts's shape-specific comparisons (`shiftedDiagnosticsEqual`, `shiftedSummaryEqual`) must
 * answer what the generic `shiftedEqual` answers, for the shapes they know and for any other data:
 * the receiver applies `shiftRanges` to whatever the sender found equal. And a piece read only now
 * and then (the main thread reads summaries and raw diagnostics rarely) must decode to the value of
 * its version however long the chain of shifts behind it.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { diagnosticsStep, type AnalysisJob } from '../src/analysis-job';
import { LineIndex } from '@promscope/core';
import { sameData, toDiagnostic } from '../src/convert';
import { lspJsonText, OutputEncoder, OutputMirror, shiftedDiagnosticsEqual, shiftedEqual, shiftedSummaryEqual, shiftRanges } from '../src/wire';
import { editorRuleFile } from '../../../scripts/lib/rule-generator.mjs';

const offset = fc.integer({ min: 0, max: 60 });
const range = fc.record({ start: offset, end: offset });
const odd = fc.oneof(range, fc.record({ start: offset, end: offset, extra: fc.constant(1) }), fc.constant(undefined), fc.constant(null), fc.constant(3));
const note = fc.record({ message: fc.constantFrom('a', 'b'), range: fc.option(range, { nil: undefined }), file: fc.option(fc.constant('/o.yml'), { nil: undefined }) }, { requiredKeys: ['message'] });
const diagnostic = fc.record(
  {
    code: fc.constantFrom('x/a', 'x/b'),
    severity: fc.constantFrom('warning', 'error'),
    message: fc.constantFrom('m', 'n'),
    range: fc.oneof({ weight: 8, arbitrary: range }, { weight: 1, arbitrary: odd }),
    notes: fc.array(note, { maxLength: 2 }),
    fix: fc.record({ description: fc.constant('f'), edits: fc.array(fc.record({ range, newText: fc.constantFrom('', 'x') }), { maxLength: 2 }) }),
    other: fc.constant(1),
  },
  { requiredKeys: ['code', 'severity', 'message', 'range'] },
);
const ref = fc.record({ name: fc.constantFrom('a', 'b'), range: fc.oneof({ weight: 8, arbitrary: range }, { weight: 1, arbitrary: odd }), kind: fc.constantFrom('metric', 'alert', undefined) }, { requiredKeys: ['name', 'range'] });
const entry = fc.record(
  {
    group: fc.constantFrom('g', 'h'),
    groupIndex: fc.nat(2),
    index: fc.nat(2),
    kind: fc.constantFrom('record', 'alert'),
    name: fc.constantFrom('a', 'b'),
    nameRange: fc.oneof({ weight: 8, arbitrary: range }, { weight: 1, arbitrary: odd }),
    uses: fc.array(ref, { maxLength: 2 }),
    other: fc.constant(2),
  },
  { requiredKeys: ['group', 'groupIndex', 'index', 'kind', 'name', 'nameRange', 'uses'] },
);
const summary = fc.record(
  {
    path: fc.constantFrom('/a.yml', '/b.yml'),
    kind: fc.constantFrom('rules', 'prometheus-rule'),
    recordedMetrics: fc.array(ref, { maxLength: 3 }),
    alerts: fc.array(ref, { maxLength: 3 }),
    ruleFileRefs: fc.array(ref, { maxLength: 1 }),
    testedAlerts: fc.array(ref, { maxLength: 1 }),
    rules: fc.array(entry, { maxLength: 3 }),
    other: fc.constant(3),
  },
  { requiredKeys: ['path', 'kind', 'recordedMetrics', 'alerts', 'ruleFileRefs', 'testedAlerts'] },
);
const shift = fc.record({ from: offset, by: fc.integer({ min: -5, max: 5 }) });

/**
 * `b`: `a` with its ranges moved by `s` (the common case: equal), or another value of the shape,
 * or `a` moved and then changed in one leaf
 */
function pairs<T>(arb: fc.Arbitrary<T>) {
  return fc.tuple(arb, arb, shift, fc.nat(2), fc.nat(50)).map(([a, other, s, how, leaf]) => {
    const moved = shiftRanges(a, [s]) as T;
    return { a, s, b: how === 0 ? moved : how === 1 ? other : perturb(moved, leaf) };
  });
}

/** a copy with one number or string leaf changed (the `leaf`-th, counting depth first) */
function perturb<T>(x: T, leaf: number): T {
  let n = 0;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'number') return n++ === leaf ? v + 1 : v;
    if (typeof v === 'string') return n++ === leaf ? `${v}'` : v;
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, w]) => [k, walk(w)]));
    return v;
  };
  return walk(x) as T;
}

/** `specific` answers as the generic walk on 3,000 pairs, a good share of them equal */
function agreesWithGeneric<T>(arb: fc.Arbitrary<T>, specific: (a: T, b: T, s: { from: number; by: number }) => boolean): void {
  let equal = 0;
  fc.assert(
    fc.property(pairs(arb), ({ a, b, s }) => {
      const want = shiftedEqual(a, b, s);
      if (want) equal++;
      expect(specific(a, b, s)).toBe(want);
    }),
    { numRuns: 3000 },
  );
  expect(equal).toBeGreaterThan(300);
}

describe('shape-specific shifted comparisons', () => {
  test('diagnostics: the generic answer', () => agreesWithGeneric(fc.array(diagnostic, { maxLength: 4 }), (a, b, s) => shiftedDiagnosticsEqual(a as never, b as never, s)));
  test('summaries: the generic answer', () => agreesWithGeneric(summary, (a, b, s) => shiftedSummaryEqual(a as never, b as never, s)));
});

describe('shiftRanges', () => {
  /** the same value as a copy that moves every range (the function before it shared anything) */
  const copyShifted = (x: unknown, shifts: { from: number; by: number }[]): unknown => {
    if (typeof x !== 'object' || x === null) return x;
    if (Array.isArray(x)) return x.map((v) => copyShifted(v, shifts));
    const keys = Object.keys(x);
    const r = x as Record<string, unknown>;
    if (keys.length === 2 && typeof r.start === 'number' && typeof r.end === 'number') {
      const mv = (v: number) => shifts.reduce((a, s) => (a >= s.from ? a + s.by : a), v);
      return { start: mv(r.start), end: mv(r.end) };
    }
    return Object.fromEntries(keys.map((k) => [k, copyShifted(r[k], shifts)]));
  };
  const shift = fc.record({ from: offset, by: fc.integer({ min: -5, max: 5 }) });

  test('moves every range, and what no shift moves is the very same object', () => {
    fc.assert(
      fc.property(fc.array(diagnostic, { maxLength: 6 }), fc.array(shift, { minLength: 1, maxLength: 3 }), (ds, shifts) => {
        const out = shiftRanges(ds, shifts);
        expect(out).toEqual(copyShifted(ds, shifts));
        // shared where nothing moved: each item, each range
        (out as typeof ds).forEach((d, i) => {
          if (sameData(d, ds[i])) expect(d).toBe(ds[i]);
          if (d.range && sameData(d.range, ds[i]!.range)) expect(d.range).toBe(ds[i]!.range);
        });
        if (sameData(out, ds)) expect(out).toBe(ds);
      }),
    );
  });
});

describe('OutputMirror over long runs of moved pieces', () => {
  test('a piece read every few versions decodes to its own version; the LSP JSON is always the fresh one', () => {
    const encoder = new OutputEncoder();
    const mirror = new OutputMirror();
    const uri = 'file:///w/big.rules.yml';
    let text = editorRuleFile(6, 4);
    let shifted = 0;
    let patched = 0;
    for (let i = 0; i < 120; i++) {
      // typing and deleting at several places: every offset after the cursor moves
      if (i > 0) {
        // in an alert's threshold, or in a recording rule's name (its own finding and the notes
        // of the findings that point at it move on their line)
        const at = i % 4 === 3 ? text.indexOf(':rate5m', (i * 977) % (text.length - 600)) : text.indexOf('> 0.5', (i * 977) % (text.length - 600)) + 5;
        text = i % 3 === 2 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + String(i % 10) + text.slice(at);
      }
      const job: AnalysisJob = { id: i, uri, displayPath: '/w/big.rules.yml', text, options: {}, checks: {}, incremental: true };
      const out = diagnosticsStep(job).output;
      const encoded = encoder.encode(uri, text, true, out.summary, out.diagnostics, out.raw);
      if (encoded.shifted) shifted++;
      if (encoded.patched) patched++;
      const { props, lsp } = mirror.decode(uri, true, structuredClone(encoded));
      // the published JSON, however much of it was reused, is what converting afresh gives
      const lines = new LineIndex(text);
      expect(JSON.parse(lspJsonText(lsp!))).toEqual(JSON.parse(JSON.stringify(out.diagnostics.map((d) => toDiagnostic(lines, d, uri, () => undefined)))));
      // read at uneven intervals: some chains are read at once, some after many versions
      if (i % 7 === 0 || i % 11 === 0) {
        const got = Object.defineProperties({}, props) as { summary: unknown; raw: unknown };
        expect(sameData(got.summary, out.summary)).toBe(true);
        expect(sameData(got.raw, out.raw)).toBe(true);
      }
    }
    expect(shifted).toBeGreaterThan(40);
    expect(patched).toBeGreaterThan(20);
  });

  test('an edit that changes one rule\'s findings and uses sends those items only (a patch), and decodes to the new value', () => {
    const encoder = new OutputEncoder();
    const mirror = new OutputMirror();
    const uri = 'file:///w/big.rules.yml';
    const start = editorRuleFile(30, 6);
    let text = start;
    const counts = { raw: 0, summary: 0 };
    for (let i = 0; i < 40; i++) {
      // as the soak types: a fragment that breaks an expression (or adds a metric to it), then its removal
      if (i > 0) {
        const at = text.indexOf('> 0.5', (i * 7919) % (text.length - 600)) + 5;
        text = i % 2 === 1 ? text.slice(0, at) + (i % 4 === 1 ? ' +' : ' + on() other_metric') + text.slice(at) : start;
      }
      const job: AnalysisJob = { id: i, uri, displayPath: '/w/big.rules.yml', text, options: {}, checks: {}, incremental: true };
      const out = diagnosticsStep(job).output;
      const encoded = encoder.encode(uri, text, true, out.summary, out.diagnostics, out.raw);
      if (encoded.patched?.raw) {
        counts.raw++;
        expect(encoded.patched.raw.items.length * 20).toBeLessThan(JSON.stringify(out.raw).length);
      }
      if (encoded.patched?.summary) {
        counts.summary++;
        const items = Object.values(encoded.patched.summary).reduce((n, p) => n + p.items.length, 0);
        expect(items * 20).toBeLessThan(JSON.stringify(out.summary).length);
      }
      const { props } = mirror.decode(uri, true, structuredClone(encoded));
      const got = Object.defineProperties({}, props) as { summary: unknown; raw: unknown; diagnostics: unknown };
      expect(sameData(got.summary, out.summary)).toBe(true);
      expect(sameData(got.raw, out.raw)).toBe(true);
      expect(sameData(got.diagnostics, out.diagnostics)).toBe(true);
    }
    expect(counts.raw).toBeGreaterThan(10);
    expect(counts.summary).toBeGreaterThan(5);
  });
});
