/** Unit tests of the CLI's pure parts: argument parsing, file reading, rule_files resolution, the result cache. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../src/args';
import { jsonPieces, OWN_FILE_BYTES, RACY_MS, ResultCache } from '../src/cache';
import { outcomeFromJson, outcomeText, type FileJob, type FileOutcome } from '../src/check-file';
import type { Diagnostic } from '@promscope/core';
import { looksBinary } from '@promscope/core';
import { decodeBytes, readForCheck } from '../src/read-file';
import { ruleFilesMatcher, ruleFilesOf } from '../src/referenced-files';
import { byteBatches } from '../src/byte-batches';
import { displayPath, resolvePath } from '../src/discover';
import { relativeToConfig, type LoadedConfig } from '../src/project-configs';
import { entriesFromJson, entriesJson, entriesJsonPieces, packRefs, unpackRefs } from '../src/graph-entries';
import { analyzeFile, type RuleGraphEntry } from '@promscope/core';
import fc from 'fast-check';

describe('parseArgs', () => {
  it('defaults to checking the current folder', () => {
    expect(parseArgs(['check'])).toMatchObject({ command: 'check', inputs: ['.'], format: 'text', fix: false, cache: false });
  });
  it('reads repeatable, =-joined and aliased options', () => {
    const a = parseArgs(['check', '--enable-feature', 'a,b', '--enable-feature=c', '-f', 'sarif', '-j', '3', '--cache-location=.c', 'x', '--', '--weird']);
    expect(a).toMatchObject({ features: ['a', 'b', 'c'], format: 'sarif', jobs: 3, cache: true, cacheLocation: '.c', inputs: ['x', '--weird'] });
  });
  it('--stdin-filename alone means stdin; --expr alone checks no folder', () => {
    expect(parseArgs(['check', '--stdin-filename', 'a.yml'])).toMatchObject({ inputs: ['-'], stdinFilename: 'a.yml' });
    expect(parseArgs(['check', '--expr', 'up'])).toMatchObject({ inputs: [], exprs: ['up'] });
  });
  it.each([
    [['check', '--fix', '-']],
    [['check', '-', '-']],
    [['check', '--kind', 'toml']],
    [['check', '--prometheus-version', 'latest']],
    [['check', '--cache=yes']],
    [['check', '--format']],
  ])('rejects %j', (argv) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
  });
});

describe('reading files', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'promscope-read-'));
  it('keeps what --fix needs to write the bytes back', () => {
    expect(decodeBytes(Buffer.from('\uFEFFa: 1\r\n'))).toEqual({ text: 'a: 1\r\n', bom: true, encoding: 'utf-8', wellFormed: true });
    expect(decodeBytes(Buffer.from([0x61, 0xff]))).toEqual({ text: 'a\uFFFD', bom: false, encoding: 'utf-8', wellFormed: false, encodingProblem: { message: 'invalid leading UTF-8 octet', byte: 1, offset: 1 } });
    expect(decodeBytes(Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0xc3, 0x28]))).toMatchObject({ text: 'a\uFFFD(', bom: true, wellFormed: false, encodingProblem: { message: 'invalid trailing UTF-8 octet', byte: 4, offset: 1 } });
    // one byte-order mark is the file's, a second one its text's: --fix writes both back
    expect(decodeBytes(Buffer.from('\uFEFF\uFEFFa: 1\n'))).toEqual({ text: '\uFEFFa: 1\n', bom: true, encoding: 'utf-8', wellFormed: true });
  });
  it('reads UTF-16 after its byte-order mark (as yaml.v3 does), NUL bytes and all', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a: é🙂\n', 'utf16le')]);
    expect(looksBinary(le)).toBe(false);
    expect(decodeBytes(le)).toEqual({ text: 'a: é🙂\n', bom: true, encoding: 'utf-16le', wellFormed: true });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('a: 1', 'utf16le').swap16()]);
    expect(decodeBytes(be)).toEqual({ text: 'a: 1', bom: true, encoding: 'utf-16be', wellFormed: true });
    // a lone surrogate, an odd byte at the end: yaml.v3's words, at the U+FFFD the decoder makes
    const lone = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a: ', 'utf16le'), Buffer.from([0x00, 0xdc]), Buffer.from('b', 'utf16le')]);
    expect(decodeBytes(lone)).toMatchObject({ text: 'a: \uFFFDb', wellFormed: false, encodingProblem: { message: 'unexpected low surrogate area', byte: 8, offset: 3 } });
    const high = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a', 'utf16le'), Buffer.from([0x3d, 0xd8]), Buffer.from('b', 'utf16le')]);
    expect(decodeBytes(high).encodingProblem).toEqual({ message: 'expected low surrogate area', byte: 4, offset: 1 });
    expect(decodeBytes(Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x3d, 0xd8])).encodingProblem?.message).toBe('incomplete UTF-16 surrogate pair');
    expect(decodeBytes(Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x62])).encodingProblem).toEqual({ message: 'incomplete UTF-16 character', byte: 4, offset: 1 });
  });
  it('turns failures into messages', () => {
    expect(readForCheck(path.join(dir, 'vanished.yml'))).toEqual({ ok: false, message: 'cannot read file: no such file or directory' });
    expect(readForCheck(dir)).toEqual({ ok: false, message: 'cannot read file: is a directory' });
    expect(readForCheck('/dev/zero')).toEqual({ ok: false, message: 'not a regular file, not checked' });
    writeFileSync(path.join(dir, 'bin.yml'), Buffer.from([1, 0, 2]));
    expect(readForCheck(path.join(dir, 'bin.yml'))).toEqual({ ok: false, binary: true, message: 'binary file, not checked' });
    // a FIFO without a writer: opened without waiting for one, and not read
    const fifo = path.join(dir, 'pipe.yml');
    execFileSync('mkfifo', [fifo]);
    expect(readForCheck(fifo)).toEqual({ ok: false, message: 'not a regular file, not checked' });
  });
  it('reads a file whole, with the stat of what it read', () => {
    const text = `groups: []\n# ${'é'.repeat(100_000)}\n`;
    writeFileSync(path.join(dir, 'big.yml'), text);
    const r = readForCheck(path.join(dir, 'big.yml'));
    expect(r.ok && r.text).toBe(text);
    expect(r.ok && r.stat.size).toBe(Buffer.byteLength(text));
    writeFileSync(path.join(dir, 'empty.yml'), '');
    expect(readForCheck(path.join(dir, 'empty.yml'))).toMatchObject({ ok: true, text: '' });
  });
});

describe('graph entries as compact JSON (graph-entries.ts)', () => {
  const range = fc.record({ start: fc.nat(10_000), end: fc.nat(10_000) });
  /** a name and its range: any range, or (as most are) one of the name's length */
  const named = fc.tuple(fc.string(), range, fc.boolean()).map(([name, r, plain]) => ({ name, range: plain ? { start: r.start, end: r.start + name.length } : r }));
  const entry: fc.Arbitrary<RuleGraphEntry> = fc.record({
    group: fc.constantFrom('g', 'h', '', '0', 'a "quoted" \\ group'),
    groupIndex: fc.nat(5),
    index: fc.nat(50),
    kind: fc.constantFrom('record' as const, 'alert' as const),
    named,
    uses: fc.array(fc.record({ named, kind: fc.constantFrom('metric' as const, 'alert' as const) }).map(({ named: u, kind }) => ({ name: u.name, kind, range: u.range })), { maxLength: 4 }),
  }).map(({ named: n, ...e }) => ({ ...e, name: n.name, nameRange: n.range }));
  /** a file's entries as the analyzer makes them: groups in order, rules in order, some left out (invalid rules, empty groups) */
  const file: fc.Arbitrary<RuleGraphEntry[]> = fc
    .array(fc.tuple(fc.constantFrom('g', 'h', 'g2'), fc.array(fc.tuple(entry, fc.boolean()), { maxLength: 6 })), { maxLength: 5 })
    .map((groups) => groups.flatMap(([group, rules], groupIndex) => rules.flatMap(([e, kept], index) => (kept || index % 3 !== 1 ? [{ ...e, group, groupIndex, index }] : []))));
  /** the names a file summary has for these entries: as objects, and packed as results.json keeps them */
  const refs = (rules: readonly RuleGraphEntry[], kind: 'record' | 'alert') => rules.filter((r) => r.kind === kind).map((r) => ({ name: r.name, range: r.nameRange }));
  const namesOf = (rules: readonly RuleGraphEntry[]) => ({ records: refs(rules, 'record'), alerts: refs(rules, 'alert') });
  const packedNamesOf = (rules: readonly RuleGraphEntry[]) => ({ records: packRefs(refs(rules, 'record')), alerts: packRefs(refs(rules, 'alert')) });
  it('reads back what it writes, with the names of the summary as objects or packed, in one piece or many', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(entry, { maxLength: 30 }), file), (rules) => {
        const json = entriesJson(rules);
        expect(entriesFromJson(json, namesOf(rules))).toEqual(rules);
        expect(entriesFromJson(json, packedNamesOf(rules))).toEqual(rules);
      }),
      { numRuns: 500 },
    );
    // more rules than a piece holds: pieces that join into one array
    const many = Array.from({ length: 4500 }, (_, i) => ({ group: `g${Math.floor(i / 1000)}`, groupIndex: Math.floor(i / 1000), index: i % 1000, kind: i % 2 ? ('alert' as const) : ('record' as const), name: `r${i}`, nameRange: { start: i, end: i + 2 }, uses: [{ name: `m${i}`, kind: 'metric' as const, range: { start: i, end: i + 1 } }] }));
    const pieces = [...entriesJsonPieces(many)];
    expect(pieces.length).toBeGreaterThan(2);
    expect(entriesFromJson(pieces.join(''), packedNamesOf(many))).toEqual(many);
    // no rule's name is written (the summary has them), every use's is
    expect(pieces.join('')).not.toMatch(/"r\d+"/);
    expect(pieces.join('').match(/"m\d+"/g)).toHaveLength(4500);
  });
  it("a rule file's entries as the analyzer makes them, with its summary's names", () => {
    const text = 'groups:\n  - name: a\n    rules:\n      - record: job:x:sum\n        expr: sum by (job) (x) + on() ALERTS{alertname="Y"}\n      - alert: Y\n        expr: job:x:sum > 1\n  - name: b\n    rules:\n      - alert: Z\n        expr: up == 0\n      - record: bad name\n        expr: up\n';
    const summary = analyzeFile({ path: 'r.yml', text }).summary!;
    const rules = summary.rules!;
    expect(rules.length).toBe(4);
    // (read back with the summary's names: the same entries, so the summary names them all, in order)
    expect(entriesFromJson(entriesJson(rules), { records: summary.recordedMetrics, alerts: summary.alerts })).toEqual(rules);
  });
  it('names read back are the summary\'s; a summary with more or fewer names does not fit', () => {
    const rules: RuleGraphEntry[] = [
      { group: 'g', groupIndex: 0, index: 0, kind: 'record', name: 'a:b', nameRange: { start: 1, end: 4 }, uses: [] },
      { group: 'g', groupIndex: 0, index: 1, kind: 'alert', name: 'A', nameRange: { start: 9, end: 10 }, uses: [] },
    ];
    const names = namesOf(rules);
    const json = entriesJson(rules);
    for (const other of [{ ...names, records: [] }, { ...names, alerts: [...names.alerts, { name: 'B', range: { start: 20, end: 21 } }] }]) expect(entriesFromJson(json, other)).toBeUndefined();
    // a name (or range) that differs is the summary's, as the file has it now
    const renamed = { records: [{ name: 'a:c', range: { start: 1, end: 5 } }], alerts: names.alerts };
    expect(entriesFromJson(json, renamed)?.map((e) => [e.name, e.nameRange])).toEqual([
      ['a:c', { start: 1, end: 5 }],
      ['A', { start: 9, end: 10 }],
    ]);
    // lists that are not lists (a damaged results.json)
    expect(entriesFromJson(json, { records: 'a:b' as unknown as unknown[], alerts: names.alerts })).toBeUndefined();
    expect(entriesFromJson(json, { records: names.records, alerts: undefined as unknown as unknown[] })).toBeUndefined();
    // packed names of the wrong types
    expect(entriesFromJson(json, { records: ['a:b', '1', 4], alerts: ['A', 9, 10] })).toBeUndefined();
    expect(entriesFromJson(json, { records: [7, 1, 4], alerts: ['A', 9, 10] })).toBeUndefined();
  });
  it('anything else is undefined, never a throw', () => {
    const one = { records: [{ name: 'n', range: { start: 1, end: 2 } }], alerts: [] };
    // (a code: 1 an alert, 2 indices that follow, 4 per use; a use: its name, then 2 x its start (+1: an alert's name), or -1 - that and its end)
    const bad = ['', 'x', '{}', '[0]', '[2]', '["g"]', '["g",-2]', '["g",2.5]', '["g","2"]', '["g",0]', '["g",0,0]', '["g",0,"0",0]', '["g",2,2]', '["g",3]', '["g",6]', '["g",6,"m"]', '["g",6,"m","4"]', '["g",6,"m",-3]', '["g",6,1,4]'];
    for (const b of bad) expect(entriesFromJson(b, one), b).toBeUndefined();
    const n = { name: 'n', nameRange: { start: 1, end: 2 } };
    expect(entriesFromJson('["g",2]', one)).toEqual([{ group: 'g', groupIndex: 0, index: 0, kind: 'record', ...n, uses: [] }]);
    expect(entriesFromJson('["g",0,3,7]', one)).toEqual([{ group: 'g', groupIndex: 3, index: 7, kind: 'record', ...n, uses: [] }]);
    expect(entriesFromJson('["g",10,"up",8,"X",-12,30]', one)).toEqual([
      {
        group: 'g',
        groupIndex: 0,
        index: 0,
        kind: 'record',
        ...n,
        uses: [
          { name: 'up', kind: 'metric', range: { start: 4, end: 6 } },
          { name: 'X', kind: 'alert', range: { start: 5, end: 30 } },
        ],
      },
    ]);
    expect(entriesFromJson('[]', { records: [], alerts: [] })).toEqual([]);
  });
});

