/**
 * Decoding of YAML scalars from their source text, with an exact source map for every style:
 * plain and quoted scalars (line folding, `''`, all double-quoted escapes, escaped line breaks) and
 * block scalars (`|`/`>`, indentation indicators, chomping, more-indented lines). CRLF aware.
 *
 * The decoders never throw; problems (unknown escape, missing closing quote, bad indentation) are
 * returned as `problems` with file offsets, worded as Go's yaml.v3 words them where it has a word.
 */
import { ScalarSourceMap, type SourceMapLike } from './source-map';

export interface DecodeProblem {
  offset: number;
  end: number;
  message: string;
}

export interface DecodedScalar {
  text: string;
  map: SourceMapLike;
  problems: DecodeProblem[];
}

const isWhite = (c: number) => c === 32 || c === 9;

/** where the decoders record segments: a ScalarSourceMap, or `noMap` when only the text is wanted */
interface MapSink {
  run(textStart: number, fileStart: number, length: number): void;
  unit(textStart: number, fileStart: number, fileEnd: number): void;
}
const noMap: MapSink & SourceMapLike = {
  run() {},
  unit() {},
  toFile: () => 0,
  toFileEnd: () => 0,
  toFileRange: () => ({ start: 0, end: 0 }),
  changePoints: () => [0],
};
const noProblems: DecodeProblem[] = [];

interface Line {
  /** file offset of the first character of the line */
  start: number;
  /** file offset of the end of the line content (before \r?\n) */
  end: number;
  /** file offset of the line break (== end), or -1 for the last line */
  brk: number;
  /** offset just after the line break (`\n`, `\r` or `\r\n`); `end` for the last line */
  brkEnd: number;
}

/** splits [start, end) of `src` into lines (\n, \r\n or lone \r) */
function splitLines(src: string, start: number, end: number): Line[] {
  const lines: Line[] = [];
  let ls = start;
  for (let i = start; i < end; i++) {
    const c = src.charCodeAt(i);
    if (c === 10 || c === 13) {
      const brk = i;
      if (c === 13 && src.charCodeAt(i + 1) === 10) i++;
      lines.push({ start: ls, end: brk, brk, brkEnd: i + 1 });
      ls = i + 1;
    }
  }
  lines.push({ start: ls, end, brk: -1, brkEnd: end });
  return lines;
}

/**
 * Plain and single-quoted scalars share the folding of unescaped line breaks: each line is trimmed
 * (the first line only at its end, the last only at its start), a single break becomes a space and
 * n+1 breaks become n newlines.
 */
function foldFlow(
  src: string,
  start: number,
  end: number,
  out: { text: string; map: MapSink },
  emitLine: (from: number, to: number) => void,
): void {
  const lines = splitLines(src, start, end);
  if (lines.length === 1) {
    emitLine(start, end);
    return;
  }
  let pendingBreaks = 0;
  let breakFrom = -1;
  for (let li = 0; li < lines.length; li++) {
    const l = lines[li];
    let s = l.start;
    let e = l.end;
    if (li > 0) while (s < e && isWhite(src.charCodeAt(s))) s++;
    if (li < lines.length - 1) while (e > s && isWhite(src.charCodeAt(e - 1))) e--;
    const empty = s === e && li > 0 && li < lines.length - 1;
    if (empty) {
      pendingBreaks++;
      continue;
    }
    if (li > 0) {
      const textStart = out.text.length;
      if (pendingBreaks === 0) out.text += ' ';
      else out.text += '\n'.repeat(pendingBreaks);
      out.map.unit(textStart, breakFrom, s);
    }
    emitLine(s, e);
    pendingBreaks = 0;
    breakFrom = e;
  }
}

/** decodes a plain scalar occupying [start, end) of `src` */
export function decodePlain(src: string, start: number, end: number, withMap = true): DecodedScalar {
  let single = true;
  for (let i = start; i < end; i++) {
    const c = src.charCodeAt(i);
    if (c === 10 || c === 13) {
      single = false;
      break;
    }
  }
  if (single) {
    return { text: src.slice(start, end), map: withMap ? ScalarSourceMap.identity(start, end - start) : noMap, problems: withMap ? [] : noProblems };
  }
  const map: MapSink = withMap ? new ScalarSourceMap(start, 0) : noMap;
  const out = { text: '', map };
  foldFlow(src, start, end, out, (s, e) => {
    map.run(out.text.length, s, e - s);
    out.text += src.slice(s, e);
  });
  return finish(out.text, start, out.map, []);
}

