/**
 * Alertmanager's load-time rules, one small configuration each: the message (Alertmanager's
 * wording, from config/*.go and notify/*) and the text it points at.
 */
import { describe, expect, it } from 'vitest';
import { analyzeAlertmanagerConfig } from '../../src/alertmanager/index';

const BASE_ROUTE = 'route:\n  receiver: a\nreceivers:\n  - name: a\n';

function diags(text: string): string[] {
  return analyzeAlertmanagerConfig({ path: 'am.yml', text }).diagnostics.map(
    (d) => `${d.severity} ${d.code}: ${d.message} @ ${JSON.stringify(text.slice(d.range.start, d.range.end))}`,
  );
}

const cases: [string, string, string[]][] = [
  ['a minimal configuration', BASE_ROUTE, []],
  ['an empty file', '', ['error alertmanager/schema: no route provided in config @ ""']],
  ['no route', 'receivers:\n  - name: a\n', ['error alertmanager/schema: no routes provided @ "receivers"']],
  ['an unknown top-level field', `${BASE_ROUTE}foo: 1\n`, ['error alertmanager/schema: field foo not found in type config.plain @ "foo"']],
  // yaml.v2 decodes a null key into the empty string (amtool 0.25: `field  not found`)
  ['a null key', 'route:\n  receiver: a\n  null: x\nreceivers:\n  - name: a\n', ['error alertmanager/schema: field  not found in type config.plain @ "null"']],
  ['a collection key', `${BASE_ROUTE}{a: b}: 1\n`, ['error alertmanager/schema: cannot unmarshal !!map into string @ "{a: b}"']],
  [
    'a value of the wrong type',
    'route:\n  receiver: a\n  routes:\n    - receiver: a\n      continue: maybe\nreceivers:\n  - name: a\n',
    ['error alertmanager/schema: cannot unmarshal !!str `maybe` into bool @ "maybe"'],
  ],
  ['a bad duration', 'route:\n  receiver: a\n  group_wait: 30x\nreceivers:\n  - name: a\n', ['error alertmanager/schema: unknown unit "x" in duration "30x" @ "30x"']],
  [
    'wildcard group_by with other labels',
    "route:\n  receiver: a\n  group_by: ['...', alertname]\nreceivers:\n  - name: a\n",
    ["error alertmanager/schema: cannot have wildcard group_by (`...`) and other labels at the same time @ \"['...', alertname]\""],
  ],
  ['a duplicated group_by label', 'route:\n  receiver: a\n  group_by: [job, job]\nreceivers:\n  - name: a\n', ['error alertmanager/schema: duplicated label "job" in group_by @ "job"']],
  ['a zero group_interval', 'route:\n  receiver: a\n  group_interval: 0s\nreceivers:\n  - name: a\n', ['error alertmanager/schema: group_interval cannot be zero @ "0s"']],
  ['matchers on the root route', "route:\n  receiver: a\n  matchers: ['x=\"y\"']\nreceivers:\n  - name: a\n", ['error alertmanager/schema: root route must not have any matchers @ "matchers"']],
  ['continue on the root route', 'route:\n  receiver: a\n  continue: true\nreceivers:\n  - name: a\n', ['error alertmanager/schema: cannot have continue in root route @ "continue"']],
  ['a root route without receiver', 'route:\n  group_by: [job]\nreceivers:\n  - name: a\n', [
    'error alertmanager/schema: root route must specify a default receiver @ "group_by"',
    'warning alertmanager/unused-receiver: receiver "a" is not used by any route @ "a"',
  ]],
  ['an undefined receiver', 'route:\n  receiver: b\nreceivers:\n  - name: a\n', [
    'error alertmanager/schema: undefined receiver "b" used in route @ "b"',
    'warning alertmanager/unused-receiver: receiver "a" is not used by any route @ "a"',
  ]],
  ['a duplicate receiver', `${BASE_ROUTE}  - name: a\n`, ['error alertmanager/schema: notification config name "a" is not unique @ "a"']],
  ['a receiver without name', `${BASE_ROUTE}  - email_configs: []\n`, ['error alertmanager/schema: missing name in receiver @ "email_configs"']],
  [
    'an undefined time interval',
    "route:\n  receiver: a\n  routes:\n    - receiver: a\n      mute_time_intervals: [weekend]\nreceivers:\n  - name: a\n",
    ['error alertmanager/schema: undefined time interval "weekend" used in route @ "weekend"'],
  ],
  [
    'bad time intervals',
    `${BASE_ROUTE}time_intervals:\n  - name: t\n    time_intervals:\n      - weekdays: [funday]\n        times: [{start_time: '18:00', end_time: '09:00'}]\n        location: Mars/Olympus\n  - name: t\n`,
    [
      'error alertmanager/schema: funday is not a valid weekday @ "funday"',
      'error alertmanager/schema: start time cannot be equal or greater than end time @ "{start_time: \'18:00\', end_time: \'09:00\'}"',
      'error alertmanager/schema: unknown time zone Mars/Olympus @ "Mars/Olympus"',
      'error alertmanager/schema: time interval "t" is not unique @ "t"',
    ],
  ],
  [
    'an email receiver without smarthost and to',
    'route:\n  receiver: a\nreceivers:\n  - name: a\n    email_configs:\n      - from: x@example.org\n',
    ['error alertmanager/schema: missing to address in email config @ "from"', 'error alertmanager/schema: no global SMTP smarthost set @ "from"'],
  ],
  [
    'a smarthost without port',
    "global:\n  smtp_smarthost: 'smtp.example.org'\n" + BASE_ROUTE,
    ['error alertmanager/schema: address smtp.example.org: missing port in address @ "\'smtp.example.org\'"'],
  ],
  [
    'a webhook URL with an unsupported scheme',
    "route:\n  receiver: a\nreceivers:\n  - name: a\n    webhook_configs:\n      - url: 'ftp://example.org/x'\n",
    ['error alertmanager/schema: invalid URL: unsupported scheme "ftp" for URL @ "\'ftp://example.org/x\'"'],
  ],
  [
    'a templated webhook URL with broken syntax',
    "route:\n  receiver: a\nreceivers:\n  - name: a\n    webhook_configs:\n      - url: 'https://example.org/{{ .GroupLabels.team'\n",
    ['error alertmanager/schema: invalid template syntax: template: :1: unclosed action @ "\'https://example.org/{{ .GroupLabels.team\'"'],
  ],
  [
    'conflicting HTTP authentication',
    "route:\n  receiver: a\nreceivers:\n  - name: a\n    webhook_configs:\n      - url: 'https://example.org/'\n        http_config:\n          bearer_token: x\n          basic_auth: {username: u, password: p}\n",
    ['error alertmanager/schema: at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured @ "bearer_token"'],
  ],
  [
    'an SNS receiver\'s sigv4 with an access key and no secret key (amtool 0.25 says the same)',
    "route:\n  receiver: a\nreceivers:\n  - name: a\n    sns_configs:\n      - topic_arn: arn:aws:sns:us-east-2:123456789012:t\n        sigv4:\n          region: us-east-2\n          access_key: k\n",
    ['error alertmanager/schema: must provide a AWS SigV4 Access key and Secret Key if credentials are specified in the SigV4 config @ "region"'],
  ],
  [
    'a telegram parse_mode Alertmanager does not know',
    "route:\n  receiver: a\nreceivers:\n  - name: a\n    telegram_configs:\n      - bot_token: t\n        chat_id: 42\n        parse_mode: Textile\n",
    ['error alertmanager/schema: unknown parse_mode on telegram_config, must be Markdown, MarkdownV2, HTML or empty string @ "Textile"'],
  ],
  [
    'a WeChat receiver without global secret and corp id',
    "route:\n  receiver: a\nreceivers:\n  - name: a\n    wechat_configs:\n      - to_user: '@all'\n",
    ['error alertmanager/schema: no global Wechat Api Secret set either inline or in a file @ "to_user"', 'error alertmanager/schema: no global Wechat CorpID set @ "to_user"'],
  ],
  [
    'a WeChat message type Alertmanager does not know',
    "global:\n  wechat_api_secret: s\n  wechat_api_corp_id: c\nroute:\n  receiver: a\nreceivers:\n  - name: a\n    wechat_configs:\n      - message_type: news\n",
    ['error alertmanager/schema: weChat message type "news" does not match valid options ^(text|markdown)$ @ "news"'],
  ],
  [
    'an invalid match_re regexp',
    "route:\n  receiver: a\n  routes:\n    - receiver: a\n      match_re:\n        job: 'api(['\nreceivers:\n  - name: a\n",
    [
      'warning alertmanager/deprecated-match: match_re is deprecated; use matchers instead @ "match_re"',
      'error alertmanager/schema: error parsing regexp: missing closing ]: `[)$` @ "\'api([\'"',
    ],
  ],
  [
    'a matcher only the classic parser accepts',
    "route:\n  receiver: a\n  routes:\n    - receiver: a\n      matchers: ['team=db ops']\nreceivers:\n  - name: a\n",
    [
      'warning alertmanager/matcher-compat: this matcher is accepted only by Alertmanager\'s classic matchers parser (8:11: unexpected ops: expected a comma or close brace); write it as team="db ops" @ "\'team=db ops\'"',
    ],
  ],
  [
    'a Feishu and a WeCom robot as webhooks',
    "route:\n  receiver: a\nreceivers:\n  - name: a\n    webhook_configs:\n      - url: https://open.feishu.cn/open-apis/bot/v2/hook/x\n      - url: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x\n",
    [
      "warning alertmanager/webhook-chat-service: this webhook URL points at a Feishu/Lark bot, which does not accept Alertmanager's webhook payload: it expects its own message format; put a bridge in between @ \"https://open.feishu.cn/open-apis/bot/v2/hook/x\"",
      "warning alertmanager/webhook-chat-service: this webhook URL points at a WeCom (WeChat Work) group robot, which does not accept Alertmanager's webhook payload: it expects its own message format; use a bridge, or wechat_configs for a WeCom application @ \"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x\"",
    ],
  ],
  [
    'a route after a catch-all sibling',
    "route:\n  receiver: a\n  routes:\n    - receiver: a\n    - receiver: b\n      matchers: [team=db]\nreceivers:\n  - name: a\n  - name: b\n",
    ['warning alertmanager/shadowed-route: this route can never be reached: an earlier sibling route matches every alert and has no `continue: true` @ "receiver"'],
  ],
  [
    'a route after a catch-all sibling with continue',
    "route:\n  receiver: a\n  routes:\n    - receiver: a\n      continue: true\n    - receiver: b\n      matchers: [team=db]\nreceivers:\n  - name: a\n  - name: b\n",
    [],
  ],
  [
    'an invalid equal label',
    `${BASE_ROUTE}inhibit_rules:\n  - source_matchers: [severity=critical]\n    target_matchers: [severity=warning]\n    equal: ['']\n`,
    ['error alertmanager/schema: invalid label name "" in equal list @ "\'\'"'],
  ],
  [
    'a template call to an unknown template without template files',
    "route:\n  receiver: a\nreceivers:\n  - name: a\n    slack_configs:\n      - api_url: https://hooks.slack.com/services/x\n        text: '{{ template \"slack.custom.text\" . }}'\n",
    [
      'warning alertmanager/undefined-template: template "slack.custom.text" is not defined in any template file nor built into Alertmanager; notifications using it will fail @ "slack.custom.text"',
    ],
  ],
  [
    'a jira summary given as a plain string',
    "route:\n  receiver: a\nreceivers:\n  - name: a\n    jira_configs:\n      - api_url: https://example.atlassian.net\n        project: OPS\n        issue_type: Bug\n        summary: '{{ .CommonLabels.alertname }}'\n",
    [],
  ],
];

describe('alertmanager.yml rules', () => {
  it.each(cases)('%s', (_title, text, expected) => {
    expect(diags(text)).toEqual(expected);
  });
});

describe('inhibit rules', () => {
  it('warns about an equal label that source and target pin to different values', () => {
    const text = `${BASE_ROUTE}inhibit_rules:\n  - source_matchers: [severity=critical]\n    target_matchers: [severity=warning]\n    equal: [severity, alertname]\n`;
    expect(diags(text)).toEqual([
      'warning alertmanager/inhibit-equal: this inhibit rule never applies: its source alerts have severity="critical" and its target alerts severity="warning", but "equal" requires the same value @ "severity"',
    ]);
  });
});
