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

/**
 * Refs of every label and annotation template of an alerting rule (templates that fail to parse are
 * skipped); a recording rule has none. Shared: callers must not mutate them. The checks that read
 * them run one rule after the other: the last rule's answer is kept apart, and only alerts go into
 * the `WeakMap` (an entry for each of 100,000 rules cost ~14 ms of a run, most of it growing the map).
 * (`last` keeps that one rule alive until the next call: one rule view, never more.)
 */
const memo = new WeakMap<RuleView, FileTemplateRefs[]>();
const NONE: FileTemplateRefs[] = Object.freeze([]) as unknown as FileTemplateRefs[];
let last: { rule: RuleView; refs: FileTemplateRefs[] } | undefined;

export function alertTemplateRefs(rule: RuleView): FileTemplateRefs[] {
  if (rule.kind !== 'alert') return NONE;
  if (last !== undefined && last.rule === rule) return last.refs;
  let refs = memo.get(rule);
  if (!refs) {
    refs = collect(rule);
    memo.set(rule, refs);
  }
  last = { rule, refs };
  return refs;
}

function collect(rule: RuleView): FileTemplateRefs[] {
  const out: FileTemplateRefs[] = [];
  for (let i = 0; i < rule.labels.length; i++) collectOne(rule, rule.labels[i]!, 'label', out);
  for (let i = 0; i < rule.annotations.length; i++) collectOne(rule, rule.annotations[i]!, 'annotation', out);
  return out;
}

function collectOne(rule: RuleView, kv: KeyValue, where: 'label' | 'annotation', out: FileTemplateRefs[]): void {
  if (!kv.value.value.includes('{{')) return;
  const ctx = { alertName: rule.name, kind: where, key: kv.key };
  const r = (kv.scalar && ruleTemplateResult(kv.scalar, ctx)) ?? checkRuleTemplate(kv.value.value, ctx);
  if (r.error) return;
  const v = kv.value;
  const labels: { name: string; range: Range }[] = [];
  for (const l of r.refs.labels) labels.push({ name: l.name, range: mapRange(v, l.range) });
  const values: Range[] = [];
  for (const x of r.refs.values) values.push(mapRange(v, x));
  out.push({ kv, where, labels, values });
}

function mapRange(v: KeyValue['value'], x: Range): Range {
  return v.toFileRange ? v.toFileRange(x) : { start: v.toFile(x.start), end: x.end > x.start ? v.toFile(x.end - 1) + 1 : v.toFile(x.start) };
}
