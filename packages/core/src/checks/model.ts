/**
 * The rule-file view the checks read: groups and rules with file ranges, and every scalar with a
 * map from its decoded text back into the file. An adapter builds it from the rule-file model of
 * `rules/` (see `model-from-yaml.ts` for the interim builder used until that model lands).
 */
import type { Range } from '../diagnostics/types';
import type { Expr } from '../labelflow/expr';
import type { YScalar } from '../yaml/types';

export interface TextValue {
  /** the decoded scalar text */
  value: string;
  /** the scalar in the file */
  range: Range;
  /** offset in `value` (0..length) → offset in the file */
  toFile(offset: number): number;
  /** a range of `value` → the file range (ends mapped after the last character, escapes included) */
  toFileRange?(r: Range): Range;
}

export interface KeyValue {
  key: string;
  keyRange: Range;
  value: TextValue;
  /** the scalar itself (the rule loader's analyses of it are looked up by it) */
  scalar?: YScalar;
}

export interface DurationValue {
  /** milliseconds; null when it does not parse (rules/schema reports that) */
  ms: number | null;
  text: string;
  range: Range;
}

export type RuleKind = 'alert' | 'record';

export interface RuleView {
  kind: RuleKind;
  name: string;
  nameRange: Range;
  /** the whole rule mapping */
  range: Range;
  /** the `expr` scalar; null when missing, not a string, or not a valid expression */
  expr: TextValue | null;
  /** the expression's view, when the model already parsed it (undefined: build it from `expr`) */
  exprView?: Expr | null;
  for?: DurationValue;
  keepFiringFor?: DurationValue;
  labels: KeyValue[];
  annotations: KeyValue[];
  /**
   * the view this one was made from by moving it in the file (an editor's incremental analysis):
   * the same rule, other offsets; what a check computes from its content alone can be kept by it
   */
  origin?: RuleView;
}

export interface GroupView {
  name: string;
  nameRange: Range;
  range: Range;
  interval?: DurationValue;
  rules: RuleView[];
}

export interface RuleFileView {
  path: string;
  text: string;
  groups: GroupView[];
}
