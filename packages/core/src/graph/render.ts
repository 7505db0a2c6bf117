/** Renders the rule graph for people (Graphviz DOT) and programs (JSON). */
import { dependenciesOf, type RuleGraph } from './build';
import { findCycles } from './cycles';

function dotId(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * DOT: one node per rule (boxes for recording rules, ellipses for alerts), an edge from each rule
 * to the rules whose output it reads, one cluster per file+group, metrics read but produced by no
 * rule as dashed nodes only when they look recorded (contain a colon). Cycle edges are red.
 */
export function graphToDot(g: RuleGraph): string {
  const lines = ['digraph rules {', '  rankdir=LR;', '  node [fontname="Helvetica"];'];
  const inCycle = new Set(findCycles(g).flat().map((n) => n.id));
  const clusters = new Map<string, number[]>();
  for (const n of g.rules) {
    const key = `${n.file} / ${n.group}`;
    const l = clusters.get(key) ?? [];
    l.push(n.id);
    clusters.set(key, l);
  }
  let ci = 0;
  for (const [key, ids] of clusters) {
    lines.push(`  subgraph cluster_${ci++} {`, `    label=${dotId(key)};`);
    for (const id of ids) {
      const n = g.rules[id];
      lines.push(`    r${id} [label=${dotId(n.name)}, shape=${n.kind === 'record' ? 'box' : 'ellipse'}${n.kind === 'alert' ? ', style=filled, fillcolor="#fde2e2"' : ''}];`);
    }
    lines.push('  }');
  }
  const missing = new Set<string>();
  for (const n of g.rules) {
    const seen = new Set<string>();
    for (const d of dependenciesOf(g, n)) {
      const e = `  r${n.id} -> r${d.rule.id}${inCycle.has(n.id) && inCycle.has(d.rule.id) ? ' [color=red]' : ''};`;
      if (!seen.has(e)) lines.push(e);
      seen.add(e);
    }
    for (const u of n.uses) {
      if (u.kind === 'metric' && u.name.includes(':') && !g.producers.has(u.name)) {
        if (!missing.has(u.name)) lines.push(`  ${dotId('missing:' + u.name)} [label=${dotId(u.name)}, shape=box, style=dashed];`);
        missing.add(u.name);
        lines.push(`  r${n.id} -> ${dotId('missing:' + u.name)} [style=dashed];`);
      }
    }
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

export interface GraphJson {
  rules: { id: number; kind: string; name: string; file: string; group: string; uses: string[]; dependsOn: number[] }[];
  undefinedRecordedMetrics: string[];
  cycles: number[][];
}

export function graphToJson(g: RuleGraph): GraphJson {
  const undefinedMetrics = new Set<string>();
  for (const n of g.rules) for (const u of n.uses) if (u.kind === 'metric' && u.name.includes(':') && !g.producers.has(u.name)) undefinedMetrics.add(u.name);
  return {
    rules: g.rules.map((n) => ({
      id: n.id,
      kind: n.kind,
      name: n.name,
      file: n.file,
      group: n.group,
      uses: [...new Set(n.uses.map((u) => (u.kind === 'alert' ? `ALERTS{alertname="${u.name}"}` : u.name)))],
      dependsOn: [...new Set(dependenciesOf(g, n).map((d) => d.rule.id))],
    })),
    undefinedRecordedMetrics: [...undefinedMetrics].sort(),
    cycles: findCycles(g).map((c) => c.map((n) => n.id)),
  };
}