function finish(text: string, emptyAt: number, built: MapSink, problems: DecodeProblem[]): DecodedScalar {
  if (built === noMap) return { text, map: noMap, problems };
  // the map was built with an unknown length; re-wrap with the final length
  (built as unknown as { textLength: number }).textLength = text.length;
  (built as unknown as { emptyAt: number }).emptyAt = emptyAt;
  return { text, map: built as ScalarSourceMap, problems };
}

/**
 * A quoted scalar without its closing quote, as yaml.v3 reports it: the text ended, or a line inside
 * it starts with a document marker (`---`, `...`), which ends its token (go-lexer.ts).
 */
function unclosedQuote(src: string, start: number, end: number): DecodeProblem {
  let at = end;
  if (src.charCodeAt(at) === 13) at++;
  if (src.charCodeAt(at) === 10) {
    const m = src.slice(at + 1, at + 5);
    // (at the scalar, which the error is about: the marker starts a document of its own)
    if (/^(?:---|\.\.\.)(?:[ \t\r\n]|$)/.test(m)) return { offset: start, end, message: 'found unexpected document indicator while scanning a quoted scalar' };
  }
  return { offset: start, end, message: 'found unexpected end of stream while scanning a quoted scalar' };
}

/** decodes a single-quoted scalar whose source (with quotes) occupies [start, end) */
export function decodeSingleQuoted(src: string, start: number, end: number, withMap = true): DecodedScalar {
  const closed = end - start >= 2 && src.charCodeAt(end - 1) === 39;
  const cStart = start + 1;
  // one line without `''`: the content as it is, mapped one to one (the map the general path builds)
  if (closed && isVerbatim(src, cStart, end - 1, 39)) {
    return withMap ? { text: src.slice(cStart, end - 1), map: ScalarSourceMap.identity(cStart, end - 1 - cStart), problems: [] } : { text: src.slice(cStart, end - 1), map: noMap, problems: noProblems };
  }
  const problems: DecodeProblem[] = [];
  let cEnd = end - 1;
  if (!closed) {
    problems.push(unclosedQuote(src, start, end));
    cEnd = end;
  }
  const map: MapSink = withMap ? new ScalarSourceMap(cStart, 0) : noMap;
  const out = { text: '', map };
  foldFlow(src, cStart, cEnd, out, (s, e) => {
    let runStart = s;
    for (let i = s; i < e; i++) {
      if (src.charCodeAt(i) === 39 && src.charCodeAt(i + 1) === 39 && i + 1 < e) {
        if (i > runStart) {
          map.run(out.text.length, runStart, i - runStart);
          out.text += src.slice(runStart, i);
        }
        map.unit(out.text.length, i, i + 2);
        out.text += "'";
        i++;
        runStart = i + 1;
      }
    }
    if (e > runStart) {
      map.run(out.text.length, runStart, e - runStart);
      out.text += src.slice(runStart, e);
    }
  });
  return finish(out.text, cStart, map, problems);
}

const simpleEscapes: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  // yaml.v3's escapes: `\'` is one, `\/` (YAML 1.2) is not (promtool 2.42: found unknown escape character)
  "'": "'",
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};
const hexLength: Record<string, number> = { x: 2, u: 4, U: 8 };

