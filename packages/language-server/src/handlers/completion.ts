/** textDocument/completion: core completion at the cursor, plus live data when a Prometheus URL is set. */
import { complete, cursorContext } from '@promscope/core';
import type { CancellationToken, CompletionList, CompletionParams } from 'vscode-languageserver';
import { serviceContext, type ServerContext } from '../context';
import { toCompletionItem } from '../convert';
import { liveDataFor } from '../live-data';

export async function onCompletion(ctx: ServerContext, params: CompletionParams, token: CancellationToken): Promise<CompletionList | null> {
  const uri = params.textDocument.uri;
  const doc = ctx.store.editorDocument(uri);
  const lines = ctx.store.lines(uri);
  if (!doc || !lines) return null;
  const offset = lines.offsetAt(params.position);
  const cursor = cursorContext(doc, offset);
  const sc = serviceContext(ctx, uri);
  const client = ctx.prometheus();
  if (client && cursor.promql) {
    sc.live = await liveDataFor(cursor.promql, client);
    if (token.isCancellationRequested) return null;
  }
  const result = complete(doc, offset, sc, cursor);
  return { isIncomplete: result.isIncomplete, items: result.items.map((c) => toCompletionItem(lines, c)) };
}
