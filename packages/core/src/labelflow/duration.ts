/** Prometheus durations (`1h30m`, `5m`, `500ms`, a bare number of seconds) in milliseconds. */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

export function parseDuration(text: string): number | null {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  if (!/^(\d+(ms|s|m|h|d|w|y))+$/.test(t)) return null;
  let total = 0;
  for (const m of t.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) total += Number(m[1]) * UNIT_MS[m[2]];
  return total;
}

/** `300000` → `5m`, the way Prometheus prints durations. */
const FORMAT_UNITS = ['y', 'w', 'd', 'h', 'm', 's', 'ms'] as const;
const FORMAT_MS = [UNIT_MS.y, UNIT_MS.w, UNIT_MS.d, UNIT_MS.h, UNIT_MS.m, UNIT_MS.s, 1] as const;

export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (let i = 0; i < FORMAT_UNITS.length; i++) {
    const v = FORMAT_MS[i]!;
    if (rest >= v) {
      out += `${Math.floor(rest / v)}${FORMAT_UNITS[i]}`;
      rest %= v;
    }
  }
  return out;
}
