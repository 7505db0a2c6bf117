/**
 * Golden tests of every output format, on one fixed report (so they do not move when the analyzer's
 * wording changes), plus SARIF validated against the official SARIF 2.1.0 JSON schema.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv-draft-04';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toFindings, type Finding } from '../src/findings';
import { formatChunk, formatReport, formatReportParts, type Chunk, type Report } from '../src/format/index';
import { FINDINGS_PER_PIECE, reportPieces } from '../src/format/report';
import { tally } from '../src/findings';
import { useColor } from '../src/format/colors';
import { xmlEscape } from '../src/format/xml';
import type { Diagnostic } from '@promscope/core';

const ruleText = 'groups:\n  - name: g\n    rules:\n      - alert: Ä\n        expr: rate(x[5m]\n';
const exprAt = ruleText.indexOf('rate(');
const diags: Diagnostic[] = [
  { code: 'promql/syntax', severity: 'error', range: { start: exprAt, end: exprAt + 10 }, message: 'unclosed left parenthesis' },
  {
    code: 'rules/name',
    severity: 'warning',
    range: { start: ruleText.indexOf('Ä'), end: ruleText.indexOf('Ä') + 1 },
    message: 'alert name "Ä" <is> odd, 100% & not: a, b\nsecond line',
    notes: [{ message: 'names are usually CamelCase' }],
    fix: { description: 'rename to A', safe: true, edits: [{ range: { start: ruleText.indexOf('Ä'), end: ruleText.indexOf('Ä') + 1 }, newText: 'A' }] },
  },
];
const promqlText = 'sum(x) by (job)';
const report: Report = {
  findings: [
    ...toFindings('rules/a.yml', ruleText, diags, true),
    ...toFindings('q.promql', promqlText, [{ code: 'promql/style', severity: 'info', range: { start: 7, end: 15 }, message: 'put by first' }], true),
  ],
  filesChecked: 3,
  filesFixed: 0,
  files: ['rules/a.yml', 'q.promql', 'ok.yml'],
  cwd: '/work/repo',
  version: '0.1.0',
};

describe('output formats (golden)', () => {
  it('text', () => {
    expect(formatReport('text', report, { color: false })).toBe(
      [
        'rules/a.yml:5:15 error promql/syntax unclosed left parenthesis',
        '5 |         expr: rate(x[5m]',
        '  |               ^^^^^^^^^^',
        '',
        'rules/a.yml:4:16 warning rules/name alert name "Ä" <is> odd, 100% & not: a, b\nsecond line',
        '4 |       - alert: Ä',
        '  |                ^',
        '  note: names are usually CamelCase',
        '  fix: rename to A (promscope check --fix)',
        '',
        'q.promql:1:8 info promql/style put by first',
        '1 | sum(x) by (job)',
        '  |        ^^^^^^^^',
        '',
        '3 problems (1 error, 1 warning, 1 info) in 3 files checked.',
        '',
      ].join('\n'),
    );
  });

  it('text with colour, and a clean run', () => {
    const coloured = formatReport('text', report, { color: true });
    expect(coloured).toContain('\u001b[31merror\u001b[39m');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(formatReport('text', report, { color: false }));
    expect(formatReport('text', { ...report, findings: [], filesFixed: 1 }, { color: false })).toBe('No problems in 3 files checked; fixed 1 file.\n');
  });

  it('json: an array, one finding per line', () => {
    const text = formatReport('json', report, { color: false });
    expect(text.split('\n')).toHaveLength(report.findings.length + 3);
    expect(formatReport('json', { ...report, findings: [] }, { color: false })).toBe('[]\n');
    const out = JSON.parse(text);
    expect(out[1]).toEqual({
      file: 'rules/a.yml',
      line: 4,
      column: 16,
      endLine: 4,
      endColumn: 17,
      severity: 'warning',
      code: 'rules/name',
      message: 'alert name "Ä" <is> odd, 100% & not: a, b\nsecond line',
      notes: ['names are usually CamelCase'],
      fix: { description: 'rename to A', safe: true, edits: [{ line: 4, column: 16, endLine: 4, endColumn: 17, newText: 'A' }] },
    });
    expect(out.map((f: { file: string; line: number; column: number; endColumn: number }) => `${f.file}:${f.line}:${f.column}-${f.endColumn}`)).toEqual([
      'rules/a.yml:5:15-25',
      'rules/a.yml:4:16-17',
      'q.promql:1:8-16',
    ]);
  });

  it('github', () => {
    expect(formatReport('github', report, { color: false })).toBe(
      [
        '::error file=rules/a.yml,line=5,col=15,endLine=5,endColumn=25,title=promql/syntax::unclosed left parenthesis',
        '::warning file=rules/a.yml,line=4,col=16,endLine=4,endColumn=17,title=rules/name::alert name "Ä" <is> odd, 100%25 & not: a, b%0Asecond line',
        '::notice file=q.promql,line=1,col=8,endLine=1,endColumn=16,title=promql/style::put by first',
        '',
      ].join('\n'),
    );
  });

  it('checkstyle', () => {
    expect(formatReport('checkstyle', report, { color: false })).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<checkstyle version="4.3">',
        '  <file name="rules/a.yml">',
        '    <error line="5" column="15" severity="error" message="unclosed left parenthesis" source="promscope.promql/syntax"/>',
        '    <error line="4" column="16" severity="warning" message="alert name &quot;Ä&quot; &lt;is&gt; odd, 100% &amp; not: a, b\nsecond line" source="promscope.rules/name"/>',
        '  </file>',
        '  <file name="q.promql">',
        '    <error line="1" column="8" severity="info" message="put by first" source="promscope.promql/style"/>',
        '  </file>',
        '</checkstyle>',
        '',
      ].join('\n'),
    );
  });

  it('junit', () => {
    const out = formatReport('junit', report, { color: false });
    expect(out).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<testsuites name="promscope" tests="4" failures="3" errors="0">',
        '  <testsuite name="rules/a.yml" tests="2" failures="2" errors="0">',
        '    <testcase name="5:15 promql/syntax" classname="rules/a.yml">',
        '      <failure message="unclosed left parenthesis" type="error">rules/a.yml:5:15 error promql/syntax unclosed left parenthesis</failure>',
        '    </testcase>',
        '    <testcase name="4:16 rules/name" classname="rules/a.yml">',
        '      <failure message="alert name &quot;Ä&quot; &lt;is&gt; odd, 100% &amp; not: a, b\nsecond line" type="warning">rules/a.yml:4:16 warning rules/name alert name &quot;Ä&quot; &lt;is&gt; odd, 100% &amp; not: a, b\nsecond line</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="q.promql" tests="1" failures="1" errors="0">',
        '    <testcase name="1:8 promql/style" classname="q.promql">',
        '      <failure message="put by first" type="info">q.promql:1:8 info promql/style put by first</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="ok.yml" tests="1" failures="0" errors="0">',
        '    <testcase name="promscope" classname="ok.yml"/>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('sarif: golden shape and valid against the SARIF 2.1.0 schema', () => {
    const log = JSON.parse(formatReport('sarif', report, { color: false }));
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['promql/style', 'promql/syntax', 'rules/name']);
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///work/repo/' } });
    expect(run.results[0]).toEqual({
      ruleId: 'promql/syntax',
      ruleIndex: 1,
      level: 'error',
      message: { text: 'unclosed left parenthesis' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'rules/a.yml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 5, startColumn: 15, endLine: 5, endColumn: 25 },
          },
        },
      ],
    });
    expect(run.results[1].fixes[0].artifactChanges[0].replacements[0]).toEqual({
      deletedRegion: { startLine: 4, startColumn: 16, endLine: 4, endColumn: 17 },
      insertedContent: { text: 'A' },
    });
    expect(run.results[2].level).toBe('note');

    const require = createRequire(import.meta.url);
    const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
    // the official schema is JSON Schema draft-04 (hence Ajv's draft-04 class), and one of its
    // patterns is not valid with the u flag (hence unicodeRegExp: false)
    const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false }).compile(schema);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    // the validator is live: a result without a message is rejected
    const broken = structuredClone(log);
    delete broken.runs[0].results[0].message;
    expect(validate(broken)).toBe(false);
  });
});

describe('colour decision', () => {
  it.each([
    [undefined, {}, true, true],
    [undefined, {}, false, false],
    [undefined, { NO_COLOR: '1' }, true, false],
    [undefined, { NO_COLOR: '' }, true, true],
    [undefined, { FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
    [undefined, { FORCE_COLOR: '0' }, true, false],
    [false, { FORCE_COLOR: '1' }, true, false],
    [true, {}, false, true],
  ] as const)('flag %s env %j tty %s → %s', (flag, env, tty, want) => {
    expect(useColor(flag, env as NodeJS.ProcessEnv, tty)).toBe(want);
  });
});

describe('text code frames', () => {
  it('keep tabs under tabs, and mark every line of a multi-line range', () => {
    const text = 'groups:\n\t- x: |\n\t\tsum(\n\t\t  rate(x)\n';
    const start = text.indexOf('sum(');
    const end = text.indexOf('rate(x)') + 'rate(x)'.length;
    const findings = toFindings('t.yml', text, [{ code: 'c', severity: 'warning', range: { start, end }, message: 'm' }], true);
    const out = formatReport('text', { ...report, findings, files: ['t.yml'], filesChecked: 1 }, { color: false });
    expect(out.split('\n').slice(0, 5)).toEqual(['t.yml:3:3 warning c m', '3 | \t\tsum(', '  | \t\t^^^^', '4 | \t\t  rate(x)', '  | \t\t  ^^^^^^^']);
  });
});

describe('chunks: files written apart (by worker threads) and joined', () => {
  // three files in report order, each with findings
  const byFile = [
    toFindings('a.promql', promqlText, [{ code: 'promql/style', severity: 'info', range: { start: 7, end: 15 }, message: 'put by first' }], true),
    toFindings('b/rules.yml', ruleText, diags, true),
    toFindings('c.promql', promqlText, [{ code: 'promql/x', severity: 'warning', range: { start: 0, end: 3 }, message: 'two\nlines' }], true),
  ];
  const whole: Report = { ...report, findings: byFile.flat() };
  for (const format of ['text', 'json', 'github', 'sarif', 'checkstyle', 'junit'] as const) {
    it(`${format}: any files given as chunks give the same report, byte for byte`, () => {
      for (let mask = 1; mask < 8; mask++) {
        const chunks: Chunk[] = [];
        const findings = byFile.flatMap((fs, i) => {
          if (!(mask & (1 << i))) return fs;
          chunks.push({ file: fs[0]!.file, text: formatChunk(format, fs, { color: true })!, count: fs.length, tally: tally(fs) });
          return [];
        });
        expect(formatReport(format, { ...whole, findings, chunks }, { color: true }), `mask ${mask}`).toBe(formatReport(format, whole, { color: true }));
      }
    });
  }
  for (const format of ['text', 'json', 'github', 'sarif', 'checkstyle', 'junit'] as const) {
    it(`${format}: a file with more findings than a piece holds is written as if whole, in pieces of at most FINDINGS_PER_PIECE`, () => {
      const many = Array.from({ length: 2 * FINDINGS_PER_PIECE + 7 }, (_, i) => ({ ...byFile[1]![i % 2]!, line: i + 1 }));
      const big: Report = { ...whole, findings: [...byFile[0]!, ...many, ...byFile[2]!] };
      const pieces = reportPieces(big);
      expect(pieces.map((p) => (Array.isArray(p) ? p.length : -1))).toEqual([FINDINGS_PER_PIECE, FINDINGS_PER_PIECE, big.findings.length - 2 * FINDINGS_PER_PIECE]);
      expect(pieces.flat()).toEqual(big.findings);
      // the same text as each file's findings written in one go (what a worker's chunks are)
      const chunks = [byFile[0]!, many, byFile[2]!].map((fs) => ({ file: fs[0]!.file, text: formatChunk(format, fs, { color: false })!, count: fs.length, tally: tally(fs) }));
      const parts = formatReportParts(format, big, { color: false });
      expect(parts.join('')).toBe(formatReport(format, { ...big, findings: [], chunks }, { color: false }));
      if (format === 'json') expect(JSON.parse(parts.join(''))).toEqual(big.findings.map(({ frame: _f, ...f }) => f));
      if (format === 'sarif') expect(JSON.parse(parts.map((p) => (typeof p === 'string' ? p : new TextDecoder().decode(p))).join('')).runs[0].results).toHaveLength(big.findings.length);
    });
  }
});

describe('json: findings written key by key', () => {
  /** the writer before: every finding through JSON.stringify, a line break before each after the first */
  const stringified = (findings: readonly Finding[]) =>
    JSON.stringify(findings.map(({ frame: _frame, ...f }) => f))
      .slice(1, -1)
      .replaceAll('},{"file":', '},\n{"file":');
  // strings with what JSON escapes: quotes, backslashes, control characters, lone and paired surrogates
  const awkward = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.constantFrom('', '"', '\\', '\u0000', '\u001f', '\u007f', '\u2028', '\ud800', '\udfff', '\ud83d\ude00', 'a\ud83dz', '},{"file":', 'line\nbreak', 'tab\there'),
  );
  const pos = fc.integer({ min: 1, max: 100000 });
  const finding: fc.Arbitrary<Finding> = fc.record(
    {
      file: awkward,
      line: pos,
      column: pos,
      endLine: pos,
      endColumn: pos,
      severity: fc.constantFrom('error', 'warning', 'info'),
      code: awkward,
      message: awkward,
      notes: fc.array(awkward, { maxLength: 3 }),
      fix: fc.record({ description: awkward, safe: fc.boolean(), edits: fc.array(fc.record({ line: pos, column: pos, endLine: pos, endColumn: pos, newText: awkward }), { maxLength: 3 }) }),
      frame: fc.array(awkward, { maxLength: 2 }),
    },
    { requiredKeys: ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message'] },
  );

  it('is JSON.stringify’s text, byte for byte, for any findings (files shared or not)', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 6 }), fc.boolean(), (fs, oneFile) => {
        // a chunk's findings share their file: both cases
        const findings = oneFile ? fs.map((f) => ({ ...f, file: fs[0]?.file ?? 'x' })) : fs;
        expect(formatChunk('json', findings, { color: false })).toBe(stringified(findings));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back as the findings, without their frames', () => {
    const fs = toFindings('b/rules.yml', ruleText, diags, true);
    expect(JSON.parse(`[${formatChunk('json', fs, { color: false })}]`)).toEqual(fs.map(({ frame: _f, ...f }) => f));
  });
});

