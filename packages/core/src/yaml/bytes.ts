/**
 * From file bytes to the text the YAML layer parses, as Go's yaml.v3 reads them: UTF-8 (with or
 * without BOM) or UTF-16 with a BOM. Invalid UTF-8 is what yaml.v3 refuses with
 * `yaml: invalid leading UTF-8 octet` / `incomplete UTF-8 octet sequence`; the text is still
 * returned (with U+FFFD replacements) so that the rest can be analysed. Pure: the shells read the
 * bytes, this decides what they mean. Also flags binary content (NUL bytes) cheaply.
 */
import type { Diagnostic } from '../diagnostics/types';

export interface DecodedBytes {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  /** `yaml/encoding` errors (offsets into `text`) */
  diagnostics: Diagnostic[];
  /** the bytes contain NUL outside UTF-16: most likely a binary file */
  binary: boolean;
}

/** byte length of a valid UTF-8 sequence starting at `i`, or 0 when invalid there */
function utf8SeqLength(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  let n: number;
  let min: number;
  if (c >= 0xc2 && c <= 0xdf) [n, min] = [2, 0x80];
  else if (c >= 0xe0 && c <= 0xef) [n, min] = [3, 0x800];
  else if (c >= 0xf0 && c <= 0xf4) [n, min] = [4, 0x10000];
  else return 0;
  if (i + n > b.length) return -1; // incomplete at the end
  let cp = c & (0xff >> (n + 1));
  for (let k = 1; k < n; k++) {
    const x = b[i + k];
    if ((x & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (x & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n;
}

export function decodeYamlBytes(bytes: Uint8Array): DecodedBytes {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le', diagnostics: [], binary: false };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be', diagnostics: [], binary: false };
  }
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const binary = bytes.indexOf(0) >= 0;
  const diagnostics: Diagnostic[] = [];
  // fast path: no replacement character means the bytes were valid
  if (text.indexOf('\ufffd') >= 0) {
    let units = 0; // UTF-16 offset of byte i
    for (let i = 0; i < bytes.length; ) {
      const n = utf8SeqLength(bytes, i);
      if (n <= 0) {
        const message = n < 0 ? 'yaml: incomplete UTF-8 octet sequence' : 'yaml: invalid leading UTF-8 octet';
        diagnostics.push({ code: 'yaml/encoding', severity: 'error', range: { start: units, end: units + 1 }, message: `${message} (byte ${i})` });
        break;
      }
      units += n === 4 ? 2 : 1;
      i += n;
    }
  }
  return { text, encoding: 'utf-8', diagnostics, binary };
}
