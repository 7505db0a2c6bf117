/** textDocument/documentSymbol (groups → rules, jobs, receivers) and workspace/symbol (all rules). */
import { documentSymbols, workspaceSymbols, type DocumentSymbolEntry } from '@promscope/core';
import type { CancellationToken, DocumentSymbol, DocumentSymbolParams, SymbolInformation, WorkspaceSymbolParams } from 'vscode-languageserver';
import type { ServerContext } from '../context';
import { SYMBOL_KIND, toRange } from '../convert';
import type { LineIndex } from '@promscope/core';

function convert(lines: LineIndex, s: DocumentSymbolEntry): DocumentSymbol {
  return {
    name: s.name || ' ',
    detail: s.detail,
    kind: SYMBOL_KIND[s.kind],
    range: toRange(lines, s.range),
    selectionRange: toRange(lines, s.selectionRange),
    children: s.children.map((c) => convert(lines, c)),
  };
}

export function onDocumentSymbol(ctx: ServerContext, params: DocumentSymbolParams): DocumentSymbol[] {
  const model = ctx.store.model(params.textDocument.uri);
  const lines = ctx.store.lines(params.textDocument.uri);
  if (!model || !lines) return [];
  return documentSymbols(model).map((s) => convert(lines, s));
}

export function onWorkspaceSymbol(ctx: ServerContext, params: WorkspaceSymbolParams, token: CancellationToken): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const s of workspaceSymbols(ctx.index, params.query)) {
    if (token.isCancellationRequested) break;
    const lines = ctx.store.lines(s.uri);
    if (!lines) continue;
    out.push({ name: s.name || ' ', kind: SYMBOL_KIND[s.kind], location: { uri: s.uri, range: toRange(lines, s.range) }, containerName: s.container });
  }
  return out;
}
