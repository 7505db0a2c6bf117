/**
 * Which datasource a dashboard query goes to, as far as the JSON tells: Prometheus (or a
 * Prometheus-compatible one), something else (Loki, Elasticsearch, ...), or unspecified, which
 * means the default datasource and is analysed as Prometheus.
 */

export interface DatasourceContext {
  /** datasource-type template variables and `__inputs`: name → plugin id (`prometheus`, `loki`) */
  pluginByVariable: Map<string, string>;
}

const PROMETHEUS_PLUGINS = new Set(['prometheus', 'grafana-amazonprometheus-datasource', 'grafana-azureprometheus-datasource']);
const NON_PROMETHEUS_NAME = /loki|influx|elastic|opensearch|graphite|mysql|postgres|mssql|tempo|jaeger|zipkin|cloudwatch|azure|stackdriver|opentsdb|testdata|-- grafana --|clickhouse|splunk|pyroscope/i;

/** `undefined` result = the datasource does not decide (e.g. `-- Mixed --` at panel level). */
export function isPrometheusDatasource(ds: unknown, ctx: DatasourceContext): boolean | undefined {
  if (ds === undefined || ds === null) return undefined;
  if (typeof ds === 'string') return fromName(ds, ctx);
  if (typeof ds === 'object') {
    const o = ds as { type?: unknown; uid?: unknown };
    if (typeof o.type === 'string' && o.type !== '' && !o.type.includes('$')) {
      if (o.type === 'datasource') return o.uid === '-- Mixed --' ? undefined : false;
      return PROMETHEUS_PLUGINS.has(o.type);
    }
    if (typeof o.uid === 'string') return fromName(o.uid, ctx);
    if (typeof o.type === 'string') return fromName(o.type, ctx);
  }
  return undefined;
}

function fromName(name: string, ctx: DatasourceContext): boolean | undefined {
  if (name === '-- Mixed --') return undefined;
  if (name === '-- Grafana --' || name === '-- Dashboard --') return false;
  const v = /^\$\{?(\w+)\}?$/.exec(name.trim());
  if (v) {
    const plugin = ctx.pluginByVariable.get(v[1]);
    if (plugin !== undefined) return PROMETHEUS_PLUGINS.has(plugin);
    return true;
  }
  return !NON_PROMETHEUS_NAME.test(name);
}
