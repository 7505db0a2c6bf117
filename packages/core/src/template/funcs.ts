/**
 * Function maps and built-in template names that the Go template parser checks against.
 *
 * Go's text/template rejects, at parse time, a call to a function that is in neither its
 * builtins nor the FuncMap the program installed. These sets are those maps, taken from the
 * sources (Prometheus `template/template.go` NewTemplateExpander, Alertmanager
 * `template/template.go` DefaultFuncs, Go `text/template/funcs.go` builtins) at the commits
 * recorded in `/work/shared/corpus/MANIFEST.md` (Prometheus d15adb9a, Alertmanager 68fb2d57).
 */

/** Go text/template builtins (`text/template/funcs.go` builtins()). Always available. */
export const GO_TEMPLATE_BUILTINS: ReadonlySet<string> = new Set([
  'and',
  'call',
  'html',
  'index',
  'slice',
  'js',
  'len',
  'not',
  'or',
  'print',
  'printf',
  'println',
  'urlquery',
  'eq',
  'ge',
  'gt',
  'le',
  'lt',
  'ne',
]);

/**
 * Prometheus's template FuncMap (NewTemplateExpander), used for alert labels/annotations and
 * consoles. Does not include the Go builtins: see {@link PROMETHEUS_TEMPLATE_FUNCS_WITH_BUILTINS}.
 */
export const PROMETHEUS_TEMPLATE_FUNCS: ReadonlySet<string> = new Set([
  'query',
  'first',
  'label',
  'value',
  'strvalue',
  'args',
  'reReplaceAll',
  'safeHtml',
  'match',
  'title',
  'toUpper',
  'toLower',
  'graphLink',
  'tableLink',
  'sortByLabel',
  'stripPort',
  'stripDomain',
  'humanize',
  'humanize1024',
  'humanizeDuration',
  'humanizePercentage',
  'humanizeTimestamp',
  'toTime',
  'toDuration',
  'now',
  'pathPrefix',
  'externalURL',
  'parseDuration',
  'urlQueryEscape',
]);

/**
 * Alertmanager's template FuncMap (`DefaultFuncs`), used for notification templates and the
 * template fields of receivers. Does not include the Go builtins.
 */
export const ALERTMANAGER_TEMPLATE_FUNCS: ReadonlySet<string> = new Set([
  'toUpper',
  'toLower',
  'title',
  'trimSpace',
  'join',
  'match',
  'safeHtml',
  'safeUrl',
  'urlUnescape',
  'reReplaceAll',
  'stringSlice',
  'routeLabels',
  'date',
  'tz',
  'now',
  'since',
  'humanizeDuration',
  'toDate',
  'mustToDate',
  'toJson',
  'base64encode',
  'base64decode',
  'list',
  'append',
  'dict',
]);

function union(a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> {
  return new Set([...a, ...b]);
}

/** Everything a Prometheus rule template may call: Prometheus's FuncMap plus Go builtins. */
export const PROMETHEUS_TEMPLATE_FUNCS_WITH_BUILTINS: ReadonlySet<string> = union(
  PROMETHEUS_TEMPLATE_FUNCS,
  GO_TEMPLATE_BUILTINS,
);

/** Everything an Alertmanager template may call: DefaultFuncs plus Go builtins. */
export const ALERTMANAGER_TEMPLATE_FUNCS_WITH_BUILTINS: ReadonlySet<string> = union(
  ALERTMANAGER_TEMPLATE_FUNCS,
  GO_TEMPLATE_BUILTINS,
);

/**
 * Template names that Alertmanager always defines: `{{ define }}`s of its embedded
 * `template/default.tmpl` and `template/email.tmpl`, parsed before the user's template files.
 */
export const ALERTMANAGER_DEFAULT_TEMPLATES: ReadonlySet<string> = new Set([
  '__alertmanager',
  '__alertmanagerURL',
  '__subject',
  '__description',
  '__text_alert_list',
  '__text_alert_list_markdown',
  'slack.default.title',
  'slack.default.username',
  'slack.default.fallback',
  'slack.default.callbackid',
  'slack.default.pretext',
  'slack.default.titlelink',
  'slack.default.iconemoji',
  'slack.default.iconurl',
  'slack.default.text',
  'slack.default.footer',
  'slack.default.color',
  'pagerduty.default.description',
  'pagerduty.default.client',
  'pagerduty.default.clientURL',
  'pagerduty.default.instances',
  'opsgenie.default.message',
  'opsgenie.default.description',
  'opsgenie.default.source',
  'wechat.default.message',
  'wechat.default.to_user',
  'wechat.default.to_party',
  'wechat.default.to_tag',
  'wechat.default.agent_id',
  'victorops.default.state_message',
  'victorops.default.entity_display_name',
  'victorops.default.monitoring_tool',
  'pushover.default.title',
  'pushover.default.message',
  'pushover.default.url',
  'sns.default.subject',
  'sns.default.message',
  'telegram.default.message',
  'discord.default.content',
  'discord.default.title',
  'discord.default.message',
  'webex.default.message',
  'msteams.default.summary',
  'msteams.default.title',
  'msteams.default.text',
  'msteamsv2.default.title',
  'msteamsv2.default.text',
  'jira.default.summary',
  'jira.default.description',
  'jira.default.priority',
  'rocketchat.default.title',
  'rocketchat.default.alias',
  'rocketchat.default.titlelink',
  'rocketchat.default.emoji',
  'rocketchat.default.iconurl',
  'rocketchat.default.text',
  'mattermost.default.color',
  'mattermost.default.username',
  'mattermost.default.title',
  'mattermost.default.titlelink',
  'mattermost.default.fallback',
  'mattermost.default.text',
  'email.default.subject',
  'email.default.html',
]);
