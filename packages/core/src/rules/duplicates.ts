/**
 * promtool's `--lint=duplicate-rules`: two rules (alerting or recording, in any group of the file)
 * with the same name and the same labels (group labels overridden by rule labels). Reported as a
 * warning on every repeat, with a note at the first occurrence.
 */
import type { Diagnostic, Range } from '../diagnostics/types';
import type { RuleFileModel, RuleModel } from './model';

/** name + effective labels (group labels overridden by rule labels), as one comparable string */
function identity(groupLabels: Map<string, string>, rule: RuleModel): string {
  if (groupLabels.size === 0 && rule.labels.length === 0) return rule.name;
  // one label, nothing to merge or sort: what the general form gives
  if (groupLabels.size === 0 && rule.labels.length === 1) return `${rule.name}\u0000${rule.labels[0]!.key.text}\u0001${rule.labels[0]!.text}`;
  const labels = new Map(groupLabels);
  for (const kv of rule.labels) labels.set(kv.key.text, kv.text);
  const keys = [...labels.keys()].sort();
  let id = rule.name;
  for (const k of keys) id += `\u0000${k}\u0001${labels.get(k)}`;
  return id;
}

/** the rule's name node, or its first key when the name came through an alias (written elsewhere) */
function nameRange(r: RuleModel) {
  const n = r.nameNode?.range;
  if (n && n.start >= r.node.range.start && n.end <= r.node.range.end) return n;
  return r.node.pairs[0]?.key.range ?? r.node.range;
}

/** a loadable rule as duplicate detection sees it: its identity and where its name is */
export interface RuleIdentity {
  id: string;
  kind: 'alert' | 'record';
  name: string;
  at: Range;
}

/** The identities of a file's loadable rules, in file order. */
export function ruleIdentities(model: RuleFileModel): RuleIdentity[] {
  const out: RuleIdentity[] = [];
  for (const g of model.groups) {
    const gl = new Map(g.labels.map((kv) => [kv.key.text, kv.text] as [string, string]));
    for (const r of g.rules) {
      if (r.kind === 'invalid') continue;
      const at = nameRange(r);
      out.push({ id: identity(gl, r), kind: r.kind, name: r.name, at: { start: at.start, end: at.end } });
    }
  }
  return out;
}

export function duplicateRules(model: RuleFileModel, lineOf: (offset: number) => number): Diagnostic[] {
  return duplicateRulesOf(ruleIdentities(model), lineOf);
}

/** promtool's duplicate-rules findings over the identities of a file's rules (in file order) */
export function duplicateRulesOf(rules: readonly RuleIdentity[], lineOf: (offset: number) => number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, RuleIdentity>();
  for (const r of rules) {
    const first = seen.get(r.id);
    if (!first) {
      seen.set(r.id, r);
      continue;
    }
    out.push({
      code: 'rules/duplicate-rule',
      severity: 'warning',
      range: { start: r.at.start, end: r.at.end },
      message: `duplicate rule: ${r.kind === 'alert' ? 'alert' : 'metric'} ${JSON.stringify(r.name)} with the same labels is already defined at line ${lineOf(first.at.start)}; might cause inconsistency while recording expressions`,
      notes: [{ message: 'first defined here', range: { start: first.at.start, end: first.at.end } }],
    });
  }
  return out;
}
