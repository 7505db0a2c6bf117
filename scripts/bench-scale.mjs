#!/usr/bin/env node
// Scale benchmark (issue 8): a generated workspace of 5,000 rule files (100,000 rules) plus the
// plain rule files of ../shared/corpus/rules, checked by the promscope CLI — without a cache, cold
// (empty --cache) and warm (second --cache run) — side by side with `promtool check rules` on the
// same file list in the same run; then one generated 20 MB rule file the same way. Prints wall
// times, ratios to promtool, peak RSS (GNU time -v when present, else /proc polling of the process
// tree) and whether the verdicts (which files fail) agree. promscope writes its report with
// --output-file (read afterwards for the verdicts), promtool to a pipe (its output is small).
//
// Usage: node scripts/bench-scale.mjs [--files 5000] [--rules 20] [--big-mb 20] [--reps 1]
//                                     [--promtool /usr/bin/promtool] [--keep] [--baseline other/bin/promscope.js]
// --baseline: another build of the CLI, run without a cache in the same run (an A/B row).
// Each build runs as its `promscope` bin runs it: `node`, the Node flags of its launcher's first
// line, the launcher (lib/launcher-flags.mjs; without the shell shim's own few milliseconds).
// Also timed: the same files with the corpus files named first (the analysis follows the command
// line's order, and real rule files first once made V8 tenure short-lived objects), and the CLI
// with the other choice of threads than its default (`-j 2` on a machine of two
// cores or fewer, where the default is one thread; `-j 1` on a bigger one), and how much a second
// thread gains on this machine at all (lib/thread-scaling.mjs): the bound of what workers can give.
// Targets: cold ≤ 0.5× promtool, warm ≤ 0.1×, peak RSS ≤ 1 GB.
// promscope runs with --prometheus-version 2.42 so that its verdicts are those of Debian's promtool.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brokenKind, ruleFile } from './lib/rule-generator.mjs';
import { threadScaling } from './lib/thread-scaling.mjs';
import { launcherNodeFlags } from './lib/launcher-flags.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const argv = process.argv.slice(2);
const opt = (name, def) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : def;
};
const FILES = Number(opt('--files', 5000));
const RULES = Number(opt('--rules', 20));
const BIG_MB = Number(opt('--big-mb', 20));
const REPS = Number(opt('--reps', 1));
const promtool = opt('--promtool', '/usr/bin/promtool');
const keep = argv.includes('--keep');
const baseline = opt('--baseline', undefined);
const cli = path.join(root, 'packages/cli/bin/promscope.js');
/** a launcher and the Node flags of its first line: run as its `promscope` bin runs it (see lib/launcher-flags.mjs) */
const launched = (launcher) => [...launcherNodeFlags(launcher), launcher];
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;


