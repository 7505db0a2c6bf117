import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseYaml, type YMap, type YScalar, type YSeq } from '../../src/yaml/index';
import { formatDiagnostics } from '../rules/format';

function lint(text: string, limits = {}): string[] {
  return formatDiagnostics('f.yaml', text, parseYaml(text, { limits }).diagnostics);
}

describe('YAML syntax errors (positions, yaml.v3 wording, recovery)', () => {
  it('missing colon', () => {
    expect(lint('groups:\n  - name: test\n  invalid_yaml_reason\n')).toEqual(["f.yaml:3:3 error yaml/syntax yaml: could not find expected ':'"]);
  });
  it('multi-line implicit key', () => {
    expect(lint('a: 1\n  b: 2\n')[0]).toMatch(/^f\.yaml:2:4 error yaml\/syntax yaml: mapping values are not allowed in this context/);
  });
  it('compact nested mapping', () => {
    expect(lint('a: b: c\n')).toEqual(['f.yaml:1:5 error yaml/syntax yaml: mapping values are not allowed in this context (nested mappings must start on their own line)']);
  });
  it('unterminated quotes and flow collections', () => {
    expect(lint('a: "abc\n')).toEqual(['f.yaml:1:4 error yaml/syntax yaml: found unexpected end of stream while scanning a quoted scalar']);
    expect(lint('x: [1, 2\n')).toEqual(["f.yaml:1:4 error yaml/syntax yaml: did not find expected ',' or ']'"]);
  });
  it('the tokens after an error that ends the document: one error for all of them', () => {
    const text = 'groups:\n- name: a\n  rules:\n  - record: x\n    expr: up\n   } expr: y\n- name: b\n  rules: []\n';
    expect(lint(text)).toEqual(['f.yaml:6:4 error yaml/syntax yaml: Unexpected flow-map-end token in YAML stream (and 11 more unexpected tokens up to line 8: what follows is not part of the document)']);
    // a 1,000-line tail after it is one error too; with no `---` or `...` after it, it is not even
    // tokenized: nothing there can be part of a document
    expect(lint(text + '- name: c\n  rules: []\n'.repeat(500))).toEqual(['f.yaml:6:4 error yaml/syntax yaml: Unexpected flow-map-end token in YAML stream (what follows, to the end of the file, is not part of the document)']);
    expect(lint(text + '- name: c\n  rules: []\n'.repeat(500) + '---\n')).toEqual(['f.yaml:6:4 error yaml/syntax yaml: Unexpected flow-map-end token in YAML stream (and 4011 more unexpected tokens up to line 1008: what follows is not part of the document)']);
    expect(lint('a: 1\n}\n')).toEqual(['f.yaml:2:1 error yaml/syntax yaml: Unexpected flow-map-end token in YAML stream']);
  });
  it('unknown escape in a double-quoted scalar', () => {
    expect(lint('a: "x\\qy"\n')).toEqual(['f.yaml:1:6 error yaml/syntax yaml: found unknown escape character while parsing a quoted scalar']);
    // yaml.v3's escapes, not YAML 1.2's: `\/` is unknown, `\'` is a quote (promtool 2.42)
    expect(lint('a: "x\\/y"\n')).toEqual(['f.yaml:1:6 error yaml/syntax yaml: found unknown escape character while parsing a quoted scalar']);
    expect(lint('a: "x\\\'y"\n')).toEqual([]);
  });
  it('a tag ends at white space or the line end (yaml.v3: `!!str|` is no tag and block scalar; promtool 2.42)', () => {
    expect(lint('a: !!str|\n  x\nb: !!str#y 1\n')).toEqual([
      'f.yaml:1:4 error yaml/syntax yaml: did not find expected whitespace or line break',
      'f.yaml:3:4 error yaml/syntax yaml: did not find expected whitespace or line break',
    ]);
    expect(lint('a: !!str #c\n  x\nb: !!str\n  y\nc: !<tag:yaml.org,2002:str> z\n')).toEqual([]);
    // in a flow collection: yaml.v3's tag reads on over `,`, `[` and `]` (the sequence never closes), and stops at `}`
    expect(lint('a: [!x]\nb: {k: !y}\n')).toEqual([
      "f.yaml:1:4 error yaml/syntax yaml: did not find expected ',' or ']'",
      'f.yaml:2:8 error yaml/syntax yaml: did not find expected whitespace or line break',
    ]);
  });
  it('tabs as indentation, but not tabs inside values', () => {
    expect(lint('a:\n\tb: 1\n')).toEqual(['f.yaml:2:1 error yaml/syntax yaml: found character that cannot start any token (a tab used as indentation)']);
    expect(lint('a: "x\ty"\nb: [1,\t2]\n')).toEqual([]);
    // after spaces (promtool 2.42: `found a tab character that violates indentation` after a plain
    // scalar, `found character that cannot start any token` after a quoted one)
    const tab = "f.yaml:3:3 error yaml/syntax yaml: found character that cannot start any token (a tab used as indentation)";
    expect(lint('m:\n  d: x\n  \te: y\n')).toEqual([tab]);
    expect(lint('m:\n  d: "x"\n  \te: y\n')).toEqual([tab]);
    // a tab deeper than the indentation, inside a plain scalar going on: white space
    expect(lint('m:\n  d: x\n    \ty\n')).toEqual([]);
  });
  it('duplicate keys, as yaml.v3 words them', () => {
    expect(lint('groups:\n  - name: a\n    name: b\n')).toEqual(['f.yaml:3:5 error yaml/duplicate-key mapping key "name" already defined at line 2']);
  });
  it('unknown anchors', () => {
    expect(lint('a: *nope\n')).toEqual(["f.yaml:1:4 error yaml/syntax yaml: unknown anchor 'nope' referenced"]);
  });
  it('a carriage return alone ends a line, as in yaml.v3 (old Mac line endings); its offsets are the text\'s', () => {
    const text = 'groups:\r- name: g\r  rules:\r  - alert: A\r    expr: up == 0\r    annotations:\r      q: "a\r        b"\r      l: |\r        x\r        y\r';
    const r = parseYaml(text);
    expect(r.diagnostics).toEqual([]);
    const toJs = (n: unknown): unknown => {
      const y = n as { kind: string; value?: unknown; pairs?: { key: { value: unknown }; value: unknown }[]; items?: unknown[] };
      if (y.kind === 'map') return Object.fromEntries(y.pairs!.map((p) => [p.key.value, toJs(p.value)]));
      if (y.kind === 'seq') return y.items!.map(toJs);
      return y.value;
    };
    expect(toJs(r.documents[0]!.root)).toEqual(parseAllDocuments(text.replace(/\r/g, '\n'))[0]!.toJS());
    const name = (r.documents[0]!.root as { pairs: { value: { items: { pairs: { range: { start: number } }[] }[] } }[] }).pairs[0]!.value.items[0]!.pairs[0]!;
    expect(text.slice(name.range.start, name.range.start + 7)).toBe('name: g');
    // an error's line and column count the lone carriage returns
    expect(lint('a: 1\rb: [\r')).toEqual(["f.yaml:2:4 error yaml/syntax yaml: did not find expected ',' or ']'"]);
    // CRLF is one line break, as before
    expect(lint('a: 1\r\nb: 2\r\n')).toEqual([]);
  });
  it('an entry less indented than its siblings but more than its parent: yaml.v3 finds no key there', () => {
    // promtool 2.42 on the rule file: `yaml: line 3: did not find expected key` (the line where the
    // mapping it was in starts, counted from 0); the error is at the entry here
    const rule = 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    labels:\n      severity: warning\n     annotations:\n      summary: x\n';
    expect(lint(rule)).toEqual(['f.yaml:8:6 error yaml/syntax yaml: did not find expected key']);
    expect(lint('a:\n  b: 1\n c: 2\n')).toEqual(['f.yaml:3:2 error yaml/syntax yaml: did not find expected key']);
    // the same column as the first key (after `- `, an anchor or a BOM): no error
    expect(lint('- a: 1\n  b: 2\n- &x c: 1\n  d: 2\n')).toEqual([]);
    expect(lint('\ufeffa: 1\nb: 2\n')).toEqual([]);
  });
  it('an indented root ends at a line to its left: yaml.v3 loads no further, without an error', () => {
    // promtool 2.42: ` groups:` then `- name: x` is "SUCCESS: 0 rules found"
    expect(lint(' groups:\n- name: g\n  rules: []\n')).toEqual([
      "f.yaml:2:1 warning yaml/not-loaded the document's root, indented 1 space, ends at this less indented line: yaml.v3 (and yaml.v2) stop reading there, and what follows is not loaded",
    ]);
    // indented as a whole, or followed by a document of its own: all of it is read
    expect(lint('  a: 1\n  b: [2]\n# c\n')).toEqual([]);
    expect(lint('  a: 1\n---\nb: 2\n')).toEqual([]);
    // an error inside the root is still one
    expect(lint(' a: [1\nb: 2\n')[0]).toMatch(/ error yaml\/syntax /);
    // a tab that starts that line is still an error: yaml.v3 reads the token there to end the root
    expect(lint(' a: 1\n\t- b\n').filter((l) => l.includes(' error '))).toEqual(['f.yaml:2:1 error yaml/syntax yaml: found character that cannot start any token (a tab used as indentation)']);
  });
  it('tabs on lines of white space: yaml.v3 errors but for white space inside a plain scalar that goes on, or inside quotes, flow or block scalars', () => {
    // each as promtool 2.42 reports it (its line is the one before, counted from 0)
    const m = 'm:\n  k: v\n';
    expect(lint(`${m}\t\n  l: 1\n`)).toEqual(['f.yaml:3:1 error yaml/syntax yaml: found a tab character that violates indentation']);
    expect(lint(`${m}  \t\n  l: 1\n`)).toEqual(['f.yaml:3:3 error yaml/syntax yaml: found a tab character that violates indentation']);
    expect(lint(`${m}\t# c\n  l: 1\n`)).toEqual(['f.yaml:3:1 error yaml/syntax yaml: found a tab character that violates indentation']);
    expect(lint('m:\n  k: "v"\n\t\n  l: 1\n')).toEqual(['f.yaml:3:1 error yaml/syntax yaml: found character that cannot start any token (a tab on a line of white space)']);
    expect(lint('m:\n  k:\n\t\n    l: 1\n')).toEqual(['f.yaml:3:1 error yaml/syntax yaml: found character that cannot start any token (a tab on a line of white space)']);
    // deeper than the plain scalar's block: white space
    expect(lint(`${m}    \t\n  l: 1\n`)).toEqual([]);
    // in quotes and flow collections: white space
    expect(lint('m:\n  k: "v\n\t\n    w"\n  f: [1,\n\t\n    2]\n')).toEqual([]);
  });
  it("anchor and alias names are letters, digits, _ and - as yaml.v3 reads them (promtool 2.42's words)", () => {
    expect(lint('a: &x_1-b 1\nb: *x_1-b\n')).toEqual([]);
    expect(lint('a: &x.y 1\n')).toEqual(['f.yaml:1:6 error yaml/syntax yaml: did not find expected alphabetic or numeric character']);
    expect(lint('a: &é 1\nb: *é\n')).toEqual([
      'f.yaml:1:5 error yaml/syntax yaml: did not find expected alphabetic or numeric character',
      'f.yaml:2:5 error yaml/syntax yaml: did not find expected alphabetic or numeric character',
    ]);
  });
  it('a name ends at a `:`, which is the value indicator: `&name:` is an anchored null key, `*name:` an alias as a key', () => {
    const r = parseYaml('labels:\n  &severity: critical\n&x a: 1\nb:\n  *x: 2\n');
    expect(r.diagnostics).toEqual([]);
    const root = r.documents[0]!.root as YMap;
    const labels = root.pairs[0]!.value as YMap;
    expect(labels.pairs.map((p) => [p.key.goTag, p.value.kind === 'scalar' ? p.value.text : p.value.kind])).toEqual([['!!null', 'critical']]);
    // the alias is the anchored key `a`
    expect(((root.pairs[2]!.value as YMap).pairs[0]!.key as YScalar).text).toBe('a');
    // another character after the name is still yaml.v3's error
    expect(lint('a: &x; 1\n')).toEqual(['f.yaml:1:6 error yaml/syntax yaml: did not find expected alphabetic or numeric character']);
  });
  it('an empty key needs a `?`, an anchor or a tag before its `:` (yaml.v3 makes no key of nothing; promtool 2.42)', () => {
    expect(lint('a: 1\n: x\n')).toEqual(['f.yaml:2:1 error yaml/syntax yaml: did not find expected key']);
    expect(lint('a:\n  : x\n')).toEqual(['f.yaml:2:3 error yaml/syntax yaml: did not find expected key']);
    expect(lint('a:\n- : x\n')).toEqual(['f.yaml:2:3 error yaml/syntax yaml: did not find expected key']);
    expect(lint('a: {b, : x}\n')).toEqual(['f.yaml:1:8 error yaml/syntax yaml: did not find expected node content']);
    expect(lint('a: [: x]\n')).toEqual(['f.yaml:1:5 error yaml/syntax yaml: did not find expected node content']);
    for (const ok of ['a: 1\n? \n: x\n', 'a:\n  &k : x\n', 'a:\n  !!str : x\n', 'a: {? : x}\n', 'a: {&k : x}\n', 'a:\n  &k: 1\n  b: 2\n']) expect(lint(ok)).toEqual([]);
    // the anchor or tag on the line of an empty first key is the key's, not the map's
    const r = parseYaml('a:\n  !!str : x\nb:\n  &k : y\nc: *k\n');
    const root = r.documents[0]!.root as YMap;
    expect((root.pairs[0]!.value as YMap).pairs[0]!.key.goTag).toBe('!!str');
    expect(root.pairs[2]!.value.kind).toBe('scalar');
  });
  it('a `?` ends a plain scalar inside a flow collection (yaml.v3 and yaml.v2: a key indicator where `,` must be)', () => {
    expect(lint('a: [ale?rtname]\nb: {x?y: 1}\n')).toEqual([
      "f.yaml:1:8 error yaml/syntax yaml: did not find expected ',' or ']'",
      "f.yaml:2:6 error yaml/syntax yaml: did not find expected ',' or '}'",
    ]);
    expect(lint('a: a?b\nb: "[a?b]"\n')).toEqual([]);
  });
  it('an anchor or tag alone on a line starts a key that no `:` follows (promtool 2.42)', () => {
    expect(lint('a:\n  b: 1\n  &x\n')).toEqual(["f.yaml:3:3 error yaml/syntax yaml: could not find expected ':'"]);
    expect(lint('a: [1]\n!!str # c\n')).toEqual(["f.yaml:2:1 error yaml/syntax yaml: could not find expected ':'"]);
    // a bad name is the first error
    expect(lint('a:\n  b: 1\n  &    # c\n')).toEqual(['f.yaml:3:4 error yaml/syntax yaml: did not find expected alphabetic or numeric character']);
  });
  it('yaml.v3 and yaml.v2 where YAML 1.2 differs: a comment right after a quote or bracket, flow collections at any indentation (promtool 2.42 loads these)', () => {
    expect(lint('a: "x"#c\nb: [1]#c\nc: {}#c\nd: |#c\n  x\n')).toEqual([]);
    const r = parseYaml('a:\n  b: {x: 1,\ny: 2\n}\n  c: [d,\ne]\n');
    expect(r.diagnostics).toEqual([]);
    const b = ((r.documents[0]!.root as YMap).pairs[0]!.value as YMap).pairs;
    expect(b.map((p) => p.key.text)).toEqual(['b', 'c']);
    // a plain scalar in a flow collection goes on over lines at any indentation
    expect(((b[0]!.value as YMap).pairs.map((p) => p.key.text))).toEqual(['x', 'y']);
    // only a document marker ends an open collection
    expect(lint('a: [1,\n---\n')[0]).toMatch(/^f\.yaml:1:4 error yaml\/syntax yaml: did not find expected ',' or ']'/);
  });
  it("an entry that is nothing between commas: yaml.v3's `did not find expected node content`", () => {
    expect(lint('a: [x, , y]\nb: [,x]\nc: {a: 1, , b: 2}\n')).toEqual([
      'f.yaml:1:8 error yaml/syntax yaml: did not find expected node content',
      'f.yaml:2:5 error yaml/syntax yaml: did not find expected node content',
      'f.yaml:3:11 error yaml/syntax yaml: did not find expected node content',
    ]);
    expect(lint('a: [x, ]\nb: {a: 1,}\n')).toEqual([]);
  });
  it('a tab after a block `-`, `?` or a complex key\'s `:` cannot start a token; after a simple key\'s `:` it is white space (promtool 2.42)', () => {
    expect(lint('a:\n  -\tb\n  - \tc\n')).toEqual([
      'f.yaml:2:4 error yaml/syntax yaml: found character that cannot start any token (a tab after `-`)',
      'f.yaml:3:5 error yaml/syntax yaml: found character that cannot start any token (a tab after `-`)',
    ]);
    expect(lint('a:\tb\nc: &x\td\ne: [\t1]\n')).toEqual([]);
    // after spaces before a `-`, as before a key
    expect(lint('a:\n  -  b\n  \t  - c\n')).toEqual(['f.yaml:3:3 error yaml/syntax yaml: found character that cannot start any token (a tab used as indentation)']);
  });
  it('in a flow collection a `?` is a key indicator whatever follows (`[?"x"]` is a list of one map)', () => {
    const r = parseYaml('a: [?"x", y]\n');
    expect(r.diagnostics).toEqual([]);
    const items = ((r.documents[0]!.root as YMap).pairs[0]!.value as YSeq).items;
    expect(items.map((n) => n.kind)).toEqual(['map', 'scalar']);
    expect((items[0] as YMap).pairs[0]!.key.text).toBe('x');
    // and a `:` a value indicator: without a key before it, no node (amtool 0.25: `group_by: ['a', :'b']`)
    expect(lint("a: ['x', :'y']\n")).toEqual(['f.yaml:1:10 error yaml/syntax yaml: did not find expected node content']);
    expect(lint('a: [x:y, {"k":v}]\n')).toEqual([]);
  });
  it('control characters (NUL)', () => {
    expect(lint('a: x\u0000y\n')).toEqual(['f.yaml:1:5 error yaml/syntax yaml: control characters are not allowed (U+0000)']);
  });
  it('keeps what it recovered after an error', () => {
    const r = parseYaml('a: [1, 2\nb: ok\n');
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.documents[0].hasErrors).toBe(true);
    const r2 = parseYaml('a: "x\\qy"\nb: ok\n');
    const root = r2.documents[0].root;
    expect(root?.kind === 'map' && root.pairs.map((p) => p.key.text)).toEqual(['a', 'b']);
  });
  it('comments at any indentation between entries are not entries', () => {
    const t = 'a:\n  b: 1 # c\n# less indented\n      # more indented\n  c: 2\nl:\n  - 1\n# c\n  - 2\n';
    const r = parseYaml(t);
    expect(r.diagnostics).toEqual([]);
    const root = r.documents[0].root;
    const a = root?.kind === 'map' ? root.pairs[0].value : undefined;
    const l = root?.kind === 'map' ? root.pairs[1].value : undefined;
    expect(a?.kind === 'map' && a.pairs.map((p) => p.key.text)).toEqual(['b', 'c']);
    expect(l?.kind === 'seq' && l.items.length).toBe(2);
  });
  it('the whole corpus: a YAML error exactly where the `yaml` package (an independent parser) finds one', () => {
    const root = join(process.cwd(), '../shared/corpus');
    const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
    const files = walk(root).filter((f) => /\.ya?ml$/.test(f));
    expect(files.length).toBeGreaterThan(300);
    const disagree: string[] = [];
    for (const f of files) {
      const t = readFileSync(f, 'utf8');
      const ours = parseYaml(t).diagnostics.some((d) => d.severity === 'error');
      const theirs = parseAllDocuments(t).some((d) => d.errors.length > 0);
      if (ours !== theirs) disagree.push(`${f}: ours ${ours}, yaml ${theirs}`);
    }
    expect(disagree).toEqual([]);
  });
  it('multi-document streams with ranges', () => {
    const t = 'a: 1\n---\nb: 2\n...\n---\n# only a comment\n';
    const r = parseYaml(t);
    expect(r.diagnostics).toEqual([]);
    expect(r.documents.map((d) => d.root?.kind ?? null)).toEqual(['map', 'map', null]);
    expect(t.slice(r.documents[1].range.start, r.documents[1].range.end)).toBe('---\nb: 2\n...');
  });
});

