/** Document and range formatting of PromQL (the YAML around it is left as written). */
import { formatDocument } from '@promscope/core';
import type { DocumentFormattingParams, DocumentRangeFormattingParams, TextEdit } from 'vscode-languageserver';
import type { ServerContext } from '../context';
import { toOffsets, toTextEdit } from '../convert';

export function onFormatting(ctx: ServerContext, params: DocumentFormattingParams | DocumentRangeFormattingParams): TextEdit[] {
  const uri = params.textDocument.uri;
  const model = ctx.store.model(uri);
  const lines = ctx.store.lines(uri);
  if (!model || !lines) return [];
  const range = 'range' in params ? toOffsets(lines, params.range) : undefined;
  return formatDocument(model, range).map((e) => toTextEdit(lines, e));
}
