/** textDocument/signatureHelp: the call around the cursor and its active parameter. */
import { signature } from '@promscope/core';
import type { SignatureHelp, SignatureHelpParams } from 'vscode-languageserver';
import type { ServerContext } from '../context';

export function onSignatureHelp(ctx: ServerContext, params: SignatureHelpParams): SignatureHelp | null {
  const uri = params.textDocument.uri;
  const doc = ctx.store.editorDocument(uri);
  const lines = ctx.store.lines(uri);
  if (!doc || !lines) return null;
  const s = signature(doc, lines.offsetAt(params.position));
  if (!s) return null;
  return {
    signatures: [{ label: s.label, documentation: s.documentation, parameters: s.parameters.map((p) => ({ label: p.label })) }],
    activeSignature: 0,
    activeParameter: s.activeParameter,
  };
}
