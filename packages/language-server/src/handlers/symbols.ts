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

/** The document's symbols, from the model of its text (waited for, not built on this thread: see `modelFromWorker`). */
export async function onDocumentSymbol(ctx: ServerContext, params: DocumentSymbolParams): Promise<DocumentSymbol[]> {
  const got = await ctx.store.modelFromWorker(params.textDocument.uri);
  if (!got) return [];
  return documentSymbols(got.model).map((s) => convert(got.lines, s));
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
