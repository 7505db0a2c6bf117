/**
 * `promscope check`: discovery → reading → configuration pass (prometheus.yml, alertmanager.yml:
 * their models, the files they link to, the scrape intervals each rule file gets) → analysis
 * (cached, parallel) → rule files named by a prometheus.yml → cross-file pass (workspace checks,
 * links), suppressions, levels → `--fix` → findings → report and exit code.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crossFileDiagnostics, finishLinkedFile, pushAll, runWorkspaceChecks, type Diagnostic } from '@promscope/core';
import { analyseEntries } from './analyse';
import { UsageError, type CheckArgs } from './args';
import { cacheVersion, ResultCache } from './cache';
import { checkText, finishDiagnostics, finishedText, type FinishedText } from './check-file';
import { discover, displayPath } from './discover';
import { EntryCollector, IO_CODE, type Entry } from './entries';
import { fileFinding, toFindings, type Finding, type Tally } from './findings';
import { fixFile } from './fix-files';
import { formatReportParts, reportTally, type Chunk } from './format/index';
import { FINDINGS_PER_PIECE } from './format/report';
import { ConfigPass } from './links';
import { useColor } from './format/colors';
import { ConfigResolver } from './project-configs';
import { describeFsError, fileStat } from './read-file';
import { WorkerStart, type FinishRequest, type Held } from './pool';
import { byteBatches } from './byte-batches';
import { ReportPieces } from './report-pieces';
import { ruleFilesMatcher } from './referenced-files';
import { VERSION } from './version';

export interface CliIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  write(s: string | Uint8Array): Promise<void>;
  writeErr(s: string): void;
  readStdin(): Buffer;
  /** the bundle, for worker threads (null: no workers) */
  workerUrl: URL | null;
}

/** Extensions whose binary files a walk reports (other binary files are skipped quietly). */
const REPORTED_EXTENSIONS = /\.(ya?ml|json|promql|rules)$/i;