describe('paths of the command line (discover.ts)', () => {
  const cwds = ['/', '/work', '/work/main', '/work/main/'];
  const cases = ['a.yml', './a.yml', '././a/b.yml', 'a/b/c.yml', '../x.yml', 'a/../b.yml', 'a//b.yml', '/abs/a.yml', '.', '..', './', 'a/', 'a/.', '.hidden/r.yml', 'a/..b/c', '...', ''];
  it('resolvePath is path.resolve, displayPath is path.relative with / separators (or the name for the folder itself)', () => {
    const relative = (cwd: string, abs: string) => {
      const rel = path.relative(cwd, abs);
      return rel === '' ? path.basename(abs) : rel;
    };
    for (const cwd of cwds) {
      for (const input of cases) {
        const abs = resolvePath(cwd, input);
        expect(abs, `${cwd} ${input}`).toBe(path.resolve(cwd, input));
        expect(displayPath(cwd, abs), `${cwd} ${input}`).toBe(relative(cwd, abs));
      }
    }
    const segment = fc.constantFrom('a', 'b.yml', '.', '..', '', '.x', 'x..', ' ');
    fc.assert(
      fc.property(fc.constantFrom(...cwds), fc.array(segment, { maxLength: 6 }), fc.boolean(), (cwd, segs, absolute) => {
        const input = (absolute ? '/' : '') + segs.join('/');
        const abs = resolvePath(cwd, input);
        expect(abs).toBe(path.resolve(cwd, input));
        expect(displayPath(cwd, abs)).toBe(relative(cwd, abs));
        // a .promscope.yml's folder: config globs match the path relative to it
        expect(relativeToConfig({ dir: cwd.replace(/(.)\/$/, '$1') } as LoadedConfig, abs)).toBe(path.relative(cwd, abs));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('reading files (read-file.ts)', () => {
  it('gives each file its own bytes, whatever was read before it (one buffer serves every read)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'promscope-read-'));
    try {
      // sizes around the buffer's first size (256 KB) and its growth, big then small then empty
      const sizes = [5, 300_000, 17, 0, 1_200_000, 262_144, 262_145, 3, 9_000_000, 40];
      const files = sizes.map((n, i) => {
        const p = path.join(dir, `f${i}.yml`);
        let text = '';
        while (text.length < n) text += `# file ${i} line ${text.length} é\n`;
        writeFileSync(p, text.slice(0, n));
        return p;
      });
      for (const order of [files, [...files].reverse()]) {
        for (const p of order) {
          const r = readForCheck(p);
          if (!r.ok) throw new Error(r.message);
          expect(r.text === new TextDecoder().decode(readFileSync(p)), p).toBe(true);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rule_files of a prometheus.yml (seam)', () => {
  it('reads references.ruleFiles from an analysis result when present', () => {
    expect(ruleFilesOf({ references: { ruleFiles: ['a.rules', 3, ''] } })).toEqual(['a.rules']);
    expect(ruleFilesOf({ config: { ruleFiles: [{ pattern: 'rules/*.rules', isGlob: true }] } })).toEqual(['rules/*.rules']);
    expect(ruleFilesOf({ config: { ruleFiles: [{ pattern: 'rules/*.rules', isGlob: true }] } })).toEqual(['rules/*.rules']);
    expect(ruleFilesOf({ kind: 'rules' })).toEqual([]);
    expect(ruleFilesOf(null)).toEqual([]);
  });
  it('resolves entries relative to the config file, with glob syntax', () => {
    const m = ruleFilesMatcher('/repo/prom/prometheus.yml', ['alert.rules', 'rules/*.rules', '/etc/prom/x.rules']);
    expect(m('/repo/prom/alert.rules')).toBe(true);
    expect(m('/repo/prom/rules/a.rules')).toBe(true);
    expect(m('/repo/prom/rules/sub/a.rules')).toBe(false);
    expect(m('/repo/alert.rules')).toBe(false);
    expect(m('/etc/prom/x.rules')).toBe(true);
  });
});

describe('an outcome as the cache and the workers write it (outcomeText)', () => {
  const ref = (name: string, start: number) => ({ name, range: { start, end: start + name.length } });
  const outcome = {
    kind: 'rules',
    diagnostics: [{ code: 'x/y', severity: 'warning', range: { start: 0, end: 1 }, message: 'm' }],
    summary: {
      path: 'a.yml',
      kind: 'rules',
      recordedMetrics: [ref('job:a:rate5m', 10), ref('job:b:sum', 40)],
      alerts: [ref('Down', 80)],
      ruleFileRefs: [ref('rules/*.yml', 3)],
      testedAlerts: [],
      rules: [{ group: 'g', groupIndex: 0, index: 0, kind: 'record', name: 'job:a:rate5m', nameRange: { start: 10, end: 22 }, uses: [] }],
    },
    ruleFiles: ['rules/*.yml'],
  } as unknown as FileOutcome;

  it('leaves out the diagnostics and the graph entries, packs the names, and reads back as it was', () => {
    const text = outcomeText(outcome);
    expect(text).not.toContain('"diagnostics"');
    expect(text).not.toContain('"rules":[');
    // a name's end is left out when the range is the name's length
    expect(JSON.parse(text).summary.recordedMetrics).toEqual(['job:a:rate5m', 10, 'job:b:sum', 40]);
    const { diagnostics: _d, ...rest } = outcome;
    const { rules: _r, ...summary } = outcome.summary!;
    expect(outcomeFromJson(JSON.parse(text))).toEqual({ ...rest, summary });
  });

  it('keeps the end of a range that is not the name\'s length (a quoted name), and reads it back', () => {
    const quoted = [{ name: 'job:a:sum', range: { start: 7, end: 18 } }, { name: 'b', range: { start: 0, end: 1 } }, { name: '', range: { start: 0, end: 0 } }];
    expect(packRefs(quoted)).toEqual(['job:a:sum', -8, 18, 'b', 0, '', 0]);
    expect(unpackRefs(packRefs(quoted))).toEqual(quoted);
  });

  it('reads a copy: the parsed value stays packed (a cache entry is written again as it was read)', () => {
    const parsed = JSON.parse(outcomeText(outcome));
    const before = JSON.stringify(parsed);
    outcomeFromJson(parsed);
    expect(JSON.stringify(parsed)).toBe(before);
  });

  it('refuses what is not such an outcome (a damaged cache is a miss)', () => {
    expect(() => outcomeFromJson(null)).toThrow();
    expect(() => outcomeFromJson({ summary: {} })).toThrow();
    const text = outcomeText(outcome);
    for (const [from, to] of [
      ['"job:a:rate5m",10,', '"job:a:rate5m","10",'],
      ['"job:a:rate5m",10,', '"job:a:rate5m",'],
      ['"job:a:rate5m",10,', '"job:a:rate5m",-11,'],
      ['"job:a:rate5m",10,', '"job:a:rate5m",1.5,'],
      ['"alerts":["Down",80]', '"alerts":[{"name":"Down"}]'],
      ['"alerts":["Down",80]', '"alerts":"Down"'],
    ]) {
      expect(text).toContain(from);
      expect(() => outcomeFromJson(JSON.parse(text.replace(from, to))), to).toThrow();
    }
  });
});

describe('the result cache', () => {
  /** diagnostics made again: never, while the cache can be read */
  const noAgain = () => {
    throw new Error('the diagnostics were made again');
  };
  it('lets a stale entry go as soon as its file is found changed', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'promscope-cache-'));
    const outcome = { path: 'a.yml', kind: 'rules', diagnostics: [{ code: 'x/y', severity: 'warning', range: { start: 0, end: 1 }, message: 'm' }] } as unknown as FileOutcome;
    const first = new ResultCache(dir, 'v1');
    first.set('a.yml', 'k1', outcome, { diagnostics: true });
    first.set('b.yml', 'k1', outcome, { diagnostics: true });
    expect(first.save()).toBeNull();
    const second = new ResultCache(dir, 'v1');
    expect(second.get('a.yml', 'k1', noAgain)).toEqual(outcome);
    // b.yml changed: a miss, and its old outcome is gone from the cache even if it is not set again
    expect(second.get('b.yml', 'k2', noAgain)).toBeUndefined();
    expect(second.save()).toBeNull();
    const entries = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')).entries as Record<string, unknown>;
    expect(Object.keys(entries)).toEqual(['a.yml']);
    expect(new ResultCache(dir, 'v1').get('b.yml', 'k1', noAgain)).toBeUndefined();
  });

  it('keeps diagnostics apart (segments), read only when asked for; a segment damaged or gone since costs a re-analysis, never a wrong answer', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'promscope-cache-'));
    const diag = (message: string) => ({ code: 'x/y', severity: 'warning', range: { start: 0, end: 1 }, message });
    const outcome = (message: string) => ({ kind: 'rules', diagnostics: [diag(message)] }) as unknown as FileOutcome;
    const segments = () => readdirSync(path.join(dir, 'diagnostics')).sort();
    const first = new ResultCache(dir, 'v1');
    for (const f of ['a', 'b', 'c']) first.set(`${f}.yml`, 'k1', outcome(`${f} once`), { diagnostics: true });
    expect(first.save()).toBeNull();
    expect(readFileSync(path.join(dir, 'results.json'), 'utf8')).not.toContain('once');
    expect(segments()).toHaveLength(1);
    // a hit answers at once; its diagnostics are read when asked for
    let asked = 0;
    const again = (message: string) => () => {
      asked++;
      return [diag(message)] as unknown as Diagnostic[];
    };
    const second = new ResultCache(dir, 'v1');
    const a = second.get('a.yml', 'k1', again('a again'))!;
    expect(a.kind).toBe('rules');
    expect(a.diagnostics.map((d) => d.message)).toEqual(['a once']);
    // each save that sets outcomes adds a segment of its own; the others stay as they are
    second.set('b.yml', 'k2', outcome('b twice'), { diagnostics: true });
    expect(second.save()).toBeNull();
    expect(segments()).toHaveLength(2);
    const third = new ResultCache(dir, 'v1');
    expect(['a', 'b', 'c'].map((f) => third.get(`${f}.yml`, f === 'b' ? 'k2' : 'k1', again('?'))!.diagnostics[0]!.message)).toEqual(['a once', 'b twice', 'c once']);
    expect(asked).toBe(0);
    // many runs, one change each: never more than a few segments, and every entry still reads
    for (let i = 0; i < 20; i++) {
      const c = new ResultCache(dir, 'v1');
      expect(c.get('c.yml', `c${i}`, again('?'))).toBeUndefined();
      c.set('c.yml', `c${i}`, outcome(`c ${i}`), { diagnostics: true });
      expect(c.save()).toBeNull();
      expect(segments().length).toBeLessThanOrEqual(8);
    }
    const fourth = new ResultCache(dir, 'v1');
    expect(['a', 'b', 'c'].map((f) => fourth.get(`${f}.yml`, f === 'a' ? 'k1' : f === 'b' ? 'k2' : 'c19', again('?'))!.diagnostics[0]!.message)).toEqual(['a once', 'b twice', 'c 19']);
    expect(asked).toBe(0);
    // damaged bytes, a segment cut short or gone: the diagnostics are made again (and stored then)
    for (const s of segments()) {
      const file = path.join(dir, 'diagnostics', s);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/"message"/g, '"messagE"').replace(/\[/g, '{'));
    }
    const damaged = new ResultCache(dir, 'v1');
    expect(damaged.get('a.yml', 'k1', again('a again'))!.diagnostics.map((d) => d.message)).toEqual(['a again']);
    expect(asked).toBe(1);
    for (const s of segments()) writeFileSync(path.join(dir, 'diagnostics', s), '');
    const cut = new ResultCache(dir, 'v1');
    expect(cut.get('b.yml', 'k2', again('b again'))!.diagnostics.map((d) => d.message)).toEqual(['b again']);
    expect(asked).toBe(2);
    expect(cut.save()).toBeNull();
    expect(new ResultCache(dir, 'v1').get('b.yml', 'k2', noAgain)!.diagnostics.map((d) => d.message)).toEqual(['b again']);
  });

  it("stores an outcome's diagnostics only once a run needed them when they came without (its findings are in the report)", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'promscope-cache-'));
    const ds = [{ code: 'x/y', severity: 'warning', range: { start: 0, end: 1 }, message: 'made' }] as unknown as Diagnostic[];
    const first = new ResultCache(dir, 'v1');
    // as the analysis hands it over: the outcome's JSON without its diagnostics (they are let go)
    first.set('a.yml', 'k1', { kind: 'rules' } as unknown as FileOutcome, { diagnostics: false, json: new TextEncoder().encode('{"kind":"rules"}') });
    first.set('b.yml', 'k1', { kind: 'rules' } as unknown as FileOutcome, { diagnostics: false, json: new TextEncoder().encode('{"kind":"rules"}') });
    // or without its JSON (made at the save), its diagnostics never read (held: reading them throws)
    const held = { kind: 'rules', summary: { path: 'c.yml', kind: 'rules', recordedMetrics: [{ name: 'm', range: { start: 1, end: 2 } }], alerts: [], ruleFileRefs: [], testedAlerts: [] } } as unknown as FileOutcome;
    Object.defineProperty(held, 'diagnostics', {
      enumerable: false,
      get() {
        throw new Error('held');
      },
    });
    first.set('c.yml', 'k1', held, { diagnostics: false });
    expect(first.save()).toBeNull();
    expect(readdirSync(path.join(dir, 'diagnostics'))).toEqual([]);
    expect(new ResultCache(dir, 'v1').get('c.yml', 'k1', () => ds)).toEqual({ ...held, diagnostics: ds });
    let asked = 0;
    const again = () => {
      asked++;
      return ds;
    };
    // a hit all the same; its diagnostics, asked for, are made again, and stored at the save
    const second = new ResultCache(dir, 'v1');
    const a = second.get('a.yml', 'k1', again)!;
    expect(a.kind).toBe('rules');
    expect(asked).toBe(0);
    expect(a.diagnostics).toEqual(ds);
    expect(a.diagnostics).toEqual(ds);
    expect(asked).toBe(1);
    // (b.yml's are never asked for: still not stored)
    expect(second.get('b.yml', 'k1', again)).toBeDefined();
    expect(second.save()).toBeNull();
    const third = new ResultCache(dir, 'v1');
    expect(third.get('a.yml', 'k1', noAgain)!.diagnostics).toEqual(ds);
    expect(third.get('b.yml', 'k1', again)!.diagnostics).toEqual(ds);
    expect(asked).toBe(2);
    // made again, then the file changed in the same run: the new outcome's are not the old ones
    const fourth = new ResultCache(dir, 'v1');
    const stale = fourth.get('b.yml', 'k1', again)!;
    expect(fourth.get('b.yml', 'k2', noAgain)).toBeUndefined();
    fourth.set('b.yml', 'k2', { kind: 'rules' } as unknown as FileOutcome, { diagnostics: false, json: new TextEncoder().encode('{"kind":"rules"}') });
    expect(stale.diagnostics).toEqual(ds);
    expect(fourth.save()).toBeNull();
    expect(new ResultCache(dir, 'v1').get('b.yml', 'k2', () => [])!.diagnostics).toEqual([]);
  });

  it('keeps a big outcome in a file of its own: read on a hit, dropped unread when its file changed, a miss when damaged', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'promscope-cache-'));
    const d = { code: 'x/y', severity: 'warning', range: { start: 0, end: 1 }, message: 'm' };
    const name = (i: number) => ({ name: `metric_${i}`, range: { start: i, end: i + 1 } });
    // over OWN_FILE_BYTES of JSON without its diagnostics (as the cache writes it): a summary of many rules
    const summary = { path: 'big.yml', kind: 'rules', recordedMetrics: Array.from({ length: OWN_FILE_BYTES / 10 }, (_, i) => name(i)), alerts: [], ruleFileRefs: [], testedAlerts: [] };
    const big = { kind: 'rules', summary, diagnostics: Array.from({ length: 3000 }, () => d) } as unknown as FileOutcome;
    expect(outcomeText(big).length).toBeGreaterThan(OWN_FILE_BYTES);
    const small = { kind: 'rules', diagnostics: [d] } as unknown as FileOutcome;
    const first = new ResultCache(dir, 'v1');
    first.set('big.yml', 'k1', big, { diagnostics: true });
    first.set('small.yml', 'k1', small, { diagnostics: true });
    expect(first.save()).toBeNull();
    const results = () => JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')).entries as Record<string, { outcome?: unknown; outcomeFile?: string }>;
    const own = results()['big.yml']!.outcomeFile!;
    expect(results()['big.yml']!.outcome).toBeUndefined();
    // results.json: the small outcome without its diagnostics (a segment holds them, the big one's too)
    expect(results()['small.yml']!.outcome).toEqual({ kind: 'rules' });
    expect(readdirSync(path.join(dir, 'outcomes'))).toEqual([own]);
    expect(readFileSync(path.join(dir, 'outcomes', own), 'utf8')).not.toContain('"diagnostics"');
    // a hit reads it; a run that does not ask for it keeps it as it is
    expect(new ResultCache(dir, 'v1').get('big.yml', 'k1', noAgain)).toEqual(big);
    const other = new ResultCache(dir, 'v1');
    expect(other.get('small.yml', 'k1', noAgain)).toEqual(small);
    other.set('new.yml', 'k1', small, { diagnostics: true });
    expect(other.save()).toBeNull();
    expect(results()['big.yml']!.outcomeFile).toBe(own);
    expect(new ResultCache(dir, 'v1').get('big.yml', 'k1', noAgain)).toEqual(big);
    // its file changed: a miss, and the old outcome's file is removed at the save
    const changed = new ResultCache(dir, 'v1');
    expect(changed.get('big.yml', 'k2', noAgain)).toBeUndefined();
    changed.set('big.yml', 'k2', big, { diagnostics: true });
    expect(changed.save()).toBeNull();
    const now = results()['big.yml']!.outcomeFile!;
    expect(now).not.toBe(own);
    expect(readdirSync(path.join(dir, 'outcomes'))).toEqual([now]);
    expect(new ResultCache(dir, 'v1').get('big.yml', 'k2', noAgain)).toEqual(big);
    // a damaged (or missing) file of its own is a miss, never an error
    writeFileSync(path.join(dir, 'outcomes', now), '{"damaged');
    expect(new ResultCache(dir, 'v1').get('big.yml', 'k2', noAgain)).toBeUndefined();
  });

  it('is empty (workers start while files are read) only without results to reuse, and says so without reading them', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'promscope-cache-'));
    const outcome = { path: 'a.yml', kind: 'rules', diagnostics: [] } as unknown as FileOutcome;
    const first = new ResultCache(dir, 'v1');
    expect(first.isEmpty()).toBe(true);
    first.set('a.yml', 'k1', outcome, { diagnostics: true });
    expect(first.isEmpty()).toBe(false);
    expect(first.save()).toBeNull();
    expect(new ResultCache(dir, 'v1').isEmpty()).toBe(false);
    // a damaged results.json is not read to tell: it is found empty when it is read
    writeFileSync(path.join(dir, 'results.json'), '{"format":');
    const damaged = new ResultCache(dir, 'v1');
    expect(damaged.isEmpty()).toBe(false);
    expect(damaged.get('a.yml', 'k1', noAgain)).toBeUndefined();
    expect(damaged.isEmpty()).toBe(true);
  });

  it('stamps: a key for the same stat and meta only, none for a file read soon after its change, kept across runs of one version', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'promscope-cache-'));
    const st = { size: 10, mtimeMs: 1_000_000.5, ctimeMs: 1_000_001.25, ino: 42 };
    const c = new ResultCache(dir, 'v1');
    c.stamp('/w/a.yml', st, st.ctimeMs + RACY_MS, 'm1', 'k1');
    // read less than RACY_MS after a change (of content or of status): no stamp
    c.stamp('/w/b.yml', st, st.ctimeMs + RACY_MS - 1, 'm1', 'k2');
    c.stamp('/w/c.yml', { ...st, ctimeMs: st.mtimeMs - 5000, mtimeMs: 1_002_000 }, 1_003_000, 'm1', 'k3');
    expect(c.save()).toBeNull();
    const again = new ResultCache(dir, 'v1');
    expect(again.stampedKey('/w/a.yml', st, 'm1')).toBe('k1');
    expect(again.stampedKey('/w/b.yml', st, 'm1')).toBeUndefined();
    expect(again.stampedKey('/w/c.yml', { ...st, ctimeMs: st.mtimeMs - 5000, mtimeMs: 1_002_000 }, 'm1')).toBeUndefined();
    // any difference of the stat, or of the options (meta), and there is no key
    for (const other of [{ size: 11 }, { mtimeMs: st.mtimeMs + 0.001 }, { ctimeMs: st.ctimeMs + 1 }, { ino: 43 }]) expect(again.stampedKey('/w/a.yml', { ...st, ...other }, 'm1')).toBeUndefined();
    expect(again.stampedKey('/w/a.yml', st, 'm2')).toBeUndefined();
    // another version of promscope, or a damaged file: no stamps at all
    expect(new ResultCache(dir, 'v2').stampedKey('/w/a.yml', st, 'm1')).toBeUndefined();
    writeFileSync(path.join(dir, 'stamps.json'), '{"format":2,"version":"v1","files":{"/w/a.yml":[10,');
    expect(new ResultCache(dir, 'v1').stampedKey('/w/a.yml', st, 'm1')).toBeUndefined();
    writeFileSync(path.join(dir, 'stamps.json'), '{"format":2,"version":"v1","files":{"/w/a.yml":"k1"}}');
    expect(new ResultCache(dir, 'v1').stampedKey('/w/a.yml', st, 'm1')).toBeUndefined();
  });

  it('meta keys: the same for jobs that differ only in text, another for other options', () => {
    const c = new ResultCache(mkdtempSync(path.join(os.tmpdir(), 'promscope-cache-')), 'v1');
    const job = { path: 'a.yml', text: 'x', options: { prometheusVersion: '3.0' }, checks: {} } as unknown as FileJob;
    expect(c.metaKey({ ...job, text: 'y' })).toBe(c.metaKey(job));
    expect(c.metaKey({ ...job, options: { prometheusVersion: '2.42' } } as unknown as FileJob)).not.toBe(c.metaKey(job));
    expect(c.metaKey({ ...job, path: 'b.yml' })).not.toBe(c.metaKey(job));
    expect(c.metaKey({ ...job, collectAlerts: true })).not.toBe(c.metaKey(job));
    // and the full key still covers the text
    expect(c.keyOf({ ...job, text: 'y' })).not.toBe(c.keyOf(job));
  });
});

