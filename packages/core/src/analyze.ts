/**
 * The facade: one call analyses one file of any kind. Shells (CLI, language server) call this;
 * they never reach into the per-kind modules themselves. The kind is detected from the content
 * (detect.ts) unless the caller forces it. Cross-file checks run afterwards over the returned
 * summaries (`crossFileDiagnostics` in workspace/).
 */
import { analyzeAlertmanagerConfig, type AlertmanagerModel } from './alertmanager/index';
import { analyzePrometheusConfig, type PrometheusConfigModel } from './config/index';
import { analyzeDashboard } from './dashboard/index';
import { detectKind } from './detect';
import { AnalysisInterrupted, pollInterrupt } from './interrupt';
import { checkExpression, ruleFileChecks } from './checks/for-file';
import { intervalOptions, type IntervalOptions, type ScrapeIntervals } from './checks/scrape-intervals';
import type { Diagnostic } from './diagnostics/types';
import type { CheckSettings } from './project-config/types';
import type { FileKind, SourceFile } from './files';
import { withDefaults, type AnalyzerOptions } from './options';
import { parsePromQL } from './promql/index';
import { analyzeRuleFile } from './rules/file';
import { analyzeRuleFileIncremental, type RuleFileSession } from './incremental/rule-file';
import type { RuleFileModel } from './rules/model';
import { analyzeRuleTests } from './rules/rule-tests';
import { emptySummary, type FileSummary } from './workspace/summary';
import type { YamlLimits } from './yaml/limits';
import { encodingProblemDiagnostic, type EncodingProblem } from './yaml/bytes';

export interface AnalyzeInput extends SourceFile {
  /** force a kind instead of detecting it from the content */
  kind?: FileKind;
  /**
   * the file's bytes stop being UTF-8 here (`utf8Problem`; `text` is what a WHATWG decoder makes of
   * them): a YAML file gets the error its loader stops at (yaml.v3 and yaml.v2 read UTF-8 only) and
   * is analysed as decoded; a dashboard (Go's encoding/json reads such bytes as U+FFFD) and a PromQL
   * text are analysed as they are
   */
  encodingProblem?: EncodingProblem;
}

/** the kinds whose files Prometheus, Alertmanager, promtool or Kubernetes read with a Go YAML decoder */
const YAML_KINDS: ReadonlySet<FileKind> = new Set(['rules', 'prometheus-rule', 'rule-tests', 'prometheus-config', 'alertmanager-config']);

export interface FileResult {
  path: string;
  kind: FileKind;
  diagnostics: Diagnostic[];
  /** what the file contributes to workspace-level checks (names defined and referenced) */
  summary: FileSummary;
  /** the rule model, for rule files and PrometheusRule manifests */
  rules?: RuleFileModel;
  /** the prometheus.yml model (jobs, rule_files, referenced files) */
  config?: PrometheusConfigModel;
  /** the alertmanager.yml model (route tree, receivers, templates) */
  alertmanager?: AlertmanagerModel;
}

export interface AnalyzeOptions extends AnalyzerOptions {
  /** run the best-practice checks (checks/): on unless false (Prometheus-exact diagnostics only) */
  bestPractice?: boolean;
  /** `.promscope.yml` check settings of the file (enables off-by-default checks, policies) */
  checkSettings?: CheckSettings;
  /** per-check options (`checkOptionsOf(settings)`), when the full settings are not passed */
  checkOptions?: Record<string, Record<string, unknown>>;
  /** scrape/evaluation intervals from the workspace's prometheus.yml (`intervalsFromConfig(model)`) */
  checkIntervals?: IntervalOptions;
  /**
   * the same as plain data (`scrapeIntervalsOf(model)`, or `checkPrometheusLinks(...).intervals`),
   * for shells that cross a worker-thread boundary or cache options; `checkIntervals` wins
   */
  scrapeIntervals?: ScrapeIntervals;
  /** YAML limits against hostile input (see yaml/limits.ts) */
  yamlLimits?: Partial<YamlLimits>;
  /**
   * a rule file's graph entries (`summary.rules`) made as the nodes of a workspace graph
   * (`ruleGraphEntries(f, true)`): for a shell that builds one graph from every file's entries as
   * they are (the CLI); not for one that compares or encodes them again (a language server)
   */
  graphNodes?: boolean;
}

/**
 * `session`: an editor's memory of this document's earlier analyses (incremental/rule-file.ts):
 * a rule file is then analysed group by group, reusing the groups that did not change. The result
 * is the same except that `rules` (the rule model) is absent when the incremental path was taken.
 */
