/**
 * `promscope check`: discovery → reading → analysis (cached, parallel) → rule files named by a
 * prometheus.yml → `--fix` → findings → report and exit code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkOptionsOf, checkSettingsFor, configAnalyzerOptions, crossFileDiagnostics, type AnalyzerOptions, type Diagnostic, type FileKind } from '@promscope/core';
import type { CheckArgs } from './args';
import { ResultCache } from './cache';
import { checkText, finishDiagnostics, type FileJob, type FileOutcome } from './check-file';
import { discover, displayPath, type Target } from './discover';
import { fileFinding, tally, toFindings, type Finding } from './findings';
import { fixFile } from './fix-files';
import { formatReport } from './format/index';
import { useColor } from './format/colors';
import { runJobs, workerCount } from './pool';
import { ConfigResolver, relativeToConfig } from './project-configs';
import { decodeBytes, looksBinary, readForCheck } from './read-file';
import { ruleFilesMatcher } from './referenced-files';
import { VERSION } from './version';

export interface CliIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  write(s: string): Promise<void>;
  writeErr(s: string): void;
  readStdin(): Buffer;
  /** the bundle, for worker threads (null: no workers) */
  workerUrl: URL | null;
}

/** A file to analyse, read and configured. */
interface Entry {
  target: Target;
  job: FileJob;
  bom: boolean;
  validUtf8: boolean;
  /** stdin or --expr: never written, never cached */
  virtual: boolean;
  outcome?: FileOutcome;
  /** what is reported: after the cross-file pass, suppressions and check levels */
  final?: Diagnostic[];
  /** the text the final diagnostics are on (the fixed text after --fix) */
  finalText?: string;
}

const IO_CODE = 'promscope/io';

