/**
 * Public API of the prometheus.yml analyzer: `analyzePrometheusConfig(file, options)` returns the
 * diagnostics and the model (jobs, service discoveries, relabel configs, rule_files patterns).
 */
export { analyzePrometheusConfig, analyzeScrapeConfigFile, type PrometheusConfigOptions, type PrometheusConfigResult } from './analyze';
export { checkScrapeConfigFiles, type IncludedScrapeConfigFile, type ScrapeConfigFilesResult } from './scrape-config-files';
export type { FileReference, FileReferenceKind } from './file-references';
export type { PrometheusConfigModel, ScrapeJob, ServiceDiscoveryRef, StaticTargetGroup, FilePattern } from './model';