describe('sarif: results written one by one', () => {
  /** the writer before: the log built as objects, then JSON.stringify(log, null, 2) */
  const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;
  const uriOf = (p: string) =>
    p
      .split('/')
      .map((seg) => (seg === '..' || seg === '.' ? seg : encodeURIComponent(seg)))
      .join('/');
  const region = (f: { line: number; column: number; endLine: number; endColumn: number }) => ({ startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn });
  function stringified(r: Report): string {
    const ruleIds = [...new Set(r.findings.map((f) => f.code))].sort();
    const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
    const results = r.findings.map((f) => {
      const text = f.notes && f.notes.length > 0 ? `${f.message}\n${f.notes.map((n) => `note: ${n}`).join('\n')}` : f.message;
      const o: Record<string, unknown> = {
        ruleId: f.code,
        ruleIndex: ruleIndex.get(f.code),
        level: LEVEL[f.severity],
        message: { text },
        locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(f.file), uriBaseId: '%SRCROOT%' }, region: region(f) } }],
      };
      if (f.fix) {
        o.fixes = [
          {
            description: { text: f.fix.description },
            artifactChanges: [{ artifactLocation: { uri: uriOf(f.file), uriBaseId: '%SRCROOT%' }, replacements: f.fix.edits.map((e) => ({ deletedRegion: region(e), insertedContent: { text: e.newText } })) }],
          },
        ];
      }
      return o;
    });
    const driver = { name: 'promscope', version: r.version, semanticVersion: r.version, informationUri: 'https://github.com/promscope/promscope', rules: ruleIds.map((id) => ({ id, name: id, shortDescription: { text: id } })) };
    const log = { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [{ tool: { driver }, originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///work/repo/' } }, columnKind: 'utf16CodeUnits', results }] };
    return JSON.stringify(log, null, 2) + '\n';
  }
  const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom('', '"', '\\', '\u0001', '\ud800', '\ud83d\ude00', 'a b/c', '%', 'x\ny'));
  const pos = fc.integer({ min: 1, max: 999 });
  const edit = fc.record({ line: pos, column: pos, endLine: pos, endColumn: pos, newText: text });
  const finding = (file: string): fc.Arbitrary<Finding> =>
    fc.record(
      {
        file: fc.constant(file),
        line: pos,
        column: pos,
        endLine: pos,
        endColumn: pos,
        severity: fc.constantFrom('error', 'warning', 'info'),
        code: fc.constantFrom('promql/syntax', 'rules/schema', 'promql/range-too-short', 'x/y'),
        message: text,
        notes: fc.array(text, { maxLength: 2 }),
        fix: fc.record({ description: text, safe: fc.boolean(), edits: fc.array(edit, { maxLength: 2 }) }),
      },
      { requiredKeys: ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message'] },
    );
  // files in report order, each with its findings, and how each comes: as findings, a chunk's text, or a chunk's bytes
  const files = fc
    .uniqueArray(fc.oneof(fc.constantFrom('a.yml', 'b/rules.yml', 'c d/ü.yml', '../x.yml'), fc.string({ minLength: 1, maxLength: 6 })), { maxLength: 4 })
    .map((names) => [...names].sort())
    .chain((names) => fc.tuple(...names.map((n) => fc.tuple(fc.array(finding(n), { minLength: 1, maxLength: 4 }), fc.constantFrom('findings', 'text', 'bytes')))));

  it('is JSON.stringify’s text of the whole log, byte for byte, however the files come', () => {
    fc.assert(
      fc.property(files, (byFile) => {
        const whole: Report = { findings: byFile.flatMap(([fs]) => fs), filesChecked: byFile.length, filesFixed: 0, files: [], cwd: '/work/repo', version: '1.2.3' };
        const chunks: Chunk[] = [];
        const findings: Finding[] = [];
        for (const [fs, how] of byFile) {
          if (how === 'findings') findings.push(...fs);
          else {
            const t = formatChunk('sarif', fs, { color: false })!;
            chunks.push({ file: fs[0]!.file, text: how === 'text' ? t : new TextEncoder().encode(t), count: fs.length, tally: tally(fs) });
          }
        }
        expect(formatReport('sarif', { ...whole, findings, chunks }, { color: false })).toBe(stringified(whole));
      }),
      { numRuns: 500 },
    );
  });
});

