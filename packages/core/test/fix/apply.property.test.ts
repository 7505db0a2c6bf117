/** Properties of applyEdits/applyFixes over random texts and edits (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, applyFixes, type Diagnostic, type TextEdit } from '../../src/index';

/** a text and a set of edits over it that do not overlap */
const textAndEdits = fc
  .tuple(fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\r', '\uFEFF', 'é', '😀', ' ', '#'), maxLength: 60 }), fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.string({ maxLength: 4 })), { maxLength: 6 }))
  .map(([text, raw]) => {
    const edits: TextEdit[] = [];
    let floor = 0;
    for (const [pos, len, newText] of raw.sort((a, b) => a[0] - b[0])) {
      const start = floor + (text.length - floor > 0 ? pos % (text.length - floor + 1) : 0);
      const end = Math.min(text.length, start + len);
      if (start > text.length) break;
      if (edits.some((e) => e.range.start === start && e.range.end === start) && start === end) continue;
      edits.push({ range: { start, end }, newText });
      floor = end === start ? end + 1 : end;
      if (floor > text.length) break;
    }
    return { text, edits };
  });

describe('applyEdits properties', () => {
  it('keeps every character outside the edited ranges, in order', () => {
    fc.assert(
      fc.property(textAndEdits, ({ text, edits }) => {
        const out = applyEdits(text, edits);
        expect(out).not.toBeNull();
        // rebuild the expectation independently: walk the text, splice each edit
        let expected = '';
        let pos = 0;
        for (const e of edits) {
          expected += text.slice(pos, e.range.start) + e.newText;
          pos = e.range.end;
        }
        expected += text.slice(pos);
        expect(out).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('is order-independent and the empty edit set is the identity', () => {
    fc.assert(
      fc.property(textAndEdits, ({ text, edits }) => {
        expect(applyEdits(text, [...edits].reverse())).toBe(applyEdits(text, edits));
        expect(applyEdits(text, [])).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('applyFixes never throws and a rejecting guard leaves the text unchanged', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.array(fc.tuple(fc.integer({ min: -5, max: 50 }), fc.integer({ min: -5, max: 50 }), fc.string({ maxLength: 3 }), fc.boolean()), { maxLength: 8 }), (text, raw) => {
        const diags: Diagnostic[] = raw.map(([s, e, t, safe]) => ({
          code: 'x/y',
          severity: 'warning',
          range: { start: 0, end: 0 },
          message: 'm',
          fix: { description: 'f', safe, edits: [{ range: { start: s, end: e }, newText: t }] },
        }));
        const r = applyFixes(text, diags, { guard: () => ({ ok: false, reason: 'no' }) });
        expect(r.text).toBe(text);
        expect(r.changed).toBe(false);
        const free = applyFixes(text, diags);
        expect(typeof free.text).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});
