/**
 * The routing tree of alertmanager.yml: builds the typed route model (matchers from `matchers`,
 * and the deprecated `match`/`match_re`; receiver, grouping and timings inherited from the parent
 * like Alertmanager's dispatch.NewRoute) and reports the route rules of `Route.UnmarshalYAML`
 * and `Config.UnmarshalYAML` with Alertmanager's wording.
 */
import type { Range } from '../diagnostics/types';
import { fBool, fList, fMap, fNum, fStr, report, structHead, type DecodeContext, type DObj } from './decode';
import { compileAnchored } from './go-regexp';
import { parseMatchers, type AmMatcher, type MatcherParserMode } from './matchers';
import type { AlertmanagerRoute } from './model';

export const CLASSIC_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** `compat.IsValidLabelName` in the default (fallback) mode: any non-empty UTF-8 string */
export function isValidLabelName(name: string, mode: MatcherParserMode): boolean {
  return mode === 'classic' ? CLASSIC_LABEL_NAME.test(name) : name.length > 0;
}

/** offsets of a matcher string's characters in the file (plain and quoted scalars alike) */
type ToFile = (offset: number) => number;

/** matchers of a `matchers:` list; errors with Alertmanager's parser messages, compat warnings */
export function parseMatcherList(o: DObj, field: string, mode: MatcherParserMode, ctx: DecodeContext, failed?: { value: boolean }): AmMatcher[] {
  const out: AmMatcher[] = [];
  for (const it of fList(o, field)?.items ?? []) {
    if (typeof it.value !== 'string' || it.node.kind !== 'scalar') continue;
    const scalar = it.node;
    const toFile: ToFile = (i) => scalar.toFile(i);
    const mapRange = (r: Range): Range => (r.start === r.end && r.start >= it.value!.toString().length ? scalar.range : { start: toFile(r.start), end: toFile(r.end) });
    const parsed = parseMatchers(it.value, mode);
    if (parsed.error) {
      const r = mapRange(parsed.error.range);
      report(ctx, r.start === r.end ? scalar.range : r, parsed.error.message);
      if (failed) failed.value = true;
      continue;
    }
    if (parsed.fallback) {
      report(
        ctx,
        scalar.range,
        parsed.fallback.kind === 'incompatible'
          ? `this matcher is accepted only by Alertmanager's classic matchers parser (${parsed.fallback.utf8Error}); write it as ${parsed.fallback.suggestion}`
          : `the UTF-8 and classic matchers parsers read this input differently; Alertmanager uses the classic reading ${parsed.fallback.suggestion}`,
        'warning',
        'alertmanager/matcher-compat',
      );
    }
    for (const m of parsed.matchers) out.push({ ...m, range: mapRange(m.range) });
  }
  return out;
}

/** `match:` / `match_re:` (deprecated) as matchers, with their label-name and regexp checks */
export function legacyMatchers(o: DObj, eqField: string, reField: string, ctx: DecodeContext, failed?: { value: boolean }): AmMatcher[] {
  const out: AmMatcher[] = [];
  for (const [field, type] of [
    [eqField, '='],
    [reField, '=~'],
  ] as const) {
    const m = fMap(o, field);
    if (!m) continue;
    report(ctx, o.pairs[field].key, `${field} is deprecated; use ${field.replace(/match(_re)?$/, 'matchers')} instead`, 'warning', 'alertmanager/deprecated-match');
    for (const e of m.entries) {
      if (!CLASSIC_LABEL_NAME.test(e.key)) report(ctx, e.keyNode, `invalid label name ${JSON.stringify(e.key)}`);
      if (type === '=~') {
        if (e.value === undefined) {
          report(ctx, e.node, `invalid regexp value for ${JSON.stringify(e.key)}`);
          if (failed) failed.value = true;
          continue;
        }
        const re = compileAnchored(String(e.value));
        if (!re.ok) {
          report(ctx, e.node, re.error);
          if (failed) failed.value = true;
          continue;
        }
      }
      out.push({ name: e.key, type, value: e.value === undefined ? '' : String(e.value), range: { start: e.keyNode.range.start, end: e.node.range.end } });
    }
  }
  return out;
}

export interface RouteDefaults {
  receiver: string;
  groupBy: string[];
  groupByAll: boolean;
  groupWait: number;
  groupInterval: number;
  repeatInterval: number;
}

/** dispatch.DefaultRouteOpts */
export const ROOT_DEFAULTS: RouteDefaults = { receiver: '', groupBy: [], groupByAll: false, groupWait: 30_000, groupInterval: 300_000, repeatInterval: 14_400_000 };