describe('checkstyle and junit: files written one by one', () => {
  /** the writers before: the whole document built from the findings */
  function checkstyleBefore(r: Report): string {
    const out = ['<?xml version="1.0" encoding="utf-8"?>', '<checkstyle version="4.3">'];
    for (const [file, list] of groupBy(r.findings)) {
      out.push(`  <file name="${xmlEscape(file)}">`);
      for (const f of list) out.push(`    <error line="${f.line}" column="${f.column}" severity="${f.severity}" message="${xmlEscape(f.message)}" source="promscope.${xmlEscape(f.code)}"/>`);
      out.push('  </file>');
    }
    out.push('</checkstyle>');
    return out.join('\n') + '\n';
  }
  function junitBefore(r: Report): string {
    const byFile = groupBy(r.findings);
    const files = [...r.files];
    for (const f of byFile.keys()) if (!files.includes(f)) files.push(f);
    let tests = 0;
    const suites: string[] = [];
    for (const file of files) {
      const list = byFile.get(file) ?? [];
      const cases =
        list.length === 0
          ? [`    <testcase name="promscope" classname="${xmlEscape(file)}"/>`]
          : list.map((f) =>
              [
                `    <testcase name="${xmlEscape(`${f.line}:${f.column} ${f.code}`)}" classname="${xmlEscape(file)}">`,
                `      <failure message="${xmlEscape(f.message)}" type="${f.severity}">${xmlEscape(`${f.file}:${f.line}:${f.column} ${f.severity} ${f.code} ${f.message}`)}</failure>`,
                '    </testcase>',
              ].join('\n'),
            );
      tests += cases.length;
      suites.push(`  <testsuite name="${xmlEscape(file)}" tests="${cases.length}" failures="${list.length}" errors="0">\n${cases.join('\n')}\n  </testsuite>`);
    }
    return ['<?xml version="1.0" encoding="utf-8"?>', `<testsuites name="promscope" tests="${tests}" failures="${r.findings.length}" errors="0">`, ...suites, '</testsuites>', ''].join('\n');
  }
  const groupBy = (fs: readonly Finding[]) => {
    const m = new Map<string, Finding[]>();
    for (const f of fs) m.set(f.file, [...(m.get(f.file) ?? []), f]);
    return m;
  };
  const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom('', '"', '<&>', "'", '\u0001', '\ud83d\ude00'));
  const pos = fc.integer({ min: 1, max: 999 });
  const finding = (file: string): fc.Arbitrary<Finding> =>
    fc.record({ file: fc.constant(file), line: pos, column: pos, endLine: pos, endColumn: pos, severity: fc.constantFrom('error', 'warning', 'info'), code: fc.constantFrom('promql/syntax', 'x/y'), message: text });
  // the files checked (some without findings), in the run's order, and the files with findings (sorted, as a report's are; some not checked: a linked file), each as findings, text or bytes
  const run = fc
    .uniqueArray(fc.oneof(fc.constantFrom('a.yml', 'b/r.yml', 'c&d.yml', 'z.yml'), fc.string({ minLength: 1, maxLength: 5 })), { maxLength: 5 })
    .chain((names) =>
      fc.tuple(
        fc.shuffledSubarray(names),
        fc.tuple(...[...names].sort().map((n) => fc.tuple(fc.array(finding(n), { maxLength: 4 }), fc.constantFrom('findings', 'text', 'bytes')))),
      ),
    );
  for (const [format, before] of [
    ['checkstyle', checkstyleBefore],
    ['junit', junitBefore],
  ] as const) {
    it(`${format}: the text of the whole document written at once, byte for byte, however the files come`, () => {
      fc.assert(
        fc.property(run, ([checked, byFile]) => {
          const withFindings = byFile.filter(([fs]) => fs.length > 0);
          const whole: Report = { findings: withFindings.flatMap(([fs]) => fs), filesChecked: checked.length, filesFixed: 0, files: checked, cwd: '/work/repo', version: '1.2.3' };
          const chunks: Chunk[] = [];
          const findings: Finding[] = [];
          for (const [fs, how] of withFindings) {
            // only a checked file comes from a worker
            if (how === 'findings' || !checked.includes(fs[0]!.file)) findings.push(...fs);
            else {
              const t = formatChunk(format, fs, { color: false });
              chunks.push({ file: fs[0]!.file, text: how === 'text' ? t : new TextEncoder().encode(t), count: fs.length, tally: tally(fs) });
            }
          }
          expect(formatReport(format, { ...whole, findings, chunks }, { color: false })).toBe(before(whole));
        }),
        { numRuns: 500 },
      );
    });
  }
});
