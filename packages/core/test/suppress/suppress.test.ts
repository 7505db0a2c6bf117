import { describe, expect, it } from 'vitest';
import { applyEdits, applySuppressions, LineIndex, parseSuppressions, type Diagnostic } from '../../src/index';

/** a diagnostic on the first occurrence of `needle` */
function at(text: string, needle: string, code: string): Diagnostic {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`fixture lacks ${needle}`);
  return { code, severity: 'error', range: { start, end: start + needle.length }, message: `${code} at ${needle}` };
}
const lineOf = (text: string, d: Diagnostic) => new LineIndex(text).positionAt(d.range.start).line + 1;

const rules = `groups:
  - name: g
    rules:
      # promscope-disable-next-line promql/syntax -- known broken
      - alert: A
        expr: |
          rate(x[5m]
      - alert: B
        expr: rate(y[5m]
      - record: c # promscope-disable-line rules/name
        expr: z
`;

describe('inline suppressions', () => {
  it('disable-next-line covers the next statement with its deeper lines', () => {
    const a = at(rules, 'rate(x[5m]', 'promql/syntax');
    const b = at(rules, 'rate(y[5m]', 'promql/syntax');
    const name = at(rules, 'c # promscope', 'rules/name');
    const r = applySuppressions(rules, [a, b, name]);
    expect(r.suppressed).toEqual([a, name]);
    expect(r.diagnostics).toEqual([b]);
  });

  it('reports an unused suppression as info, with a fix that deletes its line', () => {
    const r = applySuppressions(rules, [at(rules, 'c # promscope', 'rules/name')]);
    const unused = r.diagnostics.filter((d) => d.code === 'promscope/unused-suppression');
    expect(unused).toHaveLength(1);
    expect(unused[0].severity).toBe('info');
    expect(unused[0].message).toBe("unused suppression: no 'promql/syntax' finding here");
    expect(lineOf(rules, unused[0])).toBe(4);
    const fixed = applyEdits(rules, unused[0].fix!.edits)!;
    expect(fixed).toBe(rules.replace('      # promscope-disable-next-line promql/syntax -- known broken\n', ''));
  });

  it('disable/enable blocks, families, and disable-file', () => {
    const text = ['a', '# promscope-disable rules', 'b', 'c', '# promscope-enable', 'd'].join('\n');
    const onLine = (n: number, code: string): Diagnostic => {
      const start = new LineIndex(text).lineStarts[n - 1];
      return { code, severity: 'error', range: { start, end: start + 1 }, message: code };
    };
    const r = applySuppressions(text, [1, 3, 4, 6].map((n) => onLine(n, 'rules/schema')).concat([onLine(4, 'promql/syntax')]));
    expect(r.diagnostics.map((d) => `${lineOf(text, d)} ${d.code}`)).toEqual(['1 rules/schema', '6 rules/schema', '4 promql/syntax']);
    expect(r.suppressed).toHaveLength(2);
    const whole = applySuppressions(`# promscope-disable-file\n${text}`, [at(text, 'd', 'x/y')]);
    expect(whole.suppressed).toHaveLength(1);
  });

  it('a suppression with several codes reports only the unused ones', () => {
    const text = '# promscope-disable-next-line a/b, c/d\nexpr\n';
    const r = applySuppressions(text, [at(text, 'expr', 'a/b')]);
    expect(r.diagnostics.map((d) => d.message)).toEqual(["unused suppression: no 'c/d' finding here"]);
    expect(r.diagnostics[0].fix).toBeUndefined(); // the line is half used: not deleted
  });

  it('honours pint comments through the alias table, never reporting them unused', () => {
    const text = '- alert: X\n  # pint disable promql/syntax\n  expr: up ==\n# pint ignore/next-line\nfoo bar\n# pint disable labels/conflict\n';
    const s = at(text, 'up ==', 'promql/syntax');
    const f = at(text, 'foo bar', 'rules/schema');
    const r = applySuppressions(text, [s, f]);
    expect(r.suppressed).toEqual([s, f]);
    expect(r.diagnostics).toEqual([]);
    expect(parseSuppressions(text).map((d) => d.source)).toEqual(['pint', 'pint']);
  });

  it('ignores directive-like text that is not a comment', () => {
    expect(parseSuppressions('expr: foo#promscope-disable-file\n')).toEqual([]);
    expect(parseSuppressions('labels: {a: promscope-disable-file}\n')).toEqual([]);
  });
});

describe('findings at the end of the text', () => {
  it('belong to the last non-blank line for disable-next-line', () => {
    const text = '# promscope-disable-next-line\nrate(x[5m]\n\n';
    const eof: Diagnostic = { code: 'promql/syntax', severity: 'error', range: { start: text.length, end: text.length }, message: 'unclosed left parenthesis' };
    expect(applySuppressions(text, [eof])).toEqual({ diagnostics: [], suppressed: [eof] });
  });
});
