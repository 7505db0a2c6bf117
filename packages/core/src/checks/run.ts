/**
 * The runner: runs the registered checks over one rule file (or one bare PromQL expression) and
 * returns diagnostics in file offsets. Expression ranges are mapped through the `expr` scalar's
 * source map. Checks never throw; if one does, its findings for that input are dropped.
 */
import type { Diagnostic, Range, TextEdit } from '../diagnostics/types';
import { buildRuleGraph, type RuleGraph } from '../graph/build';
import type { Expr } from '../labelflow/expr';
import { labelFlow } from '../labelflow/flow';
import { exprFromText as buildExpr } from '../labelflow/from-ast';
import { settingForCode } from '../project-config/resolve';
import type { CheckSettings } from '../project-config/types';
import type { AnyCheck, CheckEnv, ParsedRule, Report } from './define';
import type { RuleFileView, TextValue } from './model';
import { ALL_CHECKS } from './registry';

export type CheckInput =
  | { kind: 'rules'; file: RuleFileView }
  /** a bare PromQL expression (a `.promql` file, an editor query); `expr` when already built */
  | { kind: 'promql'; text: string; expr?: Expr | null };

export interface RunChecksOptions {
  /** `.promscope.yml` check settings for this file (levels and options per code or family) */
  settings?: CheckSettings;
  /** seam for prometheus.yml: the scrape interval (ms) of a job, when the workspace config names it */
  scrapeIntervalForJob?: (job: string) => number | undefined;
  /** the default scrape interval in ms (prometheus.yml `global.scrape_interval`), default 1m */
  scrapeIntervalMs?: number;
  /** the global evaluation interval in ms (prometheus.yml `global.evaluation_interval`), default 1m */
  evaluationIntervalMs?: number;
  /** the workspace's rule graph (`buildRuleGraph(allFiles)`); default: the file alone */
  graph?: RuleGraph;
  /**
   * the graph of this file alone, when the caller has built it already, or a function that builds it
   * (called when a check reads the graph: none of the file's own checks may); does not enable
   * workspace checks
   */
  fileGraph?: RuleGraph | (() => RuleGraph);
  /** the checks to run (default: every registered check) */
  checks?: readonly AnyCheck[];
  /** tests: let a throwing check fail loudly */
  rethrow?: boolean;
}

export const DEFAULT_INTERVAL_MS = 60_000;

interface Resolved {
  check: AnyCheck;
  options: Record<string, unknown>;
  severity: Diagnostic['severity'];
}

/**
 * `resolveChecks` without settings (no `.promscope.yml` levels or options: every file of a run
 * without one), once per list of checks and with or without a workspace graph: the same objects
 * for every file, so that findings memoised per expression (`Split.exprMemo`) are shared between files.
 */
const resolvedWithoutSettings = new WeakMap<readonly AnyCheck[], { file?: Resolved[]; workspace?: Resolved[] }>();

function resolvedFor(options: RunChecksOptions): Resolved[] {
  if (options.settings !== undefined) return resolveChecks(options);
  const checks = options.checks ?? ALL_CHECKS;
  let m = resolvedWithoutSettings.get(checks);
  if (!m) resolvedWithoutSettings.set(checks, (m = {}));
  if (options.graph) return (m.workspace ??= resolveChecks(options));
  return (m.file ??= resolveChecks(options));
}

/** Which checks run, with which options and severity, under these settings. */
export function resolveChecks(options: RunChecksOptions): Resolved[] {
  const out: Resolved[] = [];
  for (const check of options.checks ?? ALL_CHECKS) {
    const s = options.settings ? settingForCode(options.settings, check.id) : undefined;
    const configured = s?.options !== undefined && Object.keys(s.options).length > 0;
    if (s?.level === 'off') continue;
    if (check.policy && !configured) continue;
    if (check.needsWorkspace && !options.graph) continue;
    if (check.enabledByDefault === false && !configured && (s?.level === undefined || s.level === 'default')) continue;
    const severity = s?.level && s.level !== 'default' ? s.level : check.severity;
    out.push({ check, options: { ...check.defaults, ...(s?.options ?? {}) }, severity });
  }
  return out;
}

