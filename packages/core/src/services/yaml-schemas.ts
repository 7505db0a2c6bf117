/**
 * Key and value catalogues of the YAML files promscope knows, for completion: rule files,
 * prometheus.yml (scrape configs, SD blocks, relabelling) and alertmanager.yml. Field names follow
 * Prometheus's and Alertmanager's configuration docs.
 */
import type { FileKind } from '../files';

export interface SchemaNode {
  doc?: string;
  /** mapping keys */
  keys?: Record<string, SchemaNode>;
  /** the schema of each item of a sequence */
  items?: SchemaNode;
  /** allowed scalar values */
  values?: string[];
  /** special value sources resolved from the document (`meta-labels`: `__meta_*` of the job's SD) */
  valueSource?: 'meta-labels';
}

const str = (doc: string, values?: string[]): SchemaNode => ({ doc, values });
const map = (doc: string, keys: Record<string, SchemaNode>): SchemaNode => ({ doc, keys });
const list = (doc: string, items: SchemaNode): SchemaNode => ({ doc, items });
const strs = (doc: string, source?: 'meta-labels'): SchemaNode => ({ doc, items: { valueSource: source }, valueSource: source });

const DURATION = (doc: string) => str(doc, ['15s', '30s', '1m', '5m', '10m', '1h']);
const BOOL = (doc: string) => str(doc, ['true', 'false']);

// ---------------------------------------------------------------------------------------------
// rule files

const RULE = map('A recording or alerting rule.', {
  record: str('Name of the time series to output to. Must be a valid metric name.'),
  alert: str('Name of the alert.'),
  expr: str('The PromQL expression to evaluate.'),
  for: DURATION('Alerts are firing after being pending for this long.'),
  keep_firing_for: DURATION('How long an alert keeps firing after the condition cleared.'),
  labels: { doc: 'Labels to add or overwrite.', keys: { severity: str('Alert severity.', ['critical', 'warning', 'info', 'page', 'ticket']) } },
  annotations: { doc: 'Annotations to add to each alert.', keys: { summary: str('Short summary.'), description: str('Longer description.'), runbook_url: str('Link to the runbook.') } },
});

const GROUP = map('A rule group.', {
  name: str('The name of the group. Must be unique within a file.'),
  interval: DURATION('How often rules in the group are evaluated.'),
  query_offset: DURATION('Offset the rule evaluation timestamp of this group by this duration into the past.'),
  limit: str('Limit the number of alerts an alerting rule and series a recording rule can produce. 0 is no limit.'),
  labels: map('Labels added to every rule of the group.', {}),
  rules: list('The rules of the group.', RULE),
});

const RULE_FILE = map('Prometheus rule file.', { groups: list('Rule groups.', GROUP) });
const PROMETHEUS_RULE = map('PrometheusRule manifest.', {
  apiVersion: str('API version.', ['monitoring.coreos.com/v1']),
  kind: str('Kind.', ['PrometheusRule']),
  metadata: map('Object metadata.', { name: str('Name.'), namespace: str('Namespace.'), labels: map('Labels.', {}) }),
  spec: map('Rule groups.', { groups: list('Rule groups.', GROUP) }),
});

// ---------------------------------------------------------------------------------------------
// prometheus.yml

export const RELABEL_ACTIONS = ['replace', 'keep', 'drop', 'keepequal', 'dropequal', 'hashmod', 'labelmap', 'labeldrop', 'labelkeep', 'lowercase', 'uppercase'];

const RELABEL = map('A relabelling step.', {
  source_labels: strs('Labels whose values are concatenated and matched.', 'meta-labels'),
  separator: str('Separator placed between concatenated source label values (default `;`).'),
  target_label: str('Label to which the resulting value is written.'),
  regex: str('RE2 regular expression, anchored (default `(.*)`).'),
  modulus: str('Modulus to take of the hash of the source label values (hashmod).'),
  replacement: str('Replacement value; may refer to regex groups (`$1`) (default `$1`).'),
  action: str('Action to perform based on regex matching.', RELABEL_ACTIONS),
});

const TLS = map('TLS settings.', {
  ca_file: str('CA certificate file.'),
  cert_file: str('Client certificate file.'),
  key_file: str('Client key file.'),
  server_name: str('Server name for the TLS handshake.'),
  insecure_skip_verify: BOOL('Disable validation of the server certificate.'),
  min_version: str('Minimum TLS version.', ['TLS10', 'TLS11', 'TLS12', 'TLS13']),
});

