/**
 * Parses a label set written as on the command line: `{__address__="10.0.0.1:9100", job='node'}`
 * (braces optional, values in double, single or back quotes with Go escapes, names optionally
 * quoted) or a list of `name=value` words. Used by `promscope relabel` and editor tooling.
 */
import type { LabelSet } from './label-builder';

export type LabelSetParse = { ok: true; labels: LabelSet } | { ok: false; error: string };

export function parseLabelSetLiteral(text: string): LabelSetParse {
  let s = text.trim();
  if (s.startsWith('{')) {
    if (!s.endsWith('}')) return { ok: false, error: 'missing closing } in label set' };
    s = s.slice(1, -1);
  }
  const labels: LabelSet = {};
  let i = 0;
  const ws = () => {
    while (i < s.length && /[\s,]/.test(s[i])) i++;
  };
  ws();
  while (i < s.length) {
    let name: string;
    if (s[i] === '"' || s[i] === "'" || s[i] === '`') {
      const q = readQuoted(s, i);
      if (!q.ok) return { ok: false, error: q.error };
      name = q.value;
      i = q.end;
    } else {
      const m = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(s.slice(i));
      if (!m) return { ok: false, error: `expected a label name at ${JSON.stringify(s.slice(i, i + 10))}` };
      name = m[0];
      i += name.length;
    }
    while (i < s.length && s[i] === ' ') i++;
    if (s[i] !== '=') return { ok: false, error: `expected = after label name ${name}` };
    i++;
    while (i < s.length && s[i] === ' ') i++;
    let value: string;
    if (s[i] === '"' || s[i] === "'" || s[i] === '`') {
      const q = readQuoted(s, i);
      if (!q.ok) return { ok: false, error: q.error };
      value = q.value;
      i = q.end;
    } else {
      const m = /^[^,\s}]*/.exec(s.slice(i))!;
      value = m[0];
      i += value.length;
    }
    if (name in labels) return { ok: false, error: `label ${name} given twice` };
    labels[name] = value;
    ws();
  }
  return { ok: true, labels };
}

function readQuoted(s: string, start: number): { ok: true; value: string; end: number } | { ok: false; error: string } {
  const q = s[start];
  let out = '';
  let i = start + 1;
  while (i < s.length && s[i] !== q) {
    if (s[i] === '\\' && q !== '`') {
      const n = s[i + 1];
      const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'" };
      if (n in map) {
        out += map[n];
        i += 2;
        continue;
      }
      return { ok: false, error: `unknown escape sequence \\${n ?? ''}` };
    }
    out += s[i++];
  }
  if (i >= s.length) return { ok: false, error: 'unterminated quoted string' };
  return { ok: true, value: out, end: i + 1 };
}

/** `{a="b", c="d"}` with names sorted, as Prometheus prints label sets */
export function formatLabelSet(labels: LabelSet): string {
  const parts = Object.keys(labels)
    .sort()
    .map((k) => `${/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k) ? k : JSON.stringify(k)}=${JSON.stringify(labels[k])}`);
  return `{${parts.join(', ')}}`;
}
