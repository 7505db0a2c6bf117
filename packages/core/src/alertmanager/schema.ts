/**
 * The shape of alertmanager.yml: every struct Alertmanager decodes (config/config.go,
 * config/notifiers.go, notify/<integration>/config.go, config/common, timeinterval/) and the
 * HTTP client config of prometheus/common, as field name → Go type. Field names are the `yaml`
 * tags; struct names are what yaml.v2 prints in `field x not found in type T`.
 */
import type { FieldType, StructDef } from './decode';

const list = (of: FieldType, go: string): FieldType => ({ list: of, go });
const map = (of: FieldType, go: string): FieldType => ({ map: of, go });
const strings: FieldType = list('string', '[]string');
const stringMap: FieldType = map('string', 'map[string]string');
const anyMap: FieldType = map('any', 'map[string]interface {}');

// ---- prometheus/common config ---------------------------------------------------------------

export const TLS_CONFIG: StructDef = {
  go: 'config.plain',
  fields: {
    ca: 'string',
    cert: 'string',
    key: 'string',
    ca_file: 'string',
    cert_file: 'string',
    key_file: 'string',
    ca_ref: 'string',
    cert_ref: 'string',
    key_ref: 'string',
    server_name: 'string',
    insecure_skip_verify: 'bool',
    min_version: 'string',
    max_version: 'string',
  },
};

const PROXY_FIELDS: Record<string, FieldType> = {
  proxy_url: 'string',
  no_proxy: 'string',
  proxy_from_environment: 'bool',
  proxy_connect_header: map(strings, 'config.ProxyHeader'),
};

export const HTTP_CLIENT_CONFIG: StructDef = {
  go: 'config.plain',
  fields: {
    basic_auth: {
      go: 'config.plain',
      fields: { username: 'string', username_file: 'string', username_ref: 'string', password: 'string', password_file: 'string', password_ref: 'string' },
    },
    authorization: { go: 'config.Authorization', fields: { type: 'string', credentials: 'string', credentials_file: 'string', credentials_ref: 'string' } },
    oauth2: {
      go: 'config.plain',
      fields: {
        client_id: 'string',
        client_secret: 'string',
        client_secret_file: 'string',
        client_secret_ref: 'string',
        client_certificate_key_id: 'string',
        client_certificate_key: 'string',
        client_certificate_key_file: 'string',
        client_certificate_key_ref: 'string',
        grant_type: 'string',
        signature_algorithm: 'string',
        iss: 'string',
        audience: 'string',
        claims: anyMap,
        scopes: strings,
        token_url: 'string',
        endpoint_params: stringMap,
        tls_config: TLS_CONFIG,
        ...PROXY_FIELDS,
      },
    },
    bearer_token: 'string',
    bearer_token_file: 'string',
    tls_config: TLS_CONFIG,
    follow_redirects: 'bool',
    enable_http2: 'bool',
    ...PROXY_FIELDS,
    http_headers: map({ go: 'config.Header', fields: { values: strings, secrets: strings, files: strings } }, 'config.Headers'),
  },
};

// ---- integrations -----------------------------------------------------------------------------

/** fields every integration has: `send_resolved` (inline NotifierConfig) and `http_config` */
function integration(pkg: string, fields: Record<string, FieldType>, withHttp = true): StructDef {
  return { go: `${pkg}.plain`, fields: { send_resolved: 'bool', ...(withHttp ? { http_config: HTTP_CLIENT_CONFIG } : {}), ...fields } };
}

export const EMAIL_CONFIG = integration(
  'config',
  {
    to: 'string',
    from: 'string',
    hello: 'string',
    smarthost: 'hostport',
    auth_username: 'string',
    auth_password: 'string',
    auth_password_file: 'string',
    auth_secret: 'string',
    auth_secret_file: 'string',
    auth_identity: 'string',
    headers: stringMap,
    html: 'string',
    text: 'string',
    require_tls: 'bool',
    tls_config: TLS_CONFIG,
    force_implicit_tls: 'bool',
    threading: { go: 'config.ThreadingConfig', fields: { enabled: 'bool', thread_by_date: 'string' } },
  },
  false,
);

const SLACK_CONFIRM: StructDef = { go: 'config.plain', fields: { text: 'string', title: 'string', ok_text: 'string', dismiss_text: 'string' } };

export const SLACK_CONFIG = integration('config', {
  api_url: 'secreturl',
  api_url_file: 'string',
  app_token: 'string',
  app_token_file: 'string',
  app_url: 'url',
  channel: 'string',
  username: 'string',
  color: 'string',
  title: 'string',
  title_link: 'string',
  pretext: 'string',
  text: 'string',
  message_text: 'string',
  fields: list({ go: 'config.plain', fields: { title: 'string', value: 'string', short: 'bool' } }, '[]*config.SlackField'),
  short_fields: 'bool',
  footer: 'string',
  fallback: 'string',
  callback_id: 'string',
  icon_emoji: 'string',
  icon_url: 'string',
  image_url: 'string',
  thumb_url: 'string',
  link_names: 'bool',
  mrkdwn_in: strings,
  actions: list(
    { go: 'config.plain', fields: { type: 'string', text: 'string', url: 'string', style: 'string', name: 'string', value: 'string', confirm: SLACK_CONFIRM } },
    '[]*config.SlackAction',
  ),
  update_message: 'bool',
  timeout: 'goduration',
});

