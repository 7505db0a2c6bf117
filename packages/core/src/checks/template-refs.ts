/** Label and value references of an alert's label/annotation templates, in file offsets. */
import type { Range } from '../diagnostics/types';
import { ruleTemplateResult } from '../rules/templates';
import { checkRuleTemplate } from '../template/index';
import type { KeyValue, RuleView } from './model';

export interface FileTemplateRefs {
  kv: KeyValue;
  where: 'label' | 'annotation';
  labels: { name: string; range: Range }[];
  values: Range[];
}

/** Refs of every label and annotation template of an alerting rule (templates that fail to parse are skipped). */
const memo = new WeakMap<RuleView, FileTemplateRefs[]>();

export function alertTemplateRefs(rule: RuleView): FileTemplateRefs[] {
  let refs = memo.get(rule);
  if (!refs) {
    refs = collect(rule);
    memo.set(rule, refs);
  }
  return refs;
}

function collect(rule: RuleView): FileTemplateRefs[] {
  if (rule.kind !== 'alert') return [];
  const out: FileTemplateRefs[] = [];
  const one = (kv: KeyValue, where: 'label' | 'annotation') => {
    if (!kv.value.value.includes('{{')) return;
    const ctx = { alertName: rule.name, kind: where, key: kv.key };
    const r = (kv.scalar && ruleTemplateResult(kv.scalar, ctx)) ?? checkRuleTemplate(kv.value.value, ctx);
    if (r.error) return;
    const map = (x: Range): Range => kv.value.toFileRange ? kv.value.toFileRange(x) : ({ start: kv.value.toFile(x.start), end: x.end > x.start ? kv.value.toFile(x.end - 1) + 1 : kv.value.toFile(x.start) });
    out.push({ kv, where, labels: r.refs.labels.map((l) => ({ name: l.name, range: map(l.range) })), values: r.refs.values.map(map) });
  };
  for (const kv of rule.labels) one(kv, 'label');
  for (const kv of rule.annotations) one(kv, 'annotation');
  return out;
}
