/**
 * The rule dependency graph of a workspace: which rule produces which recorded metric, which rule
 * uses which metric (and which alert, through `ALERTS{alertname="..."}`), and cycles between rules.
 * Built from the rule-file views of every file; pure data, rendered by `render.ts`.
 */
import { pushAll } from '../text/arrays';
import type { Range } from '../diagnostics/types';
import type { RuleFileView, RuleKind } from '../checks/model';
import { selectors, type Expr } from '../labelflow/expr';
import { exprFromText as buildExpr } from '../labelflow/from-ast';

export interface MetricUse {
  /** the metric name (or the alert name for `ALERTS{alertname="..."}` uses) */
  name: string;
  kind: 'metric' | 'alert';
  /** where, in the file */
  range: Range;
}

export interface RuleNode {
  /** index in `RuleGraph.rules` */
  id: number;
  file: string;
  group: string;
  /** position of the group in its file and of the rule in its group */
  groupIndex: number;
  index: number;
  kind: RuleKind;
  name: string;
  nameRange: Range;
  uses: MetricUse[];
}

export interface RuleGraph {
  rules: RuleNode[];
  /** recorded metric name → the recording rules that produce it */
  producers: Map<string, RuleNode[]>;
  /** alert name → alerting rules */
  alerts: Map<string, RuleNode[]>;
  /**
   * metric (or alert) name → the rules that use it. Made when first read (`rules/unused-recording-rule`,
   * off by default, and an editor's updated graphs read it; a CLI run's workspace pass does not):
   * ~200,000 names of the 100,000 rules of a 5,000-file workspace, ~15 ms of its run.
   */
  readonly users: Map<string, RuleNode[]>;
  /** file path → its rules, in order (per-file checks read these, not all rules) */
  byFile: Map<string, RuleNode[]>;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

type ExprUse = { name: string; kind: 'metric' | 'alert'; range: Range };

/** the uses of each expression view (the graph's entries and `rules/same-group-order` both read them) */
const usesOfView = new WeakMap<Expr, readonly ExprUse[]>();

/** Metrics and alerts a PromQL expression reads, with ranges in expression offsets. */
export function metricUses(exprText: string, view?: Expr | null): readonly ExprUse[] {
  const e = view !== undefined ? view : buildExpr(exprText);
  if (!e) return [];
  const known = usesOfView.get(e);
  if (known) return known;
  const out: ExprUse[] = [];
  for (const s of selectors(e)) {
    if (s.name === undefined) continue;
    if (s.name === 'ALERTS' || s.name === 'ALERTS_FOR_STATE') {
      const an = s.matchers.find((m) => m.label === 'alertname' && m.op === '=');
      if (an) out.push({ name: an.value, kind: 'alert', range: an.valueRange });
      continue;
    }
    out.push({ name: s.name, kind: 'metric', range: s.nameRange ?? s.range });
  }
  if (view) usesOfView.set(view, out);
  return out;
}

/**
 * A rule as the graph sees it, without its graph id and file (the file it comes with gives that):
 * plain data, small, as it crosses worker threads and is kept in caches.
 */
export type RuleGraphEntry = Omit<RuleNode, 'id' | 'file'>;

/**
 * The graph entries of one rule file (what its workspace summary carries). `asNodes`: each entry is
 * made as the file's node of a graph (`RuleNode`: with its `file` and an `id`), which a graph built
 * from these entries (`buildRuleGraphFromEntries`) takes as it is instead of a copy of each rule: for
 * a shell that builds one workspace graph from every file's entries (the CLI: 100,000 rules, ~11 MB
 * less at the peak, ~0.98x the time). Such entries have two fields more, and every graph built from
 * them sets their `id`: not for entries compared field by field or encoded again (a language
 * server's, see its wire.ts).
 */
export function ruleGraphEntries(f: RuleFileView, asNodes = false): RuleGraphEntry[] {
  const out: RuleGraphEntry[] = [];
  const file = f.path;
  const groups = f.groups;
  for (let groupIndex = 0; groupIndex < groups.length; groupIndex++) {
    const group = groups[groupIndex]!;
    const rules = group.rules;
    for (let index = 0; index < rules.length; index++) {
      const r = rules[index]!;
      const expr = r.expr;
      // metricUses, with the ranges mapped into the file; an array of the exact length (a workspace
      // run keeps every rule's: one grown by push kept room for 17, ~130 bytes more a rule)
      const found = expr ? metricUses(expr.value, r.exprView) : [];
      const uses: MetricUse[] = new Array<MetricUse>(found.length);
      for (let k = 0; k < found.length; k++) {
        const u = found[k]!;
        uses[k] = { name: u.name, kind: u.kind, range: { start: expr!.toFile(u.range.start), end: expr!.toFile(u.range.end) } };
      }
      if (asNodes) {
        const node: RuleNode = { group: group.name, groupIndex, index, kind: r.kind, name: r.name, nameRange: r.nameRange, uses, file, id: -1 };
        out.push(node);
      } else out.push({ group: group.name, groupIndex, index, kind: r.kind, name: r.name, nameRange: r.nameRange, uses });
    }
  }
  if (asNodes && out.length > 0) madeAsNodes.add(out);
  return out;
}

/**
 * The entries arrays made as nodes (`ruleGraphEntries(f, true)`): a graph takes them as they are
 * without looking at every entry (100,000 of them, ~5 ms of a 5,000-file workspace pass).
 */
const madeAsNodes = new WeakSet<readonly RuleGraphEntry[]>();

export function buildRuleGraph(files: readonly RuleFileView[]): RuleGraph {
  return buildRuleGraphFromEntries(files.map((f) => ({ path: f.path, entries: ruleGraphEntries(f) })));
}

/**
 * The nodes made for an entries array, kept while the array lives: a language server rebuilding the
 * graph after each edit gets the same node objects back for every unchanged file (only their ids
 * are set again), instead of copying every rule of the workspace.
 */
const nodesOf = new WeakMap<readonly RuleGraphEntry[], { path: string; nodes: RuleNode[] }>();

/** The last graph built, with its input (see `buildRuleGraphFromEntries`). */
export interface GraphMemo {
  last?: { files: { path: string; entries: readonly RuleGraphEntry[] }[]; graph: RuleGraph };
}

/**
 * The last graph built from more than one file: a language server runs the workspace pass for the
 * edited document and, soon after, for every document over the same summaries: the second call
 * gets the same graph back (and `findCycles` its memo).
 */
const shared: GraphMemo = {};
/**
 * The same for the last graph of one file alone (kept apart from `shared`, which a file's own checks
 * must not push out): the file's checks build it (`ruleFileChecks`), and a run whose workspace is
 * that one file (`promscope check rules.yml`) passes the same entries to the workspace pass.
 */
const sharedAlone: GraphMemo = {};

function sameInput(a: readonly { path: string; entries: readonly RuleGraphEntry[] }[], b: readonly { path: string; entries: readonly RuleGraphEntry[] }[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.path !== b[i]!.path || a[i]!.entries !== b[i]!.entries) return false;
  return true;
}

/**
 * The graph of rule files given by their entries (`ruleGraphEntries`), in file order (a file's
 * entries may come in consecutive parts). Entries arrays are never modified once made: an
 * identical input (the same arrays in the same order) gives the graph of the last call again, and
 * an input that differs in a few files the last graph updated (`updatedGraph`). `memo`: a caller's
 * own last graph (a `WorkspacePass`: no other caller's graph comes between its graphs), else one
 * shared by all callers.
 */
export function buildRuleGraphFromEntries(files: readonly { path: string; entries: readonly RuleGraphEntry[] }[], memo: GraphMemo = files.length > 1 ? shared : sharedAlone): RuleGraph {
  const last = memo.last;
  if (last && sameInput(last.files, files)) {
    // nodes are shared between graphs (see `nodesOf`): their ids are this graph's again
    const rules = last.graph.rules;
    for (let i = 0; i < rules.length; i++) rules[i]!.id = i;
    return last.graph;
  }
  const g = (last && files.length > 1 && updatedGraph(last, files)) || buildGraph(files);
  if (files.length > 0) memo.last = { files: files.map((f) => ({ path: f.path, entries: f.entries })), graph: g };
  return g;
}

/** A graph whose `users` map is made from its rules when first read, then kept (see `RuleGraph.users`). */
class Graph implements RuleGraph {
  constructor(
    readonly rules: RuleNode[],
    readonly producers: Map<string, RuleNode[]>,
    readonly alerts: Map<string, RuleNode[]>,
    readonly byFile: Map<string, RuleNode[]>,
    private made: Map<string, RuleNode[]> | undefined,
  ) {}

