/**
 * Validation of rule groups exactly as Prometheus's loader does it (`model/rulefmt`: yaml.v3 strict
 * decode into `RuleGroups`, then `RuleGroups.Validate` and `Rule.Validate`), building the rule
 * model on the way. Used for plain rule files and for `spec` of PrometheusRule manifests.
 *
 * Messages are Prometheus's: yaml.v3's `field x not found in type rulefmt.Rule`, the loader's
 * `group "g", rule 1, "name": ...` framing. Positions are exact: on the offending node, and PromQL
 * and template problems inside the expression/template text mapped through the scalar source map.
 */
import type { Diagnostic, Range } from '../diagnostics/types';
import { versionAtLeast, type AnalyzerOptions } from '../options';
import { parsePromQLShared } from '../promql/index';
import { decodeStruct, effectivePairs, goQuote, isNull, mapKeyString, parsePromDuration, stringValue, type YMap, type YNode, type YPair, type YScalar } from '../yaml/index';
import type { KeyValue, RuleGroupModel, RuleModel } from './model';
import { isValidLabelName, isValidMetricName, isValidUtf8, type NameScheme } from '../names';
import { dialectGroupFields, groupSpec, introducedIn, ruleSpec } from './schema';
import { checkRuleTemplates } from './templates';
import { pushAll } from '../text/arrays';

const SCHEMA = 'rules/schema';

export interface GroupsResult {
  groups: RuleGroupModel[];
  diagnostics: Diagnostic[];
}

function err(range: { start: number; end: number }, message: string, code = SCHEMA): Diagnostic {
  return { code, severity: 'error', range: { start: range.start, end: range.end }, message };
}

/** Prometheus's framing of rule errors: `group "g", rule 1, "name": msg` */
export function ruleFrame(group: string, index: number, name: string, message: string): string {
  return `group ${goQuote(group)}, rule ${index}, ${goQuote(name)}: ${message}`;
}

/** unknown-field handler: names the dialect or version that accepts a field */
function unknownField(opts: AnalyzerOptions, goType: string) {
  return (pair: YPair): Diagnostic | undefined => {
    const name = pair.key.text;
    const base = `field ${name} not found in type ${goType}`;
    const d = goType === 'rulefmt.RuleGroup' ? dialectGroupFields[name] : undefined;
    if (d) return err(pair.key.range, `${base} (it is a ${d.dialects.join('/')} rule-group field: set dialect: ${d.dialects[0]} if these rules are loaded by ${d.dialects.map(cap).join(' or ')})`);
    const v = introducedIn(name, goType, opts);
    if (v) return err(pair.key.range, `${base} (added in Prometheus ${v}; the target is ${opts.prometheusVersion})`);
    return undefined;
  };
}

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

function keyValues(pair: YPair | undefined): KeyValue[] {
  if (!pair || pair.value.kind !== 'map') return [];
  const out: KeyValue[] = [];
  for (const p of effectivePairs(pair.value)) {
    // a null key sets no label (yaml.v3), a collection key is a decoding error (strict.ts)
    if (typeof mapKeyString(p.key, 'v3') !== 'string') continue;
    out.push({ key: p.key, value: p.value, text: stringValue(p.value) ?? '' });
  }
  return out;
}

function scalarOf(pair: YPair | undefined): YScalar | undefined {
  return pair && pair.value.kind === 'scalar' && !isNull(pair.value) ? pair.value : undefined;
}

/** Prometheus's error for a group name used twice in one file (`at`: the repeat; `first`: the first group's site) */
export function repeatedGroupName(name: string, at: Range, first: Range): Diagnostic {
  const d = err(at, `groupname: "${name}" is repeated in the same file`);
  d.notes = [{ message: 'first defined here', range: { start: first.start, end: first.end } }];
  return d;
}