describe('report writing in batches', () => {
  it('encodes small parts and copies small byte parts into one reused buffer, passes long parts through, and loses nothing', () => {
    const MB = 1 << 20;
    const emoji = '\u{1F600}';
    // multi-byte text around the point where a batch is full
    const nearFull = `${'é'.repeat(MB / 2 - 3)}${emoji}`;
    const long = `${'a'.repeat(MB)}${emoji}`;
    const bytes = Buffer.from('<bytes é>');
    const longBytes = Buffer.from(`${'b'.repeat(MB)}${emoji}`);
    const parts = ['[\n', 'x', bytes, ',\n', 'ÿ', nearFull, 'ünïcödé', long, bytes, 'z'.repeat(MB - 10), longBytes, 'tail', bytes, ''];
    // each batch is valid until the next is asked for: copied as they come
    const out: Uint8Array[] = [];
    for (const b of byteBatches(parts)) out.push(b === longBytes ? b : Buffer.from(b));
    for (const b of out) if (b.length > MB && b !== longBytes) expect(Buffer.from(b).toString('utf8')).toBe(long);
    // a byte part longer than a batch is passed as it is; a short one is copied into a batch
    expect(out).toContain(longBytes);
    expect(out.filter((b) => b.length === bytes.length)).toEqual([]);
    // the small parts before the long one share batches
    expect(out.length).toBeLessThan(parts.length - 5);
    expect(Math.max(...out.filter((b) => b !== longBytes).map((b) => b.length))).toBeLessThanOrEqual(Math.max(MB, Buffer.byteLength(long)));
    // no batch ends inside a character: each decodes alone to its own text
    const decode = (b: Uint8Array) => Buffer.from(b).toString('utf8');
    const whole = parts.map((p) => (typeof p === 'string' ? p : decode(p))).join('');
    expect(out.map(decode).join('')).toBe(whole);
    expect(Buffer.concat(out).toString('utf8')).toBe(whole);
  });
});

describe('jsonPieces', () => {
  it('writes what JSON.stringify writes, in pieces', () => {
    const values: unknown[] = [
      { kind: 'rules', diagnostics: [{ code: 'a', range: { start: 0, end: 1 }, notes: undefined }, { code: 'b\n"q"', fix: { edits: [] } }], summary: { rules: undefined, names: ['x'] }, crash: undefined },
      [1, undefined, () => 1, null, 'ä\u{1F600}', { toJSON: () => 'as json' }, [[[]]]],
      { a: { b: { c: { d: [1, 2, { e: undefined }] } } }, s: Symbol('s'), date: new Date(0) },
      'plain',
      42,
      null,
      [],
      {},
    ];
    for (const v of values) {
      for (const depth of [0, 1, 2, 5]) {
        const pieces = [...jsonPieces(v, depth)];
        expect(pieces.join(''), `${JSON.stringify(v)} depth ${depth}`).toBe(JSON.stringify(v));
        if (depth >= 2 && typeof v === 'object' && v !== null && Object.keys(v).length > 1) expect(pieces.length).toBeGreaterThan(2);
      }
    }
  });
});
