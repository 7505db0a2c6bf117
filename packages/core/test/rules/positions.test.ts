/**
 * Every PromQL diagnostic lands at the exact place in the file, whatever the scalar style, with
 * escapes and multi-byte characters (emoji: 2 UTF-16 units, CJK) before the error, LF or CRLF.
 * The expected position is found independently: the unique identifier `fooX` in the file text.
 */
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/analyze';

const rule = (exprLines: string) => `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: ${exprLines}\n`;

const styles: Record<string, string> = {
  plain: rule('sum(up{a="日本🙂"}) + fooX(bar)'),
  'plain multi-line': rule('sum(up{a="日本🙂"})\n          +\n          fooX(bar)'),
  'single-quoted': rule(`'sum(up{a="it''s 日本🙂"}) + fooX(bar)'`),
  'single-quoted folded': rule(`'sum(up{a="日本🙂"})\n\n          + fooX(bar)'`),
  'double-quoted with escapes': rule('"sum(up{a=\\"\\u65e5\\U0001F642\\t\\\\\\\\\\"}) + fooX(bar)"'),
  'double-quoted with escaped line break': rule('"sum(up{a=\\"日本🙂\\"}) \\\n          + fooX(bar)"'),
  literal: rule('|\n          sum(up{a="日本🙂"})\n            + fooX(bar)'),
  'literal with indicator and keep': rule('|2+\n          sum(up{a="日本🙂"})\n          + fooX(bar)\n'),
  folded: rule('>-\n          sum(up{a="日本🙂"})\n          + fooX(bar)'),
  'folded with more-indented line': rule('>\n          sum(up{a="日本🙂"})\n\n            + fooX(bar)'),
};

function check(text: string) {
  const r = analyzeFile({ path: 'r.yaml', text, kind: 'rules' });
  const d = r.diagnostics.find((x) => /unknown function/.test(x.message));
  expect(d, JSON.stringify(r.diagnostics)).toBeDefined();
  const at = text.indexOf('fooX');
  expect(d!.range.start).toBe(at);
  expect(text.slice(d!.range.start, d!.range.end)).toBe('fooX');
  expect(d!.severity).toBe('error');
  expect(d!.message).toBe('group "g", rule 1, "A": could not parse expression: parse error: unknown function with name "fooX"');
}

describe('PromQL positions in every scalar style', () => {
  for (const [name, text] of Object.entries(styles)) {
    it(name, () => check(text));
    it(`${name} (CRLF)`, () => check(text.replace(/\n/g, '\r\n')));
  }
});
