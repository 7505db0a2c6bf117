/**
 * `scrape_config_files`: the jobs of the included files, checked against the main file's global
 * settings, and job names that repeat across the main file and the included files (Prometheus's
 * `found multiple scrape configs with job name %q, first found in %s`). Pure: the caller expands
 * the globs (model.scrapeConfigFiles) and reads the files, in Prometheus's order.
 */
import type { Diagnostic } from '../diagnostics/types';
import { goQuote } from '../relabel/go-string';
import { analyzeScrapeConfigFile, type PrometheusConfigOptions } from './analyze';
import type { PrometheusConfigModel, ScrapeJob } from './model';

export interface IncludedScrapeConfigFile {
  /** the path as Prometheus names it in messages (absolute) */
  path: string;
  text: string;
}

export interface ScrapeConfigFilesResult {
  /** diagnostics per included file path (several entries when a file is included twice) */
  diagnostics: Array<{ path: string; diagnostics: Diagnostic[] }>;
  /** every job in Prometheus's order: the main file's, then each included file's */
  jobs: Array<{ file: string | null; job: ScrapeJob }>;
}

export function checkScrapeConfigFiles(
  main: PrometheusConfigModel,
  files: IncludedScrapeConfigFile[],
  options: PrometheusConfigOptions = {},
): ScrapeConfigFilesResult {
  const firstFound = new Map<string, string>();
  const jobs: ScrapeConfigFilesResult['jobs'] = [];
  for (const j of main.jobs) {
    if (!firstFound.has(j.name)) firstFound.set(j.name, 'main config file');
    jobs.push({ file: null, job: j });
  }
  const out: ScrapeConfigFilesResult['diagnostics'] = [];
  for (const f of files) {
    const res = analyzeScrapeConfigFile({ path: f.path, text: f.text }, { ...options, global: main.global });
    const ds = [...res.diagnostics];
    for (const job of res.model.jobs) {
      const first = firstFound.get(job.name);
      if (first !== undefined) {
        ds.push({
          code: 'config/duplicate-job',
          severity: 'error',
          range: job.nameRange,
          message: `found multiple scrape configs with job name ${goQuote(job.name)}, first found in ${first}`,
        });
        continue;
      }
      firstFound.set(job.name, goQuote(f.path));
      jobs.push({ file: f.path, job });
    }
    out.push({ path: f.path, diagnostics: ds });
  }
  return { diagnostics: out, jobs };
}
