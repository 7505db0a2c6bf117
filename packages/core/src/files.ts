/** The kinds of file promscope understands, detected from content (see detect.ts). */
export type FileKind =
  | 'rules' // Prometheus rule file (groups: [...])
  | 'prometheus-rule' // Kubernetes PrometheusRule manifest (spec.groups)
  | 'rule-tests' // promtool test rules file
  | 'prometheus-config' // prometheus.yml
  | 'alertmanager-config' // alertmanager.yml
  | 'dashboard' // Grafana dashboard JSON
  | 'promql' // a bare PromQL expression (.promql)
  | 'unknown';

export interface SourceFile {
  /** path or URI as the shell names it; used in messages and notes only */
  path: string;
  text: string;
}
