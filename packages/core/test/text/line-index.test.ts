/** `LineIndex`: offsets to 0-based lines and UTF-16 columns, and `lineOf`/`columnOf` against `positionAt`. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../src/text/line-index';

describe('LineIndex', () => {
  it.each([
    ['a\nbc\n', 0, 0, 0],
    ['a\nbc\n', 3, 1, 1],
    ['a\nbc\n', 5, 2, 0],
    ['a\r\nb', 3, 1, 0],
    ['a\rb', 2, 1, 0],
    // clamped to the text
    ['ab', -4, 0, 0],
    ['ab\nc', 99, 1, 1],
  ])('%j at %i is line %i, column %i', (text, offset, line, character) => {
    const index = new LineIndex(text);
    expect(index.positionAt(offset)).toEqual({ line, character });
    const l = index.lineOf(offset);
    expect([l, index.columnOf(offset, l)]).toEqual([line, character]);
  });

  it('lineOf and columnOf give what positionAt gives, for every offset of any text', () => {
    const text = fc.array(fc.constantFrom('a', 'é', '\n', '\r', '\r\n', '😀', ' '), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: -3, max: 70 }), (t, offset) => {
        const index = new LineIndex(t);
        const line = index.lineOf(offset);
        expect({ line, character: index.columnOf(offset, line) }).toEqual(index.positionAt(offset));
      }),
    );
  });
});
