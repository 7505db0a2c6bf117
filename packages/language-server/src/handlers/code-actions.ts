/** textDocument/codeAction: quick fixes of the published diagnostics and "disable for this line". */
import { codeActions } from '@promscope/core';
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import type { ServerContext } from '../context';
import { toDiagnostic, toOffsets, toTextEdit } from '../convert';

export function onCodeAction(ctx: ServerContext, params: CodeActionParams): CodeAction[] {
  const uri = params.textDocument.uri;
  const entry = ctx.store.get(uri);
  const lines = ctx.store.lines(uri);
  if (!entry || !lines || entry.analysis?.text !== entry.text) return [];
  const model = ctx.store.model(uri);
  const actions = codeActions(entry.text, entry.kind, model?.regions ?? [], ctx.diagnostics.current(uri), toOffsets(lines, params.range));
  return actions.map((a) => ({
    title: a.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [toDiagnostic(lines, a.diagnostic, uri, () => undefined)],
    edit: { changes: { [uri]: a.edits.map((e) => toTextEdit(lines, e)) } },
    ...(a.preferred ? { isPreferred: true } : {}),
  }));
}
