/** Best-practice checks: the framework, the registry and the runner. */
export { defineCheck, type AnyCheck, type CheckDefinition, type CheckEnv, type CheckScope, type CheckSeverity, type ParsedRule, type Report } from './define';
export { ALL_CHECKS, getCheck, PINT_ALIASES } from './registry';
export { runChecks, resolveChecks, parseRules, DEFAULT_INTERVAL_MS, type CheckInput, type RunChecksOptions } from './run';
export { ruleFileView, ruleFileViewFromText } from './model-from-rules';
export { runExample, isRuleFileExample } from './examples';
export type { RuleFileView, GroupView, RuleView, KeyValue as CheckKeyValue, TextValue, DurationValue } from './model';
export { ruleFileChecks, checkExpression, runWorkspaceChecks, type FileCheckOptions, type WorkspaceRuleFile } from './for-file';
export { WorkspacePass, type WorkspacePassOptions } from './workspace-pass';
export { intervalOptions, intervalsFromConfig, scrapeIntervalsOf, type IntervalOptions, type ScrapeIntervals } from './scrape-intervals';