function mapRange(v: TextValue, r: Range): Range {
  if (v.toFileRange) return v.toFileRange(r);
  const start = v.toFile(r.start);
  const end = r.end > r.start ? v.toFile(r.end - 1) + 1 : start;
  return { start, end: Math.max(start, end) };
}

function identity(r: Range): Range {
  return r;
}

/**
 * Every rule of the file with its expression view and label flow. `withExprs: false` (a run of
 * file-scope checks only: they read the rule views and the graph) leaves `expr` and `flow` null.
 */
export function parseRules(file: RuleFileView, withExprs = true): ParsedRule[] {
  const out: ParsedRule[] = [];
  for (const group of file.groups) {
    for (const rule of group.rules) {
      const expr = !withExprs ? null : rule.exprView !== undefined ? rule.exprView : rule.expr ? buildExpr(rule.expr.value) : null;
      // (the `expr` scalar read when a range is mapped: a moved view moves it when first read; its
      // origin says whether there is one)
      out.push({ rule, group, expr, flow: expr ? labelFlow(expr) : null, toFile: (rule.origin ?? rule).expr ? (r) => mapRange(rule.expr!, r) : identity });
    }
  }
  return out;
}

function makeEnv(options: RunChecksOptions, graph: () => RuleGraph): CheckEnv {
  const fileGraph = options.fileGraph;
  if (typeof fileGraph === 'function') graph = fileGraph;
  let g: RuleGraph | undefined = options.graph ?? (typeof fileGraph === 'function' ? undefined : fileGraph);
  return {
    jobScrapeIntervalMs: (job) => options.scrapeIntervalForJob?.(job),
    defaultScrapeIntervalMs: options.scrapeIntervalMs ?? DEFAULT_INTERVAL_MS,
    scrapeIntervalKnown: options.scrapeIntervalMs !== undefined,
    evaluationIntervalMs: options.evaluationIntervalMs ?? DEFAULT_INTERVAL_MS,
    get graph() {
      g ??= graph();
      return g;
    },
  };
}

