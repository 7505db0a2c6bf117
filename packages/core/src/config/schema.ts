/**
 * The prometheus.yml type tree as Prometheus 3.x decodes it (config/config.go): field names and Go
 * types of Config, GlobalConfig, ScrapeConfig (with every `<sd>_sd_configs` list and the inlined
 * HTTP client), AlertingConfig, AlertmanagerConfig, remote write/read, storage, tracing, OTLP and
 * runtime, with the type names yaml.v2 prints in its errors.
 */
import { azureADSchema, googleIAMSchema, httpClientFields, sigv4Schema, tlsConfigSchema } from './common/http-schema';
import {
  bool,
  bytes,
  duration,
  float,
  int,
  int64,
  labelName,
  listOf,
  named,
  schema,
  str,
  stringMap,
  strings,
  struct,
  uint,
  uint64,
  url,
  type GoKind,
  type StructSchema,
} from './decode/schema';
import { sdKey, sdSchemas } from '../sd/schemas';

export const relabelSchema = schema('relabel.plain', {
  source_labels: listOf(labelName, 'model.LabelNames'),
  separator: str,
  regex: named('relabel.Regexp'),
  modulus: uint64,
  target_label: str,
  replacement: str,
  action: named('relabel.Action'),
});
export const relabelList: GoKind = listOf(struct(relabelSchema), '[]*relabel.Config');

function sdFields(): Record<string, GoKind> {
  const out: Record<string, GoKind> = {};
  for (const [name, s] of Object.entries(sdSchemas)) {
    const go = name === 'static' ? '[]*targetgroup.Group' : `[]*${s.go.split('.')[0]}.SDConfig`;
    out[sdKey(name)] = listOf(struct(s), go);
  }
  return out;
}

const scrapeProtocol = named('config.ScrapeProtocol');

export const globalSchema = schema('config.plain', {
  scrape_interval: duration,
  scrape_timeout: duration,
  scrape_protocols: listOf(scrapeProtocol, '[]config.ScrapeProtocol'),
  evaluation_interval: duration,
  rule_query_offset: duration,
  query_log_file: str,
  scrape_failure_log_file: str,
  external_labels: { k: 'map', key: 'string', of: str, go: 'labels.Labels' },
  body_size_limit: bytes,
  sample_limit: uint,
  target_limit: uint,
  label_limit: uint,
  label_name_length_limit: uint,
  label_value_length_limit: uint,
  keep_dropped_targets: uint,
  metric_name_validation_scheme: named('model.ValidationScheme'),
  metric_name_escaping_scheme: str,
  scrape_native_histograms: bool,
  convert_classic_histograms_to_nhcb: bool,
  always_scrape_classic_histograms: bool,
  extra_scrape_metrics: bool,
});

export const scrapeConfigSchema: StructSchema = schema(
  'config.ScrapeConfig',
  {
    job_name: str,
    honor_labels: bool,
    honor_timestamps: bool,
    track_timestamps_staleness: bool,
    params: { k: 'map', key: 'string', of: strings, go: 'url.Values' },
    scrape_interval: duration,
    scrape_timeout: duration,
    scrape_protocols: listOf(scrapeProtocol, '[]config.ScrapeProtocol'),
    fallback_scrape_protocol: scrapeProtocol,
    scrape_native_histograms: bool,
    always_scrape_classic_histograms: bool,
    convert_classic_histograms_to_nhcb: bool,
    scrape_failure_log_file: str,
    metrics_path: str,
    scheme: str,
    enable_compression: bool,
    body_size_limit: bytes,
    sample_limit: uint,
    target_limit: uint,
    label_limit: uint,
    label_name_length_limit: uint,
    label_value_length_limit: uint,
    native_histogram_bucket_limit: uint,
    native_histogram_min_bucket_factor: float,
    keep_dropped_targets: uint,
    metric_name_validation_scheme: named('model.ValidationScheme'),
    metric_name_escaping_scheme: str,
    extra_scrape_metrics: bool,
    relabel_configs: relabelList,
    metric_relabel_configs: relabelList,
    ...sdFields(),
  },
  httpClientFields,
);