export async function runCheck(args: CheckArgs, io: CliIO): Promise<number> {
  const cwd = io.cwd;
  const phases = new PhaseTimer();
  phases.mark('start');
  const configs = new ConfigResolver(args.config);
  const extraFindings: Finding[] = [];
  const discovery = discover(
    args.inputs.filter((i) => i !== '-'),
    { cwd, configs, ...(args.kind ? { kind: args.kind } : {}) },
  );
  for (const p of discovery.problems) extraFindings.push(fileFinding(p.display, p.severity, IO_CODE, p.message));
  phases.mark('discover');

  const collector = new EntryCollector(args, cwd, configs, extraFindings);
  const cache = args.cache ? new ResultCache(path.resolve(cwd, args.cacheLocation ?? '.promscope-cache'), cacheVersion(VERSION, import.meta.url)) : null;
  const onWorkerFailure = (e: unknown) => {
    if (args.debug) io.writeErr(`promscope: a worker thread failed, finishing on the main thread: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  };
  const color = args.outputFile ? false : useColor(args.color, io.env, io.stdoutIsTTY);
  // a run with enough text starts its workers while it reads the rest (with --cache, only when the
  // cache is empty: other runs mostly analyse nothing)
  const started = new WorkerStart(args.jobs === 0 || (cache && !cache.isEmpty()) ? null : io.workerUrl, args.jobs);
  // the workers keep their files' diagnostics and write their findings (pool.ts), except for --fix,
  // which edits files here
  const helds: Held[] = [];
  const analyse = async (list: Entry[]) => {
    const held = await analyseEntries(list, cache, args.jobs, io.workerUrl, { ...(args.fix ? {} : { hold: { format: args.format, color } }), onWorkerFailure, started });
    if (held) helds.push(held);
  };
  try {
    return await checkEntries();
  } finally {
    started.take(0);
    await Promise.all(helds.map((h) => h.close()));
    if (args.timings) io.writeErr(`promscope: phases (ms since start): ${phases.line()}\n`);
  }

  /**
   * The cached report of the last run, when every file of this run has the stat of its stamp (see
   * cache.ts) and the run's key, made of the stamps' keys, is the report's: no file is read.
   */
  function stampedReport(cache: ResultCache): ReturnType<ResultCache['getReport']> {
    const inputs: [display: string, key: string][] = [];
    for (const t of discovery.targets) {
      let st = t.stat;
      if (!st) {
        try {
          const s = statSync(t.abs);
          if (!s.isFile()) return undefined;
          st = fileStat(s);
        } catch {
          return undefined;
        }
      }
      const key = cache.stampedKey(t.abs, st, cache.metaKey(collector.configure(t.abs, t.display, '', t.kind)));
      if (key === undefined) return undefined;
      inputs.push([t.display, key]);
    }
    return cache.getReport(runKeyOf(cache, args, cwd, color, extraFindings, configs, inputs));
  }

  /** Brings the diagnostics of entries that a worker holds to this thread. */
  async function loadDiagnostics(list: readonly Entry[]): Promise<void> {
    const byRun = new Map<Held, Entry[]>();
    for (const e of list) {
      if (!e.held) continue;
      const es = byRun.get(e.held.run);
      if (es) es.push(e);
      else byRun.set(e.held.run, [e]);
    }
    await Promise.all([...byRun].map(([run, es]) => run.loadDiagnostics(es.map((e) => e.held!.index))));
    for (const e of list) delete e.held;
  }

  async function checkEntries(): Promise<number> {
    // --cache: a run whose every file has the stat it had when last read, and whose report is
    // cached, writes it without reading a file
    const readAt = Date.now();
    if (cache && !args.fix && !args.inputs.includes('-') && args.exprs.length === 0) {
      const last = stampedReport(cache);
      if (last) {
        if (args.debug) io.writeErr(`promscope: --cache: every file has the stat it was last read with; the last report is written again, no file read\n`);
        return emit(args, io, last.output, last.tally);
      }
    }
    for (const t of discovery.targets) {
      const e = collector.addFile(t, !t.explicit && !REPORTED_EXTENSIONS.test(t.abs));
      if (e) started.read(e.job.text.length);
    }
    if (args.inputs.includes('-')) collector.addStdin(io.readStdin());
    collector.addExpressions(args.exprs);
    phases.mark('read');
    const entries = collector.entries;
    if (cache) for (const e of entries) if (e.stat) e.meta = cache.metaKey(e.job);
    /** each file read, with its key, for the next run's `stampedReport` */
    const stampEntries = () => {
      for (const e of entries) if (e.stat && e.meta && e.cacheKey) cache!.stamp(e.target.abs, e.stat, readAt, e.meta, e.cacheKey);
    };

    // configurations first: the other files' jobs take the intervals of their prometheus.yml
    const links = new ConfigPass();
    links.analyseConfigs(entries);
    links.configureJobs(entries);

    // --cache: a run whose every input is the same as the last run's writes the last run's report
    const reportKey = cache ? wholeRunKey(cache, args, cwd, color, entries, extraFindings, configs) : undefined;
    if (reportKey) {
      const last = cache!.getReport(reportKey);
      if (last) {
        stampEntries();
        const cacheProblem = cache!.save();
        if (cacheProblem) io.writeErr(`promscope: ${cacheProblem}\n`);
        return emit(args, io, last.output, last.tally);
      }
    }
    phases.mark('configs');
    await analyse(entries.filter((e) => !e.outcome));
    phases.mark('analyse');

    // rule files without a YAML extension that a prometheus.yml names in rule_files
    const referencing = entries.filter((e) => e.outcome?.ruleFiles && !e.virtual);
    if (referencing.length > 0 && discovery.others.length > 0) {
      const matchers = referencing.map((e) => ruleFilesMatcher(e.target.abs, e.outcome!.ruleFiles!));
      const before = entries.length;
      for (const o of discovery.others) if (matchers.some((m) => m(o.abs))) collector.addFile({ ...o, kind: 'rules' }, false);
      links.configureJobs(entries.slice(before));
      await analyse(entries.slice(before));
    }

    // the cross-file pass over every analysed file's summary, then each file's suppressions and levels
    const checked: Entry[] = entries.filter((e) => e.outcome && e.outcome.kind !== 'unknown');
    const cross = new Map<string, Diagnostic[]>();
    for (const c of crossFileDiagnostics(checked.flatMap((e) => (e.outcome!.summary ? [e.outcome!.summary] : [])))) {
      const list = cross.get(c.path);
      if (list) list.push(c.diagnostic);
      else cross.set(c.path, [c.diagnostic]);
    }
    // the workspace checks (undefined recorded metrics, cycles, unused recording rules...) over every rule file
    const ruleEntries = checked.filter((e) => e.outcome!.kind === 'rules' || e.outcome!.kind === 'prometheus-rule');
    if (ruleEntries.length > 0) {
      // with --cache, the pass is reused when every rule file is the same as last time (same keys)
      const wsKey = cache && ruleEntries.every((e) => e.cacheKey) ? workspaceKey(ruleEntries) : undefined;
      let ws = wsKey ? cache!.getWorkspace(wsKey) : undefined;
      if (!ws) {
        const settings = new Map(ruleEntries.map((e) => [e.job.path, e.job.checks]));
        ws = runWorkspaceChecks(
          // the graph entries come with each file's summary (from the workers, or the cache's rules.json): no file is parsed again
          ruleEntries.map((e) => ({ path: e.job.path, text: e.job.text, graph: e.outcome!.summary?.rules ?? (e.cacheKey ? cache?.rulesOf(e.target.abs) : undefined) })),
          { settingsFor: (p) => settings.get(p) ?? {} },
        );
        if (wsKey) cache!.setWorkspace(wsKey, ws);
      }
      for (const [path, ds] of ws) cross.set(path, [...(cross.get(path) ?? []), ...ds]);
    }
    phases.mark('workspace');
    // what the configurations link to: missing files, scrape_config_files, templates, inhibit rules
    const linked = await links.diagnostics(checked, loadDiagnostics);
    for (const [path, ds] of linked.byEntry) cross.set(path, [...(cross.get(path) ?? []), ...ds]);
    const withFrames = args.format === 'text';
    // findings: config problems, each file's diagnostics, linked files, file problems
    const configFindings: Finding[] = [];
    for (const c of configs.loaded()) {
      if (c.diagnostics.length > 0 && c.file) pushAll(configFindings, toFindings(displayPath(cwd, c.file), c.text ?? '', c.diagnostics, withFrames));
    }
    // linked files that are not checked themselves (template files, included scrape configs outside the run)
    const linkedFindings: Finding[] = [];
    for (const f of linked.linkedFiles) {
      const abs = path.resolve(f.path);
      const display = displayPath(cwd, abs);
      const ds = finishLinkedFile(f, collector.configure(abs, display, f.text).checks);
      pushAll(linkedFindings, toFindings(display, f.text, ds, withFrames));
    }
    // --cache (without --fix): each file's findings are a piece of the report of their own, whose
    // place the cache keeps (chunks.json), and an unchanged file whose cross-file diagnostics are
    // the same as in the last report has its piece copied from there
    const pieces = cache && !args.fix ? new ReportPieces(cache, `${args.format}\0${color ? 'color' : ''}\0${cwd}`, [...configFindings, ...linkedFindings, ...extraFindings]) : undefined;
    const finish = (e: Entry) => {
      e.final = finishDiagnostics(e.job, [...e.outcome!.diagnostics, ...(cross.get(e.job.path) ?? [])]);
      e.finalText = e.job.text;
    };
    for (const e of checked) if (!e.held && !pieces?.want(e, cross.get(e.job.path) ?? [])) finish(e);
    // (a piece that cannot be read after all: a report cut short since)
    if (pieces) for (const e of pieces.read()) finish(e);
    if (args.debug && pieces) io.writeErr(`promscope: --cache: the findings of ${pieces.copied} of ${checked.length} files copied from the last report\n`);

    let filesFixed = 0;
    if (args.fix) {
      for (const e of checked) {
        if (e.virtual) continue;
        const r = fixFile(e.target.abs, e.job, e.final!, e.file);
        if (r.written && r.text !== undefined) {
          filesFixed++;
          e.finalText = r.text;
          e.final = checkText({ ...e.job, text: r.text });
        } else if (r.refused) extraFindings.push(fileFinding(e.target.display, 'warning', 'promscope/fix-refused', `fixes not written: ${r.refused}`));
      }
    }
    // the files a worker holds are finished there; written in the report's format unless the file has other findings to sort in
    const others = new Set([...configFindings, ...linkedFindings, ...extraFindings].map((f) => f.file));
    const requests = new Map<Held, FinishRequest[]>();
    const asked = new Map<Entry, FinishRequest>();
    for (const e of checked) {
      if (!e.held) continue;
      const r = { index: e.held.index, extra: cross.get(e.job.path) ?? [], display: e.target.display, chunk: !others.has(e.target.display) };
      asked.set(e, r);
      const list = requests.get(e.held.run);
      if (list) list.push(r);
      else requests.set(e.held.run, [r]);
    }
    const finished = new Map<Held, Map<number, FinishedText>>();
    await Promise.all([...requests].map(async ([run, list]) => finished.set(run, await run.finish(list, color))));
    phases.mark('finish');
    // the workers' memory goes before the report is put together
    await Promise.all(helds.map((h) => h.close()));

    const findings: Finding[] = configFindings;
    const chunks: Chunk[] = [];
    for (const e of checked) {
      if (e.held) {
        const f = finished.get(e.held.run)!.get(e.held.index)!;
        if (asked.get(e)!.chunk) {
          pieces?.made(e, asked.get(e)!.extra, f);
          if (f.count > 0) chunks.push({ file: e.target.display, ...f });
        } else pushAll(findings, JSON.parse(new TextDecoder().decode(f.text)) as Finding[]);
      } else if (pieces?.copiedOf(e)) {
        const c = pieces.copiedOf(e)!;
        if (c.count > 0) chunks.push(c);
      } else if (pieces?.ownPiece(e) && e.final!.length <= FINDINGS_PER_PIECE) {
        // (a file with more findings is written in pieces of the report's own: one text of a 20 MB
        // rule file's 170,000 findings was a fifth of its run's peak memory)
        const f = finishedText(e.target.display, e.finalText!, e.final!, args.format, color, true);
        pieces.made(e, cross.get(e.job.path) ?? [], f);
        if (f.count > 0) chunks.push({ file: e.target.display, ...f });
      } else pushAll(findings, toFindings(e.target.display, e.finalText!, e.final!, withFrames));
      if (args.debug && e.outcome!.crash) io.writeErr(`promscope: internal error on ${e.target.display}:\n${e.outcome!.crash}\n`);
    }
    pushAll(findings, linkedFindings);
    pushAll(findings, extraFindings);
    findings.sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : a.file < b.file ? -1 : 1));
    chunks.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

    const report = { findings, chunks, filesChecked: checked.length, filesFixed, files: checked.map((e) => e.target.display), cwd, version: VERSION };
    const out = formatReportParts(args.format, report, { color });
    const t = reportTally(report).tally;
    if (cache) stampEntries();
    const cacheProblem = cache?.save();
    if (cacheProblem) io.writeErr(`promscope: ${cacheProblem}\n`);
    // the report's bytes go to the cache as they are written out (encoded once)
    // (a run whose report depends on more than its entries, see `wholeRunKey`, writes it too, under
    // a key that no run asks for: the pieces of its files are copied by the next run)
    // (`pieces`: a cache and no --fix, as every run with a `reportKey`)
    const reportCopy = cache && pieces && !checked.some((e) => e.outcome!.crash) ? cache.reportWriter(reportKey ?? '', t) : undefined;
    let code: number;
    phases.mark('report');
    try {
      code = await emit(args, io, out, t, reportCopy?.write);
      phases.mark('write');
    } catch (e) {
      reportCopy?.abort();
      throw e;
    }
    const reportProblem = reportCopy?.done();
    if (reportProblem) io.writeErr(`promscope: ${reportProblem}\n`);
    else if (reportCopy && pieces) {
      const chunksProblem = pieces.save(reportCopy.id, out);
      if (chunksProblem) io.writeErr(`promscope: ${chunksProblem}\n`);
    }
    return code;
  }
}

/** When each phase of a run ended (`--timings` prints them): where a slow run spends its time. */
class PhaseTimer {
  private readonly at: [string, number][] = [];
  mark(phase: string): void {
    this.at.push([phase, performance.now()]);
  }
  /** each phase with the time it ended, since the process started */
  line(): string {
    return this.at.map(([p, t]) => `${p} ${Math.round(t)}`).join(', ');
  }
}

/**
 * Writes the report (stdout or --output-file) and returns the exit code. `out` is the report in
 * parts (their concatenation), or the pieces of a cached report (each written before the next is
 * read). Parts are encoded into one buffer of `WRITE_BATCH` bytes, written each time it is full:
 * a 50 MB report joined into one string and encoded at once cost twice as much, mostly the
 * kernel's faults on new pages. `copy` gets each batch too (the cached report, see cache.ts).
 */
async function emit(args: CheckArgs, io: CliIO, out: Iterable<string | Uint8Array>, t: Tally, copy?: (bytes: Uint8Array) => void): Promise<number> {
  if (args.outputFile) {
    try {
      const fd = openSync(path.resolve(io.cwd, args.outputFile), 'w');
      try {
        // writeFileSync on a descriptor writes all of each batch at the current position
        for (const b of byteBatches(out)) {
          writeFileSync(fd, b);
          copy?.(b);
        }
      } finally {
        closeSync(fd);
      }
    } catch (e) {
      throw new UsageError(`cannot write --output-file ${args.outputFile}: ${describeFsError(e)}`);
    }
  } else
    for (const b of byteBatches(out)) {
      // written before the batch's buffer is filled again (the write's callback)
      await io.write(b);
      copy?.(b);
    }

  if (t.errors > 0) return 1;
  if (args.maxWarnings !== undefined && t.warnings > args.maxWarnings) {
    if (args.format === 'text') io.writeErr(`promscope: ${t.warnings} warnings exceed --max-warnings ${args.maxWarnings}\n`);
    return 1;
  }
  return 0;
}

/** Reads all of stdin (file descriptor 0). */
export function readAllStdin(): Buffer {
  return readFileSync(0);
}

/**
 * The key under which this run's report is cached (ResultCache.runKey), or undefined when the
 * report may depend on more than the entries: --fix, stdin or --expr, configurations (their linked
 * files), or an entry without a cache key.
 */
function wholeRunKey(cache: ResultCache, args: CheckArgs, cwd: string, color: boolean, entries: readonly Entry[], known: readonly Finding[], configs: ConfigResolver): string | undefined {
  if (args.fix || entries.some((e) => e.virtual || e.outcome)) return undefined;
  return runKeyOf(
    cache,
    args,
    cwd,
    color,
    known,
    configs,
    entries.map((e) => [e.target.display, (e.cacheKey ??= cache.keyOf(e.job))]),
  );
}

/** `wholeRunKey` of the inputs given by their display names and keys (the stamps' keys, or the texts'). */
function runKeyOf(cache: ResultCache, args: CheckArgs, cwd: string, color: boolean, known: readonly Finding[], configs: ConfigResolver, inputs: readonly [display: string, key: string][]): string {
  const parts = [cwd, args.format, color ? 'color' : '', JSON.stringify(known)];
  for (const c of configs.loaded()) parts.push(c.file ?? '', JSON.stringify(c.diagnostics));
  for (const [display, key] of inputs) parts.push(display, key);
  return cache.runKey(parts);
}

/** The identity of a set of rule files for the cached workspace pass: their paths and cache keys, in order. */
function workspaceKey(entries: readonly Entry[]): string {
  const h = createHash('sha1');
  for (const e of entries) h.update(e.job.path).update('\0').update(e.cacheKey!).update('\n');
  return h.digest('hex');
}
