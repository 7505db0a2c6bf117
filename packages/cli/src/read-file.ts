/**
 * Reads one file for checking, turning every failure (missing, unreadable, a folder, binary,
 * too large, vanished) into a clear message instead of an exception. Keeps what `--fix` needs to
 * write the file back byte-identically: its encoding, BOM and whether its bytes were valid.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { decodeYamlBytes, looksBinary, type EncodingProblem } from '@promscope/core';

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
 * The text of a file's bytes (core's `decodeYamlBytes`): UTF-8, or UTF-16 after its byte-order mark,
 * without that mark. Bytes that are not valid are decoded all the same (each invalid sequence a
 * U+FFFD), and `encodingProblem` says where they first are, as a YAML loader stops there.
 */
export function decodeBytes(bytes: Uint8Array): Decoded {
  const d = decodeYamlBytes(bytes);
  return { text: d.text, bom: d.bom, encoding: d.encoding, wellFormed: d.problem === undefined, ...(d.problem ? { encodingProblem: d.problem } : {}) };
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