const HTTP_CLIENT: Record<string, SchemaNode> = {
  basic_auth: map('HTTP basic authentication.', { username: str('User name.'), password: str('Password.'), password_file: str('File with the password.') }),
  authorization: map('Authorization header.', { type: str('Scheme.', ['Bearer']), credentials: str('Credentials.'), credentials_file: str('File with the credentials.') }),
  oauth2: map('OAuth 2.0.', { client_id: str('Client id.'), client_secret: str('Client secret.'), token_url: str('Token URL.'), scopes: strs('Scopes.') }),
  tls_config: TLS,
  proxy_url: str('HTTP proxy URL.'),
  follow_redirects: BOOL('Follow HTTP 3xx redirects.'),
  enable_http2: BOOL('Enable HTTP/2.'),
};

/** Service discovery mechanisms and the `__meta_*` labels each attaches to targets. */
export const SD_META_LABELS: Record<string, string[]> = {
  static: [],
  file: ['__meta_filepath'],
  dns: ['__meta_dns_name', '__meta_dns_srv_record_target', '__meta_dns_srv_record_port', '__meta_dns_mx_record_target', '__meta_dns_ns_record_target'],
  kubernetes: [
    '__meta_kubernetes_namespace',
    '__meta_kubernetes_node_name',
    '__meta_kubernetes_node_label_<labelname>',
    '__meta_kubernetes_node_address_<address_type>',
    '__meta_kubernetes_service_name',
    '__meta_kubernetes_service_label_<labelname>',
    '__meta_kubernetes_service_annotation_<annotationname>',
    '__meta_kubernetes_service_port_name',
    '__meta_kubernetes_service_port_protocol',
    '__meta_kubernetes_pod_name',
    '__meta_kubernetes_pod_ip',
    '__meta_kubernetes_pod_label_<labelname>',
    '__meta_kubernetes_pod_annotation_<annotationname>',
    '__meta_kubernetes_pod_container_name',
    '__meta_kubernetes_pod_container_port_name',
    '__meta_kubernetes_pod_container_port_number',
    '__meta_kubernetes_pod_phase',
    '__meta_kubernetes_pod_ready',
    '__meta_kubernetes_pod_node_name',
    '__meta_kubernetes_pod_controller_kind',
    '__meta_kubernetes_pod_controller_name',
    '__meta_kubernetes_endpoints_name',
    '__meta_kubernetes_endpoint_ready',
    '__meta_kubernetes_endpoint_port_name',
    '__meta_kubernetes_ingress_name',
    '__meta_kubernetes_ingress_path',
  ],
  consul: [
    '__meta_consul_address',
    '__meta_consul_dc',
    '__meta_consul_health',
    '__meta_consul_node',
    '__meta_consul_service',
    '__meta_consul_service_address',
    '__meta_consul_service_id',
    '__meta_consul_service_port',
    '__meta_consul_tags',
    '__meta_consul_service_metadata_<key>',
  ],
  ec2: [
    '__meta_ec2_availability_zone',
    '__meta_ec2_instance_id',
    '__meta_ec2_instance_state',
    '__meta_ec2_instance_type',
    '__meta_ec2_private_ip',
    '__meta_ec2_public_ip',
    '__meta_ec2_tag_<tagkey>',
    '__meta_ec2_vpc_id',
  ],
  gce: ['__meta_gce_instance_id', '__meta_gce_instance_name', '__meta_gce_label_<labelname>', '__meta_gce_machine_type', '__meta_gce_project', '__meta_gce_zone', '__meta_gce_tags'],
  docker: ['__meta_docker_container_id', '__meta_docker_container_name', '__meta_docker_container_label_<labelname>', '__meta_docker_network_name', '__meta_docker_port_private'],
  http: ['__meta_url'],
};

/** Labels every target has before relabelling. */
export const TARGET_LABELS = ['__address__', '__scheme__', '__metrics_path__', '__scrape_interval__', '__scrape_timeout__', 'job', 'instance'];

