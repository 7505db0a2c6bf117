/**
 * A tolerant PromQL tokenizer for editor features. Unlike the analyzer's lexer (which stops at
 * Prometheus's first error), it never stops: unterminated strings run to the end, unknown
 * characters become `error` tokens. Completion and signature help read the brackets and words
 * before the cursor from it, on half-typed text.
 */
export type TokKind =
  | 'ident'
  | 'number'
  | 'duration'
  | 'string'
  | 'comment'
  | 'op'
  | 'matchop'
  | '('
  | ')'
  | '{'
  | '}'
  | '['
  | ']'
  | ','
  | ':'
  | '@'
  | 'error';

export interface Tok {
  kind: TokKind;
  start: number;
  end: number;
  text: string;
  /** strings: false when the closing quote is missing */
  closed?: boolean;
}

const isIdentStart = (c: string) => /[A-Za-z_:]/.test(c);
const isIdentPart = (c: string) => /[A-Za-z0-9_:.]/.test(c);
const DURATION_RE = /^(?:\d+(?:ms|[smhdwy]))+/;
const NUMBER_RE = /^(?:0[xX][0-9a-fA-F_]+|(?:\d[\d_]*\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/;
const OPS = ['=~', '!~', '==', '!=', '>=', '<=', '</', '>/', '+', '-', '*', '/', '%', '^', '>', '<', '='];

export function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (c === '#') {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      out.push({ kind: 'comment', start, end: i, text: text.slice(start, i) });
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      i++;
      let closed = false;
      while (i < n) {
        const d = text[i];
        if (d === '\\' && c !== '`') {
          i += 2;
          continue;
        }
        if (d === c) {
          i++;
          closed = true;
          break;
        }
        if ((d === '\n' || d === '\r') && c !== '`') break;
        i++;
      }
      i = Math.min(i, n);
      out.push({ kind: 'string', start, end: i, text: text.slice(start, i), closed });
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const rest = text.slice(i, i + 64);
      const dm = DURATION_RE.exec(rest);
      const nm = NUMBER_RE.exec(rest);
      if (dm && (!nm || dm[0].length >= nm[0].length)) {
        i += dm[0].length;
        out.push({ kind: 'duration', start, end: i, text: dm[0] });
      } else {
        i += nm ? nm[0].length : 1;
        // a number directly followed by letters is a half-typed duration (`5` then `m`)
        while (i < n && /[a-zA-Z]/.test(text[i])) i++;
        const t = text.slice(start, i);
        out.push({ kind: /[a-zA-Z]$/.test(t) && !/^0[xX]/.test(t) ? 'duration' : 'number', start, end: i, text: t });
      }
      continue;
    }
    if (c === ':' && !/[A-Za-z_]/.test(text[i + 1] ?? '')) {
      // the colon of a subquery `[5m:1m]` (a metric name may start with `:`, but then a letter follows)
      i++;
      out.push({ kind: ':', start, end: i, text: c });
      continue;
    }
    if (isIdentStart(c)) {
      i++;
      while (i < n && isIdentPart(text[i])) i++;
      const t = text.slice(start, i);
      out.push({ kind: t === ':' ? ':' : 'ident', start, end: i, text: t });
      continue;
    }
    if ('(){}[],@'.includes(c)) {
      i++;
      out.push({ kind: c as TokKind, start, end: i, text: c });
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (op) {
      i += op.length;
      out.push({ kind: op === '=' || op === '=~' || op === '!~' ? 'matchop' : op === '!=' ? 'op' : 'op', start, end: i, text: op });
      continue;
    }
    i++;
    out.push({ kind: 'error', start, end: i, text: c });
  }
  return out;
}

export const GROUPING_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
