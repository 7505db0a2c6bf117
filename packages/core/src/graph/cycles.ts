/** Cycles in the rule dependency graph (strongly connected components, Tarjan). */
import { dependenciesOf, type RuleGraph, type RuleNode } from './build';

/** Every set of rules that depend on each other in a loop (a rule reading its own output included). */
const memo = new WeakMap<RuleGraph, RuleNode[][]>();

export function findCycles(g: RuleGraph): RuleNode[][] {
  let c = memo.get(g);
  if (!c) {
    c = tarjan(g);
    memo.set(g, c);
  }
  return c;
}

function tarjan(g: RuleGraph): RuleNode[][] {
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
        if (comp.length > 1 || selfLoop) out.push(comp.reverse());
      }
    }
  };
  // a rule that reads no rule's output has no edge out: no cycle starts there (others still reach it)
  for (const r of g.rules) if (index[r.id] === -1 && readsARule(g, r)) visit(r);
  return out;
}

function readsARule(g: RuleGraph, n: RuleNode): boolean {
  for (const u of n.uses) if ((u.kind === 'alert' ? g.alerts : g.producers).has(u.name)) return true;
  return false;
}