/** the corpus rule files promtool reads (plain rule files: no CRDs, no unit-test files) */
function corpusRuleFiles() {
  const dir = path.resolve(root, '../shared/corpus/rules');
  if (!existsSync(dir)) return [];
  const out = [];
  const walk = (d) => {
    for (const n of readdirSync(d).sort()) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(n) && !/kube-prometheus-crds|kubernetes-mixin|tests?\.ya?ml$/.test(p)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

// ── measuring ──
/** runs a command; returns wall ms, peak RSS (KB) of the process tree, exit code, stdout, stderr */
function measure(cmd, args, cwd) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const useTime = gnuTime !== null;
    const p = useTime ? spawn(gnuTime, ['-v', cmd, ...args], { cwd }) : spawn(cmd, args, { cwd });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    let peak = 0;
    let cpuMs = NaN;
    const poll = useTime
      ? null
      : setInterval(() => {
          try {
            const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p.pid}/status`, 'utf8'))?.[1] ?? 0);
            peak = Math.max(peak, kb);
          } catch {
            /* exited */
          }
        }, 20);
    p.on('close', (code) => {
      if (poll) clearInterval(poll);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (useTime) {
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
        peak = m ? Number(m[1]) : 0;
        const user = /User time \(seconds\): ([\d.]+)/.exec(err);
        const sys = /System time \(seconds\): ([\d.]+)/.exec(err);
        cpuMs = user && sys ? (Number(user[1]) + Number(sys[1])) * 1000 : NaN;
        err = err.replace(/\n?\tCommand being timed:[\s\S]*$/, '');
      }
      resolve({ ms, cpuMs, rssKb: peak, code, out, err });
    });
  });
}

async function median(reps, fn) {
  const runs = [];
  for (let i = 0; i < reps; i++) runs.push(await fn(i));
  runs.sort((a, b) => a.ms - b.ms);
  return runs[Math.floor(runs.length / 2)];
}

function promtoolVerdicts(stdout, cwd, files) {
  // stdout: "Checking <file>\n  SUCCESS: N rules found" per passing file; failures go to stderr
  const ok = new Set();
  const lines = stdout.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^Checking (.+)$/.exec(lines[i]);
    if (m && /^\s+SUCCESS/.test(lines[i + 1] ?? '')) ok.add(path.resolve(cwd, m[1]));
  }
  return new Map(files.map((f) => [path.resolve(f), !ok.has(path.resolve(f))]));
}

function promscopeVerdicts(stdout, cwd, files) {
  const failed = new Set(JSON.parse(stdout).filter((f) => f.severity === 'error').map((f) => path.resolve(cwd, f.file)));
  return new Map(files.map((f) => [path.resolve(f), failed.has(path.resolve(f))]));
}

function compareVerdicts(a, b) {
  const diff = [];
  for (const [f, v] of a) if (b.get(f) !== v) diff.push(`${f}: promtool ${v ? 'fails' : 'passes'}, promscope ${b.get(f) ? 'fails' : 'passes'}`);
  return diff;
}

const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** `otherOrder`: the same files named in another order (a row of its own: the analysis runs in the order given) */
async function benchSet(title, cwd, files, otherOrder) {
  console.log(`\n## ${title}: ${files.length} files`);
  const cacheDir = path.join(cwd, '.bench-cache');
  // promscope's report (50 MB of JSON here) goes to a file, read after the run: through a pipe, this
  // script's own reading of it was timed too (~0.5 s, most of a warm run)
  const report = path.join(cwd, '.bench-report.json');
  const viaFile = async (cmd, args) => {
    rmSync(report, { force: true });
    const r = await measure(cmd, [...args, '--output-file', report], cwd);
    return { ...r, out: existsSync(report) ? readFileSync(report, 'utf8') : r.out };
  };
  const pscope = (extra, list = files) => viaFile(process.execPath, [...launched(cli), 'check', '--format', 'json', '--prometheus-version', '2.42', ...extra, ...list]);
  // the other choice of threads (the CLI's default, pool.ts `defaultThreads`: one thread on two
  // cores or fewer, every core on more): what workers add or cost on this machine
  const otherJobs = os.availableParallelism() <= 2 ? '2' : '1';
  // Rounds, each running every command once in turn (medians over the rounds): on a shared machine
  // the speed drifts over a minute, and a block of reps of one command after a block of another
  // put the drift into their ratio (the same build's empty --cache came out 1.08× to 1.24× its run
  // without a cache). A round's warm run follows its cold one.
  // (the reports are kept from the first round only, for the verdicts: the same every round)
  const runs = { pt: [], plain: [], single: [], reordered: [], base: [], cold: [], warm: [] };
  for (let i = 0; i < REPS; i++) {
    const add = async (list, run) => list.push(i === 0 ? await run : { ...(await run), out: '' });
    await add(runs.pt, measure(promtool, ['check', 'rules', ...files], cwd));
    await add(runs.plain, pscope([]));
    await add(runs.single, pscope(['-j', otherJobs]));
    if (otherOrder) await add(runs.reordered, pscope([], otherOrder.files));
    if (baseline) await add(runs.base, viaFile(process.execPath, [...launched(baseline), 'check', '--format', 'json', '--prometheus-version', '2.42', ...files]));
    rmSync(cacheDir, { recursive: true, force: true });
    await add(runs.cold, pscope(['--cache-location', cacheDir]));
    await add(runs.warm, pscope(['--cache-location', cacheDir]));
  }
  /** the run of median time, with the first round's report */
  const middle = (rs) => (rs.length === 0 ? undefined : { ...[...rs].sort((a, b) => a.ms - b.ms)[Math.floor(rs.length / 2)], out: rs[0].out });
  const [pt, plain, single, reordered, base, cold, warm] = [runs.pt, runs.plain, runs.single, runs.reordered, runs.base, runs.cold, runs.warm].map(middle);
  // the pre-commit case: one generated file changed (a comment added), the others from the per-file cache
  const touchedFile = path.join(cwd, files[0]);
  const original = readFileSync(touchedFile, 'utf8');
  const touched = await median(REPS, async (i) => {
    writeFileSync(touchedFile, `${original}# touched ${i}\n`);
    const r = await pscope(['--cache-location', cacheDir]);
    writeFileSync(touchedFile, original);
    return r;
  });
  const rows = [
    ['promtool check rules', pt],
    ['promscope (no cache)', plain],
    [`promscope -j ${otherJobs} (no cache, ${otherJobs === '1' ? 'one thread' : 'a worker beside the main thread'})`, single],
    ...(reordered ? [[`promscope (no cache), ${otherOrder.name}`, reordered]] : []),
    ...(base ? [[`baseline ${baseline} (no cache)`, base]] : []),
    ['promscope --cache, cold', cold],
    ['promscope --cache, warm (unchanged)', warm],
    ['promscope --cache, 1 file changed', touched],
  ];
  // CPU (user + system) beside the wall time: on a shared machine it moves less with the load
  console.log('| run | wall | × promtool | CPU | × promtool | peak RSS | exit |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [name, r] of rows) console.log(`| ${name} | ${s(r.ms)} | ${(r.ms / pt.ms).toFixed(2)}× | ${s(r.cpuMs)} | ${(r.cpuMs / pt.cpuMs).toFixed(2)}× | ${mb(r.rssKb)} | ${r.code} |`);
  // verdicts from the rule loader alone: promtool 2.42 fails a file on its duplicate-rules lint,
  // which promscope reports as a warning (issue 3), so compare with --lint=none (not timed)
  const ptLoader = await measure(promtool, ['check', 'rules', '--lint=none', ...files], cwd);
  const ptV = promtoolVerdicts(ptLoader.out, cwd, files.map((f) => path.resolve(cwd, f)));
  let agree = 'n/a';
  try {
    const psV = promscopeVerdicts(plain.out, cwd, files.map((f) => path.resolve(cwd, f)));
    const diff = compareVerdicts(ptV, psV);
    const warmV = promscopeVerdicts(warm.out, cwd, files.map((f) => path.resolve(cwd, f)));
    const warmDiff = compareVerdicts(psV, warmV);
    agree = diff.length === 0 ? 'same verdicts on every file' : `${diff.length} verdicts differ:\n  ${diff.slice(0, 15).join('\n  ')}`;
    if (warmDiff.length > 0) agree += `\n  warm cache changed ${warmDiff.length} verdicts!`;
    // the workers change where a file is analysed, never what is reported
    if (single.out !== plain.out) agree += `\n  the report with -j ${otherJobs} differs from the default run's!`;
    // nor does the order the files are named in
    if (reordered && reordered.out !== plain.out) agree += `\n  the report with the files in another order differs from the default run's!`;
    const failing = [...ptV.values()].filter(Boolean).length;
    console.log(`verdicts: promtool fails ${failing} of ${files.length}; ${agree}`);
  } catch (e) {
    console.log(`promscope output was not JSON: ${e.message}\n${plain.err.slice(0, 500)}`);
  }
  console.log(`targets: cold ${(plain.ms / pt.ms).toFixed(2)}× without a cache, ${(cold.ms / pt.ms).toFixed(2)}× with an empty --cache (≤ 0.5), warm ${(warm.ms / pt.ms).toFixed(2)}× (≤ 0.1; 1 file changed ${(touched.ms / pt.ms).toFixed(2)}×), RSS ${mb(Math.max(plain.rssKb, cold.rssKb, warm.rssKb, touched.rssKb))} (≤ 1024 MB)`);
  return { pt, plain, cold, warm };
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'promscope-bench-scale-'));
  try {
    const t0 = Date.now();
    const files = [];
    const groups = 4;
    const perGroup = Math.max(1, Math.round(RULES / groups));
    for (let f = 0; f < FILES; f++) {
      const rel = `ws/team${f % 50}/rules-${String(f).padStart(5, '0')}.yml`;
      mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), ruleFile(f, groups, perGroup, brokenKind(f)));
      files.push(rel);
    }
    const corpus = corpusRuleFiles();
    console.log(`# promscope scale benchmark — ${new Date().toISOString()}`);
    console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model}), load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}; node ${process.version}; ${spawnSync(promtool, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]}`);
    console.log(`generated ${FILES} files × ${groups * perGroup} rules = ${FILES * groups * perGroup} rules (+ broken groups in ${files.filter((_f, i) => brokenKind(i) !== 'none').length} files) in ${Date.now() - t0} ms; corpus: ${corpus.length} plain rule files`);
    const ts = await threadScaling();
    console.log(`threads: allocation-heavy JavaScript took ${ts.one.toFixed(0)} ms in one thread alone, ${ts.two.toFixed(0)} ms in each of two at once: two threads do ${ts.gain.toFixed(2)}× the work of one (2.00× with two free cores)`);
    // the corpus files first too: real rule files, each expression new, before the generated ones
    // (the analysis follows the command line's order; the report is sorted)
    await benchSet('generated workspace + corpus rules', dir, [...files, ...corpus], { name: 'the corpus files named first', files: [...corpus, ...files] });

    if (BIG_MB > 0) {
      let text = 'groups:\n';
      for (let f = 0; text.length < BIG_MB * 1024 * 1024; f++) text += ruleFile(f, 4, 8).replace(/^# generated file \d+\ngroups:\n/, '');
      writeFileSync(path.join(dir, 'big.yml'), text);
      await benchSet(`one generated ${(text.length / 1048576).toFixed(1)} MB rule file`, dir, ['big.yml']);
    }
  } finally {
    if (keep) console.log(`\nkept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
