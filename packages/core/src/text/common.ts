/**
 * The common beginning and end of two texts (an edit's old and new text), found by comparing
 * halves natively instead of looping over characters: what an editor's incremental paths use to
 * locate an edit.
 */

/** the length of the common beginning of two texts */
export function commonPrefix(a: string, b: string): number {
  let lo = 0;
  let hi = Math.min(a.length, b.length);
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a.slice(lo, mid) === b.slice(lo, mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** the length of the common end of two texts, not reaching into their first `skip` characters */
export function commonSuffix(a: string, b: string, skip: number): number {
  let lo = 0;
  let hi = Math.min(a.length, b.length) - skip;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a.slice(a.length - mid, a.length - lo) === b.slice(b.length - mid, b.length - lo)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
