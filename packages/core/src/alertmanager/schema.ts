/**
 * The shape of alertmanager.yml: the top level, global block, routes, inhibit rules, receivers,
 * time intervals, tracing and event recorder (config/config.go, config/common, timeinterval/);
 * integrations in schema-integrations.ts, HTTP settings in schema-http.ts. Field names are the `yaml`
 * tags; struct names are what yaml.v2 prints in `field x not found in type T`.
 */
import type { FieldType, StructDef } from './decode';
import { HEADERS, HTTP_CLIENT_CONFIG, TLS_CONFIG } from './schema-http';
import { INTEGRATIONS } from './schema-integrations';
import { list, map, stringMap, strings } from './schema-types';

export { HTTP_CLIENT_CONFIG, TLS_CONFIG } from './schema-http';
export { INTEGRATIONS } from './schema-integrations';

export const RECEIVER: StructDef = {
  go: 'config.plain',
  fields: {
    name: 'string',
    labels: stringMap,
    ...Object.fromEntries(Object.entries(INTEGRATIONS).map(([k, v]) => [k, list(v, `[]*${v.go}`)])),
  },
};

// ---- routing, inhibition, time intervals, global ------------------------------------------------

export const ROUTE: StructDef = { go: 'config.plain', fields: {} };
Object.assign(ROUTE.fields, {
  receiver: 'string',
  group_by: strings,
  match: stringMap,
  match_re: map('string', 'common.plain'),
  matchers: strings,
  mute_time_intervals: strings,
  active_time_intervals: strings,
  continue: 'bool',
  routes: list(ROUTE, '[]*config.Route'),
  group_wait: 'duration',
  group_interval: 'duration',
  repeat_interval: 'duration',
  labels: map('string', 'model.LabelSet'),
});

export const INHIBIT_RULE: StructDef = {
  go: 'common.plain',
  fields: {
    name: 'string',
    source_match: stringMap,
    source_match_re: map('string', 'common.plain'),
    source_matchers: strings,
    target_match: stringMap,
    target_match_re: map('string', 'common.plain'),
    target_matchers: strings,
    equal: strings,
  },
};

const TIME_INTERVAL_SPEC: StructDef = {
  go: 'timeinterval.TimeInterval',
  fields: {
    times: list({ go: 'timeinterval.yamlTimeRange', fields: { start_time: 'string', end_time: 'string' } }, '[]timeinterval.TimeRange'),
    weekdays: strings,
    days_of_month: strings,
    months: strings,
    years: strings,
    location: 'location',
  },
};

export const NAMED_TIME_INTERVAL: StructDef = {
  go: 'config.plain',
  fields: { name: 'string', time_intervals: list(TIME_INTERVAL_SPEC, '[]timeinterval.TimeInterval') },
};

export const GLOBAL: StructDef = {
  go: 'config.plain',
  fields: {
    resolve_timeout: 'duration',
    http_config: HTTP_CLIENT_CONFIG,
    jira_api_url: 'url',
    smtp_from: 'string',
    smtp_hello: 'string',
    smtp_smarthost: 'hostport',
    smtp_auth_username: 'string',
    smtp_auth_password: 'string',
    smtp_auth_password_file: 'string',
    smtp_auth_secret: 'string',
    smtp_auth_secret_file: 'string',
    smtp_auth_identity: 'string',
    smtp_require_tls: 'bool',
    smtp_tls_config: TLS_CONFIG,
    smtp_force_implicit_tls: 'bool',
    slack_api_url: 'secreturl',
    slack_api_url_file: 'string',
    slack_app_token: 'string',
    slack_app_token_file: 'string',
    slack_app_url: 'url',
    pagerduty_url: 'url',
    opsgenie_api_url: 'url',
    opsgenie_api_key: 'string',
    opsgenie_api_key_file: 'string',
    wechat_api_url: 'url',
    wechat_api_secret: 'string',
    wechat_api_secret_file: 'string',
    wechat_api_corp_id: 'string',
    victorops_api_url: 'url',
    victorops_api_key: 'string',
    victorops_api_key_file: 'string',
    telegram_api_url: 'url',
    telegram_bot_token: 'string',
    telegram_bot_token_file: 'string',
    webex_api_url: 'url',
    rocketchat_api_url: 'url',
    rocketchat_token: 'string',
    rocketchat_token_file: 'string',
    rocketchat_token_id: 'string',
    rocketchat_token_id_file: 'string',
    mattermost_webhook_url: 'secreturl',
    mattermost_webhook_url_file: 'string',
  },
};


/** tracing/config.go (fields only) */
const TRACING: StructDef = {
  go: 'tracing.plain',
  fields: {
    client_type: 'string',
    endpoint: 'string',
    sampling_fraction: 'float64',
    insecure: 'bool',
    tls_config: TLS_CONFIG,
    headers: HEADERS,
    compression: 'string',
    timeout: 'duration',
  },
};

/** eventrecorder/*.go (fields only) */
const EVENT_RECORDER: StructDef = {
  go: 'eventrecorder.Config',
  fields: {
    file_outputs: list({ go: 'eventrecorder.plain', fields: { path: 'string' } }, '[]eventrecorder.FileOutputConfig'),
    webhook_outputs: list(
      {
        go: 'eventrecorder.plain',
        fields: {
          url: 'secreturl',
          http_config: HTTP_CLIENT_CONFIG,
          timeout: 'duration',
          workers: 'int',
          max_retries: 'int',
          retry_backoff: 'duration',
          batch: 'bool',
          batch_max_events: 'int',
          batch_max_bytes: 'int',
          batch_flush_interval: 'duration',
        },
      },
      '[]eventrecorder.WebhookOutputConfig',
    ),
    kafka_outputs: list(
      {
        go: 'eventrecorder.plain',
        fields: { brokers: strings, topic: 'string', client_id: 'string', format: 'string', acks: 'string', compression: 'string', buffer_size: 'int', tls_config: TLS_CONFIG },
      },
      '[]eventrecorder.KafkaOutputConfig',
    ),
    stdout_outputs: list({ go: 'eventrecorder.StdoutOutputConfig', fields: {} }, '[]eventrecorder.StdoutOutputConfig'),
  },
};

export const CONFIG: StructDef = {
  go: 'config.plain',
  fields: {
    global: GLOBAL,
    route: ROUTE,
    inhibit_rules: list(INHIBIT_RULE, '[]common.InhibitRule'),
    receivers: list(RECEIVER, '[]config.Receiver'),
    templates: strings,
    mute_time_intervals: list(NAMED_TIME_INTERVAL, '[]config.MuteTimeInterval'),
    time_intervals: list(NAMED_TIME_INTERVAL, '[]config.TimeInterval'),
    tracing: TRACING,
    event_recorder: EVENT_RECORDER,
  },
};
