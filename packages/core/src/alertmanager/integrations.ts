/**
 * The rules of each receiver integration, as Alertmanager enforces them when it loads the
 * configuration: the integration's own `UnmarshalYAML` checks (notify/<x>/config.go,
 * config/notifiers.go) and the global defaults it needs (`Config.UnmarshalYAML` in
 * config/config.go: smtp_smarthost/smtp_from for email, API keys, WeChat secret and corp id, ...).
 * Messages are Alertmanager's own.
 */
import { fBool, fList, fMap, fNum, fObj, fSet, fStr, report, structHead, valueAt, type DecodeContext, type DObj } from './decode';
import { hasAuthorization, validateHttpConfig, validateTlsConfig } from './http-config';
import { templatedURLError } from './templates';

type Check = (c: DObj, g: DObj | undefined, ctx: DecodeContext) => void;

const set = (c: DObj | undefined, f: string): boolean => fStr(c, f) !== '';
const SIGV4_KEYS = 'must provide a AWS SigV4 Access key and Secret Key if credentials are specified in the SigV4 config';

/** one `at most one of a & b` check; reported on the second field */
function atMostOne(c: DObj, a: string, b: string, ctx: DecodeContext, message = `at most one of ${a} & ${b} must be configured`): void {
  if (fSet(c, a) && fStr(c, a) !== '' && set(c, b)) report(ctx, c.pairs[b]?.key ?? structHead(c), message);
}

const DEFAULT_SLACK_APP_URL = 'https://slack.com/api/chat.postMessage';

function webhookLike(c: DObj, ctx: DecodeContext): void {
  if (!fSet(c, 'webhook_url') && !set(c, 'webhook_url_file')) report(ctx, structHead(c), 'one of webhook_url or webhook_url_file must be configured');
  atMostOne(c, 'webhook_url', 'webhook_url_file', ctx);
}