/** validates the value of `groups:` (a sequence of groups) */
export function validateGroups(groupsNode: YNode, opts: AnalyzerOptions): GroupsResult {
  const diagnostics: Diagnostic[] = [];
  const groups: RuleGroupModel[] = [];
  if (groupsNode.kind !== 'seq') return { groups, diagnostics }; // shape reported by the caller's strict decode
  const scheme: NameScheme = versionAtLeast(opts, 3, 0) ? 'utf8' : 'legacy';
  const gSpec = groupSpec(opts);
  const rSpec = ruleSpec(opts);
  const seen = new Map<string, RuleGroupModel>();
  // the same decoding options for every group and every rule
  const groupDecode = { code: SCHEMA, onUnknown: unknownField(opts, 'rulefmt.RuleGroup') };
  const ruleDecode = { code: SCHEMA, onUnknown: unknownField(opts, rSpec.goType) };
  for (const gNode of groupsNode.items) {
    if (isNull(gNode)) {
      diagnostics.push(emptyEntry(gNode, 'groups'));
      continue;
    }
    const g = decodeStruct(gNode, gSpec, groupDecode);
    if (g.diagnostics.length > 0) pushAll(diagnostics, g.diagnostics);
    if (!g.map) continue;
    const f = g.fields;
    const name = stringValue(f.name?.value) ?? '';
    const group: RuleGroupModel = {
      name,
      nameNode: scalarOf(f.name),
      interval: scalarOf(f.interval),
      queryOffset: scalarOf(f.query_offset),
      limit: scalarOf(f.limit),
      labels: keyValues(f.labels),
      rules: [],
      node: g.map,
      nameSite: { at: f.name ? f.name.value.range : { start: g.map.range.start, end: g.map.range.start }, first: (f.name?.value ?? g.map).range },
    };
    groups.push(group);
    if (name === '') diagnostics.push(err(f.name ? f.name.value.range : keyRange(g.map), 'Groupname must not be empty'));
    const first = seen.get(name);
    if (first) diagnostics.push(repeatedGroupName(name, group.nameSite.at, first.nameSite.first));
    else seen.set(name, group);
    if (f.partial_response_strategy) {
      const v = stringValue(f.partial_response_strategy.value);
      if (v !== null && v !== '' && !/^(warn|abort)$/i.test(v)) {
        diagnostics.push(err(f.partial_response_strategy.value.range, `unknown partial_response_strategy ${goQuote(v)}: must be "warn" or "abort"`));
      }
    }
    for (const kv of group.labels) checkLabelInto(kv, scheme, (m) => m, diagnostics);
    const rulesNode = f.rules?.value;
    if (rulesNode?.kind !== 'seq') continue;
    const items = rulesNode.items;
    // a rule's number in its group, as Prometheus counts it: the empty entries it skips are not rules
    let index = 0;
    for (let i = 0; i < items.length; i++) {
      const rNode = items[i]!;
      if (isNull(rNode)) {
        diagnostics.push(emptyEntry(rNode, 'rules'));
        continue;
      }
      index++;
      const r = decodeStruct(rNode, rSpec, ruleDecode);
      if (r.diagnostics.length > 0) pushAll(diagnostics, r.diagnostics);
      if (!r.map) continue;
      const rule = buildRule(group.name, index, r.map, r.fields);
      group.rules.push(rule);
      validateRule(rule, opts, scheme, diagnostics);
    }
  }
  return { groups, diagnostics };
}

function keyRange(m: YMap) {
  const k = m.pairs[0]?.key.range;
  return k ?? { start: m.range.start, end: m.range.start };
}

/**
 * An empty entry (`-` alone, `~`, `null`) of the groups or a group's rules: yaml.v3 decodes nothing
 * of it into a list of structs (its decoder drops it) and Prometheus loads the file without it
 * (promtool: `rules:` over `-` and one rule is "1 rules found"): a warning, as it is likely a mistake.
 */
function emptyEntry(n: YNode, list: 'groups' | 'rules'): Diagnostic {
  return {
    code: 'rules/empty-entry',
    severity: 'warning',
    range: n.range.end > n.range.start ? n.range : { start: n.range.start, end: n.range.start },
    message: `an empty entry in the ${list} list: Prometheus skips it (no ${list === 'rules' ? 'rule' : 'group'} is read from it)`,
  };
}

function buildRule(group: string, index: number, node: YMap, f: Record<string, YPair | undefined>): RuleModel {
  const record = stringValue(f.record?.value) ?? '';
  const alert = stringValue(f.alert?.value) ?? '';
  const kind: RuleModel['kind'] = alert !== '' && record === '' ? 'alert' : record !== '' && alert === '' ? 'record' : 'invalid';
  const nameNode = alert !== '' ? scalarOf(f.alert) : scalarOf(f.record);
  return {
    group,
    index,
    kind,
    name: alert !== '' ? alert : record,
    nameNode,
    expr: f.expr && f.expr.value.kind === 'scalar' ? f.expr.value : undefined,
    for: scalarOf(f.for),
    keepFiringFor: scalarOf(f.keep_firing_for),
    labels: keyValues(f.labels),
    annotations: keyValues(f.annotations),
    node,
  };
}

function checkLabelInto(kv: KeyValue, scheme: NameScheme, frame: (m: string) => string, out: Diagnostic[]): void {
  const k = kv.key.text;
  if (!isValidLabelName(k, scheme) || k === '__name__') out.push(err(kv.key.range, frame(`invalid label name: ${k}`)));
  if (!isValidUtf8(kv.text)) out.push(err(kv.value.range, frame(`invalid label value: ${kv.text}`)));
}

function nonZeroDuration(s: YScalar | undefined): boolean {
  if (!s) return false;
  const r = parsePromDuration(s.text);
  return r.ok && r.ms !== 0;
}

