/**
 * The registry: every check module, in one list. A check's id is its path under `checks/`
 * (a test asserts it). Also the pint alias table derived from the modules' `pint` fields.
 */
import type { AnyCheck } from './define';
import promqlAbsentLabels from './promql/absent-labels';
import promqlAvgOfAverage from './promql/avg-of-average';
import promqlCounterWithoutRate from './promql/counter-without-rate';
import promqlDivisionInAggregation from './promql/division-in-aggregation';
import promqlHistogramQuantileInput from './promql/histogram-quantile-input';
import promqlHistogramQuantileLe from './promql/histogram-quantile-le';
import promqlJoinOnDroppedLabel from './promql/join-on-dropped-label';
import promqlQuantileOutOfRange from './promql/quantile-out-of-range';
import promqlRangeTooShort from './promql/range-too-short';
import promqlRateNonCounter from './promql/rate-non-counter';
import promqlRateOfAggregate from './promql/rate-of-aggregate';
import promqlRegexAnchors from './promql/regex-anchors';
import promqlRegexLiteral from './promql/regex-literal';
import promqlRegexMatchAll from './promql/regex-match-all';
import promqlRegexName from './promql/regex-name';
import promqlSubqueryStepEqualsRange from './promql/subquery-step-equals-range';
import rulesAlertAnnotations from './rules/alert-annotations';
import rulesAlertNameStyle from './rules/alert-name-style';
import rulesAlertNoCondition from './rules/alert-no-condition';
import rulesAlertTopk from './rules/alert-topk';
import rulesAlertWithoutFor from './rules/alert-without-for';
import rulesDependencyCycle from './rules/dependency-cycle';
import rulesDuplicateExpression from './rules/duplicate-expression';
import rulesForBelowInterval from './rules/for-below-interval';
import rulesGroupInterval from './rules/group-interval';
import rulesIrateInRecord from './rules/irate-in-record';
import rulesRecordNameLevel from './rules/record-name-level';
import rulesRecordNameOperations from './rules/record-name-operations';
import rulesRecordNameShape from './rules/record-name-shape';
import rulesRecordRatioNaming from './rules/record-ratio-naming';
import rulesSameGroupOrder from './rules/same-group-order';
import rulesTemplateLabel from './rules/template-label';
import rulesUndefinedRecordedMetric from './rules/undefined-recorded-metric';
import rulesUnusedRecordingRule from './rules/unused-recording-rule';
import rulesValueInLabel from './rules/value-in-label';
import policyAggregationLabels from './policy/aggregation-labels';
import policyForRange from './policy/for-range';
import policyRequiredFields from './policy/required-fields';
import policyRuleName from './policy/rule-name';
import policySelectorLabels from './policy/selector-labels';

export const ALL_CHECKS: readonly AnyCheck[] = [
  promqlAbsentLabels,
  promqlAvgOfAverage,
  promqlCounterWithoutRate,
  promqlDivisionInAggregation,
  promqlHistogramQuantileInput,
  promqlHistogramQuantileLe,
  promqlJoinOnDroppedLabel,
  promqlQuantileOutOfRange,
  promqlRangeTooShort,
  promqlRateNonCounter,
  promqlRateOfAggregate,
  promqlRegexAnchors,
  promqlRegexLiteral,
  promqlRegexMatchAll,
  promqlRegexName,
  promqlSubqueryStepEqualsRange,
  rulesAlertAnnotations,
  rulesAlertNameStyle,
  rulesAlertNoCondition,
  rulesAlertTopk,
  rulesAlertWithoutFor,
  rulesDependencyCycle,
  rulesDuplicateExpression,
  rulesForBelowInterval,
  rulesGroupInterval,
  rulesIrateInRecord,
  rulesRecordNameLevel,
  rulesRecordNameOperations,
  rulesRecordNameShape,
  rulesRecordRatioNaming,
  rulesSameGroupOrder,
  rulesTemplateLabel,
  rulesUndefinedRecordedMetric,
  rulesUnusedRecordingRule,
  rulesValueInLabel,
  policyAggregationLabels,
  policyForRange,
  policyRequiredFields,
  policyRuleName,
  policySelectorLabels,
];

export function getCheck(id: string): AnyCheck | undefined {
  return ALL_CHECKS.find((c) => c.id === id);
}

/**
 * pint check names → the promscope check ids that answer to them in `# pint disable <name>`
 * comments. Derived from the check modules' `pint` fields, plus the core codes with a pint twin.
 */
export const PINT_ALIASES: Readonly<Record<string, readonly string[]>> = (() => {
  const table: Record<string, string[]> = {
    'promql/syntax': ['promql/syntax'],
    'yaml/parse': ['yaml/syntax'],
    'rule/duplicate': ['rules/duplicate-rule'],
    'alerts/template': ['rules/template'],
  };
  for (const c of ALL_CHECKS) for (const p of c.pint ?? []) (table[p] ??= []).includes(c.id) || table[p].push(c.id);
  return table;
})();