const checks: Record<string, Check> = {
  discord_configs: (c, _g, ctx) => webhookLike(c, ctx),
  msteams_configs: (c, _g, ctx) => webhookLike(c, ctx),
  msteamsv2_configs: (c, _g, ctx) => webhookLike(c, ctx),

  email_configs(c, g, ctx) {
    if (!set(c, 'to')) report(ctx, structHead(c), 'missing to address in email config');
    const headers = fMap(c, 'headers');
    const seen = new Set<string>();
    for (const e of headers?.entries ?? []) {
      const canon = canonicalMIMEHeaderKey(e.key);
      if (seen.has(canon)) report(ctx, e.keyNode, `duplicate header ${JSON.stringify(canon)} in email config`);
      seen.add(canon);
    }
    const threading = fObj(c, 'threading');
    if (threading && fBool(threading, 'enabled')) {
      if (seen.has('References')) report(ctx, structHead(threading), 'conflicting configuration: threading.enabled conflicts with custom References header');
      if (seen.has('In-Reply-To')) report(ctx, structHead(threading), 'conflicting configuration: threading.enabled conflicts with custom In-Reply-To header');
      if (!['none', 'daily'].includes(fStr(threading, 'thread_by_date'))) report(ctx, valueAt(threading, 'thread_by_date'), "threading.thread_by_date must be either 'none' or 'daily'");
    }
    const tls = fObj(c, 'tls_config');
    if (tls) validateTlsConfig(tls, ctx);
    if (!set(c, 'smarthost') && !set(g, 'smtp_smarthost')) report(ctx, structHead(c), 'no global SMTP smarthost set');
    if (!set(c, 'from') && !set(g, 'smtp_from')) report(ctx, structHead(c), 'no global SMTP from set');
  },

  slack_configs(c, g, ctx) {
    const apiURL = fSet(c, 'api_url');
    atMostOne(c, 'api_url', 'api_url_file', ctx);
    atMostOne(c, 'app_token', 'app_token_file', ctx);
    if ((apiURL || set(c, 'api_url_file')) && (set(c, 'app_token') || set(c, 'app_token_file')))
      report(ctx, structHead(c), 'at most one of api_url/api_url_file & app_token/app_token_file must be configured');
    if (fBool(c, 'update_message') && fStr(c, 'api_url') !== DEFAULT_SLACK_APP_URL)
      report(ctx, c.pairs.update_message?.key ?? structHead(c), `update_message can only be used with bot tokens. api_url must be set to ${DEFAULT_SLACK_APP_URL}`);
    for (const it of fList(c, 'fields')?.items ?? []) {
      const f = asObj(it.value);
      if (!f) continue;
      if (!set(f, 'title')) report(ctx, structHead(f), 'missing title in Slack field configuration');
      if (!set(f, 'value')) report(ctx, structHead(f), 'missing value in Slack field configuration');
    }
    for (const it of fList(c, 'actions')?.items ?? []) {
      const a = asObj(it.value);
      if (!a) continue;
      if (!set(a, 'type')) report(ctx, structHead(a), 'missing type in Slack action configuration');
      if (!set(a, 'text')) report(ctx, structHead(a), 'missing text in Slack action configuration');
      if (!set(a, 'url') && !set(a, 'name')) report(ctx, structHead(a), 'missing name or url in Slack action configuration');
      const confirm = fObj(a, 'confirm');
      if (confirm && !set(confirm, 'text')) report(ctx, structHead(confirm), 'missing text in Slack confirmation configuration');
    }
    // inheritance from global (Config.UnmarshalYAML)
    const localHttp = fObj(c, 'http_config');
    const http = localHttp ?? fObj(g, 'http_config');
    let appToken = set(c, 'app_token') || set(c, 'app_token_file');
    if (!appToken && !hasAuthorization(http) && !apiURL) appToken = set(g, 'slack_app_token') || set(g, 'slack_app_token_file');
    let hasURL = apiURL || set(c, 'api_url_file');
    if (!hasURL) hasURL = fSet(g, 'slack_api_url') || set(g, 'slack_api_url_file');
    if (!hasURL && !appToken) report(ctx, structHead(c), 'no Slack API URL nor App token set either inline or in a file');
    if (appToken && hasAuthorization(http)) report(ctx, (localHttp ?? c).node.range, "http authorization can't be set when using Slack App tokens");
  },

  pagerduty_configs(c, _g, ctx) {
    if (!set(c, 'routing_key') && !set(c, 'service_key') && !set(c, 'routing_key_file') && !set(c, 'service_key_file'))
      report(ctx, structHead(c), 'missing service or routing key in PagerDuty config');
    atMostOne(c, 'routing_key', 'routing_key_file', ctx);
    atMostOne(c, 'service_key', 'service_key_file', ctx);
  },

  incidentio_configs(c, _g, ctx) {
    if (!fSet(c, 'url') && !set(c, 'url_file')) report(ctx, structHead(c), 'one of url or url_file must be configured');
    if (fSet(c, 'url') && set(c, 'url_file')) report(ctx, c.pairs.url_file?.key ?? structHead(c), 'at most one of url & url_file must be configured');
    atMostOne(c, 'alert_source_token', 'alert_source_token_file', ctx);
    const http = fObj(c, 'http_config');
    const token = set(c, 'alert_source_token') || set(c, 'alert_source_token_file');
    if (http && hasAuthorization(http) && token) report(ctx, structHead(c), 'cannot specify alert_source_token or alert_source_token_file when using http_config.authorization');
    if (http && !hasAuthorization(http) && !token) report(ctx, structHead(c), 'at least one of alert_source_token, alert_source_token_file or http_config.authorization must be configured');
  },

  webhook_configs(c, _g, ctx) {
    if (!set(c, 'url') && !set(c, 'url_file')) report(ctx, structHead(c), 'one of url or url_file must be configured');
    if (set(c, 'url') && set(c, 'url_file')) report(ctx, c.pairs.url_file?.key ?? structHead(c), 'at most one of url & url_file must be configured');
  },

  opsgenie_configs(c, g, ctx) {
    atMostOne(c, 'api_key', 'api_key_file', ctx);
    for (const it of fList(c, 'responders')?.items ?? []) {
      const r = asObj(it.value);
      const repr = `{${fStr(r, 'id')} ${fStr(r, 'name')} ${fStr(r, 'username')} ${fStr(r, 'type')}}`;
      if (!set(r, 'id') && !set(r, 'username') && !set(r, 'name')) {
        report(ctx, it.node, `opsGenieConfig responder ${repr} has to have at least one of id, username or name specified`);
        continue;
      }
      const type = fStr(r, 'type');
      const templateError = type.includes('{{') ? templatedURLError(type) : undefined;
      if (templateError !== undefined) report(ctx, r ? valueAt(r, 'type') : it.node.range, `opsGenieConfig responder ${repr} type contains invalid template syntax: ${templateError}`);
      if (!type.includes('{{') && !/^(team|teams|user|escalation|schedule)$/.test(type.toLowerCase()))
        report(ctx, r ? valueAt(r, 'type') : it.node.range, `opsGenieConfig responder ${repr} type does not match valid options ^(team|teams|user|escalation|schedule)$`);
    }
    if (!set(c, 'api_key') && !set(c, 'api_key_file') && !set(g, 'opsgenie_api_key') && !set(g, 'opsgenie_api_key_file'))
      report(ctx, structHead(c), 'no global OpsGenie API Key set either inline or in a file');
  },

  wechat_configs(c, g, ctx) {
    const type = fStr(c, 'message_type') || 'text';
    if (!/^(text|markdown)$/.test(type)) report(ctx, valueAt(c, 'message_type'), `weChat message type ${JSON.stringify(type)} does not match valid options ^(text|markdown)$`);
    atMostOne(c, 'api_secret', 'api_secret_file', ctx);
    if (!set(c, 'api_secret') && !set(c, 'api_secret_file') && !set(g, 'wechat_api_secret') && !set(g, 'wechat_api_secret_file'))
      report(ctx, structHead(c), 'no global Wechat Api Secret set either inline or in a file');
    if (!set(c, 'corp_id') && !set(g, 'wechat_api_corp_id')) report(ctx, structHead(c), 'no global Wechat CorpID set');
  },

  pushover_configs(c, _g, ctx) {
    if (!set(c, 'user_key') && !set(c, 'user_key_file')) report(ctx, structHead(c), 'one of user_key or user_key_file must be configured');
    atMostOne(c, 'user_key', 'user_key_file', ctx);
    if (!set(c, 'token') && !set(c, 'token_file')) report(ctx, structHead(c), 'one of token or token_file must be configured');
    atMostOne(c, 'token', 'token_file', ctx);
    if (fBool(c, 'html') && fBool(c, 'monospace')) report(ctx, structHead(c), 'at most one of monospace & html must be configured');
  },

  victorops_configs(c, g, ctx) {
    if (!set(c, 'routing_key')) report(ctx, structHead(c), 'missing Routing key in VictorOps config');
    atMostOne(c, 'api_key', 'api_key_file', ctx);
    const custom = fMap(c, 'custom_fields');
    const reserved = ['routing_key', 'message_type', 'state_message', 'entity_display_name', 'monitoring_tool', 'entity_id', 'entity_state'];
    for (const e of custom?.entries ?? []) {
      if (reserved.includes(e.key)) report(ctx, e.keyNode, `victorOps config contains custom field ${e.key} which cannot be used as it conflicts with the fixed/static fields`);
    }
    if (!set(c, 'api_key') && !set(c, 'api_key_file') && !set(g, 'victorops_api_key') && !set(g, 'victorops_api_key_file'))
      report(ctx, structHead(c), 'no global VictorOps API Key set');
  },

  sns_configs(c, _g, ctx) {
    const target = !set(c, 'target_arn');
    const topic = !set(c, 'topic_arn');
    const phone = !set(c, 'phone_number');
    // Go: (TargetARN == "") != (TopicARN == "") != (PhoneNumber == "")
    if ((target !== topic) !== phone) report(ctx, structHead(c), 'must provide either a Target ARN, Topic ARN, or Phone Number for SNS config');
    // sigv4.SigV4Config's UnmarshalYAML (its Validate)
    const sigv4 = fObj(c, 'sigv4');
    if (sigv4 && set(sigv4, 'access_key') !== set(sigv4, 'secret_key')) report(ctx, structHead(sigv4), SIGV4_KEYS);
  },

  telegram_configs(c, g, ctx) {
    atMostOne(c, 'bot_token', 'bot_token_file', ctx);
    const chat = fNum(c, 'chat_id') ?? 0;
    if (chat === 0 && !set(c, 'chat_id_file')) report(ctx, structHead(c), 'missing chat_id or chat_id_file on telegram_config');
    if (chat !== 0 && set(c, 'chat_id_file')) report(ctx, c.pairs.chat_id_file?.key ?? structHead(c), 'at most one of chat_id & chat_id_file must be configured');
    const mode = fSet(c, 'parse_mode') ? fStr(c, 'parse_mode') : 'HTML';
    if (mode !== '' && !['Markdown', 'MarkdownV2', 'HTML'].includes(mode))
      report(ctx, valueAt(c, 'parse_mode'), 'unknown parse_mode on telegram_config, must be Markdown, MarkdownV2, HTML or empty string');
    if (!set(c, 'bot_token') && !set(c, 'bot_token_file') && !set(g, 'telegram_bot_token') && !set(g, 'telegram_bot_token_file'))
      report(ctx, structHead(c), 'missing bot_token or bot_token_file on telegram_config');
  },

  webex_configs(c, _g, ctx) {
    if (!set(c, 'room_id')) report(ctx, structHead(c), 'missing room_id on webex_config');
    if (!hasAuthorization(fObj(c, 'http_config'))) report(ctx, structHead(c), 'missing webex_configs.http_config.authorization');
  },

  jira_configs(c, g, ctx) {
    if (!set(c, 'project')) report(ctx, structHead(c), 'missing project in jira_config');
    if (!set(c, 'issue_type')) report(ctx, structHead(c), 'missing issue_type in jira_config');
    const apiType = fSet(c, 'api_type') ? fStr(c, 'api_type') : 'auto';
    if (!['auto', 'cloud', 'datacenter'].includes(apiType)) report(ctx, valueAt(c, 'api_type'), 'unknown api_type on jira_config, must be auto, cloud or datacenter');
    if (!fSet(c, 'api_url') && !fSet(g, 'jira_api_url')) report(ctx, structHead(c), 'no global Jira Cloud URL set');
  },

  rocketchat_configs(c, g, ctx) {
    atMostOne(c, 'token', 'token_file', ctx);
    atMostOne(c, 'token_id', 'token_id_file', ctx);
    if (!fSet(c, 'token_id') && !set(c, 'token_id_file') && !fSet(g, 'rocketchat_token_id') && !set(g, 'rocketchat_token_id_file'))
      report(ctx, structHead(c), 'no global Rocketchat TokenID set either inline or in a file');
    if (!fSet(c, 'token') && !set(c, 'token_file') && !fSet(g, 'rocketchat_token') && !set(g, 'rocketchat_token_file'))
      report(ctx, structHead(c), 'no global Rocketchat Token set either inline or in a file');
  },

  mattermost_configs(c, g, ctx) {
    atMostOne(c, 'webhook_url', 'webhook_url_file', ctx);
    const fields = [...(fList(c, 'fields')?.items ?? [])];
    for (const at of fList(c, 'attachments')?.items ?? []) fields.push(...(fList(asObj(at.value), 'fields')?.items ?? []));
    for (const it of fields) {
      const f = asObj(it.value);
      if (!f) continue;
      if (!set(f, 'title')) report(ctx, structHead(f), 'missing title in Mattermost field configuration');
      if (!set(f, 'value')) report(ctx, structHead(f), 'missing value in Mattermost field configuration');
    }
    if (!fSet(c, 'webhook_url') && !set(c, 'webhook_url_file') && !fSet(g, 'mattermost_webhook_url') && !set(g, 'mattermost_webhook_url_file'))
      report(ctx, structHead(c), 'missing webhook_url or webhook_url_file on mattermost_config');
  },
};

