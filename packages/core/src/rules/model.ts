import type { Range } from '../diagnostics/types';
/**
 * The rule-file model: groups → rules, every field kept as its YAML node (so every field has its
 * exact range). Built by groups.ts from the YAML layer; read by checks and the workspace pass.
 */
import type { ParsedPromQL } from '../promql/index';
import type { YMap, YNode, YScalar } from '../yaml/index';

export interface KeyValue {
  key: YScalar;
  value: YNode;
  /** the string a Go `map[string]string` receives */
  text: string;
}

export interface RuleModel {
  /** name of the enclosing group */
  group: string;
  /** 1-based position in the group, as Prometheus counts in its messages */
  index: number;
  kind: 'alert' | 'record' | 'invalid';
  /** alert or record name ('' when absent) */
  name: string;
  nameNode?: YScalar;
  expr?: YScalar;
  /** the parsed expression (when `expr` is a non-empty string) */
  parsed?: ParsedPromQL;
  for?: YScalar;
  keepFiringFor?: YScalar;
  labels: KeyValue[];
  annotations: KeyValue[];
  node: YMap;
}

export interface RuleGroupModel {
  name: string;
  nameNode?: YScalar;
  interval?: YScalar;
  queryOffset?: YScalar;
  limit?: YScalar;
  labels: KeyValue[];
  rules: RuleModel[];
  node: YMap;
  /** where a repeat of this group's name is reported, and where the note of a later repeat points */
  nameSite: { at: Range; first: Range };
}

export interface RuleFileModel {
  groups: RuleGroupModel[];
}