export const WECHAT_CONFIG = integration('config', {
  api_secret: 'string',
  api_secret_file: 'string',
  corp_id: 'string',
  message: 'string',
  api_url: 'url',
  to_user: 'string',
  to_party: 'string',
  to_tag: 'string',
  agent_id: 'string',
  message_type: 'string',
});

export const VICTOROPS_CONFIG = integration('config', {
  api_key: 'string',
  api_key_file: 'string',
  api_url: 'url',
  routing_key: 'string',
  message_type: 'string',
  state_message: 'string',
  entity_display_name: 'string',
  monitoring_tool: 'string',
  custom_fields: stringMap,
});

export const WEBEX_CONFIG = integration('config', { api_url: 'url', message: 'string', room_id: 'string' });

export const WEBHOOK_CONFIG = integration('webhook', { url: 'templateurl', url_file: 'string', max_alerts: 'uint64', timeout: 'goduration', payload: 'any' });

export const DISCORD_CONFIG = integration('discord', {
  webhook_url: 'secreturl',
  webhook_url_file: 'string',
  content: 'string',
  title: 'string',
  message: 'string',
  username: 'string',
  avatar_url: 'string',
});

export const INCIDENTIO_CONFIG = integration('incidentio', {
  url: 'url',
  url_file: 'string',
  alert_source_token: 'string',
  alert_source_token_file: 'string',
  max_alerts: 'uint64',
  timeout: 'goduration',
});

const JIRA_FIELD: StructDef = { go: 'jira.plain', fields: { template: 'string', enable_update: 'bool' }, scalarField: 'template' };
export const JIRA_CONFIG = integration('jira', {
  api_url: 'url',
  api_type: 'string',
  project: 'string',
  summary: JIRA_FIELD,
  description: JIRA_FIELD,
  labels: strings,
  priority: 'string',
  issue_type: 'string',
  reopen_transition: 'string',
  resolve_transition: 'string',
  wont_fix_resolution: 'string',
  reopen_duration: 'duration',
  fields: anyMap,
});

const MATTERMOST_FIELD: StructDef = { go: 'mattermost.plain', fields: { title: 'string', value: 'string', short: 'bool' } };
export const MATTERMOST_CONFIG = integration('mattermost', {
  webhook_url: 'secreturl',
  webhook_url_file: 'string',
  channel: 'string',
  username: 'string',
  text: 'string',
  fallback: 'string',
  color: 'string',
  pretext: 'string',
  author_name: 'string',
  author_link: 'string',
  author_icon: 'string',
  title: 'string',
  title_link: 'string',
  fields: list(MATTERMOST_FIELD, '[]*mattermost.MattermostField'),
  thumb_url: 'string',
  footer: 'string',
  footer_icon: 'string',
  image_url: 'string',
  icon_url: 'string',
  icon_emoji: 'string',
  attachments: list(
    {
      go: 'mattermost.MattermostAttachment',
      fields: {
        fallback: 'string',
        color: 'string',
        pretext: 'string',
        text: 'string',
        author_name: 'string',
        author_link: 'string',
        author_icon: 'string',
        title: 'string',
        title_link: 'string',
        fields: list(MATTERMOST_FIELD, '[]*mattermost.MattermostField'),
        thumb_url: 'string',
        footer: 'string',
        footer_icon: 'string',
        image_url: 'string',
      },
    },
    '[]*mattermost.MattermostAttachment',
  ),
  type: 'string',
  props: { go: 'mattermost.MattermostProps', fields: { card: 'string' } },
  priority: { go: 'mattermost.MattermostPriority', fields: { priority: 'string', requested_ack: 'bool', persistent_notifications: 'bool' } },
});

export const MSTEAMS_CONFIG = integration('msteams', { webhook_url: 'secreturl', webhook_url_file: 'string', title: 'string', summary: 'string', text: 'string' });
export const MSTEAMSV2_CONFIG = integration('msteamsv2', { webhook_url: 'secreturl', webhook_url_file: 'string', title: 'string', text: 'string' });

export const OPSGENIE_CONFIG = integration('opsgenie', {
  api_key: 'string',
  api_key_file: 'string',
  api_url: 'url',
  message: 'string',
  description: 'string',
  source: 'string',
  details: stringMap,
  entity: 'string',
  responders: list({ go: 'opsgenie.OpsGenieConfigResponder', fields: { id: 'string', name: 'string', username: 'string', type: 'string' } }, '[]opsgenie.OpsGenieConfigResponder'),
  actions: 'string',
  tags: 'string',
  note: 'string',
  priority: 'string',
  update_alerts: 'bool',
});

