/** textDocument/hover: core hover, with HELP/TYPE of the metric under the cursor when a Prometheus URL is set. */
import { hover, metricAt } from '@promscope/core';
import type { CancellationToken, Hover, HoverParams } from 'vscode-languageserver';
import { serviceContext, type ServerContext } from '../context';
import { toRange } from '../convert';
import { liveMetadataFor } from '../live-data';

export async function onHover(ctx: ServerContext, params: HoverParams, token: CancellationToken): Promise<Hover | null> {
  const uri = params.textDocument.uri;
  const doc = ctx.store.editorDocument(uri);
  const lines = ctx.store.lines(uri);
  if (!doc || !lines) return null;
  const offset = lines.offsetAt(params.position);
  const sc = serviceContext(ctx, uri);
  const client = ctx.prometheus();
  if (client) {
    sc.live = await liveMetadataFor(metricAt(doc, offset), client);
    if (token.isCancellationRequested) return null;
  }
  const h = hover(doc, offset, sc);
  return h ? { contents: { kind: 'markdown', value: h.contents }, range: toRange(lines, h.range) } : null;
}
