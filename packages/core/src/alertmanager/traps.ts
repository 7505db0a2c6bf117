/**
 * Known traps in alertmanager.yml that Alertmanager itself accepts (all warnings):
 * - a webhook URL pointing at a chat service that cannot read Alertmanager's webhook payload
 *   (DingTalk, Feishu/Lark, WeCom robots need a bridge; Slack, Discord, Teams, Telegram have
 *   their own integration);
 * - receivers no route uses;
 * - routes that can never be reached because an earlier sibling without `continue: true` matches
 *   every alert the later one would.
 */
import type { Diagnostic, Range } from '../diagnostics/types';
import type { AmMatcher } from './matchers';
import type { AlertmanagerModel, AlertmanagerRoute } from './model';
import { describeMatchers } from './route-match';
import { walkRoutes } from './routes';

interface ChatService {
  test: RegExp;
  name: string;
  advice: string;
}

const CHAT_SERVICES: ChatService[] = [
  { test: /^https?:\/\/oapi\.dingtalk\.com\/robot\/send/i, name: 'a DingTalk robot', advice: 'it expects its own message format; put a bridge such as prometheus-webhook-dingtalk in between' },
  { test: /^https?:\/\/open\.(feishu\.cn|larksuite\.com)\/open-apis\/bot\//i, name: 'a Feishu/Lark bot', advice: 'it expects its own message format; put a bridge in between' },
  { test: /^https?:\/\/qyapi\.weixin\.qq\.com\/cgi-bin\/webhook\/send/i, name: 'a WeCom (WeChat Work) group robot', advice: 'it expects its own message format; use a bridge, or wechat_configs for a WeCom application' },
  { test: /^https?:\/\/hooks\.slack\.com\//i, name: 'a Slack incoming webhook', advice: 'use slack_configs with api_url' },
  { test: /^https?:\/\/(discord(app)?\.com)\/api\/webhooks\//i, name: 'a Discord webhook', advice: 'use discord_configs' },
  { test: /^https?:\/\/[^/]*(webhook\.office\.com|outlook\.office\.com\/webhook)/i, name: 'a Microsoft Teams webhook', advice: 'use msteams_configs or msteamsv2_configs' },
  { test: /^https?:\/\/api\.telegram\.org\//i, name: 'the Telegram bot API', advice: 'use telegram_configs' },
  { test: /^https?:\/\/chat\.googleapis\.com\//i, name: 'a Google Chat webhook', advice: 'it expects its own message format; put a bridge in between' },
];

export const WEBHOOK_TARGET_CODE = 'alertmanager/webhook-chat-service';
export const UNUSED_RECEIVER_CODE = 'alertmanager/unused-receiver';
export const SHADOWED_ROUTE_CODE = 'alertmanager/shadowed-route';

export function webhookTargetWarning(url: string, range: Range): Diagnostic | undefined {
  const s = CHAT_SERVICES.find((c) => c.test.test(url.trim()));
  if (!s) return undefined;
  return {
    code: WEBHOOK_TARGET_CODE,
    severity: 'warning',
    range,
    message: `this webhook URL points at ${s.name}, which does not accept Alertmanager's webhook payload: ${s.advice}`,
  };
}

export function unusedReceivers(model: AlertmanagerModel): Diagnostic[] {
  if (!model.route) return [];
  const used = new Set<string>();
  for (const r of walkRoutes(model.route)) if (r.ownReceiver) used.add(r.receiver);
  return model.receivers
    .filter((r) => !used.has(r.name))
    .map((r) => ({ code: UNUSED_RECEIVER_CODE, severity: 'warning' as const, range: r.nameRange, message: `receiver ${JSON.stringify(r.name)} is not used by any route` }));
}

const matcherKey = (m: AmMatcher): string => `${m.name}\u0000${m.type}\u0000${m.value}`;

/**
 * Every alert matching `later` also matches `earlier` when earlier's matchers are a subset of
 * later's. Linear in the number of siblings: earlier siblings are indexed by their first matcher.
 */
export function shadowedRoutes(model: AlertmanagerModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!model.route) return out;
  for (const parent of walkRoutes(model.route)) {
    const catchAll: AlertmanagerRoute[] = [];
    const byFirstKey = new Map<string, { route: AlertmanagerRoute; keys: string[] }[]>();
    for (const later of parent.routes) {
      const keys = later.matchers.map(matcherKey);
      if (!later.broken) {
        const own = new Set(keys);
        let earlier: AlertmanagerRoute | undefined = catchAll[0];
        if (!earlier) {
          for (const k of own) {
            const hit = byFirstKey.get(k)?.find((c) => c.keys.every((x) => own.has(x)));
            if (hit) {
              earlier = hit.route;
              break;
            }
          }
        }
        if (earlier) out.push(shadowed(later, earlier));
      }
      if (later.continue || later.broken) continue;
      if (keys.length === 0) catchAll.push(later);
      else {
        const list = byFirstKey.get(keys[0]) ?? [];
        list.push({ route: later, keys });
        byFirstKey.set(keys[0], list);
      }
    }
  }
  return out;
}

function shadowed(later: AlertmanagerRoute, earlier: AlertmanagerRoute): Diagnostic {
  return {
    code: SHADOWED_ROUTE_CODE,
    severity: 'warning',
    range: later.head,
    message:
      earlier.matchers.length === 0
        ? 'this route can never be reached: an earlier sibling route matches every alert and has no `continue: true`'
        : `this route can never be reached: the earlier sibling route ${describeMatchers(earlier)} matches every alert it would and has no \`continue: true\``,
    notes: [{ message: 'the earlier sibling route', range: earlier.head }],
  };
}

export type { AlertmanagerRoute };
