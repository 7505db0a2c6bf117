import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseYaml, type YScalar } from '../../src/yaml/index';

/** the scalar value of `key` in the first document */
function scalar(text: string, key = 'k'): YScalar {
  const r = parseYaml(text);
  expect(r.diagnostics).toEqual([]);
  const root = r.documents[0].root;
  if (root?.kind !== 'map') throw new Error('no map');
  const v = root.pairs.find((p) => p.key.text === key)?.value;
  if (v?.kind !== 'scalar') throw new Error('no scalar');
  return v;
}

/** every decoded character that is copied verbatim must map onto itself in the file */
function expectVerbatimMapped(text: string, s: YScalar, verbatim: string) {
  const at = s.text.indexOf(verbatim);
  expect(at).toBeGreaterThanOrEqual(0);
  const r = s.toFileRange({ start: at, end: at + verbatim.length });
  expect(text.slice(r.start, r.end)).toBe(verbatim);
}

describe('scalar decoding and source maps', () => {
  it('plain, single line, with emoji and CJK (UTF-16 offsets)', () => {
    const t = 'k: 日本🙂 x{y}\n';
    const s = scalar(t);
    expect(s.text).toBe('日本🙂 x{y}');
    expect(s.style).toBe('plain');
    expect(s.toFile(s.text.indexOf('x'))).toBe(t.indexOf('x'));
    expect(s.toFile(s.text.length)).toBe(t.indexOf('\n'));
  });

  it('plain multi-line: folding to spaces and newlines', () => {
    const t = 'k: one\n  two\n\n  thrée🙂 end\n';
    const s = scalar(t);
    expect(s.text).toBe('one two\nthrée🙂 end');
    expectVerbatimMapped(t, s, 'thrée🙂 end');
    expectVerbatimMapped(t, s, 'two');
  });

  it("single-quoted with '' escapes and folding", () => {
    const t = "k: 'it''s 🙂\n   folded ''x'''\n";
    const s = scalar(t);
    expect(s.text).toBe("it's 🙂 folded 'x'");
    expectVerbatimMapped(t, s, 'folded');
    // the decoded quote maps to the first quote of its escape pair
    expect(t.slice(s.toFile(2), s.toFile(2) + 2)).toBe("''");
  });

  it('double-quoted: every escape, \\u and \\U, escaped line break, folding', () => {
    const t = 'k: "a\\tb\\\\c\\"d\\x41\\u00e9\\U0001F642 \\\'\\_e\\\n    f\n\n  g"\n';
    const s = scalar(t);
    expect(s.text).toBe('a\tb\\c"dAé🙂 \'\u00a0ef\ng');
    // character after a run of escapes maps exactly
    expect(t[s.toFile(s.text.indexOf('d'))]).toBe('d');
    expect(t[s.toFile(s.text.indexOf('f'))]).toBe('f');
    expect(t[s.toFile(s.text.indexOf('g'))]).toBe('g');
    // an escape maps to its backslash and a range over it ends after the escape
    const emoji = s.text.indexOf('🙂');
    const r = s.toFileRange({ start: emoji, end: emoji + 2 });
    expect(t.slice(r.start, r.end)).toBe('\\U0001F642');
  });

  it('literal block with indentation indicator and strip chomping', () => {
    const t = 'k: |2-\n   indented\n  🙂 x\n\nnext: 1\n';
    const s = scalar(t);
    expect(s.text).toBe(' indented\n🙂 x');
    expect(s.style).toBe('literal');
    expectVerbatimMapped(t, s, '🙂 x');
  });

  it('literal block clip and keep chomping', () => {
    expect(scalar('k: |\n  a\n\n\n').text).toBe('a\n');
    expect(scalar('k: |+\n  a\n\n\n').text).toBe('a\n\n\n');
    expect(scalar('k: |-\n  a\n\n').text).toBe('a');
  });

  it('folded block with more-indented lines', () => {
    const t = 'k: >\n  one\n  two\n\n  three\n    more\n  end\n';
    const s = scalar(t);
    expect(s.text).toBe('one two\nthree\n  more\nend\n');
    expectVerbatimMapped(t, s, '  more');
    expectVerbatimMapped(t, s, 'end');
  });

  it('CRLF line endings and a BOM', () => {
    const t = '\ufeffa: 1\r\nk: >-\r\n  x\r\n  y🙂\r\nb: "p\r\n  q"\r\n';
    const s = scalar(t);
    expect(s.text).toBe('x y🙂');
    expectVerbatimMapped(t, s, 'y🙂');
    const b = scalar(t, 'b');
    expect(b.text).toBe('p q');
    expect(t[b.toFile(2)]).toBe('q');
  });

  it('a quoted scalar\'s lines may be less indented than its key (yaml.v3: promtool 2.42 loads such rules)', () => {
    const nested = (t: string) => {
      const r = parseYaml(t);
      expect(r.diagnostics).toEqual([]);
      const m = r.documents[0]!.root as { pairs: { key: { text: string }; value: { pairs: { value: YScalar }[] } }[] };
      return m.pairs[0]!.value.pairs[0]!.value;
    };
    const d = nested('a:\n  description: "Vault is sea\nled on {{ $labels.instance }}"\n  other: 1\n');
    expect(d.text).toBe('Vault is sea led on {{ $labels.instance }}');
    expect(nested('a:\n  s: \'x\n y\'\n').text).toBe('x y');
    // a document marker at the start of a line ends it: yaml.v3's error, at the scalar
    expect(parseYaml('a: "x\n---\ny"\n').diagnostics.map((x) => [x.range.start, x.message])).toContainEqual([3, 'yaml: found unexpected document indicator while scanning a quoted scalar']);
    expect(parseYaml('a: "x\n ---\ny"\n').diagnostics).toEqual([]);
  });

  it('a block scalar line of spaces only, more than its indentation: those spaces are content (the spec, yaml.v3)', () => {
    // fast-check's counterexample: `{ root: "a\n \n" }` as the `yaml` package writes it
    expect(scalar('k: |+\n  a\n   \n').text).toBe('a\n \n');
    expect(scalar('k: |\n  a\n   \n  b\n').text).toBe('a\n \nb\n');
    expect(scalar('k: >\n  a\n\n   \n  b\n  c\n').text).toBe('a\n\n \nb c\n');
    expect(scalar('k: |-\n  a\n    \n').text).toBe('a\n  ');
    // as many spaces as the indentation, or fewer: an empty line
    expect(scalar('k: |\n  a\n  \n \n  b\n').text).toBe('a\n\n\nb\n');
  });

  it('tabs inside values are content', () => {
    expect(scalar('k: "a\tb"\n').text).toBe('a\tb');
    expect(scalar('k: |\n  a\tb\n').text).toBe('a\tb\n');
  });
});

