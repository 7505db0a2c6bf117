/**
 * cstTokens (src/yaml/cst-tokens.ts) against the `yaml` package's own `new Parser().parse(text)`:
 * the same tokens, field for field, on every corpus file and on corpus rule files broken at random
 * places with what ends a document early (a stray `}` or `]`), starts another (`---`, `...`,
 * directives) or is not a token, so that the path between documents is taken and left again.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Parser } from 'yaml';
import { cstTokens } from '../../src/yaml/cst-tokens';
import { CORPUS, FIXTURES, filesBelow, ruleFilesOfCorpus } from '../support/corpus-files';

const parserTokens = (text: string) => Array.from(new Parser().parse(text));

/** the tokens, compared as JSON (same fields in the same order) and as values */
function expectSameTokens(text: string): unknown[] {
  const got = Array.from(cstTokens(text));
  const want = parserTokens(text);
  const g = JSON.stringify(got);
  if (g !== JSON.stringify(want)) expect({ text, got }).toEqual({ text, got: want });
  expect(got).toStrictEqual(want);
  return got;
}

/** tokens of the stream outside any document, as the Parser words them */
const strays = (tokens: unknown[]) => tokens.filter((t) => (t as { type: string; message?: string }).type === 'error' && /token in YAML stream$/.test((t as { message: string }).message)).length;

describe('cstTokens: the Parser’s tokens', () => {
  it('every corpus and fixture YAML file', () => {
    const files = [...filesBelow(CORPUS, /\.ya?ml$/), ...filesBelow(FIXTURES, /\.ya?ml$/)];
    expect(files.length).toBeGreaterThan(300);
    for (const f of files) expectSameTokens(readFileSync(f, 'utf8'));
  });

  it('a big rule file broken near its top: thousands of tokens between documents, then a new document', () => {
    const rules = ruleFilesOfCorpus().map((f) => f.text);
    const body = rules.slice(0, 40).join('\n');
    const cut = body.indexOf('\n', 200) + 1;
    const text = body.slice(0, cut) + '}\n' + body.slice(cut) + '\n---\ngroups: []\n...\n%YAML 1.2\n---\n- a\n';
    const tokens = expectSameTokens(text);
    expect(strays(tokens)).toBeGreaterThan(1000);
    expect(tokens.filter((t) => (t as { type: string }).type === 'document').length).toBeGreaterThanOrEqual(3);
  });

  it('corpus rule files with random fragments at random places', () => {
    const rules = ruleFilesOfCorpus()
      .map((f) => f.text)
      .filter((t) => t.length < 20_000);
    const FRAGMENTS = ['}', ']', '{', '[', '\n}\n', '\n]', '---', '\n---\n', '\n...\n', '\n%YAML 1.2\n', '\n%TAG ! tag:x,2000:\n', '"', "'", '|', '>-', '? ', ': ', '- ', '#', ' #c', '&a ', '*a', '!t ', '\t', '\r\n', '\uFEFF', '@', '`', '\\', ',', 'x: y', '\n  ', '\n'];
    let between = 0;
    fc.assert(
      fc.property(
        fc.nat(rules.length - 1),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...FRAGMENTS)), { minLength: 1, maxLength: 6 }),
        (k, edits) => {
          let text = rules[k]!;
          for (const [at, frag] of edits) {
            const i = Math.floor(at * text.length);
            text = text.slice(0, i) + frag + text.slice(i);
          }
          if (strays(expectSameTokens(text)) > 0) between++;
        },
      ),
      { numRuns: 400, seed: 20261126 },
    );
    // the path between documents was taken in a good share of the cases
    expect(between).toBeGreaterThan(40);
  });
});
