/**
 * `inhibit_rules`: the model (source and target matchers, `equal` labels), Alertmanager's checks
 * on them (label names, matcher syntax, deprecated `source_match`/`target_match[_re]`), and the
 * workspace check that the `equal` labels are carried by the alerts the rule is about.
 */
import type { Diagnostic } from '../diagnostics/types';
import { fList, report, type DecodeContext, type DObj } from './decode';
import { matcherMatches, type MatcherParserMode } from './matchers';
import type { AlertmanagerInhibitRule, AlertmanagerModel } from './model';
import { isValidLabelName, legacyMatchers, parseMatcherList } from './routes';

export function buildInhibitRule(o: DObj, mode: MatcherParserMode, ctx: DecodeContext): AlertmanagerInhibitRule {
  const rule = buildRule(o, mode, ctx);
  ctx.diagnostics.push(...contradictoryEqual(rule));
  return rule;
}

function buildRule(o: DObj, mode: MatcherParserMode, ctx: DecodeContext): AlertmanagerInhibitRule {
  const equal: AlertmanagerInhibitRule['equal'] = [];
  for (const it of fList(o, 'equal')?.items ?? []) {
    const l = typeof it.value === 'string' ? it.value : '';
    if (!isValidLabelName(l, mode)) report(ctx, it.node, `invalid label name ${JSON.stringify(l)} in equal list`);
    else equal.push({ name: l, range: it.node.range });
  }
  return {
    range: o.node.range,
    sourceMatchers: [...legacyMatchers(o, 'source_match', 'source_match_re', ctx), ...parseMatcherList(o, 'source_matchers', mode, ctx)],
    targetMatchers: [...legacyMatchers(o, 'target_match', 'target_match_re', ctx), ...parseMatcherList(o, 'target_matchers', mode, ctx)],
    equal,
  };
}

/**
 * The local half: an `equal` label that the source matchers pin to one value and the target
 * matchers to another can never be equal, so the rule never inhibits anything.
 */
function contradictoryEqual(rule: AlertmanagerInhibitRule): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const e of rule.equal) {
    const s = rule.sourceMatchers.find((m) => m.name === e.name && m.type === '=');
    const t = rule.targetMatchers.find((m) => m.name === e.name && m.type === '=');
    if (!s || !t || s.value === t.value) continue;
    out.push({
      code: INHIBIT_EQUAL_CODE,
      severity: 'warning',
      range: e.range,
      message: `this inhibit rule never applies: its source alerts have ${e.name}=${JSON.stringify(s.value)} and its target alerts ${e.name}=${JSON.stringify(t.value)}, but "equal" requires the same value`,
    });
  }
  return out;
}

/** An alert the workspace's rule files can produce, as far as they tell. */
export interface WorkspaceAlert {
  /** labels whose value is known (alertname, static rule labels) */
  labels: Readonly<Record<string, string>>;
  /** every label the alert can carry (static labels plus what the expression outputs) */
  possibleLabels: ReadonlySet<string>;
  /** the expression's output labels are not known: the alert may carry any label */
  open?: boolean;
}

export const INHIBIT_EQUAL_CODE = 'alertmanager/inhibit-equal';

/**
 * For each inhibit rule: every `equal` label should be carried by some alert that its source
 * matchers select and by some alert that its target matchers select. An `equal` label that no
 * such alert carries makes the rule never inhibit anything (a missing label is not "equal").
 * Matchers on labels whose value the workspace does not know are treated as matching.
 */
export function checkInhibitEqualLabels(model: AlertmanagerModel, alerts: readonly WorkspaceAlert[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (alerts.length === 0) return out;
  for (const rule of model.inhibitRules) {
    const source = alerts.filter((a) => selects(rule.sourceMatchers, a));
    const target = alerts.filter((a) => selects(rule.targetMatchers, a));
    for (const e of rule.equal) {
      for (const [side, set] of [
        ['source', source],
        ['target', target],
      ] as const) {
        if (set.length === 0) continue;
        if (set.some((a) => a.open || a.possibleLabels.has(e.name))) continue;
        out.push({
          code: INHIBIT_EQUAL_CODE,
          severity: 'warning',
          range: e.range,
          message: `no ${side} alert of this inhibit rule in the workspace carries the label ${JSON.stringify(e.name)}, so the rule never inhibits anything`,
        });
      }
    }
  }
  return out;
}

function selects(matchers: AlertmanagerInhibitRule['sourceMatchers'], a: WorkspaceAlert): boolean {
  return matchers.every((m) => (m.name in a.labels ? matcherMatches(m, a.labels) : true));
}
