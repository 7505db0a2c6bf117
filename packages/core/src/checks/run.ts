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
import type { AnyCheck, CheckEnv, ExprContext, ParsedRule, Report, RuleContext } from './define';
import type { RuleFileView, RuleView, TextValue } from './model';
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
  /**
   * the findings of the file checks that declare `reads`, kept from the last run over the same
   * document (an editor's incremental analysis keeps one per document): reused while what they read
   * is the same
   */
  fileMemo?: FileChecksMemo;
}

/**
 * What the file checks that declare `reads` (define.ts) found in the last run over a document, per
 * check: the strings they read of each rule and their findings, each range as the index of the
 * rule whose name range it is. A run whose rules read the same strings gets those findings again,
 * at the rules' new name ranges (the same diagnostic objects where those ranges are the same
 * objects), without running the check or even building the parsed rules.
 */
export interface FileChecksMemo {
  byCheck: Map<string, FileCheckMemo>;
  /** counters (tests): checks whose findings were reused, and checks that ran */
  stats: { reused: number; ran: number };
}

interface FileCheckMemo {
  /** the check's severity and options (other settings: another memo) */
  key: string;
  reads: string[];
  /** the rule views (moved views: their origins) the strings were read of */
  origins: RuleView[];
  /** undefined: the last findings cannot be placed again (a range that is no rule's name range) */
  findings: MemoFinding[] | undefined;
  /** each rule view's string (a moved view's is its origin's: kept by the origin) */
  readsOf: WeakMap<RuleView, string>;
}

interface MemoFinding {
  d: Diagnostic;
  /** the rule whose name range is the finding's range */
  at: number;
  /** per note: the rule whose name range is its range, -1 for a note without a range */
  notesAt: number[] | undefined;
}

export function createFileChecksMemo(): FileChecksMemo {
  return { byCheck: new Map(), stats: { reused: 0, ran: 0 } };
}

export const DEFAULT_INTERVAL_MS = 60_000;

interface Resolved {
  check: AnyCheck;
  options: Record<string, unknown>;
  severity: Diagnostic['severity'];
}

/**
 * `resolveChecks` once per list of checks, settings (by their content: a worker thread gets each
 * file's settings as a copy of its own) and with or without a workspace graph: the same objects for
 * every file of a run under the same settings, so that findings memoised per expression
 * (`Split.exprMemo`) are shared between files.
 */
const resolvedLists = new WeakMap<readonly AnyCheck[], Map<string, Resolved[]>>();
/** the content key of a settings object (its JSON: settings are plain data read from YAML) */
const settingsKeys = new WeakMap<CheckSettings, string>();
/** enough for the distinct settings (overrides) of one workspace */
const RESOLVED_MAX = 64;