describe('yaml.v3 value resolution', () => {
  const cases: [string, unknown, string][] = [
    ['yes', 'yes', '!!str'],
    ['true', true, '!!bool'],
    ['~', null, '!!null'],
    ['0x1F', 31, '!!int'],
    ['1_000', 1000, '!!int'],
    ['0777', 511, '!!int'],
    ['0o17', 15, '!!int'],
    ['.5', 0.5, '!!float'],
    ['-1e3', -1000, '!!float'],
    ['5m', '5m', '!!str'],
    ['2024-01-02', '2024-01-02', '!!timestamp'],
    ['"true"', 'true', '!!str'],
    ['!!str 12', '12', '!!str'],
  ];
  for (const [src, value, tag] of cases) {
    it(`${src} → ${String(value)} (${tag})`, () => {
      const s = scalar(`k: ${src}\n`);
      expect(s.value).toEqual(value);
      expect(s.goTag).toBe(tag);
    });
  }
});

describe('a source map as runs (changePoints)', () => {
  // a scalar's text from pieces that make runs and units in every style: escapes, doubled quotes,
  // folded and kept line breaks, an escaped line break, blank lines, surrogate pairs
  const piece = fc.constantFrom('sum(x)', ' ', 'a', '🙂', 'é', '\\t', '\\u00e9', '\\"', "''", '\\\n   ', '\n  ', '\n\n  ', '  \n    ', '{a="b"}', '#', ': ');
  const body = fc.array(piece, { minLength: 1, maxLength: 12 }).map((ps) => ps.join(''));
  const docs = fc.tuple(body, fc.constantFrom('plain', 'single', 'double', 'literal', 'folded', 'literal-keep', 'folded-strip'), fc.boolean()).map(([b, style, crlf]) => {
    const indented = b.replace(/\n/g, '\n  ');
    const t =
      style === 'plain'
        ? `k: ${b.replace(/[\\"'#:]/g, 'x').trim() || 'x'}\nz: 1\n`
        : style === 'single'
          ? `k: '${b.replace(/'(?!')/g, 'q').replace(/\\/g, '/')}'\nz: 1\n`
          : style === 'double'
            ? `k: "${b.replace(/''/g, 'q')}"\nz: 1\n`
            : `k: ${style.startsWith('literal') ? '|' : '>'}${style.endsWith('keep') ? '+' : style.endsWith('strip') ? '-' : ''}\n  ${indented.replace(/^\s+/, '')}\nz: 1\n`;
    return crlf ? t.replace(/\n/g, '\r\n') : t;
  });

  it('between two change points, every offset maps with the same shift (every style, LF and CRLF)', () => {
    let checked = 0;
    fc.assert(
      fc.property(docs, (t) => {
        const r = parseYaml(t);
        const root = r.documents[0]?.root;
        const s = root?.kind === 'map' ? root.pairs.find((p) => p.key.text === 'k')?.value : undefined;
        if (s?.kind !== 'scalar' || !s.changePoints || !s.toFileEnd) return;
        const pts = s.changePoints();
        const n = s.text.length;
        expect(pts[0]).toBe(0);
        for (let k = 1; k < pts.length; k++) expect(pts[k]! > pts[k - 1]! && pts[k]! <= n).toBe(true);
        let p = 0;
        for (let i = 0; i <= n; i++) {
          while (p + 1 < pts.length && pts[p + 1]! <= i) p++;
          const at = pts[p]!;
          expect([i, s.toFile(i) - i, s.toFileEnd(i) - i]).toEqual([i, s.toFile(at) - at, s.toFileEnd(at) - at]);
          expect(s.toFileEnd(i)).toBe(i <= 0 ? s.toFile(0) : s.toFileRange({ start: 0, end: i }).end);
        }
        checked++;
      }),
      { numRuns: 400 },
    );
    expect(checked).toBeGreaterThan(300);
  });
});
