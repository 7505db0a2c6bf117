/**
 * promtool's `--lint=duplicate-rules`: two rules (alerting or recording, in any group of the file)
 * with the same name and the same labels (group labels overridden by rule labels). Reported as a
 * warning on every repeat, with a note at the first occurrence.
 */
import type { Diagnostic } from '../diagnostics/types';
import type { RuleFileModel, RuleModel } from './model';

/** name + effective labels (group labels overridden by rule labels), as one comparable string */
function identity(groupLabels: Map<string, string>, rule: RuleModel): string {
  if (groupLabels.size === 0 && rule.labels.length === 0) return rule.name;
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

export function duplicateRules(model: RuleFileModel, lineOf: (offset: number) => number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, RuleModel>();
  for (const g of model.groups) {
    const gl = new Map(g.labels.map((kv) => [kv.key.text, kv.text] as [string, string]));
    for (const r of g.rules) {
      if (r.kind === 'invalid') continue;
      const id = identity(gl, r);
      const first = seen.get(id);
      if (!first) {
        seen.set(id, r);
        continue;
      }
      const at = nameRange(r);
      const firstAt = nameRange(first);
      out.push({
        code: 'rules/duplicate-rule',
        severity: 'warning',
        range: { start: at.start, end: at.end },
        message: `duplicate rule: ${r.kind === 'alert' ? 'alert' : 'metric'} ${JSON.stringify(r.name)} with the same labels is already defined at line ${lineOf(firstAt.start)}; might cause inconsistency while recording expressions`,
        notes: [{ message: 'first defined here', range: { start: firstAt.start, end: firstAt.end } }],
      });
    }
  }
  return out;
}
