/**
 * Finds inline suppression comments in a text and works out which lines each one covers.
 *
 * promscope's own directives (in `#` comments, so they work in YAML and in PromQL alike):
 *   # promscope-disable-next-line <code>[, <code>...] [-- reason]
 *   # promscope-disable-line <code>...        (a trailing comment: this line only)
 *   # promscope-disable <code>...  …  # promscope-enable [<code>...]
 *   # promscope-disable-file [<code>...]
 * No code means every code. A code matches itself, and a family prefix matches its members:
 * `rules` or `rules/*` covers `rules/schema`.
 *
 * pint's comments (`# pint disable <check>`, `# pint file/disable <check>`, `# pint ignore/...`)
 * are honoured where a pint check has a promscope counterpart (see pint-aliases.ts); they are
 * never reported as unused, since they may be there for pint itself.
 */
import type { Range } from '../diagnostics/types';
import { LineIndex } from '../text/line-index';
import { pintCheckToCodes } from './pint-aliases';

export type DirectiveKind = 'next-line' | 'line' | 'disable' | 'enable' | 'file';

export interface SuppressionDirective {
  kind: DirectiveKind;
  /** code patterns; empty means every code */
  codes: string[];
  /** the comment, from `#` to the end of the line */
  range: Range;
  /** 0-based line of the comment */
  line: number;
  /** 0-based inclusive line span the directive covers (for `disable`: up to the matching enable) */
  fromLine: number;
  toLine: number;
  source: 'promscope' | 'pint';
  /** true when the comment is alone on its line */
  ownLine: boolean;
}

const DIRECTIVE =
  /(?:^|[ \t])#[ \t]*(?:promscope-(disable-next-line|disable-line|disable-file|disable|enable)|pint[ \t]+(disable|file\/disable|ignore\/next-line|ignore\/line|ignore\/file|ignore\/begin|ignore\/end))(?=$|[ \t])(.*)$/;

/** Does a code pattern from a directive cover a diagnostic code? */
export function codeMatches(pattern: string, code: string): boolean {
  const p = pattern.endsWith('/*') ? pattern.slice(0, -2) : pattern;
  return p === code || code.startsWith(p + '/');
}

function parseCodes(rest: string): string[] {
  const withoutReason = rest.split(/[ \t]--(?:[ \t]|$)/)[0];
  return withoutReason.split(/[\s,]+/).filter((s) => s.length > 0);
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function isBlankOrComment(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#');
}

/**
 * The lines a next-line directive covers: the next line that is not blank or a comment, plus the
 * lines after it that are indented deeper (the rest of a multi-line `expr`, a block scalar, or
 * the body of a rule when the directive stands above `- alert:`).
 */
function nextStatementSpan(idx: LineIndex, afterLine: number): [number, number] | null {
  let target = afterLine + 1;
  while (target < idx.lineCount && isBlankOrComment(idx.lineText(target))) target++;
  if (target >= idx.lineCount) return null;
  const base = indentOf(idx.lineText(target));
  let last = target;
  for (let l = target + 1; l < idx.lineCount; l++) {
    const t = idx.lineText(l);
    if (t.trim() === '') continue;
    if (indentOf(t) <= base) break;
    last = l;
  }
  return [target, last];
}

/** A cheap test: can the text hold a directive at all? (Most files have none.) */
export function mayContainSuppressions(text: string): boolean {
  return (text.includes('promscope-') || text.includes('pint')) && /#[ \t]*(?:promscope-|pint[ \t])/.test(text);
}

/** All directives of a text, with the line spans they cover. */
export function parseSuppressions(text: string, index?: LineIndex): SuppressionDirective[] {
  if (!mayContainSuppressions(text)) return [];
  index ??= new LineIndex(text);
  const out: SuppressionDirective[] = [];
  const lastLine = index.lineCount - 1;
  const open: SuppressionDirective[] = [];
  for (let line = 0; line < index.lineCount; line++) {
    const lt = index.lineText(line);
    if (!lt.includes('#')) continue;
    const m = DIRECTIVE.exec(lt);
    if (!m) continue;
    const hash = lt.indexOf('#', m.index);
    const start = index.lineStarts[line] + hash;
    const range = { start, end: index.lineStarts[line] + lt.length };
    const ownLine = lt.slice(0, hash).trim() === '';
    const args = parseCodes(m[3]);
    let kind: DirectiveKind;
    let codes: string[];
    let source: 'promscope' | 'pint' = 'promscope';
    if (m[1]) {
      kind = ({ 'disable-next-line': 'next-line', 'disable-line': 'line', 'disable-file': 'file', disable: 'disable', enable: 'enable' } as const)[
        m[1] as 'disable-next-line'
      ];
      codes = args;
    } else {
      source = 'pint';
      const verb = m[2];
      if (verb === 'disable' || verb === 'file/disable') {
        // pint names one check, optionally with parameters: `promql/series(my_metric)`
        const check = (args[0] ?? '').replace(/\(.*$/, '');
        codes = pintCheckToCodes(check);
        if (codes.length === 0) continue; // a pint check promscope has no counterpart for
        kind = verb === 'disable' ? 'next-line' : 'file';
      } else {
        codes = [];
        kind = ({ 'ignore/next-line': 'next-line', 'ignore/line': 'line', 'ignore/file': 'file', 'ignore/begin': 'disable', 'ignore/end': 'enable' } as const)[
          verb as 'ignore/line'
        ];
      }
    }
    const d: SuppressionDirective = { kind, codes, range, line, fromLine: line, toLine: line, source, ownLine };
    switch (d.kind as DirectiveKind) {
      case 'next-line': {
        const span = nextStatementSpan(index, line);
        if (span) [d.fromLine, d.toLine] = span;
        else d.fromLine = d.toLine = -1;
        break;
      }
      case 'file':
        d.fromLine = 0;
        d.toLine = lastLine;
        break;
      case 'disable':
        d.toLine = lastLine;
        open.push(d);
        break;
      case 'enable':
        // closes every open disable of the same source whose codes it names (or all, with no codes)
        for (let i = open.length - 1; i >= 0; i--) {
          const o = open[i];
          if (o.source !== source) continue;
          if (codes.length === 0 || (o.codes.length > 0 && o.codes.every((c) => codes.includes(c)))) {
            o.toLine = line;
            open.splice(i, 1);
          }
        }
        break;
      case 'line':
        break;
    }
    out.push(d);
  }
  return out;
}
