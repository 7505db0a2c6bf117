/** File bytes → text as yaml.v3 reads them: UTF-8 (BOM or not), UTF-16 with BOM, invalid UTF-8, binary. */
import { describe, expect, it } from 'vitest';
import { decodeYamlBytes, encodingProblemDiagnostic, looksBinary, utf8Problem } from '../../src/yaml/index';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeYamlBytes', () => {
  it('valid UTF-8, with and without BOM (one: a second one is text, written back as it was)', () => {
    expect(decodeYamlBytes(utf8('a: 日本🙂\n'))).toEqual({ text: 'a: 日本🙂\n', encoding: 'utf-8', bom: false });
    expect(decodeYamlBytes(utf8('\ufeffa: 1\n'))).toEqual({ text: 'a: 1\n', encoding: 'utf-8', bom: true });
    expect(decodeYamlBytes(utf8('\ufeff\ufeffa: 1\n'))).toEqual({ text: '\ufeffa: 1\n', encoding: 'utf-8', bom: true });
  });
  it('UTF-16 with a BOM', () => {
    const le = new Uint8Array([0xff, 0xfe, ...[...'a: 1'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeYamlBytes(le)).toEqual({ text: 'a: 1', encoding: 'utf-16le', bom: true });
    const lone = new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x00, 0xdc]);
    expect(decodeYamlBytes(lone).problem).toEqual({ message: 'unexpected low surrogate area', byte: 4, offset: 1 });
  });
  it('invalid UTF-8: an error at the first bad byte (UTF-16 offset), the rest still decoded', () => {
    const bytes = new Uint8Array([...utf8('a: 🙂x'), 0xff, ...utf8('\nb: 2\n')]);
    const r = decodeYamlBytes(bytes);
    expect(encodingProblemDiagnostic(r.problem!)).toEqual({ code: 'yaml/encoding', severity: 'error', range: { start: 6, end: 7 }, message: 'yaml: invalid leading UTF-8 octet' });
    expect(r.text.endsWith('\nb: 2\n')).toBe(true);
    const cut = decodeYamlBytes(new Uint8Array([...utf8('a: '), 0xe6, 0x97]));
    expect(cut.problem?.message).toBe('incomplete UTF-8 octet sequence');
    // after a byte-order mark: `byte` counts it, `offset` is in the text without it
    expect(decodeYamlBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xff])).problem).toEqual({ message: 'invalid leading UTF-8 octet', byte: 4, offset: 1 });
  });
  it("each of yaml.v3's reader errors, in its words (as promtool 2.42 prints them for `name: g<bytes>`)", () => {
    const at = (...b: number[]) => utf8Problem(new Uint8Array([...utf8('name: g'), ...b, ...utf8('\n')]));
    expect(at(0x80)).toEqual({ message: 'invalid leading UTF-8 octet', byte: 7, offset: 7 });
    expect(at(0xf8, 0x80)?.message).toBe('invalid leading UTF-8 octet');
    expect(at(0xe2, 0x28, 0xa1)?.message).toBe('invalid trailing UTF-8 octet');
    expect(at(0xc3)?.message).toBe('invalid trailing UTF-8 octet'); // the line break is the trailing octet
    expect(at(0xc0, 0x80)?.message).toBe('invalid length of a UTF-8 sequence'); // overlong
    expect(at(0xe0, 0x80, 0x80)?.message).toBe('invalid length of a UTF-8 sequence');
    expect(at(0xed, 0xa0, 0x80)?.message).toBe('invalid Unicode character'); // a surrogate
    expect(at(0xf4, 0x90, 0x80, 0x80)?.message).toBe('invalid Unicode character'); // above U+10FFFF
    expect(utf8Problem(new Uint8Array([...utf8('name: g'), 0xc3]))?.message).toBe('incomplete UTF-8 octet sequence'); // at the end
    // the offset counts UTF-16 units of what comes before (two for a character above U+FFFF)
    expect(utf8Problem(new Uint8Array([...utf8('é🙂'), 0xff]))).toEqual({ message: 'invalid leading UTF-8 octet', byte: 6, offset: 3 });
    expect(utf8Problem(utf8('a: 日本🙂\n'))).toBeUndefined();
  });
  it('the offset is where a WHATWG decoder puts its U+FFFD', () => {
    for (const b of [[0x80], [0xc3, 0x28], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe6, 0x97]]) {
      const bytes = new Uint8Array([...utf8('é🙂x'), ...b, ...utf8('y')]);
      const p = utf8Problem(bytes)!;
      expect(new TextDecoder().decode(bytes)[p.offset]).toBe('\ufffd');
      expect(new TextDecoder().decode(bytes.subarray(0, p.byte)).length).toBe(p.offset);
    }
  });
  it('binary content: a NUL in the first 8 KB, as git decides; not in UTF-16', () => {
    expect(looksBinary(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]))).toBe(true);
    expect(looksBinary(new Uint8Array([...new Uint8Array(8000).fill(0x61), 0]))).toBe(false);
    expect(looksBinary(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))).toBe(false);
  });
});
