/**
 * cstTokens (src/yaml/cst-tokens.ts) against `goParser().parse(text)` (the `yaml` package's Parser,
 * quoted scalars as yaml.v3 scans them: src/yaml/go-lexer.ts):
 * the same tokens, field for field, on every corpus file and on corpus rule files broken at random
 * places with what ends a document early (a stray `}` or `]`), starts another (`---`, `...`,
 * directives) or is not a token, so that the path between documents is taken and left again.
 * With a `StrayTail`, the tokens are the Parser's up to where they stop, and everything the Parser
 * makes after that is outside any document: the claim that lets `parseYaml` skip the rest.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goParser } from '../../src/yaml/go-lexer';
import { cstTokens } from '../../src/yaml/cst-tokens';
import { STRAY_TAIL_MIN, type StrayTail } from '../../src/yaml/stray-tail';
import { CORPUS, FIXTURES, filesBelow, ruleFilesOfCorpus } from '../support/corpus-files';

/** the `yaml` Parser's tokens, quoted scalars as yaml.v3 scans them (src/yaml/go-lexer.ts) */
const parserTokens = (text: string) => Array.from(goParser().parse(text));

/** what the stream holds outside a document: what a skipped tail may hold */
const OUTSIDE = new Set(['space', 'comment', 'newline', 'byte-order-mark']);
let skipped = 0;

/**
 * the tokens, compared as JSON (same fields in the same order) and as values; with a StrayTail,
 * a prefix of them, the rest being tokens outside any document
 */
function expectSameTokens(text: string): unknown[] {
  const got = Array.from(cstTokens(text));
  const want = parserTokens(text);
  const g = JSON.stringify(got);
  if (g !== JSON.stringify(want)) expect({ text, got }).toEqual({ text, got: want });
  expect(got).toStrictEqual(want);
  const tail: StrayTail = { skippedFrom: -1 };
  const cut = Array.from(cstTokens(text, tail));
  expect(cut).toStrictEqual(want.slice(0, cut.length));
  if (tail.skippedFrom < 0) expect(cut.length).toBe(want.length);
  else {
    skipped++;
    const last = cut[cut.length - 1] as { type: string; offset: number };
    expect(strays([last])).toBe(1);
    expect(last.offset).toBe(tail.skippedFrom);
    expect(text.length - tail.skippedFrom).toBeGreaterThan(STRAY_TAIL_MIN);
    for (const t of want.slice(cut.length)) if (!OUTSIDE.has(t.type)) expect(strays([t]), JSON.stringify(t)).toBe(1);
  }
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

  it('a stray tail is skipped only where nothing after it can open a document', () => {
    const rules = ruleFilesOfCorpus().map((f) => f.text);
    const body = rules.slice(0, 40).join('\n');
    const cut = body.indexOf('\n', 200) + 1;
    const broken = body.slice(0, cut) + '}\n' + body.slice(cut);
    const before = skipped;
    expectSameTokens(broken);
    expect(skipped).toBe(before + 1);
    // a document marker anywhere after the stray token, or a short tail: every token made
    for (const text of [broken + '\n---\ngroups: []\n', broken + '\n...\n', body.slice(0, cut) + '}\n' + 'x'.repeat(STRAY_TAIL_MIN - 3)]) {
      const tail: StrayTail = { skippedFrom: -1 };
      expect(Array.from(cstTokens(text, tail))).toStrictEqual(parserTokens(text));
      expect(tail.skippedFrom).toBe(-1);
    }
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
    // the path between documents was taken in a good share of the cases, and tails were skipped
    expect(between).toBeGreaterThan(40);
    expect(skipped).toBeGreaterThan(10);
  });
});
