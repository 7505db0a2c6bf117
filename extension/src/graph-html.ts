/** The rule graph as an HTML page with an SVG (no `vscode` import: unit-tested under vitest). */
import type { GraphJson } from '../../packages/core/src/graph/render';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** layered layout: a rule's column is the length of the longest chain of rules it reads */
export function render(g: GraphJson, dot: string, csp: string): string {
  const depth = new Map<number, number>();
  const visiting = new Set<number>();
  const byId = new Map(g.rules.map((r) => [r.id, r]));
  const d = (id: number): number => {
    if (depth.has(id)) return depth.get(id)!;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const deps = byId.get(id)?.dependsOn.filter((x) => x !== id) ?? [];
    const v = deps.length ? 1 + Math.max(...deps.map(d)) : 0;
    visiting.delete(id);
    depth.set(id, v);
    return v;
  };
  g.rules.forEach((r) => d(r.id));
  const missing = g.undefinedRecordedMetrics;
  const cols: { label: string; kind: string; key: string }[][] = [];
  const pos = new Map<string, { x: number; y: number }>();
  if (missing.length) cols.push(missing.map((m) => ({ label: m, kind: 'missing', key: 'm:' + m })));
  const shift = missing.length ? 1 : 0;
  for (const r of g.rules) {
    const c = depth.get(r.id)! + shift;
    (cols[c] ??= []).push({ label: r.name, kind: r.kind, key: 'r:' + r.id });
  }
  const W = 230, H = 44, GX = 70, GY = 18;
  cols.forEach((col, ci) => col.forEach((n, ri) => pos.set(n.key, { x: 20 + ci * (W + GX), y: 20 + ri * (H + GY) })));
  const width = 40 + cols.length * (W + GX);
  const height = 40 + Math.max(1, ...cols.map((c) => c.length)) * (H + GY);
  const cyc = new Set(g.cycles.flat());
  const edges: string[] = [];
  for (const r of g.rules) {
    const from = pos.get('r:' + r.id)!;
    const targets = r.dependsOn.map((id) => ({ key: 'r:' + id, red: cyc.has(id) && cyc.has(r.id), dashed: false }));
    for (const u of r.uses) if (missing.includes(u)) targets.push({ key: 'm:' + u, red: false, dashed: true });
    for (const t of targets) {
      const to = pos.get(t.key);
      if (!to) continue;
      edges.push(`<line x1="${from.x}" y1="${from.y + H / 2}" x2="${to.x + W}" y2="${to.y + H / 2}" class="edge${t.red ? ' cycle' : ''}${t.dashed ? ' dashed' : ''}" marker-end="url(#arrow)"/>`);
    }
  }
  const nodes: string[] = [];
  for (const col of cols)
    for (const n of col) {
      const p = pos.get(n.key)!;
      const shape = n.kind === 'alert' ? `<ellipse cx="${p.x + W / 2}" cy="${p.y + H / 2}" rx="${W / 2}" ry="${H / 2}"/>` : `<rect x="${p.x}" y="${p.y}" width="${W}" height="${H}" rx="4"/>`;
      const label = n.label.length > 32 ? n.label.slice(0, 31) + '…' : n.label;
      nodes.push(`<g class="node ${n.kind}"><title>${esc(n.label)}</title>${shape}<text x="${p.x + W / 2}" y="${p.y + H / 2 + 4}">${esc(label)}</text></g>`);
    }
  const files = new Set(g.rules.map((r) => r.file));
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${csp} 'unsafe-inline'; script-src 'unsafe-inline';">
<style>
body{font-family:var(--vscode-font-family);color:var(--vscode-foreground)}
svg .node rect,svg .node ellipse{fill:var(--vscode-editor-background);stroke:var(--vscode-foreground)}
svg .node.alert ellipse{fill:#fde2e2;stroke:#c0392b} svg .node.alert text{fill:#222}
svg .node.missing rect{stroke-dasharray:4 3}
svg text{fill:var(--vscode-foreground);font-size:12px;text-anchor:middle;font-family:var(--vscode-editor-font-family)}
svg .edge{stroke:var(--vscode-descriptionForeground);stroke-width:1.2} svg .edge.cycle{stroke:#e74c3c;stroke-width:2} svg .edge.dashed{stroke-dasharray:4 3}
pre{background:var(--vscode-textCodeBlock-background);padding:8px;overflow:auto}
</style></head><body>
<h2>Rule dependency graph</h2>
<p id="summary">${g.rules.length} rules in ${files.size} file(s); ${g.cycles.length} cycle(s); ${missing.length} recorded metric(s) used but never recorded.</p>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="currentColor"/></marker></defs>${edges.join('')}${nodes.join('')}</svg>
<p><button id="open">Open as DOT</button> (render with <code>dot -Tsvg</code>)</p>
<details><summary>DOT</summary><pre>${esc(dot)}</pre></details>
<script>const vscode=acquireVsCodeApi();document.getElementById('open').onclick=()=>vscode.postMessage({type:'openDot'});</script>
</body></html>`;
}
