/**
 * fastTree (src/yaml/fast-tree.ts), parseYaml's direct path for plain block documents, against the
 * CST walk: for every input either null or the very same document (see fast-tree-check.ts). On
 * the corpus, on hand-picked edge cases, and on the corpus's documents with random line edits.
 * (fast-cst.test.ts also runs the check on its generated documents of the block subset.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastTree, shortText } from '../../src/yaml/fast-tree';
import { defaultYamlLimits } from '../../src/yaml/limits';
import { parseYaml } from '../../src/yaml/index';
import { ruleFile } from '../../../../scripts/lib/rule-generator.mjs';
import { sameAsWalk } from './fast-tree-check';
import { CORPUS, FIXTURES, filesBelow } from '../support/corpus-files';

const corpus = CORPUS;
const fixtures = FIXTURES;

const walk = (dir: string) => filesBelow(dir, /\.ya?ml$/);

const files = [...walk(corpus), ...walk(fixtures)];
const texts = files.map((f) => readFileSync(f, 'utf8'));

describe('fastTree', () => {
  it('the corpus: the same documents as the walk, and most files on the fast path', () => {
    let fast = 0;
    for (const t of texts) if (sameAsWalk(t)) fast++;
    expect(fast).toBeGreaterThan(texts.length / 2);
  });

  it('generated rule files (the scale benchmark’s shapes)', () => {
    expect(sameAsWalk(ruleFile(3, 3, 20))).toBe(true);
    const bench =
      '# generated\ngroups:\n  - name: group-0-0\n    interval: 1m\n    rules:\n' +
      '      - record: job:rule_0:rate5m\n        expr: "sum by (job, instance) (rate(up{job=\\"svc-0\\",code=~\\"5..\\"}[5m])) > 0.05"\n        labels:\n          team: t0\n' +
      '      - alert: Alert1\n        expr: |\n          histogram_quantile(0.99, sum by (le, job) (rate(x[10m]))) > 1\n        for: 5m\n        labels:\n          severity: warning\n' +
      "        annotations:\n          summary: \"{{ $labels.instance }} of {{ $labels.job }} is at {{ $value | humanize }}\"\n          description: 'Rule 1 fired'\n";
    expect(sameAsWalk(bench)).toBe(true);
  });

  const answers: Record<string, string> = {
    'a mapping': 'a: 1\nb: two\n',
    'comments and blank lines everywhere': '# head\n\na: 1 # c\n\n  # indented\nb:\n  # inside\n  c: d\n\n# between\ne: f\n',
    'a comment at column 0 at the end (the document’s)': 'a:\n  b: c\n\n# tail\n#\n',
    'no final line break': 'a:\n  - b\n  - c: d',
    'a sequence at the key’s column': 'a:\n- b\n- c\nd: e\n',
    'compact mappings in a sequence': 'groups:\n  - name: g\n    rules:\n      - record: a:b:c\n        expr: sum(x)\n        labels:\n          l: v\n',
    'quoted values': 'a: "x \\" y"\nb: \'it\'\'s\'\nc: "{{ $labels.x }}" # c\n',
    'block scalars': 'a: |\n  x\n   y\n\nb: >-\n  folded\n  text\n\nc: |+\n  keep\n\n\nd: |2\n    two\ne: x\n',
    'a block scalar with a more indented comment line (content)': 'a: |\n  x\n  # not a comment\nb: c\n',
    'values of every resolution': 'a: ~\nb: null\nc: true\nd: 0x1F\ne: 1e3\nf: .inf\ng: 2020-01-02\nh: 5m\ni: -1\nj: <<\nk: 1_000\n',
    'empty values': 'a:\nb: # c\nc:\n  d:\n',
    'keys with colons and spaces': 'a:b: 1\nc d  : 2\n',
  };
  for (const [name, text] of Object.entries(answers)) {
    it(`answers: ${name}`, () => expect(sameAsWalk(text)).toBe(true));
  }

  const declines: Record<string, string> = {
    'tabs': 'a:\n\tb: c\n',
    'CRLF': 'a: 1\r\nb: 2\r\n',
    'a BOM': '\ufeffa: 1\n',
    'a document marker': '---\na: 1\n',
    'a second document': 'a: 1\n---\nb: 2\n',
    'a root sequence': '- a\n- b\n',
    'an indented root': '  a: 1\n',
    'a flow collection': 'a: [1, 2]\n',
    'an anchor and an alias': 'a: &x 1\nb: *x\n',
    'a tag': 'a: !!str 1\n',
    'a quoted key': '"a": 1\n',
    'a multi-line plain scalar': 'a: one\n  two\n',
    'a multi-line quoted scalar': 'a: "one\n  two"\n',
    'a value on the next line': 'a:\n  value\n',
    'a compact nested mapping': 'a: b: c\n',
    'a duplicate key': 'a: 1\na: 2\n',
    'bad indentation': 'a:\n  b: 1\n c: 2\n',
    'more indented content after a value': 'a: 1\n  b: 2\n',
    'a comment after an absent value at the end': 'a:\n  b:\n# end\n',
    'an indented comment at the end': 'a:\n  b: c\n  # end\n',
    'a missing colon': 'a: 1\nb\n',
    'a sequence on its key’s line': 'a: - b\n',
    'a nested sequence on one line': 'a:\n  - - b\n',
    'a dash alone': 'a:\n  -\n    b: c\n',
    'a bad plain start': 'a: @x\n',
    'a comment without a space after a quoted scalar': 'a: "x"#c\n',
    'a bad block scalar header': 'a: |x\n  y\n',
    'only comments': '# just this\n',
    'an empty text': '',
  };
  for (const [name, text] of Object.entries(declines)) {
    it(`declines: ${name}`, () => {
      expect(fastTree(text, defaultYamlLimits)).toBeNull();
      // and parseYaml still answers as the walk does
      expect(JSON.stringify(parseYaml(text))).toBe(JSON.stringify(parseYaml(text, { fastTree: false })));
    });
  }

  it('is not asked when parseYaml reports control characters', () => {
    const text = 'a: \u0001\n';
    expect(parseYaml(text).diagnostics.map((d) => d.message)).toEqual(parseYaml(text, { fastTree: false }).diagnostics.map((d) => d.message));
    expect(parseYaml(text).diagnostics.length).toBe(1);
  });

  it('declines depths near the limit', () => {
    const deep = Array.from({ length: 12 }, (_, i) => ' '.repeat(i * 2) + `k${i}:`).join('\n') + ' v\n';
    expect(fastTree(deep, { ...defaultYamlLimits, maxDepth: 10 })).toBeNull();
    expect(sameAsWalk(deep)).toBe(true);
  });

  it('random line edits of corpus documents: null or the walk’s document', () => {
    const seeds = texts.filter((t) => t.length < 20_000 && fastTree(t, defaultYamlLimits) !== null);
    expect(seeds.length).toBeGreaterThan(100);
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T,>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
    const snippets = ['# c', '', '   ', 'x: 1', '- a', '-', '- b: 2', 'key:', '  nested: v', '"q": 1', "k: 'it''s'", 'k: "a\\"b"', 'k: |', 'k: >-', 'k: |2', '  body', '    deeper', '---', '...', 'k: a: b', 'k: [1]', 'k: &a x', 'k: *a', '? x', ': y', 'k: v # c', 'k: v#c', 'k:v', 'k: "open', 'k: -1', 'k: - x', 'k: :x', 'k: ?x', '<<: {}', 'k: "x"#c', 'k: |#c', 'k: | # c', 'dup: 1', 'dup: 2', 'k: ~', 'k: @x', 'k: a #b: c'];
    let fast = 0;
    const runs = Number(process.env.FAST_TREE_RUNS ?? 1500);
    for (let n = 0; n < runs; n++) {
      let lines = pick(seeds).split('\n');
      for (let m = 1 + Math.floor(rnd() * 3); m > 0; m--) {
        if (lines.length === 0) lines.push('');
        const i = Math.floor(rnd() * lines.length);
        const line = lines[i]!;
        const indent = line.length - line.trimStart().length;
        const r = rnd();
        if (r < 0.15) lines.splice(i, 1);
        else if (r < 0.3) lines.splice(i, 0, pick(lines));
        else if (r < 0.45) {
          const d = Math.floor(rnd() * 5) - 2;
          lines[i] = d > 0 ? ' '.repeat(d) + line : line.slice(Math.min(-d, indent));
        } else if (r < 0.65) lines.splice(i, 0, ' '.repeat(Math.max(0, indent + Math.floor(rnd() * 5) - 2)) + pick(snippets));
        else if (r < 0.75) lines[i] = line + pick([' # c', '#c', ' ', ':', ' :', ' x', '"', "'"]);
        else if (r < 0.85) lines = lines.slice(0, i);
        else if (r < 0.92) {
          const ind = ' '.repeat(indent + 2);
          lines[i] = line.replace(/: (.+)$/, (_, v: string) => pick([`: "${v}"`, `: '${v}'`, `: |\n${ind}${v}`, `: >-\n${ind}  ${v}\n`, `:\n${ind}${v}`]));
        } else lines.push(pick(['# end', '  # end', '', '   ', '#', 'x']));
      }
      const text = rnd() < 0.1 ? lines.join('\n').trimEnd() : lines.join('\n');
      if (sameAsWalk(text)) fast++;
    }
    expect(fast).toBeGreaterThan(runs / 5);
  });
});

// ---------------------------------------------------------------------------------------------
// generated block documents (mostly inside the subset, with its near misses)

type Leaf = { k: 'plain' | 'single' | 'double'; v: string } | { k: 'block'; header: string; lines: string[] } | { k: 'null' };
type GNode = Leaf | { k: 'map'; entries: { key: string; v: GNode; x: GExtras }[] } | { k: 'seq'; items: { v: GNode; x: GExtras }[] };
interface GExtras {
  blank: number;
  comment: [number, string] | null;
  trailing: string | null;
  step: number;
  sameIndentSeq: boolean;
}

const gKey = fc
  .tuple(fc.constantFrom(...'abxyz_-<'), fc.array(fc.constantFrom(...'abc019_-./: #"\'{'), { maxLength: 8 }))
  .map(([a, b]) => (a + b.join('')).replace(/: /g, ':x').replace(/ #/g, ' x').replace(/[ :]+$/, '') || 'k');
const gPlain = fc
  .tuple(
    fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...'abxyz019_-./~<') }, { weight: 1, arbitrary: fc.constantFrom(...'{[!&*@%`|>\'"?:') }),
    fc.array(fc.constantFrom(...'abc019_-./: #"\'{}[]$()'), { maxLength: 10 }),
  )
  .map(([a, b]) => (a + b.join('')).replace(/[ ]+$/, ''));
const gQuoted = fc.array(fc.constantFrom('a', ' ', '#', ':', "''", '\\"', '\\n', '\\x41', '{{ $value }}', '日', '\\q'), { maxLength: 8 }).map((cs) => cs.join(''));
const gBlockLine = fc.oneof(fc.constant(''), fc.constant('   '), fc.constantFrom('x', 'y z', '# c', '- a', 'k: v', '  more', ' one'));
const gLeaf: fc.Arbitrary<Leaf> = fc.oneof(
  { weight: 5, arbitrary: gPlain.map((v) => ({ k: 'plain' as const, v })) },
  { weight: 2, arbitrary: gQuoted.map((v) => ({ k: 'single' as const, v: v.replace(/\\/g, '') })) },
  { weight: 2, arbitrary: gQuoted.map((v) => ({ k: 'double' as const, v: v.replace(/''/g, "'") })) },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('block' as const),
      header: fc.tuple(fc.constantFrom('|', '>'), fc.constantFrom('', '-', '+'), fc.constantFrom('', '', '1', '2'), fc.constantFrom('', '', '', ' # h', ' # h', '#h', 'x')).map((p) => p.join('')),
      lines: fc.array(gBlockLine, { maxLength: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ k: 'null' as const }) },
);
const gComment = fc.array(fc.constantFrom('c', ' ', '#', ':', '-'), { maxLength: 5 }).map((cs) => '#' + cs.join(''));
const gExtras: fc.Arbitrary<GExtras> = fc.record({
  blank: fc.constantFrom(0, 0, 0, 1, 2),
  comment: fc.option(fc.tuple(fc.integer({ min: -4, max: 4 }), gComment), { freq: 4 }),
  trailing: fc.option(gComment, { freq: 4 }),
  step: fc.constantFrom(1, 2, 2, 2, 4),
  sameIndentSeq: fc.boolean(),
});
const gTree = fc.letrec<{ node: GNode; map: GNode; seq: GNode }>((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, gLeaf, tie('map'), tie('seq')),
  map: fc.record({ k: fc.constant('map' as const), entries: fc.array(fc.record({ key: gKey, v: tie('node'), x: gExtras }), { minLength: 1, maxLength: 4 }) }),
  seq: fc.record({ k: fc.constant('seq' as const), items: fc.array(fc.record({ v: tie('node'), x: gExtras }), { minLength: 1, maxLength: 4 }) }),
}));

/** `first` is the text before the value on its line (`key:` or `-`), at indentation `n` */
function gRender(v: GNode, x: GExtras, n: number, first: string, out: string[], inSeq: boolean): void {
  const trail = x.trailing ? ' ' + x.trailing : '';
  switch (v.k) {
    case 'null':
      out.push(first + trail);
      return;
    case 'plain':
      out.push(`${first} ${v.v}${trail}`);
      return;
    case 'single':
      out.push(`${first} '${v.v}'${trail}`);
      return;
    case 'double':
      out.push(`${first} "${v.v}"${trail}`);
      return;
    case 'block': {
      const m = /[1-9]/.exec(v.header);
      const ind = ' '.repeat(m ? n + Number(m[0]) : n + 2);
      out.push(`${first} ${v.header}`, ...v.lines.map((l) => (l === '' || l === '   ' ? l : ind + l)));
      return;
    }
    case 'map':
    case 'seq': {
      if (inSeq && v.k === 'map' && !x.trailing) {
        // `- key: value`
        const sub: string[] = [];
        gNode(v, n + 2, sub);
        const i = sub.findIndex((l) => l.startsWith(' '.repeat(n + 2)) && !/^\s*(#|$)/.test(l));
        sub[i] = first + ' ' + sub[i]!.slice(n + 2);
        out.push(...sub);
        return;
      }
      out.push(first + trail);
      gNode(v, v.k === 'seq' && !inSeq && x.sameIndentSeq ? n : n + x.step, out);
    }
  }
}

function gNode(v: GNode, n: number, out: string[]): void {
  const ind = ' '.repeat(n);
  const before = (x: GExtras) => {
    for (let i = 0; i < x.blank; i++) out.push('');
    if (x.comment) out.push(' '.repeat(Math.max(0, n + x.comment[0])) + x.comment[1]);
  };
  if (v.k === 'map') {
    for (const e of v.entries) {
      before(e.x);
      gRender(e.v, e.x, n, `${ind}${e.key}:`, out, false);
    }
  } else if (v.k === 'seq') {
    for (const it of v.items) {
      before(it.x);
      gRender(it.v, it.x, n, `${ind}-`, out, true);
    }
  }
}

const gDocument = fc
  .record({ root: gTree.map, pre: fc.option(gComment), post: fc.option(fc.tuple(fc.constantFrom(0, 0, 2), gComment)), finalNewline: fc.constantFrom(true, true, false) })
  .map(({ root, pre, post, finalNewline }) => {
    const lines: string[] = [];
    if (pre) lines.push(pre);
    gNode(root, 0, lines);
    if (post) lines.push(' '.repeat(post[0]) + post[1]);
    return lines.join('\n') + (finalNewline ? '\n' : '');
  });

describe('fastTree: generated documents', () => {
  it('null or the walk’s document (a good share on the fast path)', () => {
    let fast = 0;
    let runs = 0;
    fc.assert(
      fc.property(gDocument, (text) => {
        runs++;
        if (sameAsWalk(text)) fast++;
      }),
      { numRuns: Number(process.env.FAST_TREE_RUNS ?? 3000) },
    );
    expect(fast / runs).toBeGreaterThan(0.05);
  });

  it('with random character edits: null or the walk’s document', () => {
    const edit = fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete'), fc.constantFrom(' ', '  ', '\n', '#', ' #', ':', ': ', '- ', '-', '"', "'", '|', '>', 'x', '\\', '---\n', '...'));
    fc.assert(
      fc.property(gDocument, fc.array(edit, { minLength: 1, maxLength: 3 }), (text, edits) => {
        let t = text;
        for (const [at, op, s] of edits) {
          const i = at % (t.length + 1);
          t = op === 'insert' ? t.slice(0, i) + s + t.slice(i) : t.slice(0, i) + t.slice(i + s.length);
        }
        sameAsWalk(t);
      }),
      { numRuns: Number(process.env.FAST_TREE_RUNS ?? 3000) },
    );
  });
});

describe('shortText', () => {
  it('is the slice, and one string for repeated short texts', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.nat(40), fc.nat(40), (text, a, b) => {
        const [start, end] = a <= b ? [a, Math.min(b, text.length)] : [b, Math.min(a, text.length)];
        expect(shortText(text, start, Math.max(start, end))).toBe(text.slice(start, Math.max(start, end)));
      }),
      { numRuns: 2000 },
    );
    const text = 'expr: a\nexpr: b\nannotations: x\n';
    const a = shortText(text, 0, 4);
    const b = shortText(text, 8, 12);
    expect(a).toBe('expr');
    expect(b).toBe('expr');
    expect(shortText(text, 16, 27)).toBe('annotations');
    // texts that collide in the table are told apart by their characters
    const keys = Array.from({ length: 3000 }, (_, i) => `k${i}`);
    const all = keys.join(' ');
    let at = 0;
    for (const k of keys) {
      expect(shortText(all, at, at + k.length)).toBe(k);
      at += k.length + 1;
    }
  });
});