export async function runCheck(args: CheckArgs, io: CliIO): Promise<number> {
  const cwd = io.cwd;
  const configs = new ConfigResolver(args.config);
  const extraFindings: Finding[] = [];
  const discovery = discover(
    args.inputs.filter((i) => i !== '-'),
    { cwd, configs, ...(args.kind ? { kind: args.kind } : {}) },
  );
  for (const p of discovery.problems) extraFindings.push(fileFinding(p.display, p.severity, IO_CODE, p.message));

  const cliOptions = (): Partial<AnalyzerOptions> => ({
    ...(args.prometheusVersion ? { prometheusVersion: args.prometheusVersion } : {}),
    ...(args.dialect ? { dialect: args.dialect } : {}),
  });
  /** options and check settings for a file: its .promscope.yml, then the command line */
  const configure = (abs: string, display: string, text: string, kind?: FileKind): FileJob => {
    const cfg = configs.forFile(abs);
    const checks = checkSettingsFor(cfg.config, relativeToConfig(cfg, abs));
    const fromConfig = configAnalyzerOptions(cfg.config);
    const features = [...new Set([...(fromConfig.features ?? []), ...args.features])];
    const options: Partial<AnalyzerOptions> & { checkOptions?: Record<string, Record<string, unknown>> } = { ...fromConfig, ...cliOptions(), features };
    const checkOptions = checkOptionsOf(checks);
    if (Object.keys(checkOptions).length > 0) options.checkOptions = checkOptions;
    return { path: display, text, options, checks, ...(kind ? { kind } : {}) };
  };

  const entries: Entry[] = [];
  const readTarget = (t: Target, quietIfBinary: boolean) => {
    const r = readForCheck(t.abs);
    if (!r.ok) {
      if (!(r.binary && quietIfBinary)) extraFindings.push(fileFinding(t.display, t.explicit && !r.binary ? 'error' : 'warning', IO_CODE, r.message));
      return;
    }
    entries.push({ target: t, job: configure(t.abs, t.display, r.text, t.kind), bom: r.bom, validUtf8: r.validUtf8, virtual: false });
  };
  for (const t of discovery.targets) readTarget(t, !t.explicit && !/\.(ya?ml|json|promql|rules)$/i.test(t.abs));

  if (args.inputs.includes('-')) {
    const name = args.stdinFilename ?? '<stdin>';
    const abs = path.resolve(cwd, args.stdinFilename ?? 'stdin');
    const bytes = io.readStdin();
    if (looksBinary(bytes)) extraFindings.push(fileFinding(name, 'warning', IO_CODE, 'binary input, not checked'));
    else {
      const d = decodeBytes(bytes);
      const kind = args.kind ?? (name.endsWith('.promql') ? 'promql' : undefined);
      const target: Target = { abs, display: args.stdinFilename ? displayPath(cwd, abs) : name, explicit: true, ...(kind ? { kind } : {}) };
      entries.push({ target, job: configure(abs, target.display, d.text, kind), bom: d.bom, validUtf8: d.validUtf8, virtual: true });
    }
  }
  args.exprs.forEach((expr, i) => {
    const name = args.exprs.length === 1 ? '<expr>' : `<expr ${i + 1}>`;
    const abs = path.join(cwd, '<expr>');
    entries.push({ target: { abs, display: name, explicit: true, kind: 'promql' }, job: configure(abs, name, expr, 'promql'), bom: false, validUtf8: true, virtual: true });
  });

  const cache = args.cache ? new ResultCache(path.resolve(cwd, args.cacheLocation ?? '.promscope-cache'), VERSION) : null;
  const analyse = async (list: Entry[]) => {
    const keys = new Map<Entry, string>();
    const todo: Entry[] = [];
    for (const e of list) {
      if (cache && !e.virtual) {
        const key = cache.keyOf(e.job);
        const hit = cache.get(e.target.abs, key);
        keys.set(e, key);
        if (hit) {
          e.outcome = hit;
          continue;
        }
      }
      todo.push(e);
    }
    const jobs = todo.map((e) => e.job);
    const outcomes = await runJobs(jobs, workerCount(jobs, args.jobs), io.workerUrl);
    todo.forEach((e, i) => {
      e.outcome = outcomes[i];
      const key = keys.get(e);
      if (cache && key) cache.set(e.target.abs, key, outcomes[i]);
    });
  };
  await analyse(entries);

  // rule files without a YAML extension that a prometheus.yml names in rule_files
  const referencing = entries.filter((e) => e.outcome?.ruleFiles && !e.virtual);
  if (referencing.length > 0 && discovery.others.length > 0) {
    const matchers = referencing.map((e) => ruleFilesMatcher(e.target.abs, e.outcome!.ruleFiles!));
    const before = entries.length;
    for (const o of discovery.others) if (matchers.some((m) => m(o.abs))) readTarget({ ...o, kind: 'rules' }, false);
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
  for (const e of checked) {
    e.final = finishDiagnostics(e.job, [...e.outcome!.diagnostics, ...(cross.get(e.job.path) ?? [])]);
    e.finalText = e.job.text;
  }

  let filesFixed = 0;
  if (args.fix) {
    for (const e of checked) {
      if (e.virtual) continue;
      const r = fixFile(e.target.abs, e.job, e.final!, e);
      if (r.written && r.text !== undefined) {
        filesFixed++;
        e.finalText = r.text;
        e.final = checkText({ ...e.job, text: r.text });
      } else if (r.refused) extraFindings.push(fileFinding(e.target.display, 'warning', 'promscope/fix-refused', `fixes not written: ${r.refused}`));
    }
  }
  const cacheProblem = cache?.save();
  if (cacheProblem) io.writeErr(`promscope: ${cacheProblem}\n`);

  // findings: config problems, file problems, then each file's diagnostics
  const findings: Finding[] = [];
  for (const c of configs.loaded()) {
    if (c.diagnostics.length > 0 && c.file) findings.push(...toFindings(displayPath(cwd, c.file), c.text ?? '', c.diagnostics, args.format === 'text'));
  }
  for (const e of checked) {
    findings.push(...toFindings(e.target.display, e.finalText!, e.final!, args.format === 'text'));
    if (args.debug && e.outcome!.crash) io.writeErr(`promscope: internal error on ${e.target.display}:\n${e.outcome!.crash}\n`);
  }
  findings.push(...extraFindings);
  findings.sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : a.file < b.file ? -1 : 1));

  const report = { findings, filesChecked: checked.length, filesFixed, files: checked.map((e) => e.target.display), cwd, version: VERSION };
  const color = args.outputFile ? false : useColor(args.color, io.env, io.stdoutIsTTY);
  const out = formatReport(args.format, report, { color });
  if (args.outputFile) writeFileSync(path.resolve(cwd, args.outputFile), out);
  else await io.write(out);

  const t = tally(findings);
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