/** `Rule.Validate` of rulefmt plus expression and template parsing, with the loader's framing; appends to `out` */
function validateRule(rule: RuleModel, opts: AnalyzerOptions, scheme: NameScheme, out: Diagnostic[]): void {
  const frame = (m: string) => ruleFrame(rule.group, rule.index, rule.name, m);
  const pairs = effectivePairs(rule.node);
  // the first pair of each key (what `pairs.find` gives), in one pass
  let recordPair: YPair | undefined;
  let alertPair: YPair | undefined;
  let exprPair: YPair | undefined;
  for (let i = 0; i < pairs.length; i++) {
    const x = pairs[i]!;
    const k = x.key.text;
    if (k === 'record') recordPair ??= x;
    else if (k === 'alert') alertPair ??= x;
    else if (k === 'expr') exprPair ??= x;
  }
  const record = stringValue(recordPair?.value) ?? '';
  const alert = stringValue(alertPair?.value) ?? '';
  const ruleStart = keyRange(rule.node);
  if (record !== '' && alert !== '') {
    const d = err(recordPair!.value.range, frame("only one of 'record' and 'alert' must be set"));
    d.notes = [{ message: "'alert' is set here", range: alertPair!.value.range }];
    out.push(d);
  }
  if (record === '' && alert === '') out.push(err(recordPair?.value.range ?? alertPair?.value.range ?? ruleStart, frame("one of 'record' or 'alert' must be set")));
  const exprText = stringValue(exprPair?.value);
  if (exprText === '' || !exprPair) {
    out.push(err(exprPair ? exprPair.value.range : ruleStart, frame("field 'expr' must be set in rule")));
  } else if (rule.expr && exprText !== null) {
    const ds = checkExpr(rule, opts, frame);
    if (ds.length > 0) pushAll(out, ds);
  }
  const recordAt = recordPair?.value.range ?? ruleStart;
  if (record !== '') {
    if (rule.annotations.length > 0) out.push(err(recordAt, frame("invalid field 'annotations' in recording rule")));
    if (nonZeroDuration(rule.for)) out.push(err(recordAt, frame("invalid field 'for' in recording rule")));
    if (nonZeroDuration(rule.keepFiringFor)) out.push(err(recordAt, frame("invalid field 'keep_firing_for' in recording rule")));
    if (!isValidMetricName(record, scheme)) out.push(err(recordAt, frame(`invalid recording rule name: ${record}`)));
    if (record.includes('{') || record.includes('}')) out.push(err(recordAt, frame(`braces present in the recording rule name; should it be in expr?: ${record}`)));
  }
  for (let i = 0; i < rule.labels.length; i++) checkLabelInto(rule.labels[i]!, scheme, frame, out);
  for (let i = 0; i < rule.annotations.length; i++) {
    const kv = rule.annotations[i]!;
    if (!isValidLabelName(kv.key.text, scheme)) out.push(err(kv.key.range, frame(`invalid annotation name: ${kv.key.text}`)));
  }
  if (alert !== '') {
    templatesInto(rule.labels, 'label', alert, frame, out);
    templatesInto(rule.annotations, 'annotation', alert, frame, out);
  }
}

/** the template checks of an alert's labels or annotations, appended to `out` */
function templatesInto(list: readonly KeyValue[], kind: 'label' | 'annotation', alert: string, frame: (m: string) => string, out: Diagnostic[]): void {
  for (let i = 0; i < list.length; i++) {
    const kv = list[i]!;
    if (kv.value.kind !== 'scalar') continue;
    const ds = checkRuleTemplates(kv.value, { alertName: alert, kind, key: kv.key.text }, frame);
    if (ds.length > 0) pushAll(out, ds);
  }
}

function checkExpr(rule: RuleModel, opts: AnalyzerOptions, frame: (m: string) => string): Diagnostic[] {
  const expr = rule.expr!;
  let parsed;
  try {
    parsed = parsePromQLShared(expr.text, { features: opts.features, prometheusVersion: opts.prometheusVersion });
  } catch (e) {
    return [err(expr.range, frame(`could not parse expression: internal error: ${e instanceof Error ? e.message : String(e)}`), 'promql/syntax')];
  }
  rule.parsed = parsed;
  const out: Diagnostic[] = [];
  for (const d of parsed.diagnostics) {
    const mapped: Diagnostic = { ...d, range: expr.toFileRange(d.range) };
    if (d.notes) mapped.notes = d.notes.map((n) => (n.range && !n.file ? { ...n, range: expr.toFileRange(n.range) } : n));
    // fixes edit the expression text; inside a YAML scalar they would need re-quoting: not offered yet
    delete mapped.fix;
    if (d.severity === 'error') {
      const inner = /parse error/.test(d.message) ? d.message : `parse error: ${d.message}`;
      mapped.message = frame(`could not parse expression: ${inner}`);
    }
    out.push(mapped);
  }
  return out;
}