  get users(): Map<string, RuleNode[]> {
    return (this.made ??= usersOf(this.rules));
  }

  /** the `users` map if it was made (an updated graph takes it over, else makes its own when read) */
  usersIfMade(): Map<string, RuleNode[]> | undefined {
    return this.made;
  }
}

/** name → the rules that read it, each rule once per name, in rule order */
function usersOf(rules: readonly RuleNode[]): Map<string, RuleNode[]> {
  const users = new Map<string, RuleNode[]>();
  for (const n of rules) {
    // each name once per rule (a rule reads few names: a scan beats a Set per rule)
    const uses = n.uses;
    for (let i = 0; i < uses.length; i++) {
      const name = uses[i]!.name;
      let seen = false;
      for (let j = 0; j < i && !seen; j++) seen = uses[j]!.name === name;
      if (!seen) push(users, name, n);
    }
  }
  return users;
}

/** @internal the graph built whole, without the memo (tests hold the update to it) */
export function buildGraph(files: readonly { path: string; entries: readonly RuleGraphEntry[] }[]): RuleGraph {
  const g = { rules: [] as RuleNode[], producers: new Map<string, RuleNode[]>(), alerts: new Map<string, RuleNode[]>(), byFile: new Map<string, RuleNode[]>() };
  // the byFile arrays this call made by joining parts (its own: safe to append to)
  const joined = new Set<RuleNode[]>();
  for (const { path, entries } of files) {
    const nodes = nodesFor(path, entries);
    if (nodes.length > 0) {
      // a file may come in several consecutive parts (an editor's incremental analysis: one per
      // group): the first part's array is copied once, later parts are appended to the copy
      const before = g.byFile.get(path);
      if (!before) g.byFile.set(path, nodes);
      else if (joined.has(before)) pushAll(before, nodes);
      else {
        const all = before.concat(nodes);
        joined.add(all);
        g.byFile.set(path, all);
      }
    }
    for (const node of nodes) {
      node.id = g.rules.length;
      g.rules.push(node);
      push(node.kind === 'record' ? g.producers : g.alerts, node.name, node);
    }
  }
  return new Graph(g.rules, g.producers, g.alerts, g.byFile, undefined);
}

/**
 * the nodes of an entries array for a file (made once per array: see `nodesOf`); entries made as
 * this file's nodes (`ruleGraphEntries(f, true)`) are their own nodes
 */
function nodesFor(path: string, entries: readonly RuleGraphEntry[]): RuleNode[] {
  let made = nodesOf.get(entries);
  if (!made || made.path !== path) {
    made = { path, nodes: areNodesOf(entries, path) ? (entries as RuleNode[]) : entries.map((e) => nodeOf(e, path)) };
    nodesOf.set(entries, made);
  }
  return made.nodes;
}

function areNodesOf(entries: readonly RuleGraphEntry[], path: string): entries is readonly RuleNode[] {
  // (all of one file's: the first entry's file is theirs)
  return madeAsNodes.has(entries) && (entries[0] as RuleNode).file === path;
}

/** at most this many changed files for `updatedGraph` (more: the graph is built whole) */
const MAX_UPDATED = 16;

/**
 * The graph of `files` from the last one when they differ from its input in a few files (an
 * editor's workspace pass after edits): the other files' nodes and name lists are kept, the changed
 * files' nodes replace their old ones in the lists that name them. The same rules, ids, lists and
 * `byFile` as `buildGraph` (the maps' key order aside: nothing iterates them). Undefined when the
 * input is another shape or too much changed (the caller builds the graph whole).
 *
 * The last graph's maps are updated in place and become the new graph's (copying them cost more
 * than the rest of a keystroke's workspace pass in a big workspace: four maps of every name, for a
 * change in one file): a graph is valid until `buildRuleGraphFromEntries` is called with another
 * input. Its callers use it within one pass.
 */
function updatedGraph(prev: NonNullable<GraphMemo['last']>, files: readonly { path: string; entries: readonly RuleGraphEntry[] }[]): RuleGraph | undefined {
  const before = prev.files;
  if (before.length !== files.length) return undefined;
  const changed = new Map<string, RuleNode[]>();
  const seen = new Set<string>();
  for (let i = 0; i < files.length; i++) {
    const path = files[i]!.path;
    // one entries array per file (several consecutive parts of one file: built whole)
    if (path !== before[i]!.path || seen.has(path)) return undefined;
    seen.add(path);
    if (files[i]!.entries === before[i]!.entries) continue;
    if (changed.size >= MAX_UPDATED) return undefined;
    changed.set(path, nodesFor(path, files[i]!.entries));
  }
  if (changed.size === 0) return undefined;
  // from here on the last graph is changed into the new one (nothing above has touched it)
  const { byFile, producers, alerts } = prev.graph;
  // (a users map not made for the last graph is not made for this one either, until read)
  const users = prev.graph instanceof Graph ? prev.graph.usersIfMade() : prev.graph.users;
  const oldNodes: RuleNode[] = [];
  for (const path of changed.keys()) pushAll(oldNodes, byFile.get(path) ?? []);
  const newNodes: RuleNode[] = [];
  for (const nodes of changed.values()) pushAll(newNodes, nodes);
  // the rules in file order, each changed file's replaced; ids are positions (nodes are shared
  // between graphs: every id is set again)
  const rules: RuleNode[] = [];
  for (const { path } of files) {
    const fresh = changed.get(path);
    if (fresh) {
      if (fresh.length > 0) byFile.set(path, fresh);
      else byFile.delete(path);
    }
    const nodes = fresh ?? byFile.get(path);
    if (nodes) pushAll(rules, nodes);
  }
  for (let i = 0; i < rules.length; i++) rules[i]!.id = i;
  // each list that names an old or a new node of a changed file: its other nodes, and the new ones, in id order
  const relist = (m: Map<string, RuleNode[]>, take: (n: RuleNode) => readonly string[]) => {
    // per name: the new nodes that name it, in id order, each once
    const added = new Map<string, RuleNode[]>();
    for (const n of oldNodes) for (const name of take(n)) if (!added.has(name)) added.set(name, []);
    for (const n of newNodes) {
      for (const name of take(n)) {
        let l = added.get(name);
        if (!l) added.set(name, (l = []));
        if (l[l.length - 1] !== n) l.push(n);
      }
    }
    for (const [name, add] of added) {
      // the kept nodes are in id order already (ids moved, their order did not), and so are the
      // new ones: merged, not sorted (a name like `up` can have thousands of users)
      const kept = (m.get(name) ?? []).filter((n) => !changed.has(n.file));
      const list = add.length === 0 ? kept : mergeById(kept, add);
      if (list.length > 0) m.set(name, list);
      else m.delete(name);
    }
  };
  relist(producers, (n) => (n.kind === 'record' ? [n.name] : []));
  relist(alerts, (n) => (n.kind === 'record' ? [] : [n.name]));
  if (users) relist(users, (n) => n.uses.map((u) => u.name));
  const g: RuleGraph = new Graph(rules, producers, alerts, byFile, users);
  // the last graph's own delta goes: it is not a graph any more (its maps are this one's), and its
  // delta would keep the graph before it, and that one's... every graph since the last whole build
  // (a typing session kept 676 of them, each with an array of every rule of the workspace)
  deltas.delete(prev.graph);
  deltas.set(g, { previous: prev.graph, removed: oldNodes, added: newNodes });
  return g;
}

/**
 * What changed from one graph to the next when the next was updated from it (`updatedGraph`): the
 * changed files' nodes before (no longer in any graph: their ids are stale) and after. Every
 * edge (a use → a rule that produces the name) that appeared or went has a changed node at one end,
 * so what follows the graph (its cycles, the workspace pass's findings) is updated from the nodes
 * here and their neighbours.
 */
export interface GraphDelta {
  /** the graph this one was updated from (its maps are this one's now: only memos keyed by it are still of use) */
  previous: RuleGraph;
  removed: readonly RuleNode[];
  added: readonly RuleNode[];
}

const deltas = new WeakMap<RuleGraph, GraphDelta>();

/** How `g` was updated from the graph before it; undefined when it was built whole. */
export function graphDelta(g: RuleGraph): GraphDelta | undefined {
  return deltas.get(g);
}

/** two lists of nodes in id order, as one */
function mergeById(a: readonly RuleNode[], b: readonly RuleNode[]): RuleNode[] {
  const out: RuleNode[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]!.id < b[j]!.id ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

// the fields written out rather than `{ ...e, file, id }`: V8 gives every object made by a spread
// plus new keys a map of its own (slow to make, and every later access to the nodes megamorphic)
function nodeOf(e: RuleGraphEntry, file: string): RuleNode {
  return { group: e.group, groupIndex: e.groupIndex, index: e.index, kind: e.kind, name: e.name, nameRange: e.nameRange, uses: e.uses, file, id: -1 };
}

/** The rules a rule depends on: producers of the metrics it reads, alerts it reads via ALERTS. */
export function dependenciesOf(g: RuleGraph, n: RuleNode): { use: MetricUse; rule: RuleNode }[] {
  const out: { use: MetricUse; rule: RuleNode }[] = [];
  for (const u of n.uses) for (const r of (u.kind === 'alert' ? g.alerts : g.producers).get(u.name) ?? []) out.push({ use: u, rule: r });
  return out;
}

/** Is this metric name a recorded one by convention (it has a colon)? */
export function isRecordedName(name: string): boolean {
  return name.includes(':');
}
