/**
 * Property tests: the YAML layer never throws on arbitrary input, every range it reports lies in
 * the document, and scalar source maps stay inside their node; a corpus expression keeps its
 * verdict whatever YAML scalar style quotes it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { analyzeFile } from '../../src/analyze';
import { parseYaml, type YNode } from '../../src/yaml/index';

const yamlish = fc
  .array(fc.constantFrom('a', 'b', ':', ' ', '  ', '\n', '\r\n', '\t', '-', '"', "'", '\\', '|', '>', '{', '}', '[', ']', ',', '#', '&x', '*x', '!!str', '---', '?', '🙂', '日', '\\u00e9', '2', '<<', 'k: ', '- '), {
    maxLength: 60,
  })
  .map((parts) => parts.join(''));

function* nodes(n: YNode | null, depth = 0): Generator<YNode> {
  if (!n || depth > 50) return;
  yield n;
  if (n.kind === 'map') for (const p of n.pairs) yield* [p.key, ...nodes(p.value, depth + 1)];
  if (n.kind === 'seq') for (const i of n.items) yield* nodes(i, depth + 1);
}

describe('YAML robustness', () => {
  it('never throws; ranges inside the text; source maps inside their node', () => {
    fc.assert(
      fc.property(yamlish, (text) => {
        const r = parseYaml(text);
        for (const d of r.diagnostics) {
          expect(d.range.start).toBeGreaterThanOrEqual(0);
          expect(d.range.end).toBeLessThanOrEqual(text.length);
          expect(d.range.start).toBeLessThanOrEqual(d.range.end);
        }
        for (const doc of r.documents) {
          for (const n of nodes(doc.root)) {
            expect(n.range.start).toBeGreaterThanOrEqual(0);
            expect(n.range.end).toBeLessThanOrEqual(text.length);
            if (n.kind === 'scalar') {
              for (let i = 0; i <= n.text.length; i++) {
                const o = n.toFile(i);
                expect(o).toBeGreaterThanOrEqual(0);
                expect(o).toBeLessThanOrEqual(text.length);
              }
            }
          }
        }
        // and the whole analyzer does not throw either
        analyzeFile({ path: 'f', text, kind: 'rules' });
      }),
      { numRuns: 400 },
    );
  });

  it('valid YAML written by a serializer in every style: no diagnostic, the same values', () => {
    const str = fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\t', '"', "'", '\\', ':', '#', '-', '{', '}', '[', ',', '🙂', '日', '|', '>', '%', '@', '!', '&', '*', '?', '\r'), maxLength: 30 });
    const val = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, str, fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(str.filter((k) => k.length > 0), tie('v'), { maxKeys: 4 })),
    })).v;
    const styles = fc.record({
      defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
      defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE'),
      collectionStyle: fc.constantFrom('any', 'block', 'flow'),
      lineWidth: fc.constantFrom(0, 20, 80),
      indent: fc.constantFrom(2, 4),
    });
    const toJs = (n: YNode | null): unknown => {
      if (!n) return null;
      if (n.kind === 'scalar') return n.style === 'plain' && n.goTag !== '!!str' && n.goTag !== '!!timestamp' ? n.value : n.text;
      if (n.kind === 'seq') return n.items.map(toJs);
      return Object.fromEntries(n.pairs.map((p) => [p.key.text, toJs(p.value)]));
    };
    fc.assert(
      fc.property(val, styles, (v, o) => {
        const text = stringify({ root: v }, null, o as unknown as Parameters<typeof stringify>[2]);
        // the serializer can write what its own parser refuses (e.g. a plain `|` after a blank line
        // inside a flow sequence): that is not valid YAML, and not what this property is about
        let expected: unknown;
        try {
          expected = parse(text);
        } catch {
          return;
        }
        // yaml.v3 reads a `?` or `:` that starts a token in a flow collection as an indicator (YAML
        // 1.2 as the start of a plain scalar): not the same values
        if (/[[{]/.test(text) && /(?:^|[\s[{,])[?:](?=\S)/.test(text)) return;
        const r = parseYaml(text);
        // yaml.v3 ends a plain scalar at a `?` in a flow collection (YAML 1.2 does not): its error there
        const questionInFlow = (d: { message: string; range: { start: number } }) => /^yaml: did not find expected ',' or '[\]}]'$/.test(d.message) && text[d.range.start] === '?';
        if (r.diagnostics.length > 0 && r.diagnostics.every(questionInFlow)) return;
        expect(r.diagnostics).toEqual([]);
        expect(toJs(r.documents[0].root)).toEqual(expected);
        // source maps: every decoded character sits on itself in the file, or on the backslash of
        // its escape, or (folded line breaks) on white space
        for (const n of nodes(r.documents[0].root)) {
          if (n.kind !== 'scalar') continue;
          for (let i = 0; i < n.text.length; i++) {
            const c = n.text[i];
            const f = text[n.toFile(i)];
            const ok = f === c || f === '\\' || ((c === ' ' || c === '\n') && /\s/.test(f ?? ''));
            expect(ok, `${JSON.stringify(n.text)}[${i}] -> ${JSON.stringify(f)}`).toBe(true);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  const exprs = [
    'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) > 0.05',
    "absent(up{job='x'}) == 1",
    'histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))',
    'up == 0 +',
    'rate(x[5m]',
  ];
  const styles: ((e: string) => string)[] = [
    (e) => `'${e.replace(/'/g, "''")}'`,
    (e) => JSON.stringify(e),
    (e) => `|\n          ${e}`,
    (e) => `>-\n          ${e}`,
  ];
  it('the verdict of an expression does not depend on the scalar style quoting it', () => {
    for (const e of exprs) {
      const verdicts = styles.map((s) => {
        const text = `groups:\n  - name: g\n    rules:\n      - record: r\n        expr: ${s(e)}\n`;
        return analyzeFile({ path: 'f', text, kind: 'rules' }).diagnostics.map((d) => `${d.code} ${d.message}`);
      });
      for (const v of verdicts) expect(v).toEqual(verdicts[0]);
    }
  });
});