/** decodes a double-quoted scalar whose source (with quotes) occupies [start, end) */
export function decodeDoubleQuoted(src: string, start: number, end: number, withMap = true): DecodedScalar {
  const cStart = start + 1;
  // one line without escapes: the content as it is, mapped one to one (the map the general path builds)
  if (end - start >= 2 && src.charCodeAt(end - 1) === 34 && isVerbatim(src, cStart, end - 1, 92)) {
    return withMap ? { text: src.slice(cStart, end - 1), map: ScalarSourceMap.identity(cStart, end - 1 - cStart), problems: [] } : { text: src.slice(cStart, end - 1), map: noMap, problems: noProblems };
  }
  const problems: DecodeProblem[] = [];
  let cEnd = end - 1;
  if (end - start < 2 || src.charCodeAt(end - 1) !== 34 || isEscaped(src, start + 1, end - 1)) {
    problems.push(unclosedQuote(src, start, end));
    cEnd = end;
  }
  const map: MapSink = withMap ? new ScalarSourceMap(cStart, 0) : noMap;
  // the text is built as parts joined once (a flat string, not a chain of concatenations); tl is its length
  const parts: string[] = [];
  let tl = 0;
  const lines = splitLines(src, cStart, cEnd);
  let pendingBreaks = 0;
  let breakFrom = -1;
  /** true when the previous line ended with an escaped line break (`\` before the break) */
  let escapedBreak = false;
  for (let li = 0; li < lines.length; li++) {
    const l = lines[li];
    let s = l.start;
    let e = l.end;
    if (li > 0) while (s < e && isWhite(src.charCodeAt(s))) s++;
    // an odd number of backslashes before the break escapes it
    let endsEscaped = false;
    if (li < lines.length - 1) {
      if (isEscaped(src, l.start, e)) {
        endsEscaped = true;
        e--; // drop the backslash; trailing white before it is content
      } else while (e > s && isWhite(src.charCodeAt(e - 1)) && !isEscaped(src, l.start, e - 1)) e--;
    }
    const empty = s === e && li > 0 && li < lines.length - 1 && !endsEscaped;
    if (empty) {
      if (!escapedBreak) pendingBreaks++;
      continue;
    }
    if (li > 0 && !escapedBreak) {
      const brk = pendingBreaks === 0 ? ' ' : '\n'.repeat(pendingBreaks);
      map.unit(tl, breakFrom, s);
      parts.push(brk);
      tl += brk.length;
    }
    pendingBreaks = 0;
    // the line content with escapes
    let runStart = s;
    for (let i = s; i < e; i++) {
      if (src.charCodeAt(i) !== 92) continue;
      if (i > runStart) {
        map.run(tl, runStart, i - runStart);
        parts.push(src.slice(runStart, i));
        tl += i - runStart;
      }
      const esc = src[i + 1] ?? '';
      let decoded: string | undefined = simpleEscapes[esc];
      let len = 2;
      if (decoded === undefined && esc in hexLength) {
        const n = hexLength[esc];
        const hex = src.slice(i + 2, i + 2 + n);
        if (hex.length === n && /^[0-9a-fA-F]+$/.test(hex)) {
          const cp = parseInt(hex, 16);
          if (cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) decoded = String.fromCodePoint(cp);
          len = 2 + n;
        }
        if (decoded === undefined) {
          problems.push({ offset: i, end: Math.min(e, i + 2 + n), message: 'did not find expected hexdecimal number while parsing a quoted scalar' });
          decoded = '';
          len = Math.min(e - i, 2 + n);
        }
      } else if (decoded === undefined) {
        problems.push({ offset: i, end: Math.min(e, i + 2), message: 'found unknown escape character while parsing a quoted scalar' });
        decoded = esc;
      }
      map.unit(tl, i, Math.min(i + len, e));
      parts.push(decoded);
      tl += decoded.length;
      i += len - 1;
      runStart = i + 1;
    }
    if (e > runStart) {
      map.run(tl, runStart, e - runStart);
      parts.push(src.slice(runStart, e));
      tl += e - runStart;
    }
    breakFrom = endsEscaped ? e + 1 : e;
    escapedBreak = endsEscaped;
  }
  return finish(parts.length === 1 ? parts[0] : parts.join(''), cStart, map, problems);
}

/** no line break and no `special` character in [start, end) of `src` */
function isVerbatim(src: string, start: number, end: number, special: number): boolean {
  for (let i = start; i < end; i++) {
    const c = src.charCodeAt(i);
    if (c === special || c === 10 || c === 13) return false;
  }
  return true;
}

/** whether the character before `pos` is a backslash that is itself not escaped */
function isEscaped(src: string, from: number, pos: number): boolean {
  let n = 0;
  for (let i = pos - 1; i >= from && src.charCodeAt(i) === 92; i--) n++;
  return n % 2 === 1;
}

export interface BlockHeader {
  folded: boolean;
  chomp: 'clip' | 'strip' | 'keep';
  /** explicit indentation indicator, 0 when absent */
  indicator: number;
}

export function parseBlockHeader(header: string): BlockHeader {
  const folded = header[0] === '>';
  let chomp: BlockHeader['chomp'] = 'clip';
  let indicator = 0;
  for (let i = 1; i < header.length; i++) {
    const ch = header[i];
    if (ch === '-') chomp = 'strip';
    else if (ch === '+') chomp = 'keep';
    else if (ch >= '1' && ch <= '9') indicator = Number(ch);
    else break; // comment or whitespace
  }
  return { folded, chomp, indicator };
}

/**
 * Decodes a block scalar body occupying [start, end) (the lines after the header line).
 * `parentIndent` is the indentation of the node that owns the scalar (the CST `indent`).
 */
