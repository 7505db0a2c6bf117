/**
 * One rule file on several threads (the CLI's big files): `ruleFileChunks` cuts the groups into
 * ranges, `analyzeRuleFileChunk` gives each range's parts as plain data (they cross threads as
 * JSON), `combineRuleFileChunks` the file's result. Held to the whole-file path: the same finished
 * diagnostics (ranges, messages, notes, fixes) and the same summary, on every multi-group rule file
 * of the corpus and fixtures, cut into 2, 3 and 7 chunks, with and without check settings; and
 * the cuts decline what the group-wise path cannot take.
 */
import { describe, expect, it } from 'vitest';
import { analyzeFile, analyzeRuleFileChunk, combineRuleFileChunks, ruleFileChunks, type AnalyzeOptions, type PlainGroupPart } from '../../src/analyze';
import { finishDiagnostics } from '../../src/finish';
import { multiGroupFiles, ruleFilesOfCorpus } from '../support/corpus-files';

const ruleFiles = ruleFilesOfCorpus();

/** multi-group files: the corpus's, and each one-group file with its group written three times */
const multiGroup = multiGroupFiles(ruleFiles, 3);

const finished = (text: string, r: { diagnostics: Parameters<typeof finishDiagnostics>[1]; summary: unknown }, options: Partial<AnalyzeOptions>) =>
  JSON.parse(JSON.stringify({ diagnostics: finishDiagnostics(text, r.diagnostics, options.checkSettings ?? {}), summary: r.summary }));

/** the chunked result (each chunk's parts through JSON, as a worker thread sends them), or why it declined */
function chunked(f: { path: string; text: string }, n: number, options: Partial<AnalyzeOptions>) {
  const chunks = ruleFileChunks({ path: f.path, text: f.text }, options, n);
  if (!chunks) return 'no chunks';
  const parts: PlainGroupPart[][] = [];
  for (const c of chunks) {
    const p = analyzeRuleFileChunk({ path: f.path, text: f.text }, c, options);
    if (typeof p === 'string') return p;
    parts.push(JSON.parse(JSON.stringify(p)) as PlainGroupPart[]);
  }
  return { chunks, result: combineRuleFileChunks({ path: f.path, text: f.text }, parts, options) };
}

function agreeOnCorpus(n: number, options: Partial<AnalyzeOptions>): number {
  let taken = 0;
  for (const f of multiGroup) {
    const c = chunked(f, n, options);
    if (typeof c === 'string') continue;
    taken++;
    expect(c.chunks.length).toBeLessThanOrEqual(n);
    // the chunks cover the groups, in order, without gaps
    expect(c.chunks.at(-1)!.end).toBe(f.text.length);
    for (let i = 1; i < c.chunks.length; i++) expect(c.chunks[i]!.start).toBe(c.chunks[i - 1]!.end);
    const whole = analyzeFile({ path: f.path, text: f.text, kind: 'rules' }, options);
    expect(finished(f.text, c.result, options), f.path).toEqual(finished(f.text, whole, options));
  }
  return taken;
}

describe('a rule file in chunks = the whole file', () => {
  it.each([2, 3, 7])('on every multi-group file of the corpus and fixtures, in %i chunks', (n) => {
    expect(multiGroup.length).toBeGreaterThan(100);
    expect(agreeOnCorpus(n, {})).toBeGreaterThan(multiGroup.length / 2);
  });

  it('with check settings and options (levels, off checks, a Prometheus version, scrape intervals)', () => {
    const options: Partial<AnalyzeOptions> = {
      prometheusVersion: '2.42',
      checkSettings: { 'rules/alert-annotations': { level: 'off' }, 'promql/range-too-short': { options: { scrapeInterval: '2m' } } },
      scrapeIntervals: { globalScrapeIntervalMs: 30_000, evaluationIntervalMs: 120_000, jobs: { node: 15_000 } },
    };
    expect(agreeOnCorpus(2, options)).toBeGreaterThan(multiGroup.length / 2);
  });

  it('finds what only the whole file shows across chunks: repeated group names, duplicate rules and expressions', () => {
    const group = (name: string, rules: string[]) => [`  - name: ${name}`, '    rules:', ...rules].join('\n');
    const text = [
      'groups:',
      group('a', ['      - record: job:x:rate5m', '        expr: sum by (job) (rate(x_total[5m]))', '      - record: job:c:sum', '        expr: sum by (job) (job:d:sum)']),
      group('b', ['      - record: job:x:rate5m', '        expr: sum by (job) (rate(x_total[5m]))']),
      group('a', ['      - record: job:y:rate5m', '        expr: sum by (job) (rate(x_total[5m]))', '      - record: job:d:sum', '        expr: sum by (job) (job:c:sum)']),
      '',
    ].join('\n');
    const c = chunked({ path: 'f.yml', text }, 3, {});
    if (typeof c === 'string') throw new Error(c);
    expect(c.chunks).toHaveLength(3);
    const codes = c.result.diagnostics.map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['rules/schema', 'rules/duplicate-rule', 'rules/duplicate-expression']));
    expect(finished(text, c.result, {})).toEqual(finished(text, analyzeFile({ path: 'f.yml', text }, {}), {}));
  });

  it.each([
    ['one group', 'groups:\n  - name: a\n    rules: []\n', 'no chunks'],
    ['another top-level key', 'groups:\n  - name: a\n    rules: []\n  - name: b\n    rules: []\nextra: 1\n', 'no chunks'],
    ['Helm syntax', 'groups:\n  - name: a\n    rules: []\n  - name: {{ .Values.name }}\n    rules: []\n', 'no chunks'],
    ['a PrometheusRule', 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups: []\n', 'no chunks'],
    ['an alias across groups', 'groups:\n  - name: a\n    labels: &l {team: x}\n    rules: []\n  - name: b\n    labels: *l\n    rules: []\n', 'anchor or alias'],
    ['a YAML error in a group', 'groups:\n  - name: a\n    rules: []\n  - name: "b\n    rules: []\n', 'YAML error in a group'],
  ])('declines %s', (_name, text, why) => {
    expect(chunked({ path: 'f.yml', text }, 2, {})).toBe(why);
  });

  it('declines options that cannot cross threads and files over the YAML size limit', () => {
    const text = 'groups:\n  - name: a\n    rules: []\n  - name: b\n    rules: []\n';
    expect(ruleFileChunks({ path: 'f.yml', text }, { checkIntervals: { scrapeIntervalMs: 1000 } }, 2)).toBeUndefined();
    expect(ruleFileChunks({ path: 'f.yml', text }, { bestPractice: false }, 2)).toBeUndefined();
    expect(ruleFileChunks({ path: 'f.yml', text }, { yamlLimits: { maxBytes: 10 } }, 2)).toBeUndefined();
    expect(ruleFileChunks({ path: 'f.yml', text }, {}, 1)).toBeUndefined();
    expect(ruleFileChunks({ path: 'f.yml', text }, {}, 2)).toHaveLength(2);
  });
});
