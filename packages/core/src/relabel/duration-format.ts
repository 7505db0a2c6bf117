/** Prometheus's model.Duration.String(): `1m30s`, `2w`, `0s` (years and weeks only when exact). */
export function formatPromDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = Math.round(ms);
  let out = '';
  const unit = (u: string, mult: number, exact: boolean) => {
    if (exact && rest % mult !== 0) return;
    const v = Math.floor(rest / mult);
    if (v > 0) {
      out += `${v}${u}`;
      rest -= v * mult;
    }
  };
  unit('y', 31_536_000_000, true);
  unit('w', 604_800_000, true);
  unit('d', 86_400_000, false);
  unit('h', 3_600_000, false);
  unit('m', 60_000, false);
  unit('s', 1000, false);
  unit('ms', 1, false);
  return out;
}
