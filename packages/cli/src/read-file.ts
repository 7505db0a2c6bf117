/**
 * Reads one file for checking, turning every failure (missing, unreadable, a folder, binary,
 * too large, vanished) into a clear message instead of an exception. Keeps what `--fix` needs to
 * write the file back byte-identically: the BOM and whether the bytes were valid UTF-8.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { utf16Of, utf16Problem, utf8Problem, type EncodingProblem } from '@promscope/core';

/** What a stat says of a file, as far as `--cache` stamps compare it (cache.ts). */
export interface FileStat {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export function fileStat(st: Stats): FileStat {
  return { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino };
}

/** Files larger than this are not checked (a generated 20 MB rule file is fine). */
export const MAX_FILE_BYTES = 128 * 1024 * 1024;

export type ReadResult =
  | (Decoded & { ok: true; stat: FileStat })
  | { ok: false; message: string; binary?: boolean };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return err?.message ? String(err.message) : String(e);
  }
}

/** Looks like a binary file: a NUL byte in the first 8 KB (as git decides), but for UTF-16 text, which has them and starts with its byte-order mark. */
export function looksBinary(bytes: Uint8Array): boolean {
  if (utf16Of(bytes)) return false;
  const n = Math.min(bytes.length, 8000);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/** How a file's text was encoded: what `--fix` writes it back as (fix-files.ts). */
export interface Encoded {
  /** a byte-order mark before the text (always, for UTF-16) */
  bom: boolean;
  /** UTF-8, or UTF-16 when its byte-order mark says so (as yaml.v3 reads files: no other encoding) */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  /** the bytes are valid in that encoding: their text encoded again gives them back */
  wellFormed: boolean;
}

export interface Decoded extends Encoded {
  /** without the byte-order mark */
  text: string;
  /** where the bytes first are not valid (core's `utf8Problem`, `utf16Problem`), its offset in `text` */
  encodingProblem?: EncodingProblem;
}

/**
 * The text of a file's bytes, without a byte-order mark: UTF-8, or UTF-16 after its byte-order mark.
 * Bytes that are not valid are decoded all the same (each invalid sequence a U+FFFD), and
 * `encodingProblem` says where they first are, as a YAML loader stops there.
 */
export function decodeBytes(bytes: Uint8Array): Decoded {
  const utf16 = utf16Of(bytes);
  if (utf16) {
    // (the decoder drops the byte-order mark: the place is found in the bytes after it)
    const p = utf16Problem(bytes.subarray(2), utf16 === 'utf-16le');
    return { text: new TextDecoder(utf16).decode(bytes), bom: true, encoding: utf16, wellFormed: p === undefined, ...(p ? { encodingProblem: { ...p, byte: p.byte + 2 } } : {}) };
  }
  let text: string;
  let wellFormed = true;
  try {
    text = utf8.decode(bytes);
  } catch {
    wellFormed = false;
    text = lenient.decode(bytes);
  }
  // TextDecoder (fatal, default ignoreBOM=false) strips a BOM; the lenient one keeps it
  const bomBytes = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let bom = bomBytes;
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    bom = true;
  }
  if (wellFormed) return { text, bom, encoding: 'utf-8', wellFormed };
  // (the text is without the BOM's character: the place is found in the bytes after it)
  const p = utf8Problem(bomBytes ? bytes.subarray(3) : bytes);
  return { text, bom, encoding: 'utf-8', wellFormed, ...(p ? { encodingProblem: bomBytes ? { ...p, byte: p.byte + 3 } : p } : {}) };
}

/**
 * One buffer that every read of this thread fills (the bytes are decoded into a string and dropped
 * before the next read): a new buffer for each of 5,000 files cost its allocation and the kernel's
 * faults on its fresh pages, ~20 ms of such a run. Grown to the largest file read, up to
 * `SCRATCH_MAX`; a larger file gets a buffer of its own.
 */
let scratch: Buffer | undefined;
const SCRATCH_MAX = 8 << 20;

/** a buffer of at least `size` bytes whose content is dropped before the next call */
function bufferFor(size: number): Buffer {
  if (size > SCRATCH_MAX) return Buffer.allocUnsafeSlow(size);
  if (scratch === undefined || scratch.length < size) scratch = Buffer.allocUnsafeSlow(Math.max(size, scratch === undefined ? 256 << 10 : Math.min(SCRATCH_MAX, scratch.length * 2)));
  return scratch;
}

/**
 * The bytes of an open regular file, as `readFileSync` reads them: the `size` its stat gave (less if
 * it ends sooner), or, for a size of 0 (files of /proc), everything up to its end. Valid until the
 * next call (see `bufferFor`).
 */
function readAll(fd: number, size: number): Buffer {
  let buf = size > 0 ? bufferFor(size) : Buffer.allocUnsafe(64 * 1024);
  const want = size > 0 ? size : Infinity;
  let n = 0;
  for (;;) {
    if (n === want) break;
    if (n === buf.length) {
      if (buf.length > MAX_FILE_BYTES) break;
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, n);
      buf = bigger;
    }
    const k = readSync(fd, buf, n, Math.min(buf.length, want) - n, null);
    if (k === 0) break;
    n += k;
  }
  return buf.subarray(0, n);
}

export function readForCheck(path: string): ReadResult {
  let bytes: Buffer;
  let st: Stats;
  let fd: number | undefined;
  try {
    // one open and one stat of what was opened (a stat by name, then a read that stats again, were
    // three system calls a file). Non-blocking: opening a FIFO does not wait for a writer; FIFOs and
    // devices would block or never end, so only regular files are read
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    st = fstatSync(fd);
    if (st.isDirectory()) return { ok: false, message: 'cannot read file: is a directory' };
    if (!st.isFile()) return { ok: false, message: 'not a regular file, not checked' };
    if (st.size > MAX_FILE_BYTES) return { ok: false, message: `file too large to check (${st.size} bytes; the limit is ${MAX_FILE_BYTES})` };
    bytes = readAll(fd, st.size);
  } catch (e) {
    return { ok: false, message: `cannot read file: ${describeFsError(e)}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, message: `file too large to check (${bytes.length} bytes; the limit is ${MAX_FILE_BYTES})` };
  if (looksBinary(bytes)) return { ok: false, binary: true, message: 'binary file, not checked' };
  return { ok: true, ...decodeBytes(bytes), stat: fileStat(st) };
}
