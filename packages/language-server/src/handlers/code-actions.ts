/** textDocument/codeAction: quick fixes of the published diagnostics and "disable for this line". */
import { codeActions, promqlRegionAt, type PromQLRegion } from '@promscope/core';
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import type { ServerContext } from '../context';
import { toDiagnostic, toOffsets, toTextEdit } from '../convert';

export function onCodeAction(ctx: ServerContext, params: CodeActionParams): CodeAction[] {
  const uri = params.textDocument.uri;
  const entry = ctx.store.get(uri);
  const lines = ctx.store.lines(uri);
  if (!entry || !lines || entry.analysis?.text !== entry.text) return [];
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