/** the message Alertmanager gives for a `- ~` (nil) entry; some integrations accept it */
const NIL_MESSAGES: Record<string, string | null> = {
  webhook_configs: 'missing webhook config',
  email_configs: 'missing email config',
  pushover_configs: 'missing pushover config',
  pagerduty_configs: 'missing pagerduty config',
  incidentio_configs: 'missing incidentio config',
  victorops_configs: 'missing victorops config',
  sns_configs: 'missing sns config',
  telegram_configs: 'missing telegram config',
  discord_configs: 'missing discord config',
  webex_configs: 'missing webex config',
  msteams_configs: 'missing msteams config',
  msteamsv2_configs: 'missing msteamsv2 config',
  jira_configs: 'missing jira config',
  mattermost_configs: 'missing mattermost config',
};

/**
 * Checks one integration entry. `entry` is undefined for a null entry (`- ~`); `at` is where it is.
 * For the integrations that Alertmanager fills with an empty config instead (slack, opsgenie,
 * wechat, rocketchat) the global requirements are checked on an empty block.
 */
export function checkIntegration(kind: string, entry: DObj | undefined, at: DObj['node'], global: DObj | undefined, ctx: DecodeContext): void {
  if (!entry) {
    const msg = NIL_MESSAGES[kind];
    if (msg) {
      report(ctx, at, msg);
      return;
    }
    const empty: DObj = { kind: 'obj', node: at, pairs: {}, f: {} };
    checkGlobalOnly(kind, empty, global, ctx);
    return;
  }
  const http = fObj(entry, 'http_config');
  if (http) validateHttpConfig(http, ctx);
  checks[kind]?.(entry, global, ctx);
}