export const alertmanagerSchema: StructSchema = schema(
  'config.AlertmanagerConfig',
  {
    sigv4: struct(sigv4Schema),
    scheme: str,
    path_prefix: str,
    timeout: duration,
    api_version: named('config.AlertmanagerAPIVersion'),
    relabel_configs: relabelList,
    alert_relabel_configs: relabelList,
    ...sdFields(),
  },
  httpClientFields,
);

const alertingSchema = schema('config.plain', {
  alert_relabel_configs: relabelList,
  alertmanagers: listOf(struct(alertmanagerSchema), 'config.AlertmanagerConfigs'),
});

const queueSchema = schema('config.QueueConfig', {
  capacity: int,
  max_shards: int,
  min_shards: int,
  max_samples_per_send: int,
  batch_send_deadline: duration,
  min_backoff: duration,
  max_backoff: duration,
  retry_on_http_429: bool,
  sample_age_limit: duration,
});

const metadataSchema = schema('config.MetadataConfig', { send: bool, send_interval: duration, max_samples_per_send: int });

export const remoteWriteSchema = schema(
  'config.plain',
  {
    url: url,
    remote_timeout: duration,
    headers: stringMap,
    write_relabel_configs: relabelList,
    name: str,
    send_exemplars: bool,
    send_native_histograms: bool,
    round_robin_dns: bool,
    protobuf_message: named('remote.WriteMessageType'),
    failed_request_logging: bool,
    queue_config: struct(queueSchema),
    metadata_config: struct(metadataSchema),
    sigv4: struct(sigv4Schema),
    azuread: struct(azureADSchema),
    google_iam: struct(googleIAMSchema),
  },
  httpClientFields,
);

export const remoteReadSchema = schema(
  'config.plain',
  {
    url: url,
    remote_timeout: duration,
    chunked_read_limit: uint64,
    headers: stringMap,
    read_recent: bool,
    name: str,
    required_matchers: { k: 'map', key: 'labelname', of: str, go: 'model.LabelSet' },
    filter_external_labels: bool,
  },
  httpClientFields,
);

const retentionSchema = schema('config.plain', { time: duration, size: bytes, percentage: float });
const tsdbSchema = schema('config.plain', {
  out_of_order_time_window: duration,
  stale_series_compaction_threshold: float,
  chunk_encoding: struct(schema('config.ChunkEncodingConfig', { floats: str })),
  retention: struct(retentionSchema),
});
const storageSchema = schema('config.StorageConfig', {
  tsdb: struct(tsdbSchema),
  exemplars: struct(schema('config.ExemplarsConfig', { max_exemplars: int64 })),
});

const tracingSchema = schema('config.plain', {
  client_type: named('config.TracingClientType'),
  endpoint: str,
  sampling_fraction: float,
  insecure: bool,
  tls_config: struct(tlsConfigSchema),
  headers: stringMap,
  compression: str,
  timeout: duration,
});

const otlpSchema = schema('config.plain', {
  promote_all_resource_attributes: bool,
  promote_resource_attributes: strings,
  ignore_resource_attributes: strings,
  translation_strategy: named('otlptranslator.TranslationStrategyOption'),
  keep_identifying_resource_attributes: bool,
  convert_histograms_to_nhcb: bool,
  promote_scope_metadata: bool,
  label_name_underscore_sanitization: bool,
  label_name_preserve_multiple_underscores: bool,
});

export const configSchema: StructSchema = schema('config.plain', {
  global: struct(globalSchema),
  runtime: struct(schema('config.RuntimeConfig', { gogc: int })),
  alerting: struct(alertingSchema),
  rule_files: strings,
  scrape_config_files: strings,
  scrape_configs: listOf(struct(scrapeConfigSchema), '[]*config.ScrapeConfig'),
  storage: struct(storageSchema),
  tracing: struct(tracingSchema),
  remote_write: listOf(struct(remoteWriteSchema), '[]*config.RemoteWriteConfig'),
  remote_read: listOf(struct(remoteReadSchema), '[]*config.RemoteReadConfig'),
  otlp: struct(otlpSchema),
});

/** the document shape of a file named by `scrape_config_files` */
export const scrapeConfigsFileSchema: StructSchema = schema('config.ScrapeConfigs', {
  scrape_configs: listOf(struct(scrapeConfigSchema), '[]*config.ScrapeConfig'),
});