export function analyzeFile(input: AnalyzeInput, options?: Partial<AnalyzeOptions>, session?: RuleFileSession): FileResult {
  let kind: FileKind = input.kind ?? 'unknown';
  try {
    kind = input.kind ?? detectKind(input.text, input.path);
    const r = analyzeKind(input, kind, options, session);
    return input.encodingProblem && YAML_KINDS.has(r.kind) ? { ...r, diagnostics: [encodingProblemDiagnostic(input.encodingProblem), ...r.diagnostics] } : r;
  } catch (e) {
    if (e instanceof AnalysisInterrupted) throw e;
    // the analyzers never throw by design; this keeps a bug from taking the shell down
    const message = `internal error while analysing this file: ${e instanceof Error ? e.message : String(e)}`;
    return { path: input.path, kind, diagnostics: [{ code: 'internal', severity: 'error', range: { start: 0, end: 0 }, message }], summary: emptySummary(input.path, kind) };
  }
}

function analyzeKind(input: AnalyzeInput, kind: FileKind, options: Partial<AnalyzeOptions> | undefined, session?: RuleFileSession): FileResult {
  const opts = withDefaults(options);
  const base = { path: input.path, kind };
  const yamlLimits = options?.yamlLimits;
  const intervals = options?.checkIntervals ?? (options?.scrapeIntervals ? intervalOptions(options.scrapeIntervals) : undefined);
  const checkInput = { ...intervals, checkOptions: options?.checkOptions, checkSettings: options?.checkSettings, graphNodes: options?.graphNodes };
  switch (kind) {
    case 'promql': {
      const parsed = parsePromQL(input.text, { features: opts.features, prometheusVersion: opts.prometheusVersion });
      const checks = options?.bestPractice === false ? [] : checkExpression(input.text, { ...checkInput, parsed });
      return { ...base, diagnostics: [...parsed.diagnostics, ...checks], summary: emptySummary(input.path, kind) };
    }
    case 'rules':
    case 'prometheus-rule': {
      // an editor session: group by group, reusing what did not change (not with interval callbacks: they cannot be keyed)
      if (session && kind === 'rules' && options?.bestPractice !== false && !options?.checkIntervals) {
        const key = JSON.stringify([input.path, options ?? {}]);
        const r = analyzeRuleFileIncremental(input.text, { path: input.path, opts, checks: checkInput, key, yamlLimits }, session);
        if (r) return { ...base, diagnostics: r.diagnostics, summary: r.summary };
      }
      const r = analyzeRuleFile(input.text, opts, { path: input.path, kind, yamlLimits });
      // ── best-practice checks (issue 4, packages/core/src/checks): warnings/infos only; the
      // workspace-wide ones (undefined recorded metrics, cycles...) run in `runWorkspaceChecks`.
      if (options?.bestPractice === false) return { ...base, diagnostics: r.diagnostics, summary: r.summary, rules: r.model };
      pollInterrupt();
      const checks = ruleFileChecks(input.path, input.text, r.model, checkInput);
      // the summary carries the rules as the workspace graph sees them: the workspace pass then needs no second parse
      return { ...base, diagnostics: r.diagnostics.length === 0 ? checks.diagnostics : r.diagnostics.concat(checks.diagnostics), summary: { ...r.summary, rules: checks.graph }, rules: r.model };
    }
    case 'rule-tests': {
      const r = analyzeRuleTests(input.text, opts, { path: input.path, yamlLimits });
      return { ...base, diagnostics: r.diagnostics, summary: r.summary };
    }
    case 'dashboard': {
      const r = analyzeDashboard(input, { ...opts, checks: options?.bestPractice === false ? false : checkInput });
      return { ...base, diagnostics: r.diagnostics, summary: emptySummary(input.path, kind) };
    }
    case 'prometheus-config': {
      const r = analyzePrometheusConfig(input, { ...opts, yamlLimits });
      return { ...base, diagnostics: r.diagnostics, summary: emptySummary(input.path, kind), config: r.model };
    }
    case 'alertmanager-config': {
      const r = analyzeAlertmanagerConfig(input, { ...opts, yamlLimits });
      return { ...base, diagnostics: r.diagnostics, summary: emptySummary(input.path, kind), alertmanager: r.model };
    }
    case 'unknown':
      return { ...base, diagnostics: [], summary: emptySummary(input.path, kind) };
  }
}