function sdConfigs(): Record<string, SchemaNode> {
  const out: Record<string, SchemaNode> = {};
  const common: Record<string, SchemaNode> = { refresh_interval: DURATION('How often to refresh the targets.') };
  const perSd: Record<string, Record<string, SchemaNode>> = {
    static: { targets: strs('host:port targets.'), labels: map('Labels for all targets.', {}) },
    file: { files: strs('Files (globs) with target groups.'), refresh_interval: DURATION('Re-read interval.') },
    dns: { names: strs('DNS names to query.'), type: str('Query type.', ['SRV', 'A', 'AAAA', 'MX', 'NS']), port: str('Port for A/AAAA/MX/NS records.'), ...common },
    kubernetes: {
      role: str('Kubernetes role of the targets.', ['node', 'service', 'pod', 'endpoints', 'endpointslice', 'ingress']),
      api_server: str('API server URL (default: in-cluster).'),
      kubeconfig_file: str('Kubeconfig file.'),
      namespaces: map('Namespaces to discover.', { own_namespace: BOOL('Only the own namespace.'), names: strs('Namespace names.') }),
      selectors: list('Label/field selectors.', map('Selector.', { role: str('Role.'), label: str('Label selector.'), field: str('Field selector.') })),
      ...HTTP_CLIENT,
    },
    consul: { server: str('Consul server.'), services: strs('Services to discover.'), tags: strs('Required tags.'), datacenter: str('Datacenter.'), token: str('ACL token.'), ...common },
    ec2: { region: str('AWS region.'), access_key: str('Access key.'), secret_key: str('Secret key.'), port: str('Port to scrape.'), filters: list('Filters.', map('Filter.', { name: str('Name.'), values: strs('Values.') })), ...common },
    gce: { project: str('Project.'), zone: str('Zone.'), filter: str('Filter.'), port: str('Port.'), ...common },
    docker: { host: str('Docker daemon address.'), port: str('Port.'), ...common },
    http: { url: str('URL returning target groups as JSON.'), ...common, ...HTTP_CLIENT },
  };
  for (const [sd, keys] of Object.entries(perSd)) out[`${sd}_configs`] = list(`${sd} service discovery.`, map(`${sd} SD config.`, keys));
  return out;
}

const SCRAPE_CONFIG = map('A scrape job.', {
  job_name: str('The job name assigned to scraped metrics by default.'),
  scrape_interval: DURATION('How frequently to scrape targets of this job.'),
  scrape_timeout: DURATION('Per-scrape timeout.'),
  metrics_path: str('HTTP resource path to fetch metrics from (default /metrics).'),
  scheme: str('Protocol scheme.', ['http', 'https']),
  params: map('URL parameters.', {}),
  honor_labels: BOOL('Keep the labels of scraped data on conflicts.'),
  honor_timestamps: BOOL('Use the timestamps of scraped data.'),
  sample_limit: str('Per-scrape limit on the number of samples.'),
  label_limit: str('Per-scrape limit on the number of labels.'),
  target_limit: str('Limit on the number of unique targets.'),
  scrape_protocols: strs('Negotiated protocols, in order.'),
  relabel_configs: list('Target relabelling before the scrape.', RELABEL),
  metric_relabel_configs: list('Relabelling of scraped samples before ingestion.', RELABEL),
  ...HTTP_CLIENT,
  ...sdConfigs(),
});

const PROMETHEUS_CONFIG = map('Prometheus configuration.', {
  global: map('Global defaults.', {
    scrape_interval: DURATION('How frequently to scrape targets by default.'),
    scrape_timeout: DURATION('How long until a scrape request times out.'),
    evaluation_interval: DURATION('How frequently to evaluate rules.'),
    rule_query_offset: DURATION('Offset the rule evaluation timestamp into the past.'),
    external_labels: map('Labels added to series and alerts sent to external systems.', {}),
    query_log_file: str('File to log PromQL queries to.'),
  }),
  rule_files: strs('Rule file globs.'),
  scrape_config_files: strs('Files with more scrape configs.'),
  alerting: map('Alertmanager settings.', {
    alert_relabel_configs: list('Relabelling of alerts.', RELABEL),
    alertmanagers: list('Alertmanagers to send alerts to.', map('Alertmanager.', { ...sdConfigs(), ...HTTP_CLIENT, scheme: str('Scheme.', ['http', 'https']), path_prefix: str('Path prefix.'), timeout: DURATION('Timeout.'), api_version: str('API version.', ['v2']), relabel_configs: list('Relabelling.', RELABEL) })),
  }),
  scrape_configs: list('Scrape jobs.', SCRAPE_CONFIG),
  remote_write: list('Remote write endpoints.', map('Remote write.', { url: str('Endpoint URL.'), name: str('Name.'), remote_timeout: DURATION('Timeout.'), write_relabel_configs: list('Relabelling before sending.', RELABEL), ...HTTP_CLIENT })),
  remote_read: list('Remote read endpoints.', map('Remote read.', { url: str('Endpoint URL.'), name: str('Name.'), read_recent: BOOL('Read recent data too.'), ...HTTP_CLIENT })),
  storage: map('Storage settings.', { tsdb: map('TSDB.', { out_of_order_time_window: DURATION('Out-of-order window.') }) }),
});

