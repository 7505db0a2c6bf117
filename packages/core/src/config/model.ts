/**
 * The prometheus.yml model other parts of promscope use: jobs with their effective scrape interval
 * and timeout, service discoveries, relabel configs, static targets, federation params, and the
 * `rule_files` / `scrape_config_files` patterns (so the CLI and the workspace can check that the
 * files exist and find rule files without a YAML extension).
 */
import type { Range } from '../diagnostics/types';
import type { NameValidationScheme } from '../relabel/label-names';
import type { RelabelConfig } from '../relabel/types';
import type { FileReference } from './file-references';

export interface FilePattern {
  /** the pattern as written (relative to the config file's directory unless absolute) */
  pattern: string;
  /** true when it contains a glob (`*`, `?`, `[`) */
  isGlob: boolean;
  range: Range;
}

export interface ServiceDiscoveryRef {
  /** SD mechanism name: `kubernetes`, `consul`, `static`, `file`, ... */
  type: string;
  /** Kubernetes / other role when the SD has one */
  role?: string;
  range: Range;
  /** for `file_sd_configs`: the file patterns */
  files?: FilePattern[];
  /** Kubernetes `attach_metadata` */
  attachNode?: boolean;
  attachNamespace?: boolean;
}

export interface StaticTargetGroup {
  targets: string[];
  labels: Record<string, string>;
  range: Range;
}

export interface ScrapeJob {
  name: string;
  /** the whole job entry */
  range: Range;
  /** the `job_name` value */
  nameRange: Range;
  /** effective values after Prometheus's defaults (milliseconds) */
  scrapeInterval: number;
  scrapeTimeout: number;
  metricsPath: string;
  scheme: string;
  honorLabels: boolean;
  params: Record<string, string[]>;
  nameValidationScheme: NameValidationScheme;
  serviceDiscovery: ServiceDiscoveryRef[];
  staticConfigs: StaticTargetGroup[];
  relabelConfigs: RelabelConfig[];
  metricRelabelConfigs: RelabelConfig[];
}

export interface PrometheusConfigModel {
  global: {
    scrapeInterval: number;
    scrapeTimeout: number;
    evaluationInterval: number;
    externalLabels: Record<string, string>;
    nameValidationScheme: NameValidationScheme;
  };
  ruleFiles: FilePattern[];
  scrapeConfigFiles: FilePattern[];
  jobs: ScrapeJob[];
  alertRelabelConfigs: RelabelConfig[];
  /** `alerting.alertmanagers`: how Prometheus finds Alertmanagers */
  alertmanagers: Array<{ serviceDiscovery: ServiceDiscoveryRef[]; relabelConfigs: RelabelConfig[]; alertRelabelConfigs: RelabelConfig[] }>;
  remoteWrite: Array<{ url: string; name: string; writeRelabelConfigs: RelabelConfig[] }>;
  /** every file Prometheus reads because of this config (rule files, file_sd, credentials, TLS) */
  fileReferences: FileReference[];
}

export function emptyModel(): PrometheusConfigModel {
  return {
    global: { scrapeInterval: 60_000, scrapeTimeout: 10_000, evaluationInterval: 60_000, externalLabels: {}, nameValidationScheme: 'utf8' },
    ruleFiles: [],
    scrapeConfigFiles: [],
    jobs: [],
    alertRelabelConfigs: [],
    alertmanagers: [],
    remoteWrite: [],
    fileReferences: [],
  };
}
