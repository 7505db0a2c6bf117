/**
 * The receiver integrations of alertmanager.yml (config/notifiers.go, notify/<x>/config.go):
 * field name → Go type per integration, and the receiver field each lives under.
 */
import type { FieldType, StructDef } from './decode';
import { HTTP_CLIENT_CONFIG, TLS_CONFIG } from './schema-http';
import { anyMap, list, stringMap, strings } from './schema-types';

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
