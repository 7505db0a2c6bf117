/**
 * Entry points for the facade and the shells: the best-practice checks of one analysed file, and
 * the workspace pass (checks that need every rule file: undefined recorded metrics, unused
 * recording rules, cycles).
 */
import type { Diagnostic } from '../diagnostics/types';
import { buildRuleGraphFromEntries, ruleGraphEntries, type RuleGraph, type RuleGraphEntry } from '../graph/build';
import { exprFromAst } from '../labelflow/from-ast';
import { parsePromQL, type ParsedPromQL } from '../promql/index';
import type { CheckSettings } from '../project-config/types';
import type { RuleFileModel } from '../rules/model';
import type { RuleFileView } from './model';
import { ruleFileView } from './model-from-rules';
import { ALL_CHECKS } from './registry';
import { runChecks, type FileChecksMemo, type RunChecksOptions } from './run';
import { settingsOf, WorkspacePass, type WorkspacePassOptions, type WorkspaceRuleFile } from './workspace-pass';

export type { WorkspaceRuleFile } from './workspace-pass';

/** What the facade receives from the shells: check settings, or at least per-check options. */
export interface FileCheckOptions extends Omit<RunChecksOptions, 'graph' | 'settings'> {
  /** `.promscope.yml` settings for the file (levels and options) */
  checkSettings?: CheckSettings;
  /** per-check options only (what `checkOptionsOf(settings)` gives) */
  checkOptions?: Record<string, Record<string, unknown>>;
  /** the file's graph entries made as graph nodes (`ruleGraphEntries(f, true)`, see `AnalyzeOptions.graphNodes`) */
  graphNodes?: boolean;
}

/**
 * Per-file checks of an analysed rule file (the facade calls this with the rule model), and its
 * rules as the workspace rule graph sees them (for the file's summary: the workspace pass then
 * needs no second parse). One view for both.
 */
export function ruleFileChecks(path: string, text: string, model: RuleFileModel, o: FileCheckOptions = {}): { diagnostics: Diagnostic[]; graph: RuleGraphEntry[] } {
  const file = ruleFileView(path, text, model);
  const graph = ruleGraphEntries(file, o.graphNodes === true);
  // built if a check reads it
  const fileGraph = () => buildRuleGraphFromEntries([{ path, entries: graph }]);
  return { diagnostics: runChecks({ kind: 'rules', file }, { ...o, settings: settingsOf(o), fileGraph }), graph };
}

/**
 * The same checks split by scope, for the incremental path (incremental/rule-file.ts): `local`
 * runs the expression, rule and group checks (they read one group at a time), `file` the
 * file-scope checks (they compare rules across the file and read its graph); `fileMemo`: the
 * document's memo of the file checks that declare `reads` (run.ts).
 */
export function ruleFileChecksOfScope(file: RuleFileView, scope: 'local' | 'file', o: FileCheckOptions, fileGraph?: RuleGraph | (() => RuleGraph), fileMemo?: FileChecksMemo): Diagnostic[] {
  const checks = (o.checks ?? ALL_CHECKS).filter((c) => (c.scope === 'file') === (scope === 'file'));
  return runChecks({ kind: 'rules', file }, { ...o, checks, settings: settingsOf(o), fileGraph, fileMemo });
}

/** Checks of a bare PromQL expression (a `.promql` file, an editor query). */
export function checkExpression(text: string, o: FileCheckOptions & { features?: string[]; parsed?: ParsedPromQL } = {}): Diagnostic[] {
  const parsed = o.parsed ?? parsePromQL(text, { features: o.features });
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return [];
  return runChecks({ kind: 'promql', text, expr: exprFromAst(parsed.root, text) }, { ...o, settings: settingsOf(o) });
}

/**
 * The workspace pass, once: builds the rule graph of every rule file and runs the checks that need
 * it. Returns diagnostics per file path (files without findings are absent). `settingsFor` gives each
 * file its own `.promscope.yml` settings (else `checkSettings`/`checkOptions` hold for all). A host
 * that runs it after every change keeps a `WorkspacePass` instead.
 */
export function runWorkspaceChecks(files: readonly WorkspaceRuleFile[], o: WorkspacePassOptions = {}): Map<string, Diagnostic[]> {
  return new WorkspacePass({ ownGraph: false }).run(files, o);
}
