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

/**
 * What the workspace pass reads of a file, without positions: the names it defines and uses and
 * where in its groups (and its `used-externally` marks). Two texts of a file with the same signature
 * give every other file the same workspace findings, and give this file none when it had none: an
 * editor can skip the pass after such an edit (the common keystroke inside an expression).
 */
export function workspaceSignature(s: FileSummary, text: string): string {
  const names = (refs: readonly NamedRef[]) => refs.map((r) => r.name).join('\u0001');
  const rules = (s.rules ?? []).map((r) => `${r.groupIndex}.${r.index}.${r.group}.${r.kind}.${r.name}:${r.uses.map((u) => `${u.kind}.${u.name}`).join(',')}`);
  // which rules carry the mark (rules/unused-recording-rule reads it from the text)
  const marks = text.includes('used-externally') ? (s.rules ?? []).map((r) => (markedExternal(text, r.nameRange.start) ? 1 : 0)).join('') : '';
  return [s.kind, names(s.recordedMetrics), names(s.alerts), names(s.ruleFileRefs), names(s.testedAlerts), marks, ...rules].join('\u0000');
}

/** `# promscope: used-externally` on the rule's line or the line above marks a rule read by dashboards etc. */
export function markedExternal(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  const prevStart = text.lastIndexOf('\n', Math.max(0, lineStart - 2)) + 1;
  const window = text.slice(lineStart > 0 ? prevStart : lineStart, lineEnd < 0 ? text.length : lineEnd);
  return /#\s*promscope:?\s*used-externally/.test(window);
}