export function runChecks(input: CheckInput, options: RunChecksOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const resolved = resolvedFor(options);
  const env = makeEnv(options, () => buildRuleGraph(input.kind === 'rules' ? [input.file] : []));
  // one report function per check; `map` is the current expression's range map (expr scope)
  let map: (x: Range) => Range = identity;
  const reporter = (r: Resolved) => (rep: Report) => {
    const d: Diagnostic = { code: r.check.id, severity: r.severity, range: map(rep.range), message: rep.message };
    if (rep.notes?.length) d.notes = rep.notes.map((n) => (n.range && !n.file ? { ...n, range: map(n.range) } : n));
    if (rep.fix) d.fix = { ...rep.fix, edits: rep.fix.edits.map((e: TextEdit) => ({ ...e, range: map(e.range) })) };
    out.push(d);
  };
  // a check that throws loses its findings for that input (tests rethrow)
  const failed = (e: unknown) => {
    if (options.rethrow) throw e;
  };

  if (input.kind === 'promql') {
    const expr = input.expr === undefined ? buildExpr(input.text) : input.expr;
    if (!expr) return out;
    const flow = labelFlow(expr);
    for (const r of resolved) {
      if (r.check.scope !== 'expr') continue;
      try {
        r.check.run({ expr, flow, text: input.text, options: r.options, env, report: reporter(r) });
      } catch (e) {
        failed(e);
      }
    }
    return out;
  }

  const parsed = parseRules(input.file, resolved.some((r) => r.check.scope !== 'file'));
  const file = input.file;
  // expression and rule checks: rule by rule, one context per rule that each check gets in turn
  // (with its options and report function); their order in `out` does not matter (sorted below)
  const { exprChecks, ruleChecks, exprMemo } = splitOf(resolved);
  const exprReports = exprChecks.map(reporter);
  const ruleReports = ruleChecks.map(reporter);
  // each check in turn over one context (its options and report function set for it)
  const inTurn = <C extends { options: Record<string, unknown>; report: (rep: Report) => void }>(checks: readonly Resolved[], reports: readonly ((rep: Report) => void)[], ctx: C) => {
    for (let k = 0; k < checks.length; k++) {
      ctx.options = checks[k]!.options;
      ctx.report = reports[k]!;
      try {
        checks[k]!.check.run(ctx as never);
      } catch (e) {
        failed(e);
      }
    }
  };
  for (let i = 0; i < parsed.length; i++) {
    const p = parsed[i]!;
    if (exprChecks.length > 0 && p.expr && p.flow && p.rule.expr) {
      map = p.toFile;
      const ctx = { expr: p.expr, flow: p.flow, text: p.rule.expr.value, rule: p.rule, group: p.group, file, options: {}, env, report: exprReports[0]! };
      // the findings of memoised checks on this very expression view (another rule with the same
      // expression, in this file or an earlier one) are reported again, in the same order
      let memo = exprMemo.get(p.expr);
      if (memo === undefined) exprMemo.set(p.expr, (memo = []));
      const alert = p.rule.kind === 'alert';
      for (let k = 0; k < exprChecks.length; k++) {
        const r = exprChecks[k]!;
        const report = exprReports[k]!;
        const how = r.check.memo;
        const slot = how === undefined ? -1 : how === 'expression' ? 2 * k : 2 * k + (alert ? 1 : 0);
        if (slot >= 0) {
          const seen = memo[slot];
          if (seen !== undefined) {
            for (let j = 0; j < seen.length; j++) report(seen[j]!);
            continue;
          }
        }
        ctx.options = r.options;
        let recorded: Report[] | undefined;
        if (slot >= 0) {
          const list: Report[] = (recorded = []);
          ctx.report = (rep: Report) => {
            list.push(rep);
            report(rep);
          };
        } else ctx.report = report;
        try {
          r.check.run(ctx as never);
        } catch (e) {
          // not memoised: the next rule with this expression runs it again (and fails the same way)
          failed(e);
          continue;
        }
        if (recorded !== undefined) memo[slot] = recorded;
      }
      map = identity;
    }
    if (ruleChecks.length > 0) inTurn(ruleChecks, ruleReports, { parsed: p, rule: p.rule, group: p.group, file, options: {}, env, report: ruleReports[0]! });
  }
  let byGroup: Map<unknown, ParsedRule[]> | undefined;
  for (const r of resolved) {
    const c = r.check;
    if (c.scope === 'group') {
      const report = reporter(r);
      byGroup ??= rulesByGroup(parsed);
      for (const group of file.groups) {
        try {
          c.run({ group, rules: byGroup.get(group) ?? [], file, options: r.options, env, report });
        } catch (e) {
          failed(e);
        }
      }
    } else if (c.scope === 'file') {
      try {
        c.run({ file, rules: parsed, options: r.options, env, report: reporter(r) });
      } catch (e) {
        failed(e);
      }
    }
  }
  out.sort((a, b) => a.range.start - b.range.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return out;
}

interface Split {
  exprChecks: Resolved[];
  ruleChecks: Resolved[];
  /**
   * findings of the memoised expression checks (`memo` in their definition) per expression view:
   * two slots per check of `exprChecks` (2k: not an alert or `memo: 'expression'`, 2k + 1: an alert)
   */
  exprMemo: WeakMap<Expr, (readonly Report[] | undefined)[]>;
}

/** the expression and rule checks of a resolved list, once per list (`resolvedFor` keeps lists) */
const splits = new WeakMap<readonly Resolved[], Split>();

function splitOf(resolved: readonly Resolved[]): Split {
  let s = splits.get(resolved);
  if (!s) {
    s = { exprChecks: resolved.filter((r) => r.check.scope === 'expr'), ruleChecks: resolved.filter((r) => r.check.scope === 'rule'), exprMemo: new WeakMap() };
    splits.set(resolved, s);
  }
  return s;
}

function rulesByGroup(parsed: readonly ParsedRule[]): Map<unknown, ParsedRule[]> {
  const byGroup = new Map<unknown, ParsedRule[]>();
  for (const p of parsed) {
    const list = byGroup.get(p.group);
    if (list) list.push(p);
    else byGroup.set(p.group, [p]);
  }
  return byGroup;
}
