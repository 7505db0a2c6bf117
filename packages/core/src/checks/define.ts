/**
 * The check-module shape. One check per file under `checks/<group>/<name>.ts`; its id is that
 * path (`promql/regex-literal`). Metadata sits next to the logic; `examples` are run as tests and
 * rendered into `docs/checks/<id>.md` by `scripts/gen-docs.mjs`.
 */
import type { Fix, Note, Range, Severity } from '../diagnostics/types';
import type { Expr } from '../labelflow/expr';
import type { LabelFlow } from '../labelflow/flow';
import type { RuleGraph } from '../graph/build';
import type { GroupView, RuleFileView, RuleView } from './model';

export type CheckSeverity = Exclude<Severity, 'error'>;

/** Where a check runs: once per PromQL expression, per rule, per group or per file. */
export type CheckScope = 'expr' | 'rule' | 'group' | 'file';

export interface Report {
  range: Range;
  message: string;
  notes?: Note[];
  fix?: Fix;
}

export interface OptionDoc {
  description: string;
  default?: unknown;
}

/** What the environment knows: scrape and evaluation intervals, the workspace rule graph. */
export interface CheckEnv {
  /** the scrape interval (ms) of a job, when the workspace's prometheus.yml names it */
  jobScrapeIntervalMs(job: string): number | undefined;
  /** the default scrape interval (ms): prometheus.yml `global.scrape_interval`, else 1m */
  defaultScrapeIntervalMs: number;
  /** false when `defaultScrapeIntervalMs` is only Prometheus's default, not read from any configuration */
  scrapeIntervalKnown: boolean;
  /** the global evaluation interval (group default), ms */
  evaluationIntervalMs: number;
  /** the rule dependency graph of the workspace (this file alone when none was given) */
  graph: RuleGraph;
}

/** A rule with its parsed expression (null when it has none or it does not parse). */
export interface ParsedRule {
  rule: RuleView;
  group: GroupView;
  expr: Expr | null;
  flow: LabelFlow | null;
  /** expression range → file range */
  toFile(r: Range): Range;
}

interface BaseContext<O> {
  options: O;
  env: CheckEnv;
  report(r: Report): void;
}

export interface ExprContext<O> extends BaseContext<O> {
  expr: Expr;
  flow: LabelFlow;
  /** the expression text */
  text: string;
  /** set when the expression is a rule's `expr` */
  rule?: RuleView;
  group?: GroupView;
  file?: RuleFileView;
}

export interface RuleContext<O> extends BaseContext<O> {
  parsed: ParsedRule;
  rule: RuleView;
  group: GroupView;
  file: RuleFileView;
}

export interface GroupContext<O> extends BaseContext<O> {
  group: GroupView;
  rules: ParsedRule[];
  file: RuleFileView;
}

export interface FileContext<O> extends BaseContext<O> {
  file: RuleFileView;
  /**
   * every rule of the file, in order; when only file-scope checks run (the incremental path) their
   * `expr` and `flow` are null: a file-scope check reads the rule views (`rule.expr` is non-null
   * exactly when the expression is valid) and the graph
   */
  rules: ParsedRule[];
}

interface Meta<O> {
  id: string;
  severity: CheckSeverity;
  summary: string;
  /** why it matters (docs) */
  why: string;
  /** how to fix (docs) */
  howToFix?: string;
  links?: string[];
  /** off unless turned on in `.promscope.yml` (default: on) */
  enabledByDefault?: boolean;
  /** a team policy: runs only when its options are configured */
  policy?: boolean;
  /**
   * reads the whole workspace's rule graph: runs only when one is given (`runWorkspaceChecks`).
   * Such a check reads `env.graph` and the file's `path` and `text` only: in the workspace pass the
   * file may be known by its summary alone (its view then has no groups). Of the graph it reads its
   * file's rules, the lists (producers, alerts, users) of the names they record or read, and
   * `findCycles`: a `WorkspacePass` checks a file again only when one of those changed.
   */
  needsWorkspace?: boolean;
  /**
   * an expression check whose findings depend on nothing but the expression (`expr`, `flow`,
   * `text`) and its options — `'expression-and-rule-kind'`: and whether the rule is an alert
   * (`ctx.rule.kind`) — is run once per expression view: a rule whose expression view has been
   * checked before (the same expression text elsewhere in the file or the run) gets the same
   * findings again without running it. Such a check must not read `rule` (but its `kind`),
   * `group`, `file` or `env` (test/checks/memo.test.ts holds them to that).
   */
  memo?: 'expression' | 'expression-and-rule-kind';
  defaults: O;
  optionDocs?: Record<keyof O & string, OptionDoc>;
  /** pint check names this check answers to in `# pint disable ...` comments */
  pint?: string[];
  examples: {
    /** PromQL expressions for `expr` checks; rule files (YAML) otherwise — or either, by content */
    valid: string[];
    invalid: string[];
    /** options used when running the examples (policy checks) */
    options?: Partial<O>;
  };
}

export type CheckDefinition<O = Record<string, never>> = Meta<O> &
  (
    | { scope: 'expr'; run(ctx: ExprContext<O>): void }
    | { scope: 'rule'; run(ctx: RuleContext<O>): void }
    | { scope: 'group'; run(ctx: GroupContext<O>): void }
    | {
        scope: 'file';
        run(ctx: FileContext<O>): void;
        /**
         * What the check reads of one rule, as a string, for a check whose findings depend on
         * nothing but these strings, rule by rule in file order, and its options, and that reports
         * at rules' `nameRange`s only (each finding and each note). An editor's incremental analysis
         * then reuses the last run's findings, at the rules' new name ranges, while no rule's string
         * changed: a keystroke in an expression the check does not read costs it nothing
         * (run.ts `FileChecksMemo`). Such a check must not read `file`, `env` or anything of a rule
         * its string leaves out (test/checks/file-reads.test.ts holds the checks to that).
         */
        reads?: (rule: RuleView) => string;
      }
  );

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCheck = CheckDefinition<any>;

export function defineCheck<O extends object = Record<string, never>>(def: CheckDefinition<O>): CheckDefinition<O> {
  return def;
}
