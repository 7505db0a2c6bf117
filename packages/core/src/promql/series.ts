/**
 * promtool unit-test series notation (`input_series[].series` + `values`, Prometheus's
 * `ParseSeriesDesc`): `metric{a="b"} 1+2x3 _ stale -1 _x2 {{schema:1 sum:3 buckets:[1 2]}}x2`.
 *
 * The labels are a PromQL selector restricted to `=` (parsed by the PromQL analyzer); the value
 * sequence is a separate little language of its own, checked here item by item. Histogram values
 * (`{{...}}`) are validated for their descriptors, numbers and the schema rule of `A+BxN`.
 */
import type { Diagnostic, Range } from '../diagnostics/types';
import { parsePromQL, type PromQLParseOptions } from './index';
import { goQuote } from './quote';

export interface SeriesValue {
  /** `_` (omitted) */
  omitted?: boolean;
  /** `stale` */
  stale?: boolean;
  value?: number;
  /** a native histogram sample, as its descriptor text */
  histogram?: string;
}

export interface SeriesDesc {
  text: string;
  /** label name → value (`__name__` for the metric name) */
  labels: Record<string, string>;
  values: SeriesValue[];
  diagnostics: Diagnostic[];
}

const CODE = 'promql/series';
const NUM = '(?:[0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\\.[0-9]+(?:[eE][+-]?[0-9]+)?|[iI][nN][fF]|[nN][aA][nN])';
const VALUE = new RegExp(`^([+-]?${NUM})(?:([+-])(${NUM}))?(?:x([0-9]+))?$`);
const BLANK = /^_(?:x([0-9]+))?$/;
const HIST_KEYS = new Set(['schema', 'sum', 'count', 'z_bucket', 'z_bucket_w', 'buckets', 'n_buckets', 'offset', 'n_offset', 'custom_values', 'counter_reset_hint']);
const INT_KEYS = new Set(['schema', 'offset', 'n_offset']);
const LIST_KEYS = new Set(['buckets', 'n_buckets', 'custom_values']);
const HINTS = new Set(['unknown', 'reset', 'not_reset', 'gauge']);

/** end of the leading `name{...}` / `name` / `{...}` (quote-aware) */
function metricEnd(text: string): number {
  let i = 0;
  while (i < text.length && /[A-Za-z0-9_:]/.test(text[i]!)) i++;
  if (text[i] !== '{') return i;
  let quote = '';
  for (i++; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote || c === '\n') quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '}') return i + 1;
  }
  return text.length;
}

/** Parse one promtool series description. */
export function parseSeriesDesc(text: string, opts: PromQLParseOptions = {}): SeriesDesc {
  const out: SeriesDesc = { text, labels: {}, values: [], diagnostics: [] };
  const fail = (range: Range, message: string) => out.diagnostics.push({ code: CODE, severity: 'error', range, message });
  try {
    const end = metricEnd(text);
    const metric = text.slice(0, end);
    if (metric.trim() !== '') {
      const res = parsePromQL(metric, opts);
      for (const d of res.diagnostics) {
        // the empty-matcher rule is for queries, not for series descriptions
        if (d.message === 'vector selector must contain at least one non-empty matcher') continue;
        out.diagnostics.push({ ...d, code: CODE, message: d.message.replace(' in label matching', ' in label set') });
      }
      if (res.root?.kind === 'VectorSelector') {
        if (res.root.name) out.labels.__name__ = res.root.name.value;
        for (const m of res.root.matchers) {
          if (m.op !== '=') fail(m.opRange, `unexpected ${goQuote(m.op)} in label set, expected "="`);
          out.labels[m.label.value] = m.value.value;
        }
      } else if (res.root && out.diagnostics.length === 0) fail({ start: 0, end }, 'expected a metric name and/or a label set');
    }
    if (out.diagnostics.length === 0) parseValues(text, end, out, fail);
  } catch (e) {
    fail({ start: 0, end: text.length }, `internal error while analyzing the series: ${e instanceof Error ? e.message : String(e)}`);
  }
  return out;
}

function parseValues(text: string, from: number, out: SeriesDesc, fail: (r: Range, m: string) => void): void {
  let i = from;
  if (i < text.length && !/\s/.test(text[i]!)) {
    fail({ start: i, end: text.length }, `unexpected character in series sequence: ${goQuote(text[i]!)}`);
    return;
  }
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    const start = i;
    if (text.startsWith('{{', i)) {
      i = histogramItem(text, i, out, fail);
      if (i < 0) return;
      continue;
    }
    while (i < text.length && !/\s/.test(text[i]!)) i++;
    const item = text.slice(start, i);
    const range = { start, end: i };
    let m: RegExpExecArray | null;
    if ((m = BLANK.exec(item))) {
      const n = m[1] === undefined ? 1 : Number(m[1]);
      for (let k = 0; k < n; k++) out.values.push({ omitted: true });
    } else if (item === 'stale') out.values.push({ stale: true });
    else if ((m = VALUE.exec(item))) {
      const base = Number(m[1]!.replace(/^\+/, '').replace(/inf/i, 'Infinity').replace(/nan/i, 'NaN'));
      if (m[2] && m[4] === undefined) {
        fail(range, `unexpected ${goQuote(m[2])} in series values`);
        return;
      }
      const times = m[4] === undefined ? 0 : Number(m[4]);
      const step = m[2] ? (m[2] === '-' ? -1 : 1) * Number(m[3]!.replace(/inf/i, 'Infinity').replace(/nan/i, 'NaN')) : 0;
      const count = m[4] === undefined ? 1 : times + 1;
      for (let k = 0; k < count && k < 100000; k++) out.values.push({ value: base + k * step });
    } else {
      fail(range, `unexpected ${goQuote(item)} in series values`);
      return;
    }
  }
}

