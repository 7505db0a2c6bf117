/**
 * From file bytes to the text the YAML layer parses, as Go's yaml.v3 reads them: UTF-8 (with or
 * without BOM) or UTF-16 with a BOM. Invalid UTF-8 is what yaml.v3 refuses with
 * `yaml: invalid leading UTF-8 octet` / `incomplete UTF-8 octet sequence`; the text is still
 * returned (with U+FFFD replacements) so that the rest can be analysed. Pure: the shells read the
 * bytes, this decides what they mean (and, before, whether they are text at all: `looksBinary`).
 */
import type { Diagnostic } from '../diagnostics/types';

export interface DecodedBytes {
  /** the text, without its byte-order mark (one: a second one is text) */
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  /** the bytes start with a byte-order mark (UTF-16 always does: yaml.v3 reads it only then) */
  bom: boolean;
  /** where the bytes first are not valid in their encoding (`byte` counts from the file's first byte, `offset` in `text`, which has U+FFFD there) */
  problem?: EncodingProblem;
}

/** Looks like a binary file: a NUL byte in the first 8 KB (as git decides), but for UTF-16 text, which has them after its byte-order mark. */
export function looksBinary(bytes: Uint8Array): boolean {
  return !utf16Of(bytes) && bytes.subarray(0, 8000).indexOf(0) !== -1;
}

/**
 * Where bytes stop being UTF-8 (or UTF-16) as yaml.v3's reader (and yaml.v2's: the same port of
 * libyaml's readerc) decodes them, and its words for it: `message` without the `yaml: ` that Go's
 * error adds, `byte` the offset of the sequence's first byte, `offset` that place in the text a
 * WHATWG decoder makes of the bytes (each invalid sequence a U+FFFD; everything before `byte` is
 * valid, the same in both).
 */
export interface EncodingProblem {
  message:
    | 'invalid leading UTF-8 octet'
    | 'incomplete UTF-8 octet sequence'
    | 'invalid trailing UTF-8 octet'
    | 'invalid length of a UTF-8 sequence'
    | 'invalid Unicode character'
    | 'incomplete UTF-16 character'
    | 'unexpected low surrogate area'
    | 'incomplete UTF-16 surrogate pair'
    | 'expected low surrogate area';
  byte: number;
  offset: number;
}

/** The first place where `bytes` are not UTF-8 for yaml.v3 (in its order of tests), if any. */
export function utf8Problem(bytes: Uint8Array): EncodingProblem | undefined {
  let units = 0; // UTF-16 offset of byte i
  for (let i = 0; i < bytes.length; ) {
    const c = bytes[i]!;
    if (c < 0x80) {
      i++;
      units++;
      continue;
    }
    const fail = (message: EncodingProblem['message']): EncodingProblem => ({ message, byte: i, offset: units });
    // the width the leading octet says (0xc0, 0xc1 and 0xf5-0xf7 included: their value fails below)
    const width = (c & 0xe0) === 0xc0 ? 2 : (c & 0xf0) === 0xe0 ? 3 : (c & 0xf8) === 0xf0 ? 4 : 0;
    if (width === 0) return fail('invalid leading UTF-8 octet');
    if (i + width > bytes.length) return fail('incomplete UTF-8 octet sequence');
    let value = c & (0x7f >> width);
    for (let k = 1; k < width; k++) {
      const x = bytes[i + k]!;
      if ((x & 0xc0) !== 0x80) return fail('invalid trailing UTF-8 octet');
      value = (value << 6) | (x & 0x3f);
    }
    if (value < (width === 2 ? 0x80 : width === 3 ? 0x800 : 0x10000)) return fail('invalid length of a UTF-8 sequence');
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) return fail('invalid Unicode character');
    i += width;
    units += width === 4 ? 2 : 1;
  }
  return undefined;
}

/**
 * The first place where `bytes` (after a byte-order mark: they are read as UTF-16 because of it)
 * are not UTF-16 for yaml.v3, if any: a lone surrogate, or an odd byte at the end.
 */
export function utf16Problem(bytes: Uint8Array, littleEndian: boolean): EncodingProblem | undefined {
  const unit = (i: number) => (littleEndian ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!);
  for (let i = 0; i < bytes.length; ) {
    const fail = (message: EncodingProblem['message']): EncodingProblem => ({ message, byte: i, offset: i >> 1 });
    if (bytes.length - i < 2) return fail('incomplete UTF-16 character');
    const v = unit(i);
    if ((v & 0xfc00) === 0xdc00) return fail('unexpected low surrogate area');
    if ((v & 0xfc00) === 0xd800) {
      if (bytes.length - i < 4) return fail('incomplete UTF-16 surrogate pair');
      if ((unit(i + 2) & 0xfc00) !== 0xdc00) return fail('expected low surrogate area');
      i += 4;
    } else i += 2;
  }
  return undefined;
}

/** yaml.v3's error for bytes that are not UTF-8 or UTF-16 (`utf8Problem`, `utf16Problem`), at its place in their text. */
export function encodingProblemDiagnostic(p: EncodingProblem): Diagnostic {
  return { code: 'yaml/encoding', severity: 'error', range: { start: p.offset, end: p.offset + 1 }, message: `yaml: ${p.message}` };
}

/** UTF-16 by its byte-order mark (yaml.v3 reads UTF-16 only with one), else undefined */
export function utf16Of(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 2) return undefined;
  return bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/**
 * The text of a file's bytes as yaml.v3 reads them, its byte-order mark apart, and where they stop
 * being valid (`utf8Problem`, `utf16Problem`): what a shell that reads files passes on to
 * `analyzeFile` (`encodingProblem`) and needs to write the bytes back (`bom`, `encoding`).
 */
export function decodeYamlBytes(bytes: Uint8Array): DecodedBytes {
  const utf16 = utf16Of(bytes);
  if (utf16) {
    // (the decoder drops the byte-order mark: the place is found in the bytes after it)
    const p = utf16Problem(bytes.subarray(2), utf16 === 'utf-16le');
    return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16, bom: true, ...(p ? { problem: { ...p, byte: p.byte + 2 } } : {}) };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  // both decoders drop one byte-order mark
  try {
    return { text: fatalUtf8.decode(bytes), encoding: 'utf-8', bom };
  } catch {
    const p = utf8Problem(bom ? bytes.subarray(3) : bytes);
    return { text: lenientUtf8.decode(bytes), encoding: 'utf-8', bom, ...(p ? { problem: bom ? { ...p, byte: p.byte + 3 } : p } : {}) };
  }
}
