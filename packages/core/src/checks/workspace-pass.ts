/**
 * The workspace pass (checks that need every rule file: undefined recorded metrics, unused
 * recording rules, cycles), run again and again by a long-lived host: a language server runs it
 * after every edit. It keeps each file's findings and checks a file again only when the change can
 * reach them: the file itself changed, or the rule graph changed around the names its rules record
 * or read, or a cycle through its rules appeared or went.
 */
import type { Diagnostic } from '../diagnostics/types';
import { buildRuleGraphFromEntries, graphDelta, ruleGraphEntries, type GraphMemo, type RuleGraph, type RuleGraphEntry, type RuleNode } from '../graph/build';
import { findCycles } from '../graph/cycles';
import type { CheckSettings } from '../project-config/types';
import type { AnyCheck } from './define';
import type { FileCheckOptions } from './for-file';
import type { RuleFileView } from './model';
import { ruleFileView, ruleFileViewFromText } from './model-from-rules';
import { ALL_CHECKS } from './registry';
import { runChecks, type RunChecksOptions } from './run';
import type { RuleFileModel } from '../rules/model';

export interface WorkspaceRuleFile {
  path: string;
  text: string;
  /** the rule model when already built (else the text is parsed again) */
  model?: RuleFileModel;
  /** the file's graph entries (its summary's `rules`): then neither text nor model is parsed */
  graph?: readonly RuleGraphEntry[];
}

export interface WorkspacePassOptions extends FileCheckOptions {
  /** each file's `.promscope.yml` settings (else `checkSettings`/`checkOptions` hold for all); the same object while they are the same */
  settingsFor?: (path: string) => CheckSettings;
  /** the files whose findings are wanted (the graph still holds every file); default all */
  only?: ReadonlySet<string>;
}

/** what a file's findings were computed from */
interface Checked {
  text: string;
  entries: readonly RuleGraphEntry[];
  settings: CheckSettings | undefined;
  checks: readonly AnyCheck[];
  diagnostics: Diagnostic[];
}

export class WorkspacePass {
  /**
   * `ownGraph: false` (a pass run once): the graph memo shared by all callers, so that a workspace
   * of one file gets the graph its own checks built. By default the pass keeps its own, so that no
   * other graph comes between its runs and each graph is updated from the last.
   */
  constructor(options: { ownGraph?: boolean } = {}) {
    this.graphs = options.ownGraph === false ? undefined : {};
  }
  private readonly graphs: GraphMemo | undefined;
  /** the graph of the last run, and its cycles */
  private graph: RuleGraph | undefined;
  private cycles: readonly RuleNode[][] = [];
  private readonly checked = new Map<string, Checked>();
  /** files whose findings a change of the graph since they were computed may have changed */
  private readonly stale = new Set<string>();
  /** how many files the last run checked (the others' findings were kept) */
  lastChecked = 0;

  /** Findings per file path (files without findings are absent), of every file or of `o.only`. */
  run(files: readonly WorkspaceRuleFile[], o: WorkspacePassOptions = {}): Map<string, Diagnostic[]> {
    // Workspace checks read the graph and the file's path and text only (see `needsWorkspace`): a
    // file known by its graph entries gets a view without groups.
    const views: RuleFileView[] = files.map((f) =>
      f.graph ? { path: f.path, text: f.text, groups: [] } : f.model ? ruleFileView(f.path, f.text, f.model) : ruleFileViewFromText(f.path, f.text),
    );
    const input = files.map((f, i) => ({ path: f.path, entries: f.graph ?? ruleGraphEntries(views[i]!) }));
    const graph = buildRuleGraphFromEntries(input, this.graphs);
    if (graph !== this.graph) this.follow(graph);
    const checks: AnyCheck[] = (o.checks ?? ALL_CHECKS).filter((c) => c.needsWorkspace);
    const shared = o.settingsFor ? undefined : settingsOf(o);
    const out = new Map<string, Diagnostic[]>();
    this.lastChecked = 0;
    // the checks' options, one object per settings (`settingsFor` gives the same object while they
    // are the same): not a copy of `o` for each of the 5,000 files of a big workspace
    const optionsFor = new Map<CheckSettings | undefined, RunChecksOptions>();
    for (let i = 0; i < views.length; i++) {
      const file = views[i]!;
      if (o.only && !o.only.has(file.path)) continue;
      const settings = o.settingsFor ? o.settingsFor(file.path) : shared;
      const entries = input[i]!.entries;
      let done = this.checked.get(file.path);
      if (!done || this.stale.has(file.path) || done.text !== file.text || done.entries !== entries || done.settings !== settings || !sameChecks(done.checks, checks)) {
        let options = optionsFor.get(settings);
        if (options === undefined) optionsFor.set(settings, (options = { ...o, checks, graph, settings }));
        done = { text: file.text, entries, settings, checks, diagnostics: runChecks({ kind: 'rules', file }, options) };
        this.checked.set(file.path, done);
        this.stale.delete(file.path);
        this.lastChecked++;
      }
      if (done.diagnostics.length) out.set(file.path, done.diagnostics);
    }
    if (!o.only && this.checked.size > views.length) {
      const present = new Set(files.map((f) => f.path));
      for (const path of this.checked.keys()) if (!present.has(path)) this.checked.delete(path);
    }
    return out;
  }

  /**
   * Marks the files whose findings the new graph can change. What a workspace check may read (see
   * `needsWorkspace`): its file's rules, the rules that record or read the names its rules record
   * or read, and the cycles. So when the graph was updated from the last one, a file is stale when
   * one of its rules is such a neighbour of a changed rule, or a cycle through it changed; else
   * every file is. (A changed file is checked again anyway: its entries are new.)
   */
  private follow(g: RuleGraph): void {
    const delta = graphDelta(g);
    const cycles = findCycles(g);
    if (!delta || delta.previous !== this.graph) {
      for (const path of this.checked.keys()) this.stale.add(path);
    } else {
      const mark = (nodes: readonly RuleNode[] | undefined) => {
        if (nodes) for (const n of nodes) this.stale.add(n.file);
      };
      for (const changed of [delta.removed, delta.added]) {
        for (const n of changed) {
          mark(g.users.get(n.name));
          mark(g.producers.get(n.name));
          mark(g.alerts.get(n.name));
          for (const u of n.uses) {
            mark(g.producers.get(u.name));
            mark(g.alerts.get(u.name));
          }
        }
      }
      // a cycle kept from the last graph is the same array (findCycles): the others appeared or went
      const now = new Set(cycles);
      const then = new Set(this.cycles);
      for (const c of this.cycles) if (!now.has(c)) mark(c);
      for (const c of cycles) if (!then.has(c)) mark(c);
    }
    this.graph = g;
    this.cycles = cycles;
  }
}

function sameChecks(a: readonly AnyCheck[], b: readonly AnyCheck[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `.promscope.yml` settings from the options: the settings, or per-check options only */
export function settingsOf(o: FileCheckOptions): CheckSettings | undefined {
  if (o.checkSettings) return o.checkSettings;
  if (!o.checkOptions) return undefined;
  return Object.fromEntries(Object.entries(o.checkOptions).map(([code, options]) => [code, { options }]));
}