interface Hist {
  schema: number;
  text: string;
}

/** `{{...}}`, optionally `xN` or `+{{...}}xN` / `-{{...}}xN`; returns the end offset, or -1 on error */
function histogramItem(text: string, at: number, out: SeriesDesc, fail: (r: Range, m: string) => void): number {
  const first = histogram(text, at, fail);
  if (!first) return -1;
  let i = first.end;
  const mTimes = /^x([0-9]+)/.exec(text.slice(i));
  if (mTimes) {
    for (let k = 0; k <= Number(mTimes[1]); k++) out.values.push({ histogram: first.h.text });
    return i + mTimes[0].length;
  }
  if ((text[i] === '+' || text[i] === '-') && text.startsWith('{{', i + 1)) {
    const second = histogram(text, i + 1, fail);
    if (!second) return -1;
    i = second.end;
    const m = /^x([0-9]+)/.exec(text.slice(i));
    if (!m) {
      fail({ start: i, end: i }, 'unexpected end of histogram series, expected "x"');
      return -1;
    }
    const times = Number(m[1]);
    if (times > 0 && first.h.schema > second.h.schema) {
      fail({ start: at, end: i + m[0].length }, `error combining histograms: cannot merge from schema ${second.h.schema} to ${first.h.schema}`);
      return -1;
    }
    for (let k = 0; k <= times; k++) out.values.push({ histogram: first.h.text });
    return i + m[0].length;
  }
  out.values.push({ histogram: first.h.text });
  return i;
}

function histogram(text: string, at: number, fail: (r: Range, m: string) => void): { h: Hist; end: number } | undefined {
  const close = text.indexOf('}}', at + 2);
  if (close < 0) {
    fail({ start: at, end: text.length }, 'histogram description incomplete');
    return undefined;
  }
  const body = text.slice(at + 2, close);
  const h: Hist = { schema: 0, text: body };
  const end = close + 2;
  if (body.trim() === '') return { h, end };
  const seen = new Set<string>();
  let i = 0;
  const pos = (k: number) => at + 2 + k;
  if (/\s/.test(body[0]!)) {
    fail({ start: pos(0), end: pos(1) }, 'unexpected " " in series values');
    return undefined;
  }
  while (i < body.length) {
    while (i < body.length && body[i] === ' ') i++;
    if (i >= body.length) break;
    const keyStart = i;
    while (i < body.length && /[A-Za-z_]/.test(body[i]!)) i++;
    const key = body.slice(keyStart, i);
    if (!HIST_KEYS.has(key.toLowerCase())) {
      fail({ start: pos(keyStart), end: pos(i) }, `bad histogram descriptor found: ${goQuote(key)}`);
      return undefined;
    }
    if (body[i] !== ':') {
      fail({ start: pos(keyStart), end: pos(i) }, 'missing `:` for histogram descriptor');
      return undefined;
    }
    i++;
    const k = key.toLowerCase();
    if (seen.has(k)) {
      fail({ start: at, end }, `duplicate key "${k}" in histogram`);
      return undefined;
    }
    seen.add(k);
    if (body[i] === ' ' || i >= body.length) {
      fail({ start: pos(i), end: pos(i + 1) }, 'unexpected " " in series values');
      return undefined;
    }
    if (LIST_KEYS.has(k)) {
      if (body[i] !== '[' || body[i + 1] === ' ') {
        fail({ start: pos(i), end: pos(i + 1) }, `error parsing ${k} float array`);
        return undefined;
      }
      const j = body.indexOf(']', i);
      if (j < 0) {
        fail({ start: pos(i), end: pos(body.length) }, `error parsing ${k} float array`);
        return undefined;
      }
      for (const v of body.slice(i + 1, j).trim().split(/\s+/).filter(Boolean)) {
        if (!new RegExp(`^-?${NUM}$`).test(v)) {
          fail({ start: pos(i), end: pos(j + 1) }, `invalid character in buckets description: ${goQuote(v[0]!)}`);
          return undefined;
        }
      }
      i = j + 1;
    } else {
      const vStart = i;
      while (i < body.length && body[i] !== ' ') i++;
      const v = body.slice(vStart, i);
      const ok = k === 'counter_reset_hint' ? HINTS.has(v.toLowerCase()) : INT_KEYS.has(k) ? /^-?[0-9]+$/.test(v) : new RegExp(`^-?${NUM}$`).test(v);
      if (!ok) {
        fail({ start: pos(vStart), end: pos(i) }, k === 'counter_reset_hint' ? `bad histogram descriptor found: ${goQuote(v)}` : `error parsing ${k} number: ${v}`);
        return undefined;
      }
      if (k === 'schema') h.schema = Number(v);
    }
  }
  return { h, end };
}
