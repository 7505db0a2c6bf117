/**
 * The prometheus.yml seam: the intervals the checks need (`promql/range-too-short`,
 * `rules/for-below-interval`) from the workspace's Prometheus configuration model.
 *
 * Two forms: `ScrapeIntervals` is plain data (what a shell hands over a worker-thread boundary or
 * stores in a cache, and what `analyzeFile` takes as `scrapeIntervals`); `IntervalOptions` is the
 * function-valued form the check runner reads. `intervalOptions` turns the first into the second.
 */
import type { PrometheusConfigModel, ScrapeJob } from '../config/model';
import type { RunChecksOptions } from './run';

export type IntervalOptions = Pick<RunChecksOptions, 'scrapeIntervalForJob' | 'scrapeIntervalMs' | 'evaluationIntervalMs'>;

/** The intervals of one prometheus.yml as plain, serialisable data (milliseconds). */
export interface ScrapeIntervals {
  /** `global.scrape_interval` (Prometheus's default 1m when unset) */
  globalScrapeIntervalMs: number;
  /** `global.evaluation_interval` (default 1m) */
  evaluationIntervalMs: number;
  /** the effective scrape interval of each job (its own `scrape_interval`, else the global one) */
  jobs: Record<string, number>;
}

/**
 * The plain-data intervals of a configuration model. `extraJobs`: jobs of the files its
 * `scrape_config_files` include (`checkScrapeConfigFiles(...).jobs`); the first job of a name wins,
 * as in Prometheus.
 */
export function scrapeIntervalsOf(model: Pick<PrometheusConfigModel, 'global' | 'jobs'>, extraJobs: readonly ScrapeJob[] = []): ScrapeIntervals {
  const jobs: Record<string, number> = {};
  for (const j of [...model.jobs, ...extraJobs]) if (!Object.prototype.hasOwnProperty.call(jobs, j.name)) jobs[j.name] = j.scrapeInterval;
  return { globalScrapeIntervalMs: model.global.scrapeInterval, evaluationIntervalMs: model.global.evaluationInterval, jobs };
}

/** The check runner's options for plain-data intervals. */
export function intervalOptions(data: ScrapeIntervals): IntervalOptions {
  return {
    scrapeIntervalForJob: (job) => (Object.prototype.hasOwnProperty.call(data.jobs, job) ? data.jobs[job] : undefined),
    scrapeIntervalMs: data.globalScrapeIntervalMs,
    evaluationIntervalMs: data.evaluationIntervalMs,
  };
}

/** Per-job scrape intervals, the global scrape and evaluation intervals (effective values). */
export function intervalsFromConfig(model: PrometheusConfigModel): IntervalOptions {
  return intervalOptions(scrapeIntervalsOf(model));
}
