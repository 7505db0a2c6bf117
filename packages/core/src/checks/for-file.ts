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
import type { AnyCheck } from './define';
import type { RuleFileView } from './model';
import { ruleFileView, ruleFileViewFromText } from './model-from-rules';
import { ALL_CHECKS } from './registry';
import { runChecks, type RunChecksOptions } from './run';

/** What the facade receives from the shells: check settings, or at least per-check options. */
export interface FileCheckOptions extends Omit<RunChecksOptions, 'graph' | 'settings'> {
  /** `.promscope.yml` settings for the file (levels and options) */
  checkSettings?: CheckSettings;
  /** per-check options only (what `checkOptionsOf(settings)` gives) */
  checkOptions?: Record<string, Record<string, unknown>>;
}

function settingsOf(o: FileCheckOptions): CheckSettings | undefined {
  if (o.checkSettings) return o.checkSettings;
  if (!o.checkOptions) return undefined;
  return Object.fromEntries(Object.entries(o.checkOptions).map(([code, options]) => [code, { options }]));
}

/**
 * Per-file checks of an analysed rule file (the facade calls this with the rule model), and its
 * rules as the workspace rule graph sees them (for the file's summary: the workspace pass then
 * needs no second parse). One view for both.
 */
export function ruleFileChecks(path: string, text: string, model: RuleFileModel, o: FileCheckOptions = {}): { diagnostics: Diagnostic[]; graph: RuleGraphEntry[] } {
  const file = ruleFileView(path, text, model);
  const graph = ruleGraphEntries(file);
  const fileGraph = buildRuleGraphFromEntries([{ path, entries: graph }]);
  return { diagnostics: runChecks({ kind: 'rules', file }, { ...o, settings: settingsOf(o), fileGraph }), graph };
}

/**
 * The same checks split by scope, for the incremental path (incremental/rule-file.ts): `local`
 * runs the expression, rule and group checks (they read one group at a time), `file` the
 * file-scope checks (they compare rules across the file and read its graph).
 */
export function ruleFileChecksOfScope(file: RuleFileView, scope: 'local' | 'file', o: FileCheckOptions, fileGraph?: RuleGraph): Diagnostic[] {
  const checks = (o.checks ?? ALL_CHECKS).filter((c) => (c.scope === 'file') === (scope === 'file'));
  return runChecks({ kind: 'rules', file }, { ...o, checks, settings: settingsOf(o), fileGraph });
}

/** Checks of a bare PromQL expression (a `.promql` file, an editor query). */
export function checkExpression(text: string, o: FileCheckOptions & { features?: string[]; parsed?: ParsedPromQL } = {}): Diagnostic[] {
  const parsed = o.parsed ?? parsePromQL(text, { features: o.features });
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return [];
  return runChecks({ kind: 'promql', text, expr: exprFromAst(parsed.root, text) }, { ...o, settings: settingsOf(o) });
}

export interface WorkspaceRuleFile {
  path: string;
  text: string;
  /** the rule model when already built (else the text is parsed again) */
  model?: RuleFileModel;
  /** the file's graph entries (its summary's `rules`): then neither text nor model is parsed */
  graph?: readonly RuleGraphEntry[];
}

/**
 * The workspace pass: builds the rule graph of every rule file and runs the checks that need it.
 * Returns diagnostics per file path (files without findings are absent). `settingsFor` gives each
 * file its own `.promscope.yml` settings (else `checkSettings`/`checkOptions` hold for all).
 */
export function runWorkspaceChecks(
  files: readonly WorkspaceRuleFile[],
  o: FileCheckOptions & {
    settingsFor?: (path: string) => CheckSettings;
    /** the files whose findings are wanted (the graph still holds every file); default all */
    only?: ReadonlySet<string>;
  } = {},
): Map<string, Diagnostic[]> {
  // Workspace checks read the graph and the file's path and text only (see `needsWorkspace`): a
  // file known by its graph entries gets a view without groups.
  const views: RuleFileView[] = files.map((f) =>
    f.graph ? { path: f.path, text: f.text, groups: [] } : f.model ? ruleFileView(f.path, f.text, f.model) : ruleFileViewFromText(f.path, f.text),
  );
  const graph = buildRuleGraphFromEntries(files.map((f, i) => ({ path: f.path, entries: f.graph ?? ruleGraphEntries(views[i]!) })));
  const checks: AnyCheck[] = (o.checks ?? ALL_CHECKS).filter((c) => c.needsWorkspace);
  const out = new Map<string, Diagnostic[]>();
  for (const file of views) {
    if (o.only && !o.only.has(file.path)) continue;
    const settings = o.settingsFor ? o.settingsFor(file.path) : settingsOf(o);
    const ds = runChecks({ kind: 'rules', file }, { ...o, checks, graph, settings });
    if (ds.length) out.set(file.path, ds);
  }
  return out;
}
