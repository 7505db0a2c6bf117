/** textDocument/semanticTokens/full: PromQL tokens, in the LSP relative encoding. */
import { SEMANTIC_TOKEN_TYPES, semanticTokens } from '@promscope/core';
import type { SemanticTokens, SemanticTokensLegend, SemanticTokensParams } from 'vscode-languageserver';
import type { ServerContext } from '../context';

export const legend: SemanticTokensLegend = { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [] };

export function onSemanticTokens(ctx: ServerContext, params: SemanticTokensParams): SemanticTokens {
  const uri = params.textDocument.uri;
  const model = ctx.store.model(uri);
  const lines = ctx.store.lines(uri);
  if (!model || !lines) return { data: [] };
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  for (const t of semanticTokens(model.text, model.regions)) {
    const p = lines.positionAt(t.start);
    const dl = p.line - prevLine;
    data.push(dl, dl === 0 ? p.character - prevChar : p.character, t.end - t.start, SEMANTIC_TOKEN_TYPES.indexOf(t.type), 0);
    prevLine = p.line;
    prevChar = p.character;
  }
  return { data };
}
