/** Cycles in the rule dependency graph (strongly connected components, Tarjan). */
import { dependenciesOf, graphDelta, type GraphDelta, type RuleGraph, type RuleNode } from './build';

const memo = new WeakMap<RuleGraph, RuleNode[][]>();

/**
 * Every set of rules that depend on each other in a loop (a rule reading its own output included).
 * Each cycle starts at its first rule in the graph's order and follows the dependencies from there
 * (`canonical`), and the cycles are in the order of their first rules: the answer depends on the
 * graph alone, not on where a search entered it. A graph updated from one whose cycles are known
 * (an editor's workspace pass after an edit) gets them from those and a search from the changed
 * rules only (`cyclesAfter`).
 */
export function findCycles(g: RuleGraph): RuleNode[][] {
  let c = memo.get(g);
  if (!c) {
    const delta = graphDelta(g);
    const before = delta && memo.get(delta.previous);
    c = before ? cyclesAfter(g, before, delta) : components(g, wholeGraphRoots(g)).cycles;
    c.sort((a, b) => a[0]!.id - b[0]!.id);
    memo.set(g, c);
  }
  return c;
}

/** a rule that reads no rule's output has no edge out: no cycle starts there (others still reach it) */
function* wholeGraphRoots(g: RuleGraph): Iterable<RuleNode> {
  for (const r of g.rules) if (readsARule(g, r)) yield r;
}

/**
 * The cycles of `g` from those of the graph it was updated from. An edge that appeared or went has
 * a changed rule at one end, so a cycle that changed holds a new rule, or held an old one (what is
 * left of it then is reached from its other rules). A search from those rules finds every such
 * cycle whole; the old cycles it did not reach are the same.
 */
function cyclesAfter(g: RuleGraph, before: readonly RuleNode[][], delta: GraphDelta): RuleNode[][] {
  const removed = new Set(delta.removed);
  const roots: RuleNode[] = [...delta.added];
  const kept: RuleNode[][] = [];
  for (const c of before) {
    if (!c.some((n) => removed.has(n))) kept.push(c);
    else for (const n of c) if (!removed.has(n)) roots.push(n);
  }
  const { cycles, visited } = components(g, roots);
  // an old cycle the search entered is part of one it found (its edges are all still there)
  for (const c of kept) if (!visited(c[0]!)) cycles.push(c);
  return cycles;
}

/** Tarjan's search from `roots`: the cycles among the rules reached, each whole, in canonical order. */
function components(g: RuleGraph, roots: Iterable<RuleNode>): { cycles: RuleNode[][]; visited: (n: RuleNode) => boolean } {
  // ids are 0..n-1: typed arrays instead of maps (a workspace can hold 100,000 rules)
  const n = g.rules.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: RuleNode[] = [];
  const out: RuleNode[][] = [];
  let counter = 0;
  const visit = (root: RuleNode) => {
    // iterative Tarjan, to stay safe on long chains
    const work: { n: RuleNode; deps: RuleNode[]; i: number }[] = [];
    const open = (x: RuleNode) => {
      index[x.id] = counter;
      low[x.id] = counter++;
      stack.push(x);
      onStack[x.id] = 1;
      work.push({ n: x, deps: dependenciesOf(g, x).map((d) => d.rule), i: 0 });
    };
    open(root);
    while (work.length) {
      const top = work[work.length - 1]!;
      if (top.i < top.deps.length) {
        const d = top.deps[top.i++]!;
        if (index[d.id] === -1) open(d);
        else if (onStack[d.id]) low[top.n.id] = Math.min(low[top.n.id]!, index[d.id]!);
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]!.n;
        low[parent.id] = Math.min(low[parent.id]!, low[top.n.id]!);
      }
      if (low[top.n.id] === index[top.n.id]) {
        const comp: RuleNode[] = [];
        let x: RuleNode;
        do {
          x = stack.pop()!;
          onStack[x.id] = 0;
          comp.push(x);
        } while (x.id !== top.n.id);
        const selfLoop = comp.length === 1 && dependenciesOf(g, comp[0]!).some((d) => d.rule.id === comp[0]!.id);
        if (comp.length > 1 || selfLoop) out.push(canonical(g, comp));
      }
    }
  };
  for (const r of roots) if (index[r.id] === -1) visit(r);
  return { cycles: out, visited: (x) => index[x.id] !== -1 };
}

/**
 * A cycle's rules in the order of a depth-first walk of its own edges from its first rule (lowest
 * id), each rule's dependencies in order: the same order whichever rule a search entered it by.
 */
function canonical(g: RuleGraph, comp: readonly RuleNode[]): RuleNode[] {
  const members = new Set(comp);
  let first = comp[0]!;
  for (const x of comp) if (x.id < first.id) first = x;
  const out: RuleNode[] = [];
  const seen = new Set<RuleNode>([first]);
  const work: { deps: RuleNode[]; i: number }[] = [];
  const open = (x: RuleNode) => {
    out.push(x);
    work.push({ deps: dependenciesOf(g, x).map((d) => d.rule), i: 0 });
  };
  open(first);
  while (work.length) {
    const top = work[work.length - 1]!;
    if (top.i >= top.deps.length) {
      work.pop();
      continue;
    }
    const d = top.deps[top.i++]!;
    if (members.has(d) && !seen.has(d)) {
      seen.add(d);
      open(d);
    }
  }
  return out;
}

function readsARule(g: RuleGraph, n: RuleNode): boolean {
  for (const u of n.uses) if ((u.kind === 'alert' ? g.alerts : g.producers).has(u.name)) return true;
  return false;
}