// ---------------------------------------------------------------------------------------------
// alertmanager.yml

const MATCHERS = strs('Matchers (`label=value`, `label=~regex`).');
const ROUTE: SchemaNode = map('A routing node.', {
  receiver: str('Receiver of alerts that match this node.'),
  group_by: strs('Labels to group alerts by (`...` groups by all labels).'),
  continue: BOOL('Continue matching sibling nodes after a match.'),
  matchers: MATCHERS,
  group_wait: DURATION('How long to wait before the first notification of a group.'),
  group_interval: DURATION('How long to wait before notifying about new alerts of a group.'),
  repeat_interval: str('How long to wait before re-sending a notification.', ['1h', '4h', '12h', '24h']),
  mute_time_intervals: strs('Time intervals when the route is muted.'),
  active_time_intervals: strs('Time intervals when the route is active.'),
});
ROUTE.keys!.routes = list('Child routes.', ROUTE);

const RECEIVER_CONFIGS: Record<string, Record<string, SchemaNode>> = {
  email: { to: str('Address to send to.'), from: str('Sender address.'), smarthost: str('SMTP host:port.'), send_resolved: BOOL('Notify about resolved alerts.'), headers: map('Headers.', {}), html: str('HTML body.'), text: str('Text body.') },
  slack: { api_url: str('Webhook URL.'), api_url_file: str('File with the webhook URL.'), channel: str('Channel or user.'), title: str('Message title.'), text: str('Message text.'), send_resolved: BOOL('Notify about resolved alerts.') },
  webhook: { url: str('Endpoint URL.'), url_file: str('File with the URL.'), send_resolved: BOOL('Notify about resolved alerts.'), max_alerts: str('Maximum alerts per message (0 = all).') },
  pagerduty: { routing_key: str('Events API v2 integration key.'), service_key: str('Events API v1 integration key.'), url: str('API URL.'), severity: str('Severity.'), send_resolved: BOOL('Notify about resolved alerts.') },
  opsgenie: { api_key: str('API key.'), api_url: str('API URL.'), message: str('Alert text.'), priority: str('Priority.', ['P1', 'P2', 'P3', 'P4', 'P5']), send_resolved: BOOL('Notify about resolved alerts.') },
  msteams: { webhook_url: str('Incoming webhook URL.'), title: str('Title.'), text: str('Text.'), send_resolved: BOOL('Notify about resolved alerts.') },
  telegram: { bot_token: str('Bot token.'), chat_id: str('Chat id.'), message: str('Message.'), send_resolved: BOOL('Notify about resolved alerts.') },
};

const ALERTMANAGER_CONFIG = map('Alertmanager configuration.', {
  global: map('Global defaults.', {
    resolve_timeout: DURATION('Time after which an alert is declared resolved if not updated.'),
    smtp_smarthost: str('Default SMTP host:port.'),
    smtp_from: str('Default sender address.'),
    smtp_require_tls: BOOL('Require STARTTLS.'),
    slack_api_url: str('Default Slack webhook URL.'),
    pagerduty_url: str('Default PagerDuty API URL.'),
    http_config: map('Default HTTP client settings.', HTTP_CLIENT),
  }),
  templates: strs('Template file globs.'),
  route: ROUTE,
  receivers: list(
    'Notification receivers.',
    map('A receiver.', {
      name: str('Unique name of the receiver.'),
      ...Object.fromEntries(Object.entries(RECEIVER_CONFIGS).map(([k, keys]) => [`${k}_configs`, list(`${k} notifications.`, map(`${k} config.`, keys))])),
    }),
  ),
  inhibit_rules: list('Inhibition rules.', map('An inhibition rule.', { source_matchers: MATCHERS, target_matchers: MATCHERS, equal: strs('Labels that must be equal on source and target.') })),
  time_intervals: list('Named time intervals.', map('A time interval.', { name: str('Name.'), time_intervals: list('Intervals.', map('Interval.', { times: list('Times.', map('Time range.', { start_time: str('HH:MM'), end_time: str('HH:MM') })), weekdays: strs('Weekdays.'), days_of_month: strs('Days of month.'), months: strs('Months.'), years: strs('Years.'), location: str('Time zone.') })) })),
});

export function schemaFor(kind: FileKind): SchemaNode | undefined {
  switch (kind) {
    case 'rules':
      return RULE_FILE;
    case 'prometheus-rule':
      return PROMETHEUS_RULE;
    case 'prometheus-config':
      return PROMETHEUS_CONFIG;
    case 'alertmanager-config':
      return ALERTMANAGER_CONFIG;
    default:
      return undefined;
  }
}
