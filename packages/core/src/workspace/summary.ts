/**
 * What one analysed file contributes to workspace-level checks: the names it defines (recording
 * rules, alerts) and the names and files it refers to (rule unit tests). Plain data with ranges
 * into that file, so that the cross-file pass (cross-file.ts) stays a pure function of summaries.
 */
import type { Range } from '../diagnostics/types';
import type { FileKind } from '../files';
import type { RuleGraphEntry } from '../graph/build';

export interface NamedRef {
  name: string;
  range: Range;
}

export interface FileSummary {
  path: string;
  kind: FileKind;
  /** metric names written by recording rules */
  recordedMetrics: NamedRef[];
  /** alert names defined by alerting rules */
  alerts: NamedRef[];
  /** rule-tests: `rule_files` entries as written (paths or globs, relative to the test file) */
  ruleFileRefs: NamedRef[];
  /** rule-tests: alert names tested by `alert_rule_test[].alertname` */
  testedAlerts: NamedRef[];
  /**
   * rule files: every loadable rule as the workspace rule graph sees it (what it records or alerts
   * on, the metrics it reads, with file ranges), so that the workspace checks run from summaries
   * without parsing the file again (`runWorkspaceChecks`)
   */
  rules?: RuleGraphEntry[];
}

export function emptySummary(path: string, kind: FileKind): FileSummary {
  return { path, kind, recordedMetrics: [], alerts: [], ruleFileRefs: [], testedAlerts: [] };
}