export function decodeBlock(src: string, start: number, end: number, header: BlockHeader, parentIndent: number): DecodedScalar {
  const problems: DecodeProblem[] = [];
  const map = new ScalarSourceMap(start, 0);
  // a trailing line break ends the last line; it does not open an empty line
  const lines = splitLines(src, start, end);
  if (lines.length > 1 && lines[lines.length - 1].start === end) lines.pop();
  const indentOf = (l: Line) => {
    let i = l.start;
    while (i < l.end && src.charCodeAt(i) === 32) i++;
    return i - l.start;
  };
  /** a line of spaces only is empty (tabs are content) */
  const isBlank = (l: Line) => {
    for (let i = l.start; i < l.end; i++) if (src.charCodeAt(i) !== 32) return false;
    return true;
  };
  let indent = header.indicator > 0 ? parentIndent + header.indicator : 0;
  let contentStart = lines.length;
  for (let i = 0; i < lines.length; i++) {
    if (!isBlank(lines[i])) {
      contentStart = i;
      break;
    }
  }
  if (header.indicator === 0) {
    if (contentStart < lines.length) indent = indentOf(lines[contentStart]);
    else indent = lines.reduce((m, l) => Math.max(m, l.end - l.start), 0);
  }
  /**
   * an empty line of the content: spaces only, no more than the indentation (more spaces than that
   * are content, as in yaml.v3 and the YAML spec: `|` over `a`, `   ` (3 spaces), indented 2 is "a\n \n")
   */
  const isEmptyLine = (l: Line) => isBlank(l) && l.end - l.start <= indent;
  // with no content at all, every line is a trailing line (kept only by `+`)
  let chompStart = contentStart === lines.length ? 0 : lines.length;
  for (let i = lines.length - 1; i >= contentStart; i--) {
    if (!isEmptyLine(lines[i])) break;
    chompStart = i;
  }
  let text = '';
  let sep = '';
  let sepFrom = -1;
  let prevMoreIndented = false;
  const emitSep = (to: number) => {
    if (sep) {
      map.unit(text.length, sepFrom, to);
      text += sep;
    }
  };
  // leading empty lines are kept as line breaks
  for (let i = 0; i < Math.min(contentStart, chompStart); i++) {
    const l = lines[i];
    const s = Math.min(l.start + indent, l.end);
    if (l.end > s) {
      map.run(text.length, s, l.end - s);
      text += src.slice(s, l.end);
    }
    if (l.brk === -1) continue;
    map.unit(text.length, l.end, l.brkEnd);
    text += '\n';
  }
  for (let i = contentStart; i < chompStart; i++) {
    const l = lines[i];
    const lineIndent = indentOf(l);
    const blank = isEmptyLine(l);
    if (!blank && lineIndent < indent) {
      problems.push({
        offset: l.start + lineIndent,
        end: l.end,
        message: 'did not find expected comment or line break: block scalar lines must not be less indented than the first line',
      });
    }
    const s = Math.min(l.start + Math.min(indent, lineIndent), l.end);
    const content = blank ? '' : src.slice(s, l.end);
    if (!header.folded) {
      emitSep(s);
      if (content) {
        map.run(text.length, s, l.end - s);
        text += content;
      }
      sep = '\n';
      sepFrom = l.end;
    } else if (!blank && (lineIndent > indent || src.charCodeAt(s) === 9)) {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      emitSep(s);
      map.run(text.length, s, l.end - s);
      text += content;
      sep = '\n';
      sepFrom = l.end;
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') {
        map.unit(text.length, l.start, l.brkEnd);
        text += '\n';
      } else {
        sep = '\n';
      }
    } else {
      emitSep(s);
      map.run(text.length, s, l.end - s);
      text += content;
      sep = ' ';
      sepFrom = l.end;
      prevMoreIndented = false;
    }
  }
  const hasContent = contentStart < chompStart;
  if (header.chomp === 'strip') {
    // nothing
  } else if (header.chomp === 'keep') {
    if (hasContent && lines[chompStart - 1].brk !== -1) {
      const last = lines[chompStart - 1];
      map.unit(text.length, last.end, last.brkEnd);
      text += '\n';
    }
    for (let i = hasContent ? chompStart : 0; i < lines.length; i++) {
      const l = lines[i];
      if (l.brk === -1) continue;
      map.unit(text.length, l.end, l.brkEnd);
      text += '\n';
    }
  } else if (hasContent && lines[chompStart - 1].brk !== -1) {
    const last = lines[chompStart - 1];
    map.unit(text.length, last.end, last.brkEnd);
    text += '\n';
  }
  return finish(text, start, map, problems);
}
