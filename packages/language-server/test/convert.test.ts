/**
 * The conversions of convert.ts that the diagnostics service relies on for deciding what to
 * publish: `sameData` (equal JSON, without building it) and `toDiagnostic` (notes as related
 * information or message lines).
 */
import fc from 'fast-check';
import { LineIndex, type Diagnostic as CoreDiagnostic } from '@promscope/core';
import { describe, expect, test } from 'vitest';
import { CODE_DESCRIPTION, diagnosticFeaturesOf, limitPublished, RELATED_INFORMATION, sameData, toDiagnostic, toPublished } from '../src/convert';

describe('sameData', () => {
  test('agrees with comparing JSON.stringify (up to key order) on random data', () => {
    const value = fc.letrec((tie) => ({
      leaf: fc.constantFrom(undefined, null, true, false, 0, 1, -1, Number.NaN, Infinity, '', 'a', 'b'),
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('x', 'y', 'z'), tie('node'), { maxKeys: 3 })),
    })).node;
    // sorted keys: JSON of the same data whatever the order its properties were set in
    const canonical = (v: unknown): string =>
      JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x)) ?? 'undefined';
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(sameData(a, b)).toBe(canonical(a) === canonical(b));
        expect(sameData(a, structuredClone(a))).toBe(true);
        expect(sameData(a, JSON.parse(canonical(a) === 'undefined' ? 'null' : canonical(a)))).toBe(canonical(a) !== 'undefined');
      }),
      { numRuns: 2000 },
    );
  });

  test('diagnostics: a moved range or another note message is a change', () => {
    const d = { code: 'x', severity: 'warning', message: 'm', range: { start: 1, end: 2 }, notes: [{ message: 'n', range: { start: 3, end: 4 }, file: '/a' }] };
    expect(sameData([d], [structuredClone(d)])).toBe(true);
    expect(sameData([d], [{ ...d, range: { start: 1, end: 3 } }])).toBe(false);
    expect(sameData([d], [{ ...d, notes: [{ ...d.notes[0], message: 'o' }] }])).toBe(false);
    expect(sameData([d], [d, d])).toBe(false);
    // as JSON would have it
    expect(sameData([undefined, Number.NaN], [null, null])).toBe(true);
    expect(sameData({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameData({ a: 1 }, { a: 1, b: null })).toBe(false);
  });
});

describe('toDiagnostic', () => {
  const lines = new LineIndex('a\nbb\nccc\n');
  const other = new LineIndex('x\ny\n');
  /** a diagnostic with notes in this file, in another file, in an unknown file, and without a place */
  const withNotes = (here: number, otherPath: string, plainTwo: boolean): CoreDiagnostic => ({
    code: 'rules/duplicate-expression',
    severity: 'warning',
    message: 'first',
    range: { start: 2, end: 4 },
    notes: [
      { message: 'here', range: { start: here, end: 8 } },
      { message: 'plain one' },
      { message: 'there', range: { start: 2, end: 3 }, file: otherPath },
      { message: 'nowhere', range: { start: 0, end: 1 }, file: '/unknown.yml' },
      ...(plainTwo ? [{ message: 'plain two' }] : []),
    ],
  });

  test('notes with a place are related information (in this file or another), the others are lines of the message', () => {
    const d = withNotes(5, '/other.yml', true);
    const seen: string[] = [];
    const out = toDiagnostic(lines, d, 'file:///this.yml', (f) => (seen.push(f), f === '/other.yml' ? { uri: 'file:///other.yml', lines: other } : undefined));
    expect(out.message).toBe('first\nplain one\nplain two');
    expect(out.relatedInformation).toEqual([
      { location: { uri: 'file:///this.yml', range: { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } } }, message: 'here' },
      { location: { uri: 'file:///other.yml', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } } }, message: 'there' },
    ]);
    expect(seen).toEqual(['/other.yml', '/unknown.yml']);
    expect(Object.keys(out)).toEqual(['range', 'severity', 'code', 'codeDescription', 'source', 'message', 'relatedInformation']);
    const plain = toDiagnostic(lines, { ...d, notes: undefined }, 'file:///this.yml', () => undefined);
    expect(plain.message).toBe('first');
    expect(plain.relatedInformation).toBeUndefined();
    expect(plain.codeDescription?.href).toMatch(/rules\/duplicate-expression(\.md)?$/);
  });

  test("only what the client supports: without related information, a placed note is a line of the message with its place; without code descriptions, no docs link", () => {
    const d = withNotes(6, '/dir/other rules.yml', false);
    const otherFile = (f: string) => (f === '/dir/other rules.yml' ? { uri: 'file:///dir/other%20rules.yml', lines: other } : undefined);
    const none = toDiagnostic(lines, d, 'file:///this.yml', otherFile, 0);
    expect(none.message).toBe('first\nhere (line 3, column 2)\nplain one\nthere (other rules.yml, line 2, column 1)');
    expect(Object.keys(none)).toEqual(['range', 'severity', 'code', 'source', 'message']);
    const related = toDiagnostic(lines, d, 'file:///this.yml', otherFile, RELATED_INFORMATION);
    expect(related.message).toBe('first\nplain one');
    expect(related.relatedInformation).toHaveLength(2);
    expect(related.codeDescription).toBeUndefined();
    const docs = toDiagnostic(lines, d, 'file:///this.yml', otherFile, CODE_DESCRIPTION);
    expect(docs.relatedInformation).toBeUndefined();
    expect(docs.codeDescription?.href).toMatch(/rules\/duplicate-expression(\.md)?$/);
    // the capabilities as a client declares them
    expect(diagnosticFeaturesOf(undefined)).toBe(0);
    expect(diagnosticFeaturesOf({ relatedInformation: true })).toBe(RELATED_INFORMATION);
    expect(diagnosticFeaturesOf({ relatedInformation: true, codeDescriptionSupport: true })).toBe(RELATED_INFORMATION | CODE_DESCRIPTION);
  });
});

