/**
 * Encoders of a string as a YAML scalar in each style, with the exact map from every character of
 * the string to its offset in the encoded text (so a diagnostic's file range can be mapped back
 * into the expression and compared across styles).
 */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'literal-strip' | 'folded' | 'folded-strip';
export const ALL_STYLES: readonly ScalarStyle[] = ['plain', 'single', 'double', 'literal', 'literal-strip', 'folded', 'folded-strip'];

export interface Encoded {
  /** the text after `key: ` (block styles: the header, then the indented lines, no final newline) */
  text: string;
  /** pos[i] = offset in `text` of decoded character i; pos[value.length] = the end */
  pos: number[];
  /** the decoded value (block `|`/`>` add the clipped final newline) */
  value: string;
}

const YAML_SPECIAL = /^(?:~|null|true|false|yes|no|on|off|y|n|[-+]?(?:\.inf|\.nan)|[-+]?(?:0|[1-9][\d_]*)(?:\.\d*)?(?:e[-+]?\d+)?|0x[\da-f_]+|0o?[0-7_]+|<<)$/i;
/** characters YAML allows in a document outside of escapes (tab and line breaks aside) */
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff\ufeff\ufffe\uffff]/;
const HAS_SURROGATE = /[\ud800-\udfff]/;

/** which styles can carry `s` unchanged (double-quoted always can) */
export function stylesFor(s: string): ScalarStyle[] {
  const out: ScalarStyle[] = ['double'];
  const printable = !UNPRINTABLE.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, 'x')) && !s.includes('\r');
  if (!printable || s === '') return out;
  const oneLine = !s.includes('\n');
  if (oneLine) out.push('single');
  if (
    oneLine &&
    !/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(s) &&
    !/[\s]$/.test(s) &&
    !/:(?:\s|$)|\s#|\t/.test(s) &&
    !YAML_SPECIAL.test(s) &&
    !/^(?:---|\.\.\.)/.test(s)
  )
    out.push('plain');
  // block styles: the final line break is chomping's business, so `s` must not end with one, and
  // a line made only of spaces would be read as indentation
  if (!s.endsWith('\n') && !/(^|\n) +(\n|$)/.test(s) && !/^\n/.test(s)) {
    out.push('literal', 'literal-strip');
    if (oneLine && !/^\s/.test(s)) out.push('folded', 'folded-strip');
  }
  return out;
}

function escapeDouble(ch: string, rnd: () => number): string {
  switch (ch) {
    case '"':
      return '\\"';
    case '\\':
      return '\\\\';
    case '\n':
      return '\\n';
    case '\t':
      return rnd() < 0.5 ? '\\t' : '\t';
    case '/':
      return rnd() < 0.3 ? '\\/' : '/';
    case ' ':
      return rnd() < 0.1 ? '\\x20' : ' ';
  }
  const c = ch.charCodeAt(0);
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0xfeff || c === 0xfffe || c === 0xffff) return '\\u' + c.toString(16).padStart(4, '0');
  if (c > 0x7f && !HAS_SURROGATE.test(ch) && rnd() < 0.4) return rnd() < 0.5 ? '\\u' + c.toString(16).padStart(4, '0') : '\\U' + c.toString(16).padStart(8, '0');
  if (c >= 0x41 && c <= 0x5a && rnd() < 0.05) return '\\x' + c.toString(16);
  return ch;
}

/**
 * Encodes `s` in `style`. `keyColumn` is the column of the mapping key (block content is indented
 * relative to it); `rnd` picks escapes, indentation and whether to write an indentation indicator.
 */
export function encodeScalar(s: string, style: ScalarStyle, keyColumn: number, rnd: () => number): Encoded {
  const pos: number[] = [];
  let text = '';
  switch (style) {
    case 'plain':
      for (let i = 0; i <= s.length; i++) pos.push(i);
      return { text: s, pos, value: s };
    case 'single':
      text = "'";
      for (const ch of s) {
        for (let k = 0; k < ch.length; k++) pos.push(text.length + k);
        text += ch === "'" ? "''" : ch;
      }
      pos.push(text.length);
      return { text: text + "'", pos, value: s };
    case 'double': {
      text = '"';
      // iterate by code point so that a surrogate pair is never split by an escape
      for (const ch of s) {
        const enc = ch.length === 2 ? ch : escapeDouble(ch, rnd);
        pos.push(text.length);
        if (ch.length === 2) pos.push(text.length + 1);
        text += enc;
      }
      pos.push(text.length);
      return { text: text + '"', pos, value: s };
    }
    default: {
      const literal = style.startsWith('literal');
      const strip = style.endsWith('strip');
      const m = 1 + Math.floor(rnd() * 4);
      const firstLine = s.split('\n').find((l) => l !== '') ?? '';
      const indicator = firstLine.startsWith(' ') || rnd() < 0.3;
      text = (literal ? '|' : '>') + (indicator ? (rnd() < 0.5 ? `${m}${strip ? '-' : ''}` : `${strip ? '-' : ''}${m}`) : strip ? '-' : '') + (rnd() < 0.2 ? ' # header comment' : '');
      const indent = ' '.repeat(keyColumn + m);
      const lines = s.split('\n');
      lines.forEach((line, li) => {
        text += '\n';
        if (line !== '') text += indent;
        for (let k = 0; k < line.length; k++) pos.push(text.length + k);
        text += line;
        if (li < lines.length - 1) pos.push(text.length); // the line break itself
      });
      pos.push(text.length);
      return { text, pos, value: strip ? s : s + '\n' };
    }
  }
}
