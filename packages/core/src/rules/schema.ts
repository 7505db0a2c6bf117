/**
 * The shapes of rule files as Prometheus's `model/rulefmt` declares them (Go type names as yaml.v3
 * prints them), the extra group fields that the Thanos and Mimir/Cortex rulers accept, and the
 * Prometheus version that introduced each field.
 */
import type { Dialect, AnalyzerOptions } from '../options';
import { versionAtLeast } from '../options';
import type { FieldSpec, StructSpec } from '../yaml/index';

const str: FieldSpec = { expect: { kind: 'string' } };
const dur: FieldSpec = { expect: { kind: 'duration' } };
const strMap: FieldSpec = { expect: { kind: 'map', goType: 'map[string]string', values: { kind: 'string' } } };

export const ruleGroupsSpec: StructSpec = {
  goType: 'rulefmt.RuleGroups',
  fields: { groups: { expect: { kind: 'seq', goType: '[]rulefmt.RuleGroup', items: { kind: 'struct', goType: 'rulefmt.RuleGroup' } } } },
};

const groupFields: Record<string, FieldSpec> = {
  name: str,
  interval: dur,
  query_offset: dur,
  limit: { expect: { kind: 'int' } },
  // rules: by version (`ruleType`, set in `specsFor`)
  labels: strMap,
};

/** the `rules` field of a group whose rules decode into Go type `rule` */
function rulesOf(rule: string): FieldSpec {
  return { expect: { kind: 'seq', goType: `[]${rule}`, items: { kind: 'struct', goType: rule } } };
}

/**
 * The Go type of a rule in yaml.v3's messages: `rulefmt.RuleNode` (a rule with its yaml.Node
 * fields) before Prometheus 3.3, `rulefmt.Rule` since (its decoding into `[]Rule` came with YAML
 * aliases for `alert`, `record` and `expr`)
 */
function ruleType(opts: AnalyzerOptions): string {
  return versionAtLeast(opts, 3, 3) ? 'rulefmt.Rule' : 'rulefmt.RuleNode';
}

const ruleFields: Record<string, FieldSpec> = {
  record: str,
  alert: str,
  expr: str,
  for: dur,
  keep_firing_for: dur,
  labels: strMap,
  annotations: strMap,
};

/** group fields accepted by other rulers, with the dialects that accept them */
export const dialectGroupFields: Record<string, { dialects: Dialect[]; spec: FieldSpec }> = {
  partial_response_strategy: { dialects: ['thanos'], spec: str },
  source_tenants: { dialects: ['mimir', 'cortex'], spec: { expect: { kind: 'seq', goType: '[]string', items: { kind: 'string' } } } },
  evaluation_delay: { dialects: ['mimir', 'cortex'], spec: dur },
  align_evaluation_time_on_interval: { dialects: ['mimir'], spec: { expect: { kind: 'bool' } } },
};

/** fields added in a Prometheus version (git tags of prometheus/prometheus): before it, the field is unknown */
const groupSince: Record<string, [number, number]> = { limit: [2, 31], query_offset: [2, 53], labels: [3, 0] };
const ruleSince: Record<string, [number, number]> = { keep_firing_for: [2, 42] };

function gate(fields: Record<string, FieldSpec>, since: Record<string, [number, number]>, opts: AnalyzerOptions): Record<string, FieldSpec> {
  const out: Record<string, FieldSpec> = {};
  for (const [k, v] of Object.entries(fields)) {
    const s = since[k];
    if (s && !versionAtLeast(opts, s[0], s[1])) continue;
    out[k] = v;
  }
  return out;
}

/** the specs for a target (version and dialect): made once, read only (every rule file asks) */
const specs = new Map<string, { group: StructSpec; rule: StructSpec }>();

let lastOpts: { version: string; dialect: string; specs: { group: StructSpec; rule: StructSpec } } | undefined;

function specsFor(opts: AnalyzerOptions): { group: StructSpec; rule: StructSpec } {
  // the same target as the previous file's (every file of a run, as a rule)
  if (lastOpts && lastOpts.version === opts.prometheusVersion && lastOpts.dialect === opts.dialect) return lastOpts.specs;
  const key = `${opts.prometheusVersion}\u0000${opts.dialect}`;
  let s = specs.get(key);
  if (!s) {
    const fields = gate(groupFields, groupSince, opts);
    const rule = ruleType(opts);
    fields.rules = rulesOf(rule);
    for (const [k, v] of Object.entries(dialectGroupFields)) if (v.dialects.includes(opts.dialect)) fields[k] = v.spec;
    s = { group: { goType: 'rulefmt.RuleGroup', fields }, rule: { goType: rule, fields: gate(ruleFields, ruleSince, opts) } };
    if (specs.size >= 64) specs.clear();
    specs.set(key, s);
  }
  lastOpts = { version: opts.prometheusVersion, dialect: opts.dialect, specs: s };
  return s;
}

export function groupSpec(opts: AnalyzerOptions): StructSpec {
  return specsFor(opts).group;
}

export function ruleSpec(opts: AnalyzerOptions): StructSpec {
  return specsFor(opts).rule;
}

/** the version that introduced a group or rule field, when the target is older */
export function introducedIn(field: string, goType: string, opts: AnalyzerOptions): string | undefined {
  const s = (goType === 'rulefmt.RuleGroup' ? groupSince : ruleSince)[field];
  return s && !versionAtLeast(opts, s[0], s[1]) ? `${s[0]}.${s[1]}` : undefined;
}
