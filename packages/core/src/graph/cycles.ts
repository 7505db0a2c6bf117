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
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: RuleNode[] = [];
  const out: RuleNode[][] = [];
  let counter = 0;
  const visit = (root: RuleNode) => {
    // iterative Tarjan, to stay safe on long chains
    const work: { n: RuleNode; deps: RuleNode[]; i: number }[] = [];
    const open = (n: RuleNode) => {
      index.set(n.id, counter);
      low.set(n.id, counter++);
      stack.push(n);
      onStack.add(n.id);
      work.push({ n, deps: dependenciesOf(g, n).map((d) => d.rule), i: 0 });
    };
    open(root);
    while (work.length) {
      const top = work[work.length - 1];
      if (top.i < top.deps.length) {
        const d = top.deps[top.i++];
        if (!index.has(d.id)) open(d);
        else if (onStack.has(d.id)) low.set(top.n.id, Math.min(low.get(top.n.id)!, index.get(d.id)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].n;
        low.set(parent.id, Math.min(low.get(parent.id)!, low.get(top.n.id)!));
      }
      if (low.get(top.n.id) === index.get(top.n.id)) {
        const comp: RuleNode[] = [];
        let x: RuleNode;
        do {
          x = stack.pop()!;
          onStack.delete(x.id);
          comp.push(x);
        } while (x.id !== top.n.id);
        const selfLoop = comp.length === 1 && dependenciesOf(g, comp[0]).some((d) => d.rule.id === comp[0].id);
        if (comp.length > 1 || selfLoop) out.push(comp.reverse());
      }
    }
  };
  for (const n of g.rules) if (!index.has(n.id)) visit(n);
  return out;
}
