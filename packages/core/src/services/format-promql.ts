/**
 * A PromQL formatter that keeps comments and the author's line breaks: spacing is normalised
 * (one space around binary operators, none inside brackets, `, ` between arguments), continuation
 * lines are indented by bracket depth. It refuses (returns null) when the text does not tokenize
 * cleanly or when the re-parsed result differs from the original tree — it never changes meaning.
 */
import { parser } from '@prometheus-io/lezer-promql';
import { getAggregator, getFunction } from '../promql/functions';
import { GROUPING_KEYWORDS, tokenize, type Tok } from './promql-tokens';

const OPERAND_WORDS = new Set(['and', 'or', 'unless', 'atan2', 'bool', 'offset', 'group_left', 'group_right']);

/** The tree as a string of node names and leaf texts, positions and comments left out. */
export function treeShape(text: string): string {
  const parts: string[] = [];
  parser.parse(text).iterate({
    enter(n) {
      if (n.name === 'LineComment') return false;
      parts.push(n.name);
      if (!n.node.firstChild) parts.push(JSON.stringify(text.slice(n.from, n.to)));
      return undefined;
    },
    leave() {
      parts.push(')');
    },
  });
  return parts.join(' ');
}

function isOpening(t: Tok): boolean {
  return t.kind === '(' || t.kind === '[' || t.kind === '{';
}
function isClosing(t: Tok): boolean {
  return t.kind === ')' || t.kind === ']' || t.kind === '}';
}

/** Whether a `+`/`-` at index i is unary (no operand before it). */
function isUnary(toks: Tok[], i: number): boolean {
  const p = toks[i - 1];
  if (!p) return true;
  if (p.kind === 'op' || p.kind === 'matchop' || isOpening(p) || p.kind === ',' || p.kind === ':' || p.kind === '@') return true;
  return p.kind === 'ident' && OPERAND_WORDS.has(p.text.toLowerCase());
}

function spaceBetween(toks: Tok[], i: number, braceDepth: number): string {
  const p = toks[i - 1];
  const t = toks[i];
  if (p.kind === 'comment') return '';
  if (t.kind === 'comment') return ' ';
  if (isOpening(p) || isClosing(t) || t.kind === ',') return '';
  if (p.kind === ',') return ' ';
  if (t.kind === ':' || p.kind === ':') return '';
  if (braceDepth > 0 && (t.kind === 'matchop' || p.kind === 'matchop' || t.text === '!=' || p.text === '!=')) return '';
  if (t.kind === '(') {
    if (p.kind === 'ident') {
      const w = p.text.toLowerCase();
      if (GROUPING_KEYWORDS.has(w)) return ' ';
      if (getFunction(p.text) || getAggregator(w) || !OPERAND_WORDS.has(w)) return '';
    }
    if (p.kind === ')') return ' ';
    if (p.kind === 'op' && (p.text === '-' || p.text === '+') && isUnary(toks, i - 1)) return '';
    return ' ';
  }
  if (t.kind === '{' || t.kind === '[') return p.kind === 'ident' || isClosing(p) ? '' : ' ';
  if ((p.kind === 'op' && (p.text === '-' || p.text === '+')) && isUnary(toks, i - 1)) return '';
  return ' ';
}

function hasSyntaxError(text: string): boolean {
  let bad = false;
  parser.parse(text).iterate({
    enter(n) {
      if (n.type.isError) bad = true;
      return !bad;
    },
  });
  return bad;
}

export function formatPromQL(text: string): string | null {
  if (hasSyntaxError(text)) return null;
  const toks = tokenize(text);
  if (toks.length === 0) return text.trim() === '' ? text : null;
  if (toks.some((t) => t.kind === 'error' || (t.kind === 'string' && t.closed === false))) return null;
  let out = '';
  let depth = 0;
  let braceDepth = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (i > 0) {
      const gap = text.slice(toks[i - 1].end, t.start);
      const newline = toks[i - 1].kind === 'comment' || /[\r\n]/.test(gap);
      if (newline) {
        const d = isClosing(t) ? Math.max(0, depth - 1) : depth;
        out += '\n' + '  '.repeat(d);
      } else out += spaceBetween(toks, i, braceDepth);
    }
    out += t.text;
    if (isOpening(t)) depth++;
    if (isClosing(t)) depth = Math.max(0, depth - 1);
    if (t.kind === '{') braceDepth++;
    if (t.kind === '}') braceDepth = Math.max(0, braceDepth - 1);
  }
  if (treeShape(out) !== treeShape(text)) return null;
  return out;
}