function resolvedFor(options: RunChecksOptions): Resolved[] {
  const checks = options.checks ?? ALL_CHECKS;
  let lists = resolvedLists.get(checks);
  if (!lists) resolvedLists.set(checks, (lists = new Map()));
  const s = options.settings;
  let sk = '';
  if (s !== undefined) {
    const known = settingsKeys.get(s);
    if (known !== undefined) sk = known;
    else {
      try {
        sk = JSON.stringify(s);
      } catch {
        return resolveChecks(options); // not plain data (a cycle): not remembered
      }
      settingsKeys.set(s, sk);
    }
  }
  const key = (options.graph ? 'w' : 'f') + sk;
  let r = lists.get(key);
  if (!r) {
    if (lists.size >= RESOLVED_MAX) lists.clear();
    lists.set(key, (r = resolveChecks(options)));
  }
  return r;
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
 * `report`, also recording each report in `list`. Made here, not inline in `runChecks`' loop: a
 * closure made there captures the loop's block-scoped variables, and V8 then allocates a context
 * for that block on every pass, made or not (once per rule and expression check: ~75 MB of
 * short-lived contexts in a run of 100,000 rules).
 */
function recording(list: Report[], report: (rep: Report) => void): (rep: Report) => void {
  return (rep) => {
    list.push(rep);
    report(rep);
  };
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

/**
 * The checks' environment for one run. A class, not an object literal with a getter: such a literal
 * is made through the runtime every time (~0.5 µs: one per file and per file again in the workspace
 * pass, ~17 ms of a 5,000-file run in a profile); an instance of this is a plain allocation.
 */
class Env implements CheckEnv {
  readonly defaultScrapeIntervalMs: number;
  readonly scrapeIntervalKnown: boolean;
  readonly evaluationIntervalMs: number;
  private g: RuleGraph | undefined;
  /** makes the graph when first read, if none was given: `options.fileGraph` when a function, else `fallback` */
  private readonly make: () => RuleGraph;

  constructor(
    private readonly options: RunChecksOptions,
    fallback: () => RuleGraph,
  ) {
    const fileGraph = options.fileGraph;
    this.make = typeof fileGraph === 'function' ? fileGraph : fallback;
    this.g = options.graph ?? (typeof fileGraph === 'function' ? undefined : fileGraph);
    this.defaultScrapeIntervalMs = options.scrapeIntervalMs ?? DEFAULT_INTERVAL_MS;
    this.scrapeIntervalKnown = options.scrapeIntervalMs !== undefined;
    this.evaluationIntervalMs = options.evaluationIntervalMs ?? DEFAULT_INTERVAL_MS;
  }

  jobScrapeIntervalMs(job: string): number | undefined {
    return this.options.scrapeIntervalForJob?.(job);
  }

  get graph(): RuleGraph {
    return (this.g ??= this.make());
  }
}

export function runChecks(input: CheckInput, options: RunChecksOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const resolved = resolvedFor(options);
  const env = new Env(options, () => buildRuleGraph(input.kind === 'rules' ? [input.file] : []));
  // one report function per check; `map` is the current expression's range map (expr scope)
  let map: (x: Range) => Range = identity;
  // (in file offsets already, a report's notes and fix are the diagnostic's as they are: a check
  // makes a report for this call alone; a memoised one is reported again through a range map)
  const reporter = (r: Resolved) => (rep: Report) => {
    const d: Diagnostic = { code: r.check.id, severity: r.severity, range: map(rep.range), message: rep.message };
    if (rep.notes?.length) d.notes = map === identity ? rep.notes : rep.notes.map((n) => (n.range && !n.file ? { ...n, range: map(n.range) } : n));
    if (rep.fix) d.fix = map === identity ? rep.fix : { ...rep.fix, edits: rep.fix.edits.map((e: TextEdit) => ({ ...e, range: map(e.range) })) };
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

  // the parsed rules, made when a check needs them (file checks whose findings are reused do not)
  const withExprs = resolved.some((r) => r.check.scope !== 'file');
  let parsedRules: ParsedRule[] | undefined;
  const parsedAll = () => (parsedRules ??= parseRules(input.file, withExprs));
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
  const parsed = exprChecks.length > 0 || ruleChecks.length > 0 ? parsedAll() : [];
  // one context per scope for the whole file, set to each rule in turn (as its options and report
  // function are set to each check in turn): two objects a rule were ~15% of what the checks allocated
  let ctx: ExprContext<Record<string, unknown>> | undefined;
  let ruleCtx: RuleContext<Record<string, unknown>> | undefined;
  for (let i = 0; i < parsed.length; i++) {
    const p = parsed[i]!;
    if (exprChecks.length > 0 && p.expr && p.flow && p.rule.expr) {
      map = p.toFile;
      if (ctx === undefined) ctx = { expr: p.expr, flow: p.flow, text: p.rule.expr.value, rule: p.rule, group: p.group, file, options: {}, env, report: exprReports[0]! };
      else {
        ctx.expr = p.expr;
        ctx.flow = p.flow;
        ctx.text = p.rule.expr.value;
        ctx.rule = p.rule;
        ctx.group = p.group;
      }
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
        if (slot >= 0) ctx.report = recording((recorded = []), report);
        else ctx.report = report;
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
    if (ruleChecks.length > 0) {
      if (ruleCtx === undefined) ruleCtx = { parsed: p, rule: p.rule, group: p.group, file, options: {}, env, report: ruleReports[0]! };
      else {
        ruleCtx.parsed = p;
        ruleCtx.rule = p.rule;
        ruleCtx.group = p.group;
      }
      inTurn(ruleChecks, ruleReports, ruleCtx);
    }
  }
  let byGroup: Map<unknown, ParsedRule[]> | undefined;
  // the file's rule views in order, once for all the file checks with a memo
  let ruleViews: RuleView[] | undefined;
  for (const r of resolved) {
    const c = r.check;
    if (c.scope === 'group') {
      const report = reporter(r);
      byGroup ??= rulesByGroup(parsedAll());
      // indexed: a for-of over a file's groups deoptimised this whole function once per file when
      // their arrays were of two elements kinds (~500 times in the 5,140-file run; `ruleFileView`
      // now makes them all packed: an empty one, of small integers, never enters the loop)
      const groups = file.groups;
      for (let gi = 0; gi < groups.length; gi++) {
        const group = groups[gi]!;
        try {
          c.run({ group, rules: byGroup.get(group) ?? [], file, options: r.options, env, report });
        } catch (e) {
          failed(e);
        }
      }
    } else if (c.scope === 'file') {
      try {
        const memo = c.reads && options.fileMemo;
        if (memo) runWithMemo(r, c.reads!, memo, (ruleViews ??= file.groups.flatMap((g) => g.rules)), out, () => c.run({ file, rules: parsedAll(), options: r.options, env, report: reporter(r) }));
        else c.run({ file, rules: parsedAll(), options: r.options, env, report: reporter(r) });
      } catch (e) {
        failed(e);
      }
    }
  }
  out.sort((a, b) => a.range.start - b.range.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return out;
}

/**
 * A file check that declares `reads`: its last findings at the rules' new name ranges when every
 * rule reads as in the last run, else `run` (its findings appended to `out`), remembered for the next.
 */
function runWithMemo(r: Resolved, reads: (rule: RuleView) => string, store: FileChecksMemo, views: readonly RuleView[], out: Diagnostic[], run: () => void): void {
  const key = `${r.severity}\u0000${JSON.stringify(r.options)}`;
  let m = store.byCheck.get(r.check.id);
  if (!m || m.key !== key) store.byCheck.set(r.check.id, (m = { key, reads: [], origins: [], findings: undefined, readsOf: new WeakMap() }));
  const now = new Array<string>(views.length);
  const origins = new Array<RuleView>(views.length);
  let same = m.findings !== undefined && m.reads.length === views.length;
  for (let i = 0; i < views.length; i++) {
    const v = views[i]!;
    // a moved view reads as its origin: the string is kept by the origin, which later runs meet
    // again (at the same index: the last run's string)
    const o = v.origin ?? v;
    origins[i] = o;
    let s: string | undefined;
    if (m.origins[i] === o) s = m.reads[i]!;
    else {
      s = m.readsOf.get(o);
      if (s === undefined) m.readsOf.set(o, (s = reads(v)));
      if (same && m.reads[i] !== s) same = false;
    }
    now[i] = s;
  }
  m.reads = now;
  m.origins = origins;
  if (same) {
    store.stats.reused++;
    for (const f of m.findings!) out.push(placed(f, views));
    return;
  }
  store.stats.ran++;
  const from = out.length;
  // a check that throws leaves nothing to reuse (what it reported before it threw stays in `out`)
  m.findings = undefined;
  run();
  m.findings = memoFindings(out, from, views);
}

/** the finding at the rules' name ranges now (the last diagnostic itself when they are the same) */
function placed(f: MemoFinding, views: readonly RuleView[]): Diagnostic {
  const d = f.d;
  const range = views[f.at]!.nameRange;
  let same = range === d.range;
  if (same && f.notesAt) for (let j = 0; j < f.notesAt.length && same; j++) same = f.notesAt[j]! < 0 || views[f.notesAt[j]!]!.nameRange === d.notes![j]!.range;
  if (same) return d;
  const moved: Diagnostic = { ...d, range };
  if (f.notesAt) moved.notes = d.notes!.map((n, j) => (f.notesAt![j]! < 0 ? n : { ...n, range: views[f.notesAt![j]!]!.nameRange }));
  f.d = moved;
  return moved;
}

/** the findings `out[from..]` as a memo, or undefined when one of their ranges is no rule's name range (or carries a fix) */
function memoFindings(out: readonly Diagnostic[], from: number, views: readonly RuleView[]): MemoFinding[] | undefined {
  const found: MemoFinding[] = [];
  if (out.length === from) return found;
  const byStart = new Map<number, number>();
  for (let i = views.length - 1; i >= 0; i--) byStart.set(views[i]!.nameRange.start, i);
  const ruleAt = (x: Range): number => {
    const k = byStart.get(x.start);
    return k !== undefined && views[k]!.nameRange.end === x.end ? k : -1;
  };
  for (let i = from; i < out.length; i++) {
    const d = out[i]!;
    const at = ruleAt(d.range);
    if (at < 0 || d.fix) return undefined;
    let notesAt: number[] | undefined;
    if (d.notes) {
      notesAt = [];
      for (const n of d.notes) {
        if (n.file) return undefined;
        const k = n.range ? ruleAt(n.range) : -1;
        if (n.range && k < 0) return undefined;
        notesAt.push(k);
      }
    }
    found.push({ d, at, notesAt });
  }
  return found;
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
