/** Document symbols (groups → rules, scrape jobs, receivers, tests) and workspace symbols (all rules). */
import type { Range } from '../diagnostics/types';
import type { DocumentModel } from './document-model';
import type { WorkspaceIndex } from './workspace-index';

export type SymbolKind = 'group' | 'record' | 'alert' | 'scrape-job' | 'receiver' | 'test';

export interface DocumentSymbolEntry {
  name: string;
  kind: SymbolKind;
  detail?: string;
  range: Range;
  selectionRange: Range;
  children: DocumentSymbolEntry[];
}

export interface WorkspaceSymbolEntry {
  name: string;
  kind: SymbolKind;
  uri: string;
  range: Range;
  container?: string;
}

function contains(outer: Range, inner: Range): Range {
  // LSP wants the selection inside the range
  return { start: Math.min(outer.start, inner.start), end: Math.max(outer.end, inner.end) };
}

export function documentSymbols(model: DocumentModel): DocumentSymbolEntry[] {
  const out: DocumentSymbolEntry[] = model.groups.map((g) => ({
    name: g.name || '(unnamed group)',
    kind: 'group',
    detail: `${g.rules.length} rule${g.rules.length === 1 ? '' : 's'}`,
    range: contains(g.range, g.nameRange),
    selectionRange: g.nameRange,
    children: g.rules.map((r) => ({
      name: r.name,
      kind: r.kind,
      detail: r.kind === 'record' ? 'recording rule' : 'alerting rule',
      range: contains(r.range, r.nameRange),
      selectionRange: r.nameRange,
      children: [],
    })),
  }));
  for (const b of model.blocks) out.push({ name: b.name, kind: b.kind, range: contains(b.range, b.nameRange), selectionRange: b.nameRange, children: [] });
  return out;
}

/** Rules of the whole workspace whose name contains the query (case-insensitive, in order). */
export function workspaceSymbols(index: WorkspaceIndex, query: string, limit = 500): WorkspaceSymbolEntry[] {
  const q = query.toLowerCase();
  const out: WorkspaceSymbolEntry[] = [];
  for (const { uri, rule } of index.allRules()) {
    if (q && !rule.name.toLowerCase().includes(q)) continue;
    out.push({ name: rule.name, kind: rule.kind, uri, range: rule.nameRange, container: rule.group });
    if (out.length >= limit) break;
  }
  return out;
}
