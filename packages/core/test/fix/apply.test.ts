import { describe, expect, it } from 'vitest';
import { applyEdits, applyFixes, newErrors, noNewErrorsGuard, type Diagnostic, type Fix } from '../../src/index';

const diag = (fix: Fix, code = 'x/y'): Diagnostic => ({ code, severity: 'warning', range: fix.edits[0]?.range ?? { start: 0, end: 0 }, message: code, fix });
const fix = (edits: Array<[number, number, string]>, safe = true): Fix => ({
  description: 'f',
  safe,
  edits: edits.map(([start, end, newText]) => ({ range: { start, end }, newText })),
});

describe('applyEdits', () => {
  it('applies edits in any order and keeps every other character', () => {
    const text = 'a\r\nbb\r\nccc';
    expect(applyEdits(text, [{ range: { start: 7, end: 10 }, newText: 'C' }, { range: { start: 0, end: 1 }, newText: 'AA' }])).toBe('AA\r\nbb\r\nC');
  });
  it('returns null for overlapping or malformed edits', () => {
    expect(applyEdits('abcdef', [{ range: { start: 0, end: 3 }, newText: '' }, { range: { start: 2, end: 4 }, newText: '' }])).toBeNull();
    expect(applyEdits('abc', [{ range: { start: 2, end: 9 }, newText: '' }])).toBeNull();
    expect(applyEdits('abc', [{ range: { start: 2, end: 1 }, newText: '' }])).toBeNull();
    expect(applyEdits('abc', [{ range: { start: 1, end: 1 }, newText: 'x' }, { range: { start: 1, end: 1 }, newText: 'y' }])).toBeNull();
  });
  it('allows adjacent edits', () => {
    expect(applyEdits('abcd', [{ range: { start: 0, end: 2 }, newText: 'X' }, { range: { start: 2, end: 4 }, newText: 'Y' }])).toBe('XY');
  });
});

describe('applyFixes', () => {
  const text = '\uFEFFkey: value  \nother: 1'; // BOM, no trailing newline
  it('applies safe fixes only and skips overlapping fixes whole', () => {
    const r = applyFixes(text, [diag(fix([[11, 13, '']])), diag(fix([[12, 13, 'Z']])), diag(fix([[0, 1, '']], false))]);
    expect(r.text).toBe('\uFEFFkey: value\nother: 1');
    expect(r.applied).toHaveLength(1);
    expect(r.skipped.map((s) => s.reason).sort()).toEqual(['not a safe fix', 'overlaps another fix']);
  });
  it('reports no change when there is nothing to apply', () => {
    const r = applyFixes(text, []);
    expect(r.changed).toBe(false);
    expect(r.text).toBe(text);
  });
  it('keeps the fixes a guard accepts and drops the one it rejects', () => {
    const d1 = diag(fix([[0, 1, 'A']]));
    const d2 = diag(fix([[2, 3, 'BAD']]));
    const d3 = diag(fix([[4, 5, 'E']]));
    const r = applyFixes('abcdef', [d1, d2, d3], { guard: (t) => (t.includes('BAD') ? { ok: false, reason: 'no BAD' } : { ok: true }) });
    expect(r.text).toBe('AbcdEf');
    expect(r.skipped).toEqual([{ fix: d2.fix, reason: 'no BAD' }]);
  });
});

describe('newErrors / noNewErrorsGuard', () => {
  const err = (message: string, start = 0): Diagnostic => ({ code: 'c', severity: 'error', range: { start, end: start }, message });
  it('compares errors by code and message, not by position', () => {
    expect(newErrors([err('a', 0)], [err('a', 5)])).toEqual([]);
    expect(newErrors([err('a')], [err('a'), err('a')])).toHaveLength(1);
    expect(newErrors([], [{ ...err('w'), severity: 'warning' }])).toEqual([]);
  });
  it('rejects a fixed text that analyses to a new error', () => {
    const guard = noNewErrorsGuard([], (t) => (t.includes('(') && !t.includes(')') ? [err('unclosed')] : []));
    expect(guard('rate(x)')).toEqual({ ok: true });
    expect(guard('rate(x')).toEqual({ ok: false, reason: 'the fixed text has a new error: unclosed' });
  });
});
