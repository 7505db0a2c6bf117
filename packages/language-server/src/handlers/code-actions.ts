/** textDocument/codeAction: quick fixes of the published diagnostics and "disable for this line". */
import { codeActions, promqlRegionAt, type PromQLRegion } from '@promscope/core';
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import type { ServerContext } from '../context';
import { toDiagnostic, toOffsets, toTextEdit } from '../convert';

/**
 * How long a request waits for the analysis of the document's text, when one is scheduled or under
 * way (the request came right after an edit): the fixes are made from that text's diagnostics.
 */
const ANALYSIS_WAIT_MS = 2_000;

export async function onCodeAction(ctx: ServerContext, params: CodeActionParams): Promise<CodeAction[]> {
  const uri = params.textDocument.uri;
  const text = ctx.store.get(uri)?.text;
  if (text !== undefined) await ctx.diagnostics.analysed(uri, text, ANALYSIS_WAIT_MS);
  const entry = ctx.store.get(uri);
  const lines = ctx.store.lines(uri);
  if (!entry || entry.text !== text || !lines || entry.analysis?.text !== entry.text) return [];
  const range = toOffsets(lines, params.range);
  const diagnostics = ctx.diagnostics.current(uri);
  // the PromQL regions where the diagnostics in range start, found as hover finds one (the model is
  // built only for layouts the cursor's fast path cannot read): not a whole-file model per request
  const doc = ctx.store.editorDocument(uri)!;
  const regions: PromQLRegion[] = [];
  for (const d of diagnostics) {
    if (d.range.start > range.end || d.range.end < range.start) continue;
    const r = promqlRegionAt(doc.kind, doc.text, d.range.start, doc.model);
    if (r && !regions.includes(r)) regions.push(r);
  }
  const actions = codeActions(entry.text, entry.kind, regions, diagnostics, range);
  return actions.map((a) => ({
    title: a.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [toDiagnostic(lines, a.diagnostic, uri, () => undefined)],
    edit: { changes: { [uri]: a.edits.map((e) => toTextEdit(lines, e)) } },
    ...(a.preferred ? { isPreferred: true } : {}),
  }));
}
