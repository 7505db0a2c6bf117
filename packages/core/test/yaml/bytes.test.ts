/** File bytes → text as yaml.v3 reads them: UTF-8 (BOM or not), UTF-16 with BOM, invalid UTF-8, binary. */
import { describe, expect, it } from 'vitest';
import { decodeYamlBytes } from '../../src/yaml/index';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeYamlBytes', () => {
  it('valid UTF-8, with and without BOM', () => {
    expect(decodeYamlBytes(utf8('a: 日本🙂\n'))).toEqual({ text: 'a: 日本🙂\n', encoding: 'utf-8', diagnostics: [], binary: false });
    expect(decodeYamlBytes(utf8('\ufeffa: 1\n')).text).toBe('\ufeffa: 1\n');
  });
  it('UTF-16 with a BOM', () => {
    const le = new Uint8Array([0xff, 0xfe, ...[...'a: 1'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeYamlBytes(le)).toMatchObject({ text: 'a: 1', encoding: 'utf-16le', diagnostics: [] });
  });
  it('invalid UTF-8: an error at the first bad byte (UTF-16 offset), the rest still decoded', () => {
    const bytes = new Uint8Array([...utf8('a: 🙂x'), 0xff, ...utf8('\nb: 2\n')]);
    const r = decodeYamlBytes(bytes);
    expect(r.diagnostics).toEqual([{ code: 'yaml/encoding', severity: 'error', range: { start: 6, end: 7 }, message: 'yaml: invalid leading UTF-8 octet (byte 8)' }]);
    expect(r.text.endsWith('\nb: 2\n')).toBe(true);
    const cut = decodeYamlBytes(new Uint8Array([...utf8('a: '), 0xe6, 0x97]));
    expect(cut.diagnostics.map((d) => d.message)).toEqual(['yaml: incomplete UTF-8 octet sequence (byte 3)']);
  });
  it('binary content is flagged', () => {
    expect(decodeYamlBytes(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1])).binary).toBe(true);
  });
});