export const PAGERDUTY_CONFIG = integration('pagerduty', {
  service_key: 'string',
  service_key_file: 'string',
  routing_key: 'string',
  routing_key_file: 'string',
  url: 'url',
  client: 'string',
  client_url: 'string',
  description: 'string',
  details: anyMap,
  images: list({ go: 'pagerduty.PagerdutyImage', fields: { src: 'string', alt: 'string', href: 'string' } }, '[]pagerduty.PagerdutyImage'),
  links: list({ go: 'pagerduty.PagerdutyLink', fields: { href: 'string', text: 'string' } }, '[]pagerduty.PagerdutyLink'),
  source: 'string',
  severity: 'string',
  class: 'string',
  component: 'string',
  group: 'string',
  timeout: 'goduration',
});

export const PUSHOVER_CONFIG = integration('pushover', {
  user_key: 'string',
  user_key_file: 'string',
  token: 'string',
  token_file: 'string',
  title: 'string',
  message: 'string',
  url: 'string',
  url_title: 'string',
  device: 'string',
  sound: 'string',
  priority: 'string',
  retry: 'textduration',
  expire: 'textduration',
  ttl: 'textduration',
  html: 'bool',
  monospace: 'bool',
});

export const ROCKETCHAT_CONFIG = integration('rocketchat', {
  api_url: 'url',
  token_id: 'string',
  token_id_file: 'string',
  token: 'string',
  token_file: 'string',
  channel: 'string',
  color: 'string',
  title: 'string',
  title_link: 'string',
  text: 'string',
  // no yaml tags on these Go structs: yaml.v2 uses the lower-cased field names
  fields: list({ go: 'rocketchat.RocketchatAttachmentField', fields: { short: 'bool', title: 'string', value: 'string' } }, '[]*rocketchat.RocketchatAttachmentField'),
  short_fields: 'bool',
  emoji: 'string',
  icon_url: 'string',
  image_url: 'string',
  thumb_url: 'string',
  link_names: 'bool',
  actions: list(
    {
      go: 'rocketchat.RocketchatAttachmentAction',
      fields: {
        type: 'string',
        text: 'string',
        url: 'string',
        imageurl: 'string',
        iswebview: 'bool',
        webviewheightratio: 'string',
        msg: 'string',
        msginchatwindow: 'bool',
        msgprocessingtype: 'string',
      },
    },
    '[]*rocketchat.RocketchatAttachmentAction',
  ),
});

export const SNS_CONFIG = integration('sns', {
  api_url: 'string',
  sigv4: {
    go: 'sigv4.SigV4Config',
    fields: { region: 'string', access_key: 'string', secret_key: 'string', profile: 'string', role_arn: 'string', external_id: 'string', use_fips_sts_endpoint: 'bool' },
  },
  topic_arn: 'string',
  phone_number: 'string',
  target_arn: 'string',
  subject: 'string',
  message: 'string',
  attributes: stringMap,
  use_aws_http_client: 'bool',
});

export const TELEGRAM_CONFIG = integration('telegram', {
  api_url: 'url',
  bot_token: 'string',
  bot_token_file: 'string',
  chat_id: 'int64',
  chat_id_file: 'string',
  message_thread_id: 'int',
  message: 'string',
  disable_notifications: 'bool',
  parse_mode: 'string',
});

/** receiver field → integration schema, in the order of the Go Receiver struct */
export const INTEGRATIONS: Record<string, StructDef> = {
  discord_configs: DISCORD_CONFIG,
  email_configs: EMAIL_CONFIG,
  incidentio_configs: INCIDENTIO_CONFIG,
  pagerduty_configs: PAGERDUTY_CONFIG,
  slack_configs: SLACK_CONFIG,
  webhook_configs: WEBHOOK_CONFIG,
  opsgenie_configs: OPSGENIE_CONFIG,
  wechat_configs: WECHAT_CONFIG,
  pushover_configs: PUSHOVER_CONFIG,
  victorops_configs: VICTOROPS_CONFIG,
  sns_configs: SNS_CONFIG,
  telegram_configs: TELEGRAM_CONFIG,
  webex_configs: WEBEX_CONFIG,
  msteams_configs: MSTEAMS_CONFIG,
  msteamsv2_configs: MSTEAMSV2_CONFIG,
  jira_configs: JIRA_CONFIG,
  rocketchat_configs: ROCKETCHAT_CONFIG,
  mattermost_configs: MATTERMOST_CONFIG,
};

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
    // structurally: tracing and event recorder blocks are accepted as written
    tracing: 'any',
    event_recorder: 'any',
  },
};