describe('limitPublished / toPublished', () => {
  const d = (severity: CoreDiagnostic['severity'], i: number): CoreDiagnostic => ({ code: 'x/y', severity, message: `${severity} ${i}`, range: { start: i, end: i + 1 } });
  // in file order: errors, warnings and infos mixed
  const ds = ['info', 'warning', 'error', 'info', 'warning', 'info', 'error', 'warning'].map((s, i) => d(s as CoreDiagnostic['severity'], i));
  const messages = (xs: readonly CoreDiagnostic[]) => xs.map((x) => x.message);

  test('as VS Code chooses what it shows: errors, then warnings, then infos, each the first ones; kept in file order', () => {
    expect(messages(limitPublished(ds, 2))).toEqual(['error 2', 'error 6']);
    expect(messages(limitPublished(ds, 3))).toEqual(['warning 1', 'error 2', 'error 6']);
    expect(messages(limitPublished(ds, 5))).toEqual(['warning 1', 'error 2', 'warning 4', 'error 6', 'warning 7']);
    expect(messages(limitPublished(ds, 6))).toEqual(['info 0', 'warning 1', 'error 2', 'warning 4', 'error 6', 'warning 7']);
    expect(messages(limitPublished(ds, 1))).toEqual(['error 2']);
  });

  test('no limit, or one the list is within: the list itself', () => {
    expect(limitPublished(ds, 0)).toBe(ds);
    expect(limitPublished(ds, 8)).toBe(ds);
    expect(limitPublished(ds, 100)).toBe(ds);
  });

  test('a publication that leaves some out ends with a notice at the top of the file saying how many', () => {
    const lines = new LineIndex('a\nb\nc\nd\ne\nf\ng\nh\n');
    const out = toPublished(ds, (x) => toDiagnostic(lines, x, 'file:///a.yml', () => undefined), 5);
    expect(out).toHaveLength(6);
    expect(out.at(-1)).toEqual({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: 3,
      source: 'promscope',
      message: '3 more findings are not shown: at most 5 are published per file (setting `maxDiagnosticsPerFile`). `promscope check` lists them all.',
    });
    expect(toPublished(ds, (x) => toDiagnostic(lines, x, 'file:///a.yml', () => undefined), 7).at(-1)!.message).toMatch(/^1 more finding is not shown: at most 7/);
    expect(toPublished(ds, (x) => toDiagnostic(lines, x, 'file:///a.yml', () => undefined), 0)).toHaveLength(8);
  });
});
