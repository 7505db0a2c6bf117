/**
 * Output in batches of bytes: what the report (run-check.ts `emit`) and the cache files
 * (cache.ts) are written with.
 */

const WRITE_BATCH = 1 << 20;

/**
 * The parts as bytes, in batches of at most `WRITE_BATCH` bytes encoded (or, for byte parts,
 * copied) into one buffer, which is reused: each batch is valid until the next is asked for. A
 * part longer than a batch comes as it is (after the batch before it; a string encoded).
 */
export function* byteBatches(parts: Iterable<string | Uint8Array>): Generator<Uint8Array> {
  let buf: Buffer | undefined;
  let n = 0;
  for (const p of parts) {
    if (typeof p !== 'string') {
      if (p.length > WRITE_BATCH - n && n > 0) {
        yield buf!.subarray(0, n);
        n = 0;
      }
      if (p.length > WRITE_BATCH) {
        yield p;
        continue;
      }
      buf ??= Buffer.allocUnsafe(WRITE_BATCH);
      buf.set(p, n);
      n += p.length;
      continue;
    }
    // at most 3 bytes a UTF-16 unit: a part that surely fits is not measured first
    const most = p.length * 3;
    const size = most <= WRITE_BATCH - n ? most : Buffer.byteLength(p);
    if (size > WRITE_BATCH - n && n > 0) {
      yield buf!.subarray(0, n);
      n = 0;
    }
    if (size > WRITE_BATCH) {
      yield Buffer.from(p);
      continue;
    }
    buf ??= Buffer.allocUnsafe(WRITE_BATCH);
    n += buf.write(p, n);
  }
  if (n > 0) yield buf!.subarray(0, n);
}
