/**
 * Rule files: Prometheus rule files, Kubernetes PrometheusRule manifests and promtool rule
 * unit-test files. Entry points: `analyzeRuleFile` and `analyzeRuleTests`; the model types for
 * checks that read rules.
 */
export { analyzeRuleFile, templateFileInfo, type RuleFileOptions, type RuleFileResult } from './file';
export { analyzeRuleTests, type RuleTestsResult } from './rule-tests';
export { validateGroups, ruleFrame, type GroupsResult } from './groups';
export type { KeyValue, RuleFileModel, RuleGroupModel, RuleModel } from './model';
export { isValidLabelName, isValidMetricName, type NameScheme } from '../names';
export { duplicateRules } from './duplicates';
