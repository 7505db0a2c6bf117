/**
 * `time_intervals` / `mute_time_intervals` as Alertmanager's timeinterval package reads them:
 * names (missing, duplicate), the ranges of `times`, `weekdays`, `days_of_month`, `months`,
 * `years` and the `location`, with Alertmanager's messages.
 */
import type { Range } from '../diagnostics/types';
import { fList, fStr, report, structHead, type DecodeContext, type DObj, type DList } from './decode';

const WEEKDAYS: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };
const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};
const MONTH_NAMES = Object.keys(MONTHS);

type Member = (s: string) => { ok: true; v: number } | { ok: false; message: string };

function atoi(s: string): { ok: true; v: number } | { ok: false; message: string } {
  if (/^[+-]?\d+$/.test(s)) return { ok: true, v: Number(s) };
  return { ok: false, message: `strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax` };
}

function rangeOf(input: string, member: Member): { ok: true; begin: number; end: number } | { ok: false; message: string } {
  const s = input.toLowerCase();
  if (s.includes(':')) {
    const parts = s.split(':');
    if (parts.length !== 2) return { ok: false, message: `couldn't parse range ${s}, invalid format` };
    const b = member(parts[0]);
    if (!b.ok) return b;
    const e = member(parts[1]);
    if (!e.ok) return e;
    return { ok: true, begin: b.v, end: e.v };
  }
  const v = member(s);
  return v.ok ? { ok: true, begin: v.v, end: v.v } : v;
}

const weekday: Member = (s) => (s in WEEKDAYS ? { ok: true, v: WEEKDAYS[s] } : { ok: false, message: `${s} is not a valid weekday` });
const month: Member = (s) => {
  if (s in MONTHS) return { ok: true, v: MONTHS[s] };
  const n = atoi(s);
  if (!n.ok || n.v < 1 || n.v > 12) return { ok: false, message: `${s} is not a valid month` };
  return n;
};

function checkRanges(list: DList | undefined, ctx: DecodeContext, check: (s: string) => string | undefined): void {
  for (const it of list?.items ?? []) {
    if (typeof it.value !== 'string') continue;
    const err = check(it.value);
    if (err) report(ctx, it.node, err);
  }
}

const VALID_TIME = /^((([01][0-9])|(2[0-3])):[0-5][0-9])$|(^24:00$)/;

function parseTime(s: string): { ok: true; v: number } | { ok: false; message: string } {
  if (!VALID_TIME.test(s)) return { ok: false, message: `couldn't parse timestamp ${s}, invalid format` };
  const [h, m] = s.split(':').map(Number);
  return { ok: true, v: h * 60 + m };
}

function checkTimeInterval(ti: DObj, ctx: DecodeContext): void {
  for (const it of fList(ti, 'times')?.items ?? []) {
    const t = it.value && typeof it.value === 'object' && it.value.kind === 'obj' ? it.value : undefined;
    const start = fStr(t, 'start_time');
    const end = fStr(t, 'end_time');
    if (start === '' || end === '') {
      report(ctx, it.node, 'both start and end times must be provided');
      continue;
    }
    const s = parseTime(start);
    if (!s.ok) {
      report(ctx, t!.pairs.start_time.value, s.message);
      continue;
    }
    const e = parseTime(end);
    if (!e.ok) {
      report(ctx, t!.pairs.end_time.value, e.message);
      continue;
    }
    if (s.v >= e.v) report(ctx, it.node, 'start time cannot be equal or greater than end time');
  }
  checkRanges(fList(ti, 'weekdays'), ctx, (str) => {
    const r = rangeOf(str, weekday);
    if (!r.ok) return r.message;
    if (r.begin > r.end) return 'start day cannot be before end day';
    return undefined;
  });
  checkRanges(fList(ti, 'days_of_month'), ctx, (str) => {
    const r = rangeOf(str, atoi);
    if (!r.ok) return r.message;
    if (r.begin === 0 || r.begin < -31 || r.begin > 31) return `${r.begin} is not a valid day of the month: out of range`;
    if (r.end === 0 || r.end < -31 || r.end > 31) return `${r.end} is not a valid day of the month: out of range`;
    if (r.begin < 0 && r.end > 0) return 'end day must be negative if start day is negative';
    const b = r.begin < 0 ? 28 + r.begin : r.begin;
    const e = r.end < 0 ? 28 + r.end : r.end;
    if (b > e) return `end day ${r.end} is always before start day ${r.begin}`;
    return undefined;
  });
  checkRanges(fList(ti, 'months'), ctx, (str) => {
    const r = rangeOf(str, month);
    if (!r.ok) return r.message;
    if (r.begin > r.end) return `end month ${MONTH_NAMES[r.end - 1]} is before start month ${MONTH_NAMES[r.begin - 1]}`;
    return undefined;
  });
  checkRanges(fList(ti, 'years'), ctx, (str) => {
    const r = rangeOf(str, atoi);
    if (!r.ok) return r.message;
    if (r.begin > r.end) return `end year ${r.end} is before start year ${r.begin}`;
    return undefined;
  });
}

/** checks both lists; returns the defined names (mute_time_intervals first, as Alertmanager reads them) */
export function checkTimeIntervals(config: DObj, ctx: DecodeContext): { name: string; range: Range }[] {
  const names: { name: string; range: Range }[] = [];
  const seen = new Set<string>();
  for (const [field, label] of [
    ['mute_time_intervals', 'mute time interval'],
    ['time_intervals', 'time interval'],
  ] as const) {
    for (const it of fList(config, field)?.items ?? []) {
      const ti = it.value && typeof it.value === 'object' && it.value.kind === 'obj' ? it.value : undefined;
      if (!ti) continue;
      const name = fStr(ti, 'name');
      if (name === '') {
        report(ctx, structHead(ti), `missing name in ${label}`);
        continue;
      }
      const at = ti.pairs.name.value;
      if (seen.has(name)) report(ctx, at, `${label} ${JSON.stringify(name)} is not unique`);
      seen.add(name);
      names.push({ name, range: at.range });
      for (const sub of fList(ti, 'time_intervals')?.items ?? []) {
        if (sub.value && typeof sub.value === 'object' && sub.value.kind === 'obj') checkTimeInterval(sub.value, ctx);
      }
    }
    if (field === 'mute_time_intervals' && config.pairs[field]) {
      report(ctx, config.pairs[field].key, 'mute_time_intervals is deprecated; use time_intervals instead', 'warning', 'alertmanager/deprecated-mute-time-intervals');
    }
  }
  return names;
}
