/**
 * What a prometheus.yml makes Prometheus read, checked against the file system a shell hands in:
 *
 * - every referenced file (`model.fileReferences`: rule files, scrape config files, file_sd files,
 *   credential and TLS files) must exist, relative to the configuration's folder as Prometheus
 *   resolves it (`JoinDir`). Severity as Prometheus (Go source, cmd/prometheus and cmd/promtool):
 *   - `rule_files`, `scrape_config_files`: a pattern that matches nothing loads nothing and
 *     Prometheus starts (`filepath.Glob` returns no file, no error): `warning`. promtool fails on an
 *     explicit rule file path that does not exist; the message says so.
 *   - file_sd `files`: discovery finds no targets until the file appears; promtool only warns.
 *   - TLS `ca_file`, `cert_file`, `key_file`: Prometheus reads them when it creates the HTTP
 *     client. Remote write/read and Alertmanager clients are created while the configuration is
 *     applied, so Prometheus refuses it: `error`. Scrape pools and service discovery create theirs
 *     later and only log the failure (the job does not run; a reload with running pools fails):
 *     `warning`.
 *   - other credential files (`bearer_token_file`, `password_file`, `credentials_file`, ...):
 *     read at each request, so the configuration loads and the requests fail: `warning`.
 * - `scrape_config_files`: the included files, read and checked against the main file's global
 *   settings (`checkScrapeConfigFiles`), their jobs added to the main file's.
 * - the scrape intervals of every job, as plain data for the rule files' checks.
 */
import type { Diagnostic } from '../diagnostics/types';
import type { PrometheusConfigOptions } from '../config/analyze';
import type { FileReference } from '../config/file-references';
import type { PrometheusConfigModel, ScrapeJob } from '../config/model';
import { checkScrapeConfigFiles, type IncludedScrapeConfigFile } from '../config/scrape-config-files';
import { scrapeIntervalsOf, type ScrapeIntervals } from '../checks/scrape-intervals';
import { goQuote } from '../relabel/go-string';
import { expandGoGlob, goGlobPatternError, hasGoGlobMeta } from './go-glob';
import type { FileHost, LinkedFile } from './host';
import { dirOf, joinDir } from './paths';

export const MISSING_FILE_CODE = 'config/missing-file';

export interface PrometheusLinks {
  /** diagnostics on the prometheus.yml itself (referenced files that do not exist or cannot be read) */
  diagnostics: Diagnostic[];
  /** the files `scrape_config_files` includes, in Prometheus's order, with their diagnostics */
  included: LinkedFile[];
  /** scrape and evaluation intervals of every job (main file first, then the included files) */
  intervals: ScrapeIntervals;
}

const TLS_FILES = new Set(['ca_file', 'cert_file', 'key_file']);

/**
 * Checks the files a prometheus.yml names. `configPath`: its absolute '/'-separated path (relative
 * references are resolved against its folder).
 */
export function checkPrometheusLinks(configPath: string, model: PrometheusConfigModel, host: FileHost, options: PrometheusConfigOptions = {}): PrometheusLinks {
  const dir = dirOf(configPath);
  const diagnostics: Diagnostic[] = [];
  for (const ref of model.fileReferences) {
    const d = checkReference(ref, joinDir(dir, ref.pattern), host);
    if (d) diagnostics.push(d);
  }

  const files: IncludedScrapeConfigFile[] = [];
  for (const p of model.scrapeConfigFiles) {
    const abs = joinDir(dir, p.pattern);
    if (goGlobPatternError(abs)) continue; // the analyzer reports the pattern
    for (const f of expandGoGlob(abs, host)) {
      const text = host.readFile(f);
      if (text === undefined) {
        diagnostics.push({ code: MISSING_FILE_CODE, severity: 'error', range: p.range, message: `cannot read scrape config file ${goQuote(f)}: Prometheus refuses a configuration whose scrape_config_files it cannot read` });
        continue;
      }
      files.push({ path: f, text: text.replace(/^\uFEFF/, '') });
    }
  }
  const included: LinkedFile[] = [];
  const extraJobs: ScrapeJob[] = [];
  if (files.length > 0) {
    const r = checkScrapeConfigFiles(model, files, options);
    r.diagnostics.forEach((d, i) => included.push({ path: d.path, text: files[i].text, diagnostics: d.diagnostics }));
    for (const j of r.jobs) if (j.file !== null) extraJobs.push(j.job);
  }
  return { diagnostics, included, intervals: scrapeIntervalsOf(model, extraJobs) };
}

function checkReference(ref: FileReference, abs: string, host: FileHost): Diagnostic | undefined {
  const at = { code: MISSING_FILE_CODE, range: ref.range };
  if (ref.kind === 'credential') {
    if (host.exists(abs)) return undefined;
    if (TLS_FILES.has(ref.field) && ref.appliedClient) {
      return { ...at, severity: 'error', message: `${ref.field} ${goQuote(ref.pattern)} does not exist: Prometheus cannot create the HTTP client that uses it and refuses the configuration` };
    }
    if (TLS_FILES.has(ref.field)) {
      return { ...at, severity: 'warning', message: `${ref.field} ${goQuote(ref.pattern)} does not exist: Prometheus loads the configuration but cannot start the scrape job or discovery that uses it (a later reload with it fails)` };
    }
    return { ...at, severity: 'warning', message: `${ref.field} ${goQuote(ref.pattern)} does not exist: Prometheus loads the configuration, but every request that needs it fails` };
  }
  if (goGlobPatternError(abs)) return undefined; // reported by the analyzer (rule_files, scrape_config_files)
  if (expandGoGlob(abs, host).length > 0) return undefined;
  const glob = hasGoGlobMeta(ref.pattern);
  const what = glob ? `no file matches ${goQuote(ref.pattern)}` : `${goQuote(ref.pattern)} does not point to an existing file`;
  switch (ref.kind) {
    case 'rule_files':
      return { ...at, severity: 'warning', message: `${what}: Prometheus loads no rules from it${glob ? '' : ' (promtool check config fails on it)'}` };
    case 'scrape_config_files':
      return { ...at, severity: 'warning', message: `${what}: Prometheus loads no scrape configs from it` };
    case 'file_sd':
      return { ...at, severity: 'warning', message: `${what}: file_sd discovers no targets from it until it exists` };
  }
  return undefined;
}
