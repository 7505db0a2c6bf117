/**
 * parseNumberOrDuration has fast paths for everyday literals (`5`, `300`, `5m`, `250ms`); they must
 * agree with the general Go-rules path (parseNumber / parseDuration) on every input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDurationText, parseDuration, parseNumber, parseNumberOrDuration } from '../../src/promql/literals';

const slow = (raw: string) => (isDurationText(raw) ? { ...parseDuration(raw), duration: true } : { ...parseNumber(raw), duration: false });

describe('parseNumberOrDuration', () => {
  it.each([
    ['5', 5, false],
    ['0', 0, false],
    ['0755', 493, false],
    ['09', 9, false],
    ['5m', 300, true],
    ['0s', 0, true],
    ['250ms', 0.25, true],
    ['1h30m', 5400, true],
    ['9999999999', 9999999999, false],
  ])('%s = %d (duration: %s)', (raw, value, duration) => {
    expect(parseNumberOrDuration(raw)).toEqual({ value, duration });
  });

  it('reports durations beyond int64 nanoseconds, also in the fast path', () => {
    expect(parseNumberOrDuration('999999999y').error).toBe('duration out of range');
    expect(parseNumberOrDuration('1234567890m').error).toBe('duration out of range');
  });

  it('agrees with the general path on digit strings with and without a unit', () => {
    const raw = fc.tuple(fc.stringMatching(/^[0-9]{1,12}$/), fc.constantFrom('', 's', 'm', 'h', 'd', 'w', 'y', 'ms', 'x'));
    fc.assert(
      fc.property(raw, ([digits, unit]) => {
        expect(parseNumberOrDuration(digits + unit)).toEqual(slow(digits + unit));
      }),
      { numRuns: 2000 },
    );
  });
});
