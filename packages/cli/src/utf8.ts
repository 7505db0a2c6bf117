/**
 * Strings to UTF-8 bytes. On the main thread, the bytes of many small texts (each file's findings,
 * outcomes for the cache), kept to the end of the run, are views into shared slabs of 4 MB: a new
 * buffer for each text cost its allocation and the first touch of its pages every time (5,000
 * files' findings and cache JSON, 20,000 buffers: ~110 ms where slabs took ~55). A worker thread's
 * texts move to the main thread (a transfer of each one's buffer), so there each text has a buffer
 * of its own (`ownBuffers`).
 */
const encoder = new TextEncoder();
const SLAB_BYTES = 4 << 20;
/** longer texts (at most 3 bytes per UTF-16 code unit) get a buffer of their own */
const OWN_BUFFER_OVER = SLAB_BYTES >> 4;
let slab: Uint8Array | undefined;
let used = 0;
let ownBuffers = false;

/** From now on, every text of this thread gets a buffer of its own (a worker: its bytes are transferred). */
export function ownBuffersPerText(): void {
  ownBuffers = true;
}

export function utf8Bytes(s: string): Uint8Array {
  const most = s.length * 3;
  if (ownBuffers || most > OWN_BUFFER_OVER) return encoder.encode(s);
  if (slab === undefined || slab.length - used < most) {
    slab = new Uint8Array(SLAB_BYTES);
    used = 0;
  }
  const { written } = encoder.encodeInto(s, slab.subarray(used));
  const out = slab.subarray(used, used + written);
  used += written;
  return out;
}
