/** One rule file with `groups` groups of `rules` rules; `broken` inserts one error promtool reports. */
export function ruleFile(f: number, groups: number, rules: number, broken?: 'none' | 'promql' | 'duration'): string;
/** which files of a generated workspace are broken, and how */
export function brokenKind(f: number): 'none' | 'promql' | 'duration';
/** The editor benchmark's rule file: `groups` groups of `perGroup` rules (recording rules and alerts reading them), after `head`. */
export function editorRuleFile(groups: number, perGroup: number, head?: string): string;
