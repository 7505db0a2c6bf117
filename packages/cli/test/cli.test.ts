/**
 * End-to-end tests of the built CLI (`node packages/cli/bin/promscope.js`) on fixture folders in
 * /tmp: commands and exit codes, discovery (.gitignore, globs, stdin), configuration,
 * suppressions, --fix byte-identity, cache, workers, and bad files.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RACY_MS } from '../src/cache';
import { namesOf, unpack } from '../src/graph-entries';
import { bin, ensureBuilt, fixtureDir, json, runCli, type JsonFinding } from './helpers';
import { launcherNodeFlags } from '../../../scripts/lib/launcher-flags.mjs';

beforeAll(() => ensureBuilt(), 120_000);

const BAD = 'rate(x)\n'; // rate() of an instant vector: Prometheus refuses it
const GOOD = 'sum by (job) (rate(x_total[5m]))\n';
/** best-practice checks may add info/warning findings over time: these tests look at errors and at promscope's own codes */
const errorsAndOwn = (f: JsonFinding) => f.severity === 'error' || f.code.startsWith('promscope');
/** a config that leaves only promscope's own findings (for tests of suppressions and --fix plumbing) */
const ONLY_OWN = 'checks:\n  promql: off\n  rules: off\n';

describe('commands and exit codes', () => {
  const dir = fixtureDir({ 'ok.promql': GOOD });
  it('--version, --help and check --help exit 0', () => {
    expect(runCli(['--version'], { cwd: dir })).toMatchObject({ code: 0, stdout: expect.stringMatching(/^promscope \d+\.\d+\.\d+\n$/) });
    expect(runCli(['--help'], { cwd: dir })).toMatchObject({ code: 0, stdout: expect.stringContaining('promscope check [options]') });
    expect(runCli(['check', '--help'], { cwd: dir })).toMatchObject({ code: 0, stdout: expect.stringContaining('--stdin-filename') });
  });
  it.each([
    [['lint'], 'unknown command "lint"'],
    [['check', '--bogus'], 'unknown option --bogus'],
    [['check', '--format', 'xml'], '--format must be one of text, json, sarif, github, checkstyle, junit; got "xml"'],
    [['check', '--max-warnings', 'many'], '--max-warnings needs a whole number'],
    [['check', '--config', 'missing.yml'], '--config missing.yml: no such file or directory'],
    [[], 'missing command'],
    [['check', '-o', '/nonexistent-dir/out.txt'], 'cannot write --output-file /nonexistent-dir/out.txt: no such file or directory'],
  ])('usage error %j: exit 2, one line, no stack', (args, message) => {
    const r = runCli(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
  it('exit 0 on a clean folder, 1 when a file has an error', () => {
    expect(runCli(['check'], { cwd: dir }).code).toBe(0);
    const bad = fixtureDir({ 'ok.promql': GOOD, 'bad.promql': BAD });
    const r = runCli(['check', '--format', 'json'], { cwd: bad });
    expect(r.code).toBe(1);
    const f = json(r);
    expect(f.length).toBeGreaterThan(0);
    expect(new Set(f.filter(errorsAndOwn).map((x) => `${x.file} ${x.severity}`))).toEqual(new Set(['bad.promql error']));
    for (const x of f) {
      expect(x.line).toBeGreaterThanOrEqual(1);
      expect(x.column).toBeGreaterThanOrEqual(1);
      expect(x.endLine * 1e6 + x.endColumn).toBeGreaterThanOrEqual(x.line * 1e6 + x.column);
    }
  });
  it('--timings prints when each phase ended on stderr, in order; the report is the same', () => {
    const plain = runCli(['check', '--format', 'json'], { cwd: dir });
    const timed = runCli(['check', '--format', 'json', '--timings'], { cwd: dir });
    expect(timed.stdout).toBe(plain.stdout);
    const m = /^promscope: phases \(ms since start\): (.*)\n$/.exec(timed.stderr);
    expect(m, timed.stderr).not.toBeNull();
    const phases = m![1]!.split(', ').map((p) => p.split(' '));
    expect(phases.map(([name]) => name)).toEqual(['start', 'discover', 'read', 'configs', 'analyse', 'workspace', 'finish', 'report', 'write']);
    const at = phases.map(([, ms]) => Number(ms));
    expect(at.every((ms, i) => Number.isInteger(ms) && ms >= 0 && (i === 0 || ms >= at[i - 1]!))).toBe(true);
  });
  it('checks a bare expression with --expr', () => {
    const ok = runCli(['check', '--expr', 'sum(rate(x[5m]))', '--format', 'json'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(json(ok).filter(errorsAndOwn)).toEqual([]);
    const r = runCli(['check', '--expr', 'sum(rate(x[5m])', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(json(r)[0]).toMatchObject({ file: '<expr>', severity: 'error', line: 1 });
  });
  it('text output: location, code frame with carets, summary; colour only when asked', () => {
    const bad = fixtureDir({ 'bad.promql': 'sum(\n  rate(x[5m]\n' });
    const plain = runCli(['check'], { cwd: bad });
    expect(plain.stdout).toMatch(/^bad\.promql:\d+:\d+ error \S+ .+\n\d+ \| .*\n {2}\| *\^+/m);
    expect(plain.stdout).toMatch(/\d+ problems? \(\d+ errors?, \d+ warnings?, \d+ info\) in 1 file checked\.\n$/);
    expect(plain.stdout).not.toContain('\u001b[');
    expect(runCli(['check'], { cwd: bad, env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[31m');
    expect(runCli(['check', '--color'], { cwd: bad, env: { NO_COLOR: '1' } }).stdout).toContain('\u001b[31m');
  });
  it('--max-warnings turns warnings into exit 1; --output-file writes the report', () => {
    const d = fixtureDir({
      '.promscope.yml': `${ONLY_OWN}  promscope/unused-suppression: warning\n`,
      'q.promql': '# promscope-disable-next-line promql/nothing-here\nsum(x)\n',
    });
    expect(runCli(['check'], { cwd: d }).code).toBe(0);
    expect(runCli(['check', '--max-warnings', '1'], { cwd: d }).code).toBe(0);
    const over = runCli(['check', '--max-warnings', '0'], { cwd: d });
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('1 warnings exceed --max-warnings 0');
    expect(runCli(['check', '-f', 'json', '-o', 'out.json'], { cwd: d }).stdout).toBe('');
    expect(JSON.parse(readFileSync(path.join(d, 'out.json'), 'utf8'))[0]).toMatchObject({ severity: 'warning', code: 'promscope/unused-suppression', line: 1 });
  });
});

describe('discovery', () => {
  it('walks folders respecting .gitignore (from the repository root down), skipping node_modules and .git', () => {
    const d = fixtureDir({
      '.gitignore': 'ignored/\n*.skip.promql\n',
      'sub/.gitignore': 'local.promql\n!keep.skip.promql\n',
      'a.promql': BAD,
      'ignored/b.promql': BAD,
      'c.skip.promql': BAD,
      'node_modules/pkg/d.promql': BAD,
      '.git/e.promql': BAD,
      'sub/local.promql': BAD,
      'sub/keep.skip.promql': BAD,
      'sub/deep/f.promql': BAD,
      'notes.txt': BAD,
    });
    const files = (args: string[], cwd = d) => [...new Set(json(runCli([...args, '--format', 'json'], { cwd })).map((f) => f.file))].sort();
    expect(files(['check'])).toEqual(['a.promql', 'sub/deep/f.promql', 'sub/keep.skip.promql']);
    // walking from inside the repository still applies the root .gitignore
    expect(files(['check', '.'], path.join(d, 'sub'))).toEqual(['deep/f.promql', 'keep.skip.promql']);
    // a file named explicitly is checked even when ignored, whatever its extension
    expect(files(['check', 'ignored/b.promql', 'notes.txt', '--kind', 'promql'])).toEqual(['ignored/b.promql', 'notes.txt']);
    // globs
    expect(files(['check', 'sub/**/*.promql'])).toEqual(['sub/deep/f.promql', 'sub/keep.skip.promql']);
  });
  it('reads stdin with --stdin-filename', () => {
    const d = fixtureDir({});
    const r = runCli(['check', '-', '--stdin-filename', 'dir/q.promql', '--format', 'json'], { cwd: d, input: BAD });
    expect(r.code).toBe(1);
    expect(json(r)[0].file).toBe('dir/q.promql');
    const ok = runCli(['check', '-', '--kind', 'promql', '--format', 'json'], { cwd: d, input: GOOD });
    expect(ok.code).toBe(0);
    expect(json(ok).filter(errorsAndOwn)).toEqual([]);
  });
  it('a missing path or a glob that matches nothing is a finding (exit 1), not a crash', () => {
    const d = fixtureDir({ 'a.promql': GOOD });
    const r = runCli(['check', 'nope.promql', 'x/**/*.yml', 'a.promql', '--format', 'json'], { cwd: d });
    expect(r.code).toBe(1);
    expect(json(r).filter(errorsAndOwn).map((f) => `${f.file}: ${f.severity} ${f.code} ${f.message}`)).toEqual([
      'nope.promql: error promscope/io no such file or directory',
      'x/**/*.yml: error promscope/io no files match this pattern',
    ]);
  });
  it('.promscope.yml: ruleFiles, include/exclude, and its own problems reported on it', () => {
    const d = fixtureDir({
      '.promscope.yml': 'exclude: [vendor]\nfeatures: [no-such-flag]\ncheckz: {}\n',
      'vendor/a.promql': BAD,
      'b.promql': GOOD,
    });
    const r = runCli(['check', '--format', 'json'], { cwd: d });
    expect(json(r).filter((f) => f.file === '.promscope.yml').map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.code}`)).toEqual([
      '.promscope.yml:2:12 warning promscope-config/unknown-feature',
      '.promscope.yml:3:1 error promscope-config/invalid',
    ]);
    expect(r.code).toBe(1);
  });
});

describe('what the target Prometheus accepts', () => {
  it('--enable-feature and .promscope.yml features reach the analyzer', () => {
    const d = fixtureDir({ 'q.promql': 'limitk(2, x)\n', 'cfg/.promscope.yml': 'features: [promql-experimental-functions]\n', 'cfg/q.promql': 'limitk(2, x)\n' });
    const off = runCli(['check', 'q.promql', '--format', 'json'], { cwd: d });
    expect(off.code).toBe(1);
    expect(json(off).filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([expect.stringContaining('promql-experimental-functions')]);
    expect(runCli(['check', 'q.promql', '--enable-feature', 'promql-experimental-functions'], { cwd: d }).code).toBe(0);
    expect(runCli(['check', 'q.promql', '--enable-feature=other,promql-experimental-functions'], { cwd: d }).code).toBe(0);
    expect(runCli(['check', 'cfg/q.promql'], { cwd: d }).code).toBe(0);
    expect(runCli(['check', 'q.promql', '--config', 'cfg/.promscope.yml'], { cwd: d }).code).toBe(0);
  });
});

describe('suppressions end to end', () => {
  it('a disable-next-line silences the error; an unused one is reported as info', () => {
    const d = fixtureDir({
      'a.promql': '# promscope-disable-next-line -- known\nrate(x[5m]\n',
      'b.promql': '# promscope-disable-next-line promql/whatever\nsum(x)\n',
      'c.promql': '# promscope-disable-file\nrate(x[5m]\n',
    });
    const r = runCli(['check', '--format', 'json'], { cwd: d });
    expect(r.code).toBe(0);
    expect(json(r).filter(errorsAndOwn).map((f) => `${f.file}:${f.line} ${f.severity} ${f.code}`)).toEqual(['b.promql:1 info promscope/unused-suppression']);
  });
  it('a check turned off per path glob in .promscope.yml', () => {
    const d = fixtureDir({
      '.promscope.yml': 'overrides:\n  - files: ["legacy/**"]\n    checks:\n      promscope/unused-suppression: off\n',
      'legacy/a.promql': '# promscope-disable-next-line x/y\nsum(x)\n',
      'new/a.promql': '# promscope-disable-next-line x/y\nsum(x)\n',
    });
    expect(json(runCli(['check', '--format', 'json'], { cwd: d })).filter(errorsAndOwn).map((f) => f.file)).toEqual(['new/a.promql']);
  });
});

describe('--fix', () => {
  // the unused-suppression report carries a safe fix (delete the line): a fix every build has
  const unused = '# promscope-disable-next-line x/y';
  it.each([
    ['CRLF, no trailing newline', `sum(\r\n${unused}\r\n  x)`, 'sum(\r\n  x)'],
    ['BOM and LF', `\uFEFF${unused}\nsum(x)\n`, '\uFEFFsum(x)\n'],
    ['last line without newline', `sum(x)\n${unused}`, 'sum(x)'],
    ['lone CR line endings', `sum(\r${unused}\rx)\r`, 'sum(\rx)\r'],
  ])('%s: only the edited bytes change', (_name, before, after) => {
    const d = fixtureDir({ '.promscope.yml': ONLY_OWN, 'q.promql': before, 'untouched.promql': `${unused}\r\nsum(x)` });
    const r = runCli(['check', '--fix', 'q.promql', '--format', 'json'], { cwd: d });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('[]\n');
    expect(readFileSync(path.join(d, 'q.promql'), 'utf8')).toBe(after);
    expect(readFileSync(path.join(d, 'untouched.promql'), 'utf8')).toBe(`${unused}\r\nsum(x)`);
    // idempotent: a second run changes nothing
    expect(runCli(['check', '--fix', 'q.promql'], { cwd: d }).stdout).toBe('No problems in 1 file checked.\n');
    expect(readFileSync(path.join(d, 'q.promql'), 'utf8')).toBe(after);
  });
  it('does not touch files without fixes, and refuses to rewrite invalid UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from(`${unused}\nsum(x) # caf`), Buffer.from([0xe9]), Buffer.from('\n')]);
    const d = fixtureDir({ '.promscope.yml': ONLY_OWN, 'bad-utf8.promql': bytes, 'clean.promql': GOOD });
    const r = runCli(['check', '--fix', '--format', 'json'], { cwd: d });
    expect(readFileSync(path.join(d, 'bad-utf8.promql')).equals(bytes)).toBe(true);
    expect(json(r).map((f) => `${f.file} ${f.severity} ${f.code}`)).toEqual(
      expect.arrayContaining(['bad-utf8.promql warning promscope/fix-refused', 'bad-utf8.promql info promscope/unused-suppression']),
    );
    expect(readFileSync(path.join(d, 'clean.promql'), 'utf8')).toBe(GOOD);
  });
});

describe('speed features give the same answers', () => {
  it("names its V8 code cache by the flags Node runs under: a run under other flags makes a cache of its own, not one V8 rejects for every later run", () => {
    // a copy of the launcher and the bundle: the repository's dist/ keeps its own caches
    const root = fixtureDir({});
    cpSync(path.dirname(bin), path.join(root, 'bin'), { recursive: true });
    mkdirSync(path.join(root, 'dist'));
    copyFileSync(path.join(path.dirname(bin), '../dist/promscope.js'), path.join(root, 'dist/promscope.js'));
    const d = fixtureDir({ 'a.yml': 'groups: []\n' });
    const run = (nodeOptions: string) => spawnSync(process.execPath, [path.join(root, 'bin/promscope.js'), 'check', 'a.yml'], { cwd: d, env: { ...process.env, NODE_OPTIONS: nodeOptions }, encoding: 'utf8' });
    const caches = () => readdirSync(path.join(root, 'dist')).filter((f) => f.endsWith('.cache')).sort();
    expect(run('--max-old-space-size=300').status).toBe(0);
    expect(caches()).toHaveLength(1);
    expect(run('').status).toBe(0);
    const both = caches();
    expect(both).toHaveLength(2);
    // each reused by the runs under its flags, none written again
    const stamps = () => both.map((f) => statSync(path.join(root, 'dist', f)).mtimeMs);
    const before = stamps();
    expect(run('--max-old-space-size=300').status).toBe(0);
    expect(run('').status).toBe(0);
    expect(caches()).toEqual(both);
    expect(stamps()).toEqual(before);
  });

  it("runs under its first line's Node flags as the `promscope` bin: pnpm's shim passes them, `env -S` does when run directly", () => {
    const flags = launcherNodeFlags(bin);
    expect(flags).toEqual(['--initial-old-space-size=256', '--v8-pool-size=0']);
    const d = fixtureDir({ 'a.yml': 'groups: []\n' });
    // this Node takes them (an unknown flag would stop it before the launcher)
    const withFlags = spawnSync(process.execPath, [...flags, bin, 'check', 'a.yml'], { cwd: d, encoding: 'utf8' });
    expect(withFlags.stderr).toBe('');
    expect(withFlags.status).toBe(0);
    if (process.platform !== 'win32') {
      const direct = spawnSync(bin, ['check', 'a.yml'], { cwd: d, encoding: 'utf8' });
      expect(direct.stderr).toBe('');
      expect(direct.status).toBe(0);
    }
    // the installed bin (the README's commands run it): its shim passes the flags before the launcher
    const shim = readFileSync(path.resolve(path.dirname(bin), '../../../node_modules/.bin/promscope'), 'utf8');
    expect(shim).toMatch(new RegExp(`node"?\\s+${flags.join('\\s+')}\\s+"[^"]*bin/promscope\\.js"`));
  });

  const files: Record<string, string> = {};
  for (let i = 0; i < 12; i++) files[`f${i}.promql`] = i % 3 === 0 ? BAD : `${GOOD}# ${'x'.repeat(200_000)}\n`;
  it('worker threads (-j 2) report exactly what the main thread does', () => {
    const d = fixtureDir(files);
    const serial = runCli(['check', '-j', '0', '--format', 'json'], { cwd: d });
    const parallel = runCli(['check', '-j', '2', '--format', 'json'], { cwd: d });
    expect(serial.code).toBe(1);
    expect(json(serial).length).toBeGreaterThanOrEqual(4);
    expect(parallel).toEqual(serial);
  });
  it('on worker threads each file is finished where its diagnostics are, in every format: cross-file findings, suppressions, linked files', () => {
    const d = fixtureDir({
      'prometheus.yml': 'global:\n  scrape_interval: 10s\nrule_files:\n  - rules/*.yml\nscrape_config_files:\n  - jobs/*.yml\nscrape_configs:\n  - job_name: api\n    static_configs:\n      - targets: [\'api:80\']\n',
      // checked on its own and linked from prometheus.yml: reported once
      'jobs/more.yml': 'scrape_configs:\n  - job_name: api\n    static_configs:\n      - targets: [\'other:80\']\n',
      // cross-file findings (no rule records job:missing:sum), one of them suppressed: the suppression is used
      'rules/consumer.yml':
        'groups:\n  - name: b\n    rules:\n      - alert: X\n        expr: job:missing:sum > 1\n        for: 5m\n      # promscope-disable-next-line rules/undefined-recorded-metric\n      - alert: Y\n        expr: job:missing:sum > 2\n        for: 5m\n      - record: bad_name\n        expr: rate(go_goroutines[1m])\n',
      'rules/plain.yml': 'groups:\n  - name: a\n    rules:\n      - record: job:x:sum\n        expr: sum by (instance) (rate(x[1m]))\n      - alert: lower_case\n        expr: x > 1\n',
    });
    for (const format of ['json', 'text', 'github', 'sarif', 'checkstyle']) {
      const inline = runCli(['check', '-j', '0', '--format', format], { cwd: d });
      const threaded = runCli(['check', '-j', '2', '--format', format, '--debug'], { cwd: d });
      expect(threaded.stderr).toBe('');
      expect(threaded, format).toEqual(inline);
    }
    const codes = json(runCli(['check', '-j', '2', '--format', 'json'], { cwd: d })).map((f) => `${f.file}:${f.line} ${f.code}`);
    expect(codes.filter((c) => /undefined-recorded-metric|unused-suppression|duplicate-job/.test(c))).toEqual(['jobs/more.yml:2 config/duplicate-job', 'rules/consumer.yml:5 rules/undefined-recorded-metric']);
    expect(codes.filter((c) => c.startsWith('rules/plain.yml')).length).toBeGreaterThan(1);
  });
  it('--cache reuses results and notices changed files', () => {
    const d = fixtureDir(files);
    const cold = runCli(['check', '--cache', '--format', 'json'], { cwd: d });
    expect(existsSync(path.join(d, '.promscope-cache/results.json'))).toBe(true);
    const warm = runCli(['check', '--cache', '--format', 'json'], { cwd: d });
    expect(warm).toEqual(cold);
    writeFileSync(path.join(d, 'f0.promql'), GOOD);
    const after = runCli(['check', '--cache', '--format', 'json'], { cwd: d });
    expect(json(after).some((f) => f.file === 'f0.promql')).toBe(false);
    expect(json(after).length).toBeLessThan(json(cold).length);
    // a different option is a different key, and --cache-location moves the cache
    runCli(['check', '--cache-location', 'elsewhere', '--format', 'json'], { cwd: d });
    expect(existsSync(path.join(d, 'elsewhere/results.json'))).toBe(true);
  });
  it('--cache written from worker threads (outcomes and graph entries as bytes) reads back to the same report', () => {
    // four rule files of ~300 KB: a cold run analyses them on the worker threads
    const rules = (g: string, n: number, extra = '') => {
      let t = `groups:\n  - name: ${g}\n    rules:\n${extra}`;
      for (let i = 0; i < n; i++) t += `      - record: job:${g}_${i}:sum\n        expr: sum by (job) (rate(${g}_total[5m]))\n      - alert: High${g}${i}\n        expr: job:${g}_${i}:sum > 1 # ${'x'.repeat(60)}\n        for: 5m\n`;
      return t;
    };
    const d = fixtureDir({
      'a.yml': rules('a', 1500),
      'b.yml': rules('b', 1500, '      - alert: UsesA\n        expr: job:a_7:sum > 1 or job:missing:sum > 1\n        for: 5m\n'),
      'c.yml': rules('c', 1500),
      'd.yml': rules('d', 1500),
    });
    const plain = runCli(['check', '-j', '0', '--format', 'json'], { cwd: d });
    expect(json(plain).some((f) => f.code === 'rules/undefined-recorded-metric')).toBe(true);
    const cold = runCli(['check', '-j', '2', '--cache', '--format', 'json'], { cwd: d });
    expect(cold).toEqual(plain);
    // one file changed: the others' outcomes come from results.json, their graph entries from rules.json
    writeFileSync(path.join(d, 'c.yml'), rules('c', 1499));
    const changed = runCli(['check', '-j', '0', '--cache', '--format', 'json'], { cwd: d });
    rmSync(path.join(d, '.promscope-cache'), { recursive: true });
    expect(changed).toEqual(runCli(['check', '-j', '0', '--format', 'json'], { cwd: d }));
  });

  it('--cache reuses the workspace pass only while every rule file is unchanged', () => {
    const producer = 'groups:\n  - name: a\n    rules:\n      - record: job:x:sum\n        expr: sum by (job) (x)\n';
    const consumer = 'groups:\n  - name: b\n    rules:\n      - alert: X\n        expr: job:x:sum > 1\n        for: 5m\n';
    const d = fixtureDir({ 'a.yml': producer, 'b.yml': consumer });
    const undefinedMetric = (r: ReturnType<typeof runCli>) => json(r).filter((f) => f.code === 'rules/undefined-recorded-metric').map((f) => `${f.file}:${f.line}`);
    const cold = runCli(['check', '--cache', '--format', 'json'], { cwd: d });
    expect(undefinedMetric(cold)).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(d, '.promscope-cache/results.json'), 'utf8')).workspace?.byPath).toBeDefined();
    expect(runCli(['check', '--cache', '--format', 'json'], { cwd: d })).toEqual(cold);
    // the producer goes: the unchanged consumer's workspace finding must appear, not a stale cached pass
    writeFileSync(path.join(d, 'a.yml'), producer.replace('job:x:sum', 'job:y:sum'));
    expect(undefinedMetric(runCli(['check', '--cache', '--format', 'json'], { cwd: d }))).toEqual(['b.yml:5']);
    expect(undefinedMetric(runCli(['check', '--cache', '--format', 'json'], { cwd: d }))).toEqual(['b.yml:5']);
  });

  it('--cache keeps the graph entries apart (rules.json) and the workspace pass reads them for unchanged files', () => {
    const producer = 'groups:\n  - name: a\n    rules:\n      - record: job:x:sum\n        expr: sum by (job) (x)\n';
    const consumer = 'groups:\n  - name: b\n    rules:\n      - alert: X\n        expr: job:x:sum > 1\n        for: 5m\n';
    const d = fixtureDir({ 'a.yml': producer, 'b.yml': consumer, 'c.yml': 'groups: []\n' });
    runCli(['check', '--cache', '--format', 'json'], { cwd: d });
    // a head line, then a line per rule file: [its id, its graph entries (packed, graph-entries.ts)]
    const rulesLines = () => readFileSync(path.join(d, '.promscope-cache/rules.json'), 'utf8').split('\n').slice(1, -1);
    const rules = rulesLines().map((l) => JSON.parse(l) as [string, unknown[]]);
    // (their names are the files' summaries' in results.json)
    const results = JSON.parse(readFileSync(path.join(d, '.promscope-cache/results.json'), 'utf8')) as { entries: Record<string, { outcome: { summary: { recordedMetrics: unknown[]; alerts: unknown[] } } }> };
    const names = (f: string) => namesOf(results.entries[f]!.outcome.summary);
    expect(rules.map(([f, r]) => `${path.basename(f)}: ${(unpack(r, names(f)) ?? []).map((x) => x.name).join(',')}`).sort()).toEqual(['a.yml: job:x:sum', 'b.yml: X', 'c.yml: ']);
    // a run that changes one rule file writes the others' lines as they were (a longer name moves
    // the uses after it: the names themselves are not in the lines)
    const before = rulesLines();
    writeFileSync(path.join(d, 'b.yml'), consumer.replace('alert: X', 'alert: XYZ'));
    runCli(['check', '--cache', '--format', 'json'], { cwd: d });
    const after = rulesLines();
    expect(after.filter((l) => !before.includes(l)).map((l) => path.basename((JSON.parse(l) as [string])[0]))).toEqual(['b.yml']);
    expect(after).toHaveLength(3);
    // results.json holds no graph entries
    expect(readFileSync(path.join(d, '.promscope-cache/results.json'), 'utf8')).not.toContain('"uses"');
    // a damaged rules.json costs a parse, never a wrong verdict
    writeFileSync(path.join(d, '.promscope-cache/rules.json'), '{ damaged');
    writeFileSync(path.join(d, 'c.yml'), 'groups: []\n# changed\n');
    expect(json(runCli(['check', '--cache', '--format', 'json'], { cwd: d })).filter((f) => f.code === 'rules/undefined-recorded-metric')).toEqual([]);
  });

  it('--cache reads no file when each has the stat it was last read with, and trusts a stat only well after the change', () => {
    const d = fixtureDir({ 'a.yml': 'groups:\n  - name: a\n    rules:\n      - record: x\n        expr: sum(rate(x[5m])\n', 'q.promql': BAD, 'sub/ok.promql': GOOD });
    const run = () => runCli(['check', '--cache', '--debug', '--format', 'json', 'a.yml', 'q.promql', 'sub'], { cwd: d });
    const READ_NOTHING = 'no file read';
    // the files were written just now: the first run reads them all and stamps none (racy)
    const early = run();
    expect(early.stderr).not.toContain(READ_NOTHING);
    expect(run().stderr).not.toContain(READ_NOTHING);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, RACY_MS + 200);
    // read long enough after their last change, they are stamped (explicit files and a walked folder's)
    const cold = run();
    expect(cold.stderr).not.toContain(READ_NOTHING);
    const stamps = JSON.parse(readFileSync(path.join(d, '.promscope-cache/stamps.json'), 'utf8')).files as Record<string, unknown[]>;
    expect(Object.keys(stamps).map((f) => path.relative(d, f)).sort()).toEqual(['a.yml', 'q.promql', path.join('sub', 'ok.promql')]);
    const warm = run();
    expect(warm.stderr).toContain(READ_NOTHING);
    expect(warm.stdout).toBe(early.stdout);
    expect(warm.code).toBe(1);
    // the report goes to --output-file the same way
    const out = runCli(['check', '--cache', '--debug', '--format', 'json', '-o', 'report.json', 'a.yml', 'q.promql', 'sub'], { cwd: d });
    expect(out.stdout).toBe('');
    expect(readFileSync(path.join(d, 'report.json'), 'utf8')).toBe(early.stdout);
    // a file changed to a text of the same size: its stat differs, it is read, and the report is new
    const sameSize = 'x + 1  \n';
    expect(sameSize.length).toBe(BAD.length);
    writeFileSync(path.join(d, 'q.promql'), sameSize);
    const changed = run();
    expect(changed.stderr).not.toContain(READ_NOTHING);
    expect(changed.stdout).toBe(runCli(['check', '--format', 'json', 'a.yml', 'q.promql', 'sub'], { cwd: d }).stdout);
    expect(changed.stdout).not.toBe(early.stdout);
    // read within RACY_MS of its change, it has no stamp: the next run reads it again (and reuses the report)
    const again = run();
    expect(again.stderr).not.toContain(READ_NOTHING);
    expect(again.stdout).toBe(changed.stdout);
    // another .promscope.yml changes every file's options: nothing is taken from the stamps
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, RACY_MS + 200);
    run();
    expect(run().stderr).toContain(READ_NOTHING);
    writeFileSync(path.join(d, '.promscope.yml'), 'checks:\n  promql/syntax: off\n');
    const configured = run();
    expect(configured.stderr).not.toContain(READ_NOTHING);
    expect(configured.stdout).toBe(runCli(['check', '--format', 'json', 'a.yml', 'q.promql', 'sub'], { cwd: d }).stdout);
  }, 30_000);

  it('a cache that cannot be written is only a lost speed-up: the report is whole, the problem said', () => {
    const d = fixtureDir({ 'q.promql': BAD, 'ok.promql': GOOD, 'blocker': 'a file where the cache folder would be\n' });
    const plain = runCli(['check', '--format', 'json'], { cwd: d });
    const r = runCli(['check', '--format', 'json', '--cache-location', 'blocker/cache'], { cwd: d });
    expect(r.stdout).toBe(plain.stdout);
    expect(r.code).toBe(plain.code);
    expect(r.stderr).toContain('cannot write the cache');
    expect(readFileSync(path.join(d, 'blocker'), 'utf8')).toBe('a file where the cache folder would be\n');
  });

  it("--cache copies an unchanged file's findings from the last report, unless its cross-file findings changed", () => {
    const producer = 'groups:\n  - name: a\n    rules:\n      - record: job:x:sum\n        expr: sum by (job) (x)\n';
    const consumer = 'groups:\n  - name: b\n    rules:\n      - alert: X\n        expr: job:x:sum > 1\n        for: 5m\n';
    const d = fixtureDir({ 'a.yml': producer, 'b.yml': consumer, 'q.promql': BAD, 'ok.promql': GOOD });
    const run = (format = 'json') => runCli(['check', '--cache', '--debug', '--format', format], { cwd: d });
    const cold = run();
    expect(cold.stderr).toContain('the findings of 0 of 4 files copied');
    // the findings are in the report: no file's diagnostics are stored (until a run needs them)
    const stored = () => readdirSync(path.join(d, '.promscope-cache/diagnostics')).map((f) => readFileSync(path.join(d, '.promscope-cache/diagnostics', f), 'utf8')).join('');
    expect(stored()).toBe('');
    const reportFile = path.join(d, '.promscope-cache/report.txt');
    // the start of q.promql's message (no character that JSON escapes)
    const original = json(cold).find((f) => f.file === 'q.promql')!.message.slice(0, 20);
    expect(original).toMatch(/^[a-z ]+$/);
    // the last report, marked: that text in capitals (the same length: every place holds)
    writeFileSync(reportFile, readFileSync(reportFile, 'utf8').replace(original, original.toUpperCase()));
    // the producer renames its metric: q.promql and ok.promql are copied (the mark shows), the
    // consumer, unchanged, gets a new cross-file finding and is written afresh, the producer too
    writeFileSync(path.join(d, 'a.yml'), producer.replace('job:x:sum', 'job:y:sum'));
    const changed = run();
    expect(changed.stderr).toContain('the findings of 2 of 4 files copied');
    expect(json(changed).find((f) => f.file === 'q.promql')!.message.startsWith(original.toUpperCase())).toBe(true);
    expect(json(changed).filter((f) => f.code === 'rules/undefined-recorded-metric').map((f) => f.file)).toEqual(['b.yml']);
    // unmarked, the same report as a run without a cache, exit code and all
    writeFileSync(reportFile, readFileSync(reportFile, 'utf8').replace(original.toUpperCase(), original));
    writeFileSync(path.join(d, 'ok.promql'), `${GOOD}# changed\n`);
    const plain = runCli(['check', '--format', 'json'], { cwd: d });
    const again = run();
    expect(again.stderr).toContain('the findings of 3 of 4 files copied');
    expect({ ...again, stderr: '' }).toEqual(plain);
    // a report written another way (format, colour) copies nothing from it; a damaged index or report neither
    // (the files' diagnostics, made again for it, are stored then)
    writeFileSync(path.join(d, 'ok.promql'), GOOD);
    expect(stored()).not.toContain(original);
    expect(run('text').stderr).toContain('the findings of 0 of 4 files copied');
    expect(stored()).toContain(original);
    writeFileSync(path.join(d, 'ok.promql'), `${GOOD}# again\n`);
    expect(run('text').stderr).toContain('the findings of 3 of 4 files copied');
    writeFileSync(path.join(d, '.promscope-cache/chunks.json'), '{ damaged');
    writeFileSync(path.join(d, 'ok.promql'), GOOD);
    const afterDamage = run('text');
    expect(afterDamage.stderr).toContain('the findings of 0 of 4 files copied');
    expect(afterDamage.stdout).toBe(runCli(['check', '--format', 'text'], { cwd: d }).stdout);
    // a report that is not the one chunks.json describes (another run's) is not read
    writeFileSync(path.join(d, 'ok.promql'), `${GOOD}# once more\n`);
    const index = readFileSync(path.join(d, '.promscope-cache/chunks.json'), 'utf8');
    run('text');
    writeFileSync(path.join(d, '.promscope-cache/chunks.json'), index);
    writeFileSync(path.join(d, 'ok.promql'), GOOD);
    expect(run('text').stderr).toContain('the findings of 0 of 4 files copied');
    // a report cut short since: the pieces it no longer holds are written afresh
    writeFileSync(path.join(d, 'ok.promql'), `${GOOD}# and again\n`);
    run();
    writeFileSync(path.join(d, 'ok.promql'), GOOD);
    const whole = readFileSync(reportFile);
    writeFileSync(reportFile, whole.subarray(0, whole.indexOf(10) + 3));
    const cut = run();
    // (a.yml has no findings: nothing to read for it)
    expect(cut.stderr).toContain('the findings of 1 of 4 files copied');
    expect({ ...cut, stderr: '' }).toEqual(runCli(['check', '--format', 'json'], { cwd: d }));
  });

  it('--cache with some files changed gives, in every format, the report of a run without a cache', () => {
    const d = fixtureDir({
      'a.yml': 'groups:\n  - name: a\n    rules:\n      - record: job:x:sum\n        expr: sum by (instance) (rate(x[1m]))\n      - alert: lower_case\n        expr: x > 1\n',
      'b.yml': 'groups:\n  - name: b\n    rules:\n      - alert: X\n        expr: job:x:sum > 1 or job:missing:sum > 1\n',
      'q.promql': BAD,
      'ok.promql': GOOD,
    });
    for (const format of ['json', 'text', 'github', 'sarif', 'checkstyle', 'junit']) {
      runCli(['check', '--cache', '--format', format], { cwd: d });
      writeFileSync(path.join(d, 'ok.promql'), `${GOOD}# ${format}\n`);
      const changed = runCli(['check', '--cache', '--debug', '--format', format], { cwd: d });
      // every format but SARIF (whose pieces are rewritten at the join) copies the unchanged files with findings
      expect(changed.stderr).toContain(`the findings of ${format === 'sarif' ? 0 : 3} of 4 files copied`);
      expect({ ...changed, stderr: '' }, format).toEqual(runCli(['check', '--format', format], { cwd: d }));
    }
  });

  it('--cache writes the last report again when every input is unchanged, and never when one changed', () => {
    const d = fixtureDir({ 'a.yml': 'groups:\n  - name: a\n    rules:\n      - record: x\n        expr: sum(rate(x[5m])\n', 'q.promql': BAD });
    const cold = runCli(['check', '--cache', '--format', 'json'], { cwd: d });
    expect(cold.code).toBe(1);
    const reportFile = path.join(d, '.promscope-cache/report.txt');
    const [header] = readFileSync(reportFile, 'utf8').split('\n', 1);
    // the report is reused as written: a marked copy comes back (with the exit code of its tally)
    writeFileSync(reportFile, `${header}\n[]\n`);
    const reused = runCli(['check', '--cache', '--format', 'json'], { cwd: d });
    expect(reused.stdout).toBe('[]\n');
    expect(reused.code).toBe(1);
    // another format, a changed file, a changed .promscope.yml: each is a new report
    expect(runCli(['check', '--cache', '--format', 'text'], { cwd: d }).stdout).toContain('q.promql');
    writeFileSync(path.join(d, 'q.promql'), GOOD);
    const changed = runCli(['check', '--cache', '--format', 'json'], { cwd: d });
    expect(json(changed).map((f) => f.file)).not.toContain('q.promql');
    expect(json(changed).map((f) => f.file)).toContain('a.yml');
    writeFileSync(path.join(d, '.promscope.yml'), 'checks:\n  promql/syntax: off\n');
    const configured = runCli(['check', '--cache', '--format', 'json'], { cwd: d });
    expect(configured.stdout).not.toBe(changed.stdout);
    // and an unchanged run after those gives what an uncached run gives
    expect(runCli(['check', '--cache', '--format', 'json'], { cwd: d })).toEqual(runCli(['check', '--format', 'json'], { cwd: d }));
  });
});

describe('bad files: clear per-file messages, never exit 2', () => {
  it('a file with 150,000 findings is reported in full (no list is spread into call arguments)', () => {
    const d = fixtureDir({ 'dups.yml': 'groups: []\n'.repeat(150_000) });
    const r = runCli(['check', '--format', 'json', '--kind', 'rules', 'dups.yml'], { cwd: d });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const found = json(r);
    expect(found.length).toBe(149_999);
    expect(found[found.length - 1]).toMatchObject({ line: 150_000, code: 'yaml/duplicate-key', message: 'mapping key "groups" already defined at line 1' });
  }, 60_000);

  it('binary files, broken symlinks, unreadable folders and files', () => {
    const d = fixtureDir({ 'ok.promql': GOOD, 'blob.yml': Buffer.from([0x67, 0x00, 0x01, 0x02]), 'image.png': Buffer.from([0x89, 0x50, 0x00]) });
    symlinkSync(path.join(d, 'gone.promql'), path.join(d, 'dangling.promql'));
    mkdirSync(path.join(d, 'locked'));
    writeFileSync(path.join(d, 'locked/x.promql'), BAD);
    chmodSync(path.join(d, 'locked'), 0o000);
    writeFileSync(path.join(d, 'secret.promql'), BAD);
    chmodSync(path.join(d, 'secret.promql'), 0o000);
    chmodSync(d, 0o755);
    const r = runCli(['check', '--format', 'json'], { cwd: d, asNobody: true });
    expect(r.stderr).toBe('');
    expect(json(r).filter(errorsAndOwn).map((f) => `${f.file} ${f.severity} ${f.code} ${f.message}`)).toEqual([
      'blob.yml warning promscope/io binary file, not checked',
      'dangling.promql warning promscope/io broken symbolic link: no such file or directory',
      'locked warning promscope/io cannot read folder: permission denied',
      'secret.promql warning promscope/io cannot read file: permission denied',
    ]);
    expect(r.code).toBe(0);
    // named explicitly, an unreadable file is an error (exit 1, still not 2); a binary one a warning
    const named = runCli(['check', 'secret.promql', 'image.png', '--format', 'json'], { cwd: d, asNobody: true });
    expect(json(named).filter(errorsAndOwn).map((f) => `${f.file} ${f.severity} ${f.message}`)).toEqual([
      'image.png warning binary file, not checked',
      'secret.promql error cannot read file: permission denied',
    ]);
    expect(named.code).toBe(1);
  });
});

describe('--kind with a folder walk', () => {
  it('forces the kind of the files the walk reads, and still reads only their extensions', () => {
    const d = fixtureDir({ 'expr.txt': BAD, 'x.yml': BAD, 'notes.md': '# hello\n' });
    const r = runCli(['check', '--kind', 'promql', '--format', 'json'], { cwd: d });
    expect([...new Set(json(r).filter(errorsAndOwn).map((f) => f.file))]).toEqual(['x.yml']);
  });
});
