/**
 * Go literal rules behind the parser's number/string/char checks (strconv.ParseUint/ParseInt/
 * ParseFloat/Unquote/UnquoteChar, fmt.Sscan for complex numbers). Expected values were checked
 * against promtool (Go's own implementation) through rule templates `{{ <literal> }}` (for `.`:
 * `{{.` at the end of the text, the one way the lexer makes a number of it).
 */
import { describe, expect, test } from 'vitest';
import { checkCharConstant, checkNumber, unquoteGoString } from '../../src/template/literals';

describe('numbers (parse.newNumber)', () => {
  test.each([
    ['0', null],
    ['-0', null],
    ['42', null],
    ['0777', null],
    ['0x1F', null],
    ['0X1f', null],
    ['0o17', null],
    ['0b101', null],
    ['1_000', null],
    ['0x_1F', null],
    ['1.5', null],
    ['.5', null],
    ['1e3', null],
    ['1E-3', null],
    ['0x1p-2', null],
    ['18446744073709551615', null],
    ['2i', null],
    ['089', 'integer overflow: "089"'],
    ['18446744073709551616', 'integer overflow: "18446744073709551616"'],
    ['1e400', 'illegal number syntax: "1e400"'],
    ['1__0', 'illegal number syntax: "1__0"'],
    ['1_', 'illegal number syntax: "1_"'],
    ['0x', 'illegal number syntax: "0x"'],
    ['.', 'illegal number syntax: "."'],
    ['0x1.8', 'illegal number syntax: "0x1.8"'],
  ])('%s', (text, expected) => {
    expect(checkNumber(text, false)).toBe(expected);
  });

  test.each([
    ['1+2i', null],
    ['1.5-0.5i', null],
    ['1+i', 'syntax error scanning complex number'],
    ['1.1-.i', 'strconv.ParseFloat: parsing "-.": invalid syntax'],
    ['0b1+2i', 'syntax error scanning complex number'],
  ])('complex %s', (text, expected) => {
    expect(checkNumber(text, true)).toBe(expected);
  });
});

describe('strings (strconv.Unquote)', () => {
  test.each([
    ['"abc"', 'abc'],
    ['"a\\"b"', 'a"b'],
    ['"\\n\\t\\\\"', '\n\t\\'],
    ['"\\x41\\101\\u00e9\\U0001F600"', 'AAé😀'],
    ["\"it's\"", "it's"],
    ['`raw \\n }}`', 'raw \\n }}'],
    ['`a\rb`', 'ab'],
  ])('%s', (raw, value) => {
    expect(unquoteGoString(raw)).toEqual({ ok: true, value });
  });

  test.each(['"\\q"', '"\\\'"', '"\\x4"', '"\\400"', '"\\uD800"', '"\\U00110000"'])('%s is invalid syntax', (raw) => {
    expect(unquoteGoString(raw)).toEqual({ ok: false, error: 'invalid syntax' });
  });
});

describe('character constants (strconv.UnquoteChar)', () => {
  test.each([
    ["'a'", 97],
    ["'\\n'", 10],
    ["'\\''", 39],
    ["'é'", 233],
    ["'😀'", 0x1f600],
    ["'\\x41'", 65],
  ])('%s', (raw, value) => {
    expect(checkCharConstant(raw)).toEqual({ ok: true, value });
  });

  test.each([
    ["''", 'invalid syntax'],
    ["'\\\"'", 'invalid syntax'],
    ["'ab'", "malformed character constant: 'ab'"],
  ])('%s', (raw, error) => {
    expect(checkCharConstant(raw)).toEqual({ ok: false, error });
  });
});
