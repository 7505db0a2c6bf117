/** applySuppressions over random texts: never throws, only removes or adds its own reports. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applySuppressions, type Diagnostic } from '../../src/index';

const pieces = fc.constantFrom('# promscope-disable-next-line a/b\n', '# promscope-disable\n', '# promscope-enable a\n', '# pint ignore/line\n', 'x: 1 # promscope-disable-line\n', '  - alert: A\n', '\r\n', 'expr: up\n', '# promscope-disable-file c\n', '\t#promscope-disable-next-line ,,\n');

describe('applySuppressions properties', () => {
  it('keeps or drops each diagnostic (never alters it) and reports unused ones in range', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }).map((p) => p.join('')), fc.array(fc.tuple(fc.nat(300), fc.constantFrom('a/b', 'c', 'd/e')), { maxLength: 6 }), (text, raw) => {
        const diags: Diagnostic[] = raw.map(([o, code]) => ({ code, severity: 'error', range: { start: Math.min(o, text.length), end: Math.min(o, text.length) }, message: code }));
        const r = applySuppressions(text, diags);
        const own = r.diagnostics.filter((d) => d.code === 'promscope/unused-suppression');
        const rest = r.diagnostics.filter((d) => d.code !== 'promscope/unused-suppression');
        expect(rest.length + r.suppressed.filter((d) => d.code !== 'promscope/unused-suppression').length).toBe(diags.length);
        for (const d of rest) expect(diags).toContain(d);
        for (const d of own) {
          expect(d.severity).toBe('info');
          expect(d.range.start).toBeGreaterThanOrEqual(0);
          expect(d.range.end).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
