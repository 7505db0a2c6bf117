/**
 * Prometheus's duration syntax (`model.ParseDuration` of prometheus/common): `1y2w3d4h5m6s7ms`,
 * units from biggest to smallest, each at most once, `0` without a unit. Used by every file kind
 * for fields of Go type `model.Duration`; messages are Prometheus's.
 */
const units: Record<string, { pos: number; ms: number }> = {
  ms: { pos: 7, ms: 1 },
  s: { pos: 6, ms: 1000 },
  m: { pos: 5, ms: 60_000 },
  h: { pos: 4, ms: 3_600_000 },
  d: { pos: 3, ms: 86_400_000 },
  w: { pos: 2, ms: 604_800_000 },
  y: { pos: 1, ms: 31_536_000_000 },
};
/** time.Duration's maximum, in milliseconds (2^63-1 ns) */
const maxMs = 9223372036854.775;

export type DurationResult = { ok: true; ms: number } | { ok: false; message: string };

export function parsePromDuration(s: string): DurationResult {
  if (s === '0') return { ok: true, ms: 0 };
  if (s === '') return { ok: false, message: 'empty duration string' };
  // offsets into `s` rather than slices of what is left: this runs for every `for:` and `interval:`
  const n = s.length;
  let i = 0;
  let total = 0;
  let lastPos = 0;
  while (i < n) {
    const digits = i;
    while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === digits) return invalidDuration(s);
    const v = Number(s.slice(digits, i));
    const unitStart = i;
    while (i < n && !(s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57)) i++;
    if (i === unitStart) return invalidDuration(s);
    const u = s.slice(unitStart, i);
    const unit = units[u];
    if (!unit) return { ok: false, message: `unknown unit ${goQuote(u)} in duration ${goQuote(s)}` };
    if (unit.pos <= lastPos) return invalidDuration(s);
    lastPos = unit.pos;
    total += v * unit.ms;
    if (total > maxMs) return { ok: false, message: 'duration out of range' };
  }
  return { ok: true, ms: total };
}

function invalidDuration(s: string): DurationResult {
  return { ok: false, message: `not a valid duration string: ${goQuote(s)}` };
}

/** Go's %q for strings (close enough: JSON escaping, which matches Go for printable text) */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}
