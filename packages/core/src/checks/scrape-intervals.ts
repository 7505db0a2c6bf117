/**
 * The prometheus.yml seam: the intervals the checks need (`promql/range-too-short`,
 * `rules/for-below-interval`) from the workspace's Prometheus configuration model.
 */
import type { PrometheusConfigModel } from '../config/model';
import type { RunChecksOptions } from './run';

export type IntervalOptions = Pick<RunChecksOptions, 'scrapeIntervalForJob' | 'scrapeIntervalMs' | 'evaluationIntervalMs'>;

/** Per-job scrape intervals, the global scrape and evaluation intervals (effective values). */
export function intervalsFromConfig(model: PrometheusConfigModel): IntervalOptions {
  const perJob = new Map(model.jobs.map((j) => [j.name, j.scrapeInterval] as const));
  return {
    scrapeIntervalForJob: (job) => perJob.get(job),
    scrapeIntervalMs: model.global.scrapeInterval,
    evaluationIntervalMs: model.global.evaluationInterval,
  };
}