describe('limits against hostile input', () => {
  it('billion laughs: excessive aliasing is reported fast and the document is dropped', () => {
    let t = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < 10; i++) t += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]\n`;
    const start = performance.now();
    const r = parseYaml(t);
    // a bound against hangs (expansion would take minutes), not a speed assertion
    expect(performance.now() - start).toBeLessThan(10_000);
    expect(lint(t)).toEqual([
      'f.yaml:2:10 error yaml/limits yaml: document contains excessive aliasing: more than 1000000 nodes once aliases are expanded (yaml.maxAliasExpansion); document not analysed',
    ]);
    expect(r.documents[0].root).toBeNull();
    // a modest use of aliases is fine
    expect(lint('a: &x [1, 2]\nb: *x\nc: *x\n')).toEqual([]);
  });
  it('10,000-deep nesting stops at maxDepth without a stack overflow', () => {
    const t = 'a: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n';
    expect(lint(t)).toEqual(['f.yaml:1:1004 error yaml/limits yaml: exceeded max depth of 1000 (yaml.maxDepth); deeper content ignored']);
    const blocks = Array.from({ length: 3000 }, (_, i) => ' '.repeat(i) + `k${i}:`).join('\n') + ' x\n';
    expect(lint(blocks, { maxDepth: 100 })[0]).toMatch(/yaml\/limits yaml: exceeded max depth of 100/);
  });
  it('huge documents are refused before parsing (configurable)', () => {
    const t = 'a: ' + 'x'.repeat(5000) + '\n';
    expect(lint(t, { maxBytes: 1000 })).toEqual(['f.yaml:1:1 error yaml/limits document is too large: 5004 characters exceeds the limit of 1000 (yaml.maxBytes); not parsed']);
    expect(lint(t)).toEqual([]);
  });
});
