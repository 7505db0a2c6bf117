/**
 * Hostile YAML through `analyzeFile` (issue 8): alias bombs, 10,000-deep nesting, huge scalars,
 * many documents, duplicate keys, tabs, BOM, CRLF, invalid UTF-8 (as the CLI decodes it: U+FFFD)
 * and NUL bytes. Each gets a clear diagnostic, within a time bound (the harness turns a hang into a
 * failure) and a memory bound (the worker's heap is capped; the heap growth of each analysis is
 * measured after a GC and bounded loosely). The limits are documented in docs/limits.md.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { utf8Problem } from '../../src/yaml/index';
import { guardedAnalyzer, type Reply, type Request } from './support/harness';

const MB = 1024 * 1024;
const analyzer = guardedAnalyzer({ heapMb: 1536, defaultTimeoutMs: 30_000 });
afterAll(() => analyzer.close());

const run = (req: Omit<Request, 'id'>, timeoutMs?: number) => analyzer.analyze({ measureHeap: true, ...req }, timeoutMs);
const codes = (r: Reply) => r.diagnostics.map((d) => d.code);
const find = (r: Reply, code: string, re: RegExp) => r.diagnostics.find((d) => d.code === code && re.test(d.message));
function inside(r: Reply) {
  for (const d of r.diagnostics) {
    expect(d.range.start, d.message).toBeGreaterThanOrEqual(0);
    expect(d.range.end, d.message).toBeGreaterThanOrEqual(d.range.start);
    expect(d.range.end, d.message).toBeLessThanOrEqual(r.textLength);
    expect(d.code).not.toMatch(/internal/);
  }
}

const RULES = 'groups:\n- name: g\n  rules:\n  - record: a:b\n    expr: sum(rate(x[5m])) by (job)\n';

/** the classic billion laughs: 9 levels of 9 aliases = 9^9 (387M) nodes once expanded */
function billionLaughs(levels = 9): string {
  const names = 'abcdefghijklmnop';
  let s = `${names[0]}: &${names[0]} ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n`;
  for (let i = 1; i <= levels; i++) s += `${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(',')}]\n`;
  return s;
}

describe('alias expansion bombs', () => {
  test('billion laughs in a rule file: one yaml/limits error, fast, no expansion', async () => {
    const text = RULES + billionLaughs();
    const r = await run({ input: { path: 'bomb.yml', text } });
    expect(r.kind).toBe('rules');
    expect(find(r, 'yaml/limits', /excessive aliasing/)).toBeTruthy();
    inside(r);
    expect(r.heapDeltaBytes).toBeLessThan(64 * MB);
  });

  test('billion laughs as the groups value itself (the decoder would walk it)', async () => {
    const text = billionLaughs(8) + 'groups: *i\n';
    const r = await run({ input: { path: 'bomb.yml', text, kind: 'rules' } });
    expect(find(r, 'yaml/limits', /excessive aliasing/)).toBeTruthy();
    inside(r);
    expect(r.heapDeltaBytes).toBeLessThan(64 * MB);
  });

  test('maxAliasExpansion is configurable', async () => {
    const text = RULES + 'x: &x [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\ny: [*x, *x, *x, *x, *x, *x, *x, *x, *x, *x, *x, *x]\n';
    const lax = await run({ input: { path: 'a.yml', text } });
    expect(codes(lax)).not.toContain('yaml/limits');
    const strict = await run({ input: { path: 'a.yml', text }, options: { yamlLimits: { maxAliasExpansion: 50 } } });
    expect(find(strict, 'yaml/limits', /excessive aliasing/)).toBeTruthy();
  });
});