function checkGlobalOnly(kind: string, c: DObj, g: DObj | undefined, ctx: DecodeContext): void {
  // nil slack/opsgenie/wechat/rocketchat entries get an empty config and only the global checks
  const sub: DecodeContext = { diagnostics: [] };
  checks[kind]?.(c, g, sub);
  for (const d of sub.diagnostics) if (/global|no Slack API URL/.test(d.message)) ctx.diagnostics.push(d);
}

function asObj(v: unknown): DObj | undefined {
  return v && typeof v === 'object' && (v as DObj).kind === 'obj' ? (v as DObj) : undefined;
}

/** net/textproto.CanonicalMIMEHeaderKey for ASCII header names */
function canonicalMIMEHeaderKey(s: string): string {
  if (!/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(s)) return s;
  return s
    .split('-')
    .map((w) => (w === '' ? w : w[0].toUpperCase() + w.slice(1).toLowerCase()))
    .join('-');
}

/** checks of the global block itself (`Config.UnmarshalYAML`) */
export function checkGlobal(g: DObj, ctx: DecodeContext): void {
  const pairs: [string, string][] = [
    ['slack_app_token', 'slack_app_token_file'],
    ['slack_api_url', 'slack_api_url_file'],
  ];
  for (const [a, b] of pairs) atMostOne(g, a, b, ctx);
  if ((set(g, 'slack_app_token') || set(g, 'slack_app_token_file')) && (fSet(g, 'slack_api_url') || set(g, 'slack_api_url_file'))) {
    const appURL = fSet(g, 'slack_app_url') ? fStr(g, 'slack_app_url') : DEFAULT_SLACK_APP_URL;
    if (fStr(g, 'slack_api_url') !== appURL) report(ctx, structHead(g), 'at most one of slack_app_token/slack_app_token_file & slack_api_url/slack_api_url_file must be configured');
  }
  for (const [a, b] of [
    ['opsgenie_api_key', 'opsgenie_api_key_file'],
    ['victorops_api_key', 'victorops_api_key_file'],
    ['telegram_bot_token', 'telegram_bot_token_file'],
    ['smtp_auth_password', 'smtp_auth_password_file'],
    ['rocketchat_token', 'rocketchat_token_file'],
    ['rocketchat_token_id', 'rocketchat_token_id_file'],
    ['smtp_auth_secret', 'smtp_auth_secret_file'],
    ['wechat_api_secret', 'wechat_api_secret_file'],
    ['mattermost_webhook_url', 'mattermost_webhook_url_file'],
  ])
    atMostOne(g, a, b, ctx);
  const http = fObj(g, 'http_config');
  if (http) validateHttpConfig(http, ctx);
  const tls = fObj(g, 'smtp_tls_config');
  if (tls) validateTlsConfig(tls, ctx);
}