export function buildRoute(o: DObj, parent: RouteDefaults, path: number[], mode: MatcherParserMode, ctx: DecodeContext): AlertmanagerRoute {
  // label names in route labels
  for (const e of fMap(o, 'labels')?.entries ?? []) {
    if (!isValidLabelName(e.key, mode)) report(ctx, e.keyNode, `invalid label name ${JSON.stringify(e.key)} in route labels`);
  }
  // group_by
  let groupByAll = parent.groupByAll;
  let groupBy = parent.groupBy;
  const gb = fList(o, 'group_by');
  if (gb) {
    const names: string[] = [];
    let all = false;
    const seen = new Set<string>();
    for (const it of gb.items) {
      const l = typeof it.value === 'string' ? it.value : '';
      if (l === '...') {
        all = true;
        continue;
      }
      if (!isValidLabelName(l, mode)) {
        report(ctx, it.node, `invalid label name ${JSON.stringify(l)} in group_by list`);
        continue;
      }
      if (seen.has(l)) report(ctx, it.node, `duplicated label ${JSON.stringify(l)} in group_by`);
      seen.add(l);
      names.push(l);
    }
    if (all && names.length > 0) report(ctx, o.pairs.group_by.value, 'cannot have wildcard group_by (`...`) and other labels at the same time');
    groupByAll = all;
    groupBy = names;
  }
  for (const f of ['group_interval', 'repeat_interval']) {
    if (fNum(o, f) === 0) report(ctx, o.pairs[f].value, `${f} cannot be zero`);
  }
  const failed = { value: false };
  const matchers = [...legacyMatchers(o, 'match', 'match_re', ctx, failed), ...parseMatcherList(o, 'matchers', mode, ctx, failed)];
  const receiverPair = o.pairs.receiver;
  const own: RouteDefaults = {
    receiver: fStr(o, 'receiver') || parent.receiver,
    groupBy,
    groupByAll,
    groupWait: fNum(o, 'group_wait') ?? parent.groupWait,
    groupInterval: fNum(o, 'group_interval') ?? parent.groupInterval,
    repeatInterval: fNum(o, 'repeat_interval') ?? parent.repeatInterval,
  };
  const route: AlertmanagerRoute = {
    path,
    range: o.node.range,
    head: structHead(o),
    receiver: own.receiver,
    receiverRange: receiverPair ? receiverPair.value.range : undefined,
    ownReceiver: fStr(o, 'receiver') !== '',
    matchers,
    ...(failed.value ? { broken: true as const } : {}),
    continue: fBool(o, 'continue'),
    continueRange: o.pairs.continue?.key.range,
    groupBy: own.groupBy,
    groupByAll: own.groupByAll,
    groupWait: own.groupWait,
    groupInterval: own.groupInterval,
    repeatInterval: own.repeatInterval,
    muteTimeIntervals: stringItems(o, 'mute_time_intervals'),
    activeTimeIntervals: stringItems(o, 'active_time_intervals'),
    routes: [],
  };
  (fList(o, 'routes')?.items ?? []).forEach((it, i) => {
    const child = it.value && typeof it.value === 'object' && it.value.kind === 'obj' ? it.value : undefined;
    if (child) route.routes.push(buildRoute(child, own, [...path, i], mode, ctx));
  });
  return route;
}

function stringItems(o: DObj, field: string): { name: string; range: Range }[] {
  return (fList(o, field)?.items ?? []).filter((it) => typeof it.value === 'string').map((it) => ({ name: it.value as string, range: it.node.range }));
}

/** the root route rules of `Config.UnmarshalYAML` and `Load` */
export function checkRootRoute(root: AlertmanagerRoute, o: DObj, ctx: DecodeContext): void {
  if (!root.ownReceiver) report(ctx, root.head, 'root route must specify a default receiver');
  if (root.matchers.length > 0 || root.broken || fMap(o, 'match') || fMap(o, 'match_re') || (fList(o, 'matchers')?.items.length ?? 0) > 0) {
    const key = o.pairs.matchers?.key ?? o.pairs.match?.key ?? o.pairs.match_re?.key ?? root.head;
    report(ctx, key, 'root route must not have any matchers');
  }
  if (root.muteTimeIntervals.length > 0) report(ctx, o.pairs.mute_time_intervals.key, 'root route must not have any mute time intervals');
  if (root.activeTimeIntervals.length > 0) report(ctx, o.pairs.active_time_intervals.key, 'root route must not have any active time intervals');
  if (root.continue) report(ctx, root.continueRange ?? root.head, 'cannot have continue in root route');
}

/** every route of the tree, depth first */
export function* walkRoutes(r: AlertmanagerRoute): Generator<AlertmanagerRoute> {
  yield r;
  for (const c of r.routes) yield* walkRoutes(c);
}
