/**
 * Adapter: the rule-file model of `rules/` (YAML nodes with ranges and source maps) → the view the
 * checks read. Rules that failed validation (`kind: 'invalid'`) are left out; checks only look at
 * what Prometheus would load.
 */
import type { Range } from '../diagnostics/types';
import { exprFromAst } from '../labelflow/from-ast';
import { analyzeRuleFile } from '../rules/file';
import type { KeyValue as ModelKeyValue, RuleFileModel, RuleModel } from '../rules/model';
import { withDefaults, type AnalyzerOptions } from '../options';
import { parsePromDuration } from '../yaml/duration';
import type { YNode, YScalar } from '../yaml/types';
import type { DurationValue, GroupView, KeyValue, RuleFileView, RuleView, TextValue } from './model';

/** A scalar's text with its maps (methods on the scalar: no closures per value of every rule). */
class ScalarText implements TextValue {
  readonly value: string;
  readonly range: Range;
  constructor(private readonly s: YScalar) {
    this.value = s.text;
    this.range = s.range;
  }
  toFile(o: number): number {
    return this.s.toFile(o);
  }
  toFileRange(r: Range): Range {
    return this.s.toFileRange(r);
  }
}

function textValue(s: YScalar): TextValue {
  // a scalar whose value is its text (every string scalar) is that text value itself: its `value`,
  // `range`, `toFile` and `toFileRange` are the ones a wrapper would give (no object per value)
  return s.value === s.text ? (s as YScalar & { value: string }) : new ScalarText(s);
}

function scalarOf(n: YNode | undefined): YScalar | undefined {
  return n && n.kind === 'scalar' ? n : undefined;
}

function duration(s: YScalar | undefined): DurationValue | undefined {
  if (!s) return undefined;
  const d = parsePromDuration(s.text);
  return { ms: d.ok ? d.ms : null, text: s.text, range: s.range };
}

function keyValues(kvs: readonly ModelKeyValue[]): KeyValue[] {
  const out: KeyValue[] = [];
  for (let i = 0; i < kvs.length; i++) {
    const kv = kvs[i]!;
    const v = scalarOf(kv.value);
    if (v) out.push({ key: kv.key.text, keyRange: kv.key.range, value: textValue(v), scalar: v });
  }
  return out;
}

function rule(r: RuleModel): RuleView | null {
  if (r.kind === 'invalid') return null;
  const broken = r.parsed ? hasError(r.parsed.diagnostics) : false;
  const expr = r.expr && !broken && typeof r.expr.value === 'string' ? textValue(r.expr) : null;
  // reuse the analyzer's parse when its text is the scalar's text (its ranges are then ours)
  const exprView = expr && r.parsed && r.parsed.text === expr.value ? exprFromAst(r.parsed.root, r.parsed.text) : undefined;
  return {
    kind: r.kind,
    name: r.name,
    nameRange: r.nameNode?.range ?? r.node.range,
    range: r.node.range,
    expr,
    exprView,
    for: duration(r.for),
    keepFiringFor: duration(r.keepFiringFor),
    labels: keyValues(r.labels),
    annotations: keyValues(r.annotations),
    // present (undefined) on every view: a moved copy (incremental/rule-file.ts) keeps this shape
    origin: undefined,
  };
}

function hasError(ds: readonly { severity: string }[]): boolean {
  for (let i = 0; i < ds.length; i++) if (ds[i]!.severity === 'error') return true;
  return false;
}

export function ruleFileView(path: string, text: string, model: RuleFileModel): RuleFileView {
  // grown by push, not `model.groups.map(...)`: V8's map made some files' arrays holey and others
  // not, and the optimized `runChecks` (checks/run.ts), entered at its loop over a file's groups
  // with the other kind, deoptimised there once per group: ~500 times in the 5,140-file run
  const groups: GroupView[] = [];
  for (let i = 0; i < model.groups.length; i++) {
    const g = model.groups[i]!;
    groups.push({
      name: g.name,
      nameRange: g.nameNode?.range ?? g.node.range,
      range: g.node.range,
      interval: duration(g.interval),
      rules: g.rules.map(rule).filter((r): r is RuleView => r !== null),
    });
  }
  return { path, text, groups };
}

/** Parses a rule file (or PrometheusRule manifest) and builds the checks' view of it. */
export function ruleFileViewFromText(path: string, text: string, options?: Partial<AnalyzerOptions>, kind?: 'rules' | 'prometheus-rule'): RuleFileView {
  const res = analyzeRuleFile(text, withDefaults(options), { path, kind: kind ?? (/^\s*kind:\s*PrometheusRule\b/m.test(text) ? 'prometheus-rule' : 'rules') });
  return ruleFileView(path, text, res.model);
}