describe('deep nesting', () => {
  const cases: [string, string][] = [
    ['flow sequences', 'groups: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n'],
    ['flow mappings', 'groups: ' + '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000) + '\n'],
    ['compact block sequences', 'groups:\n' + '- '.repeat(10_000) + 'x\n'],
    ['unclosed flow sequences', 'groups: ' + '['.repeat(10_000) + '\n'],
  ];
  test.each(cases)('10,000-deep %s: a yaml/limits depth error', async (_name, text) => {
    const r = await run({ input: { path: 'deep.yml', text } });
    expect(r.kind).toBe('rules');
    expect(find(r, 'yaml/limits', /max depth of 1000/)).toBeTruthy();
    inside(r);
    expect(r.heapDeltaBytes).toBeLessThan(256 * MB);
  });

  test('indented block mappings beyond the depth limit (1,200 levels, 720 KB of indentation)', async () => {
    let text = 'groups:\n';
    for (let i = 0; i < 1200; i++) text += ' '.repeat(i + 1) + `k${i}:\n`;
    const r = await run({ input: { path: 'deep.yml', text } });
    expect(find(r, 'yaml/limits', /max depth/)).toBeTruthy();
    inside(r);
  });

  test('maxDepth is configurable', async () => {
    const text = RULES + 'extra: ' + '['.repeat(60) + ']'.repeat(60) + '\n';
    expect(codes(await run({ input: { path: 'a.yml', text } }))).not.toContain('yaml/limits');
    const r = await run({ input: { path: 'a.yml', text }, options: { yamlLimits: { maxDepth: 50 } } });
    expect(find(r, 'yaml/limits', /max depth of 50/)).toBeTruthy();
  });
});

describe('huge scalars and documents', () => {
  test('a 100 MB single scalar is refused by maxBytes before parsing', async () => {
    const r = await run({ input: { path: 'big.yml' }, recipe: { prefix: 'groups:\n- name: g\n  rules:\n  - record: a:b\n    expr: "', repeat: 'x', times: 100 * MB, suffix: '"\n' } }, 60_000);
    expect(r.textLength).toBeGreaterThan(100 * MB);
    const d = find(r, 'yaml/limits', /too large/);
    expect(d?.message).toMatch(/maxBytes/);
    inside(r);
    expect(r.heapDeltaBytes).toBeLessThan(64 * MB);
  });

  test('an 8 MB scalar within the limits is parsed and its expression checked', async () => {
    const r = await run({ input: { path: 'big.yml' }, recipe: { prefix: 'groups:\n- name: g\n  rules:\n  - record: a:b\n    expr: "sum(', repeat: 'x', times: 8 * MB, suffix: '"\n' } }, 60_000);
    expect(codes(r)).not.toContain('yaml/limits');
    expect(find(r, 'promql/syntax', /unclosed left parenthesis/)).toBeTruthy();
    inside(r);
    // the text itself is ~8 MB of Latin-1; the analysis may copy it a few times, not hundreds
    expect(r.heapDeltaBytes).toBeLessThan(400 * MB);
  });

  test('maxBytes is configurable', async () => {
    const text = RULES + '# ' + 'y'.repeat(4096) + '\n';
    const r = await run({ input: { path: 'a.yml', text }, options: { yamlLimits: { maxBytes: 1024 } } });
    expect(find(r, 'yaml/limits', /too large/)).toBeTruthy();
  });

  test('10,001 documents: a yaml/limits error; maxDocuments is configurable', async () => {
    const text = RULES + '---\n'.repeat(10_001);
    const r = await run({ input: { path: 'docs.yml', text, kind: 'rules' } });
    expect(find(r, 'yaml/limits', /documents/)).toBeTruthy();
    inside(r);
    const small = await run({ input: { path: 'docs.yml', text: RULES + `---\n${RULES}`.repeat(5), kind: 'rules' }, options: { yamlLimits: { maxDocuments: 3 } } });
    expect(find(small, 'yaml/limits', /documents/)).toBeTruthy();
  });
});

describe('malformed text', () => {
  test('duplicate keys: yaml.v3 words, at the second key', async () => {
    const text = 'groups:\n- name: g\n  name: h\n  rules: []\n';
    const r = await run({ input: { path: 'dup.yml', text } });
    const d = find(r, 'yaml/duplicate-key', /mapping key "name" already defined at line 2/);
    expect(d).toBeTruthy();
    expect(text.slice(d!.range.start, d!.range.end)).toBe('name');
    expect(d!.range.start).toBe(text.indexOf('name: h'));
  });

  test('a tab used as indentation', async () => {
    const text = 'groups:\n- name: g\n  rules:\n\t- record: a:b\n';
    const r = await run({ input: { path: 'tab.yml', text } });
    const d = find(r, 'yaml/syntax', /tab/);
    expect(d).toBeTruthy();
    expect(d!.range.start).toBe(text.indexOf('\t'));
  });

  const bomText = '\uFEFF' + RULES.replace('sum(rate(x[5m])) by (job)', 'sum(');
  test('a BOM (kind given): positions count the BOM', async () => {
    const r = await run({ input: { path: 'bom.yml', text: bomText, kind: 'rules' } });
    const d = find(r, 'promql/syntax', /unclosed left parenthesis/);
    expect(d?.range.start).toBe(bomText.length - 1);
    inside(r);
  });

  // BUG (core/src/detect.ts, not this folder): detectYaml's `^key:` regex does not skip a leading
  // U+FEFF, so a rule file that starts with a BOM is detected as `unknown` and silently not
  // checked. The CLI strips the BOM before analysing; other callers (LSP clients that keep it,
  // library users) do not.
  test('a BOM: the file is still recognised as a rule file', async () => {
    const r = await run({ input: { path: 'bom.yml', text: bomText } });
    expect(r.kind).toBe('rules');
    expect(find(r, 'promql/syntax', /unclosed left parenthesis/)).toBeTruthy();
  });

  test('CRLF line endings: positions in the CRLF text, every scalar style', async () => {
    for (const scalar of ['sum(', "'sum('", '"sum("', '|\n      sum(', '>-\n      sum(']) {
      const lf = `groups:\n- name: g\n  rules:\n  - record: a:b\n    expr: ${scalar}\n    labels:\n      x: y\n`;
      const text = lf.replace(/\n/g, '\r\n');
      const r = await run({ input: { path: 'crlf.yml', text } });
      const d = find(r, 'promql/syntax', /unclosed left parenthesis/);
      expect(d, scalar).toBeTruthy();
      const after = text.indexOf('sum(') + 4;
      // the error is at the end of the expression: before the line break, or (for `|`, whose value
      // ends with the clipped line break) after it; never between the \r and the \n.
      // BUG (core/src/yaml source map): for `|` in a CRLF file the end maps between \r and \n.
      expect([after, after + 2], scalar).toContain(d!.range.start);
      inside(r);
    }
  });

  test('invalid UTF-8 as the CLI decodes it (U+FFFD): a clear PromQL error, no crash', async () => {
    const bytes = Buffer.concat([Buffer.from('groups:\n- name: g\xff\n  rules:\n  - record: a:b\n    expr: sum(x', 'latin1'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(')\n# \xfe comment\n', 'latin1')]);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    expect(text).toContain('\uFFFD');
    const r = await run({ input: { path: 'bad-utf8.yml', text } });
    expect(r.kind).toBe('rules');
    const d = find(r, 'promql/syntax', /unexpected character/);
    expect(d).toBeTruthy();
    expect(text.slice(d!.range.start, d!.range.end)).toContain('\uFFFD');
    inside(r);
  });

  test("invalid UTF-8 with its place (as the CLI reads bytes): yaml.v3's reader error there, for every YAML kind, not for a dashboard", async () => {
    const files: [string, string, boolean][] = [
      ['rules.yml', 'groups:\n- name: g<>\n  rules: []\n', true],
      ['prometheus.yml', 'scrape_configs:\n- job_name: j<>\n', true],
      ['alertmanager.yml', 'route:\n  receiver: r<>\nreceivers:\n- name: r\n', true],
      ['tests.yml', 'rule_files: [a.yml]\ntests:\n- input_series: []\n  name: t<>\n', true],
      ['dashboard.json', '{"panels": [{"title": "t<>", "targets": [{"expr": "up"}]}]}', false],
    ];
    for (const [path, template, yaml] of files) {
      const [head, tail] = template.split('<>') as [string, string];
      const bytes = new Uint8Array([...Buffer.from(head), 0xe2, 0x28, 0xa1, ...Buffer.from(tail)]);
      const encodingProblem = utf8Problem(bytes)!;
      const text = new TextDecoder().decode(bytes);
      const r = await run({ input: { path, text, encodingProblem } });
      const d = r.diagnostics.filter((x) => x.code === 'yaml/encoding');
      if (!yaml) {
        expect(d, path).toEqual([]);
        continue;
      }
      expect(d, path).toEqual([expect.objectContaining({ severity: 'error', message: 'yaml: invalid trailing UTF-8 octet', range: { start: head.length, end: head.length + 1 } })]);
      expect(text[head.length]).toBe('\uFFFD');
      inside(r);
    }
  });

  test('NUL bytes: a control-character syntax error at the NUL', async () => {
    const text = 'groups:\n- name: g\u0000\n  rules:\n  - record: a:b\n    expr: sum(x)\n';
    const r = await run({ input: { path: 'nul.yml', text } });
    const d = find(r, 'yaml/syntax', /control characters are not allowed \(U\+0000\)/);
    expect(d?.range.start).toBe(text.indexOf('\u0000'));
    inside(r);
  });

  test('a lone surrogate and other control characters do not crash', async () => {
    for (const bad of ['\ud800', '\udfff', '\u0007', '\u001b[31m', '\u2028', '\u0085', '\uFFFE']) {
      const text = `groups:\n- name: g${bad}\n  rules:\n  - record: a:b\n    expr: sum(x${bad})\n`;
      const r = await run({ input: { path: 'ctl.yml', text } });
      inside(r);
      expect(r.diagnostics.length, JSON.stringify(bad)).toBeGreaterThan(0);
    }
  });
});
