/**
 * Turns what the command line names into entries ready for analysis: files read (with the bytes
 * facts `--fix` needs), stdin and `--expr` texts, each with the analyzer options and check settings
 * of its `.promscope.yml` and the command line. Files that cannot be read become findings.
 */
import path from 'node:path';
import { checkOptionsOf, checkSettingsFor, configAnalyzerOptions, type AnalyzeOptions, type AnalyzerOptions, type Diagnostic, type FileKind, type EncodingProblem, looksBinary } from '@promscope/core';
import type { CheckArgs } from './args';
import type { FileJob, FileOutcome } from './check-file';
import type { Held } from './pool';
import { displayPath, type Target } from './discover';
import { fileFinding, type Finding } from './findings';
import { ConfigResolver, relativeToConfig, type LoadedConfig } from './project-configs';
import { decodeBytes, readForCheck, type Encoded, type FileStat } from './read-file';

export const IO_CODE = 'promscope/io';

/** A text to analyse, read and configured, and what became of it. */
export interface Entry {
  target: Target;
  job: FileJob;
  /** how its bytes were encoded (what `--fix` writes back) */
  file: Encoded;
  /** stdin or --expr: never written, never cached */
  virtual: boolean;
  /** its `--cache` key (content, options, version), when a cache is in use */
  cacheKey?: string;
  /** the file's stat when it was read (not for stdin or --expr) */
  stat?: FileStat;
  /** with `--cache`: the hash of its job without the text, as read (before a prometheus.yml configures it) */
  meta?: string;
  outcome?: FileOutcome;
  /** with `--cache`: its outcome came from the cache (the file is unchanged) */
  fromCache?: boolean;
  /** its diagnostics are on a worker thread, job `index` of `run` (see pool.ts) */
  held?: { run: Held; index: number };
  /** what is reported: after the cross-file pass, suppressions and check levels */
  final?: Diagnostic[];
  /** the text the final diagnostics are on (the fixed text after --fix) */
  finalText?: string;
}

function encodedOf(d: Encoded): Encoded {
  return { bom: d.bom, encoding: d.encoding, wellFormed: d.wellFormed };
}

export class EntryCollector {
  readonly entries: Entry[] = [];
  constructor(
    private readonly args: CheckArgs,
    private readonly cwd: string,
    private readonly configs: ConfigResolver,
    private readonly problems: Finding[],
  ) {}

  /**
   * The options and check settings of the files of a `.promscope.yml` without overrides: the same
   * objects for all of them (plain data, never changed in place), so that what is made of their
   * content once per object (the cache's keys, the checks resolved for settings) is made once.
   */
  private readonly shared = new WeakMap<LoadedConfig, Pick<FileJob, 'options' | 'checks'>>();

  /** options and check settings for a file: its .promscope.yml, then the command line */
  configure(abs: string, display: string, text: string, kind?: FileKind): FileJob {
    const cfg = this.configs.forFile(abs);
    const alike = cfg.config.overrides.length === 0;
    const known = alike ? this.shared.get(cfg) : undefined;
    if (known) return { path: display, text, options: known.options, checks: known.checks, ...(kind ? { kind } : {}) };
    const checks = checkSettingsFor(cfg.config, relativeToConfig(cfg, abs));
    const fromConfig = configAnalyzerOptions(cfg.config);
    const options: Partial<AnalyzeOptions> = {
      ...fromConfig,
      ...(this.args.prometheusVersion ? { prometheusVersion: this.args.prometheusVersion } : {}),
      ...(this.args.dialect ? { dialect: this.args.dialect } : {}),
      features: [...new Set([...(fromConfig.features ?? []), ...this.args.features])],
      // one workspace graph is built from every file's entries: made as its nodes, not copied (core's ruleGraphEntries)
      graphNodes: true,
    };
    const checkOptions = checkOptionsOf(checks);
    if (Object.keys(checkOptions).length > 0) options.checkOptions = checkOptions;
    // the best-practice checks read the file's settings: off-by-default checks, policies
    if (Object.keys(checks).length > 0) options.checkSettings = checks;
    if (alike) this.shared.set(cfg, { options, checks });
    return { path: display, text, options, checks, ...(kind ? { kind } : {}) };
  }

  /** Reads a file; a binary file is reported unless `quietIfBinary` (a walk's stray binary). */
  addFile(t: Target, quietIfBinary: boolean): Entry | undefined {
    const r = readForCheck(t.abs);
    if (!r.ok) {
      if (!(r.binary && quietIfBinary)) this.problems.push(fileFinding(t.display, t.explicit && !r.binary ? 'error' : 'warning', IO_CODE, r.message));
      return undefined;
    }
    const e: Entry = { target: t, job: this.withEncoding(this.configure(t.abs, t.display, r.text, t.kind), r), file: encodedOf(r), virtual: false, stat: r.stat };
    this.entries.push(e);
    return e;
  }

  addStdin(bytes: Buffer): void {
    const { args, cwd } = this;
    const name = args.stdinFilename ?? '<stdin>';
    if (looksBinary(bytes)) {
      this.problems.push(fileFinding(name, 'warning', IO_CODE, 'binary input, not checked'));
      return;
    }
    const abs = path.resolve(cwd, args.stdinFilename ?? 'stdin');
    const d = decodeBytes(bytes);
    const kind = args.kind ?? (name.endsWith('.promql') ? 'promql' : undefined);
    const target: Target = { abs, display: args.stdinFilename ? displayPath(cwd, abs) : name, explicit: true, ...(kind ? { kind } : {}) };
    this.entries.push({ target, job: this.withEncoding(this.configure(abs, target.display, d.text, kind), d), file: encodedOf(d), virtual: true });
  }

  /** the job of a text decoded from bytes that are not all UTF-8 says where (its YAML loader's error) */
  private withEncoding(job: FileJob, decoded: { encodingProblem?: EncodingProblem }): FileJob {
    if (decoded.encodingProblem) job.encodingProblem = decoded.encodingProblem;
    return job;
  }

  addExpressions(exprs: readonly string[]): void {
    exprs.forEach((expr, i) => {
      const name = exprs.length === 1 ? '<expr>' : `<expr ${i + 1}>`;
      const abs = path.join(this.cwd, '<expr>');
      this.entries.push({ target: { abs, display: name, explicit: true, kind: 'promql' }, job: this.configure(abs, name, expr, 'promql'), file: { bom: false, encoding: 'utf-8', wellFormed: true }, virtual: true });
    });
  }
}
