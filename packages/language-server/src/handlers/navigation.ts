/** Definition, references and rename of recorded metrics and alerts across the workspace. */
import { definitions, nameAt, references, renameEdits, renameError } from '@promscope/core';
import {
  ResponseError,
  ErrorCodes,
  type CancellationToken,
  type DefinitionParams,
  type Location,
  type PrepareRenameParams,
  type Range,
  type ReferenceParams,
  type RenameParams,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { ServerContext } from '../context';
import { toRange, toTextEdit } from '../convert';

/** The recorded metric or alert name at `position`, in the model of the document's text (waited for, not built on this thread: see `modelFromWorker`). */
async function nameUnderCursor(ctx: ServerContext, uri: string, position: { line: number; character: number }) {
  const got = await ctx.store.modelFromWorker(uri);
  if (!got) return undefined;
  const at = nameAt(got.model, got.lines.offsetAt(position));
  return at ? { at, lines: got.lines } : undefined;
}

function toLocations(ctx: ServerContext, locs: { uri: string; range: { start: number; end: number } }[]): Location[] {
  const out: Location[] = [];
  for (const l of locs) {
    const lines = ctx.store.lines(l.uri);
    if (lines) out.push({ uri: l.uri, range: toRange(lines, l.range) });
  }
  return out;
}

export async function onDefinition(ctx: ServerContext, params: DefinitionParams): Promise<Location[] | null> {
  const hit = await nameUnderCursor(ctx, params.textDocument.uri, params.position);
  if (!hit) return null;
  const locs = toLocations(ctx, definitions(ctx.index, hit.at.name));
  return locs.length ? locs : null;
}

export async function onReferences(ctx: ServerContext, params: ReferenceParams, token: CancellationToken): Promise<Location[] | null> {
  const hit = await nameUnderCursor(ctx, params.textDocument.uri, params.position);
  if (!hit || token.isCancellationRequested) return null;
  return toLocations(ctx, references(ctx.index, hit.at.name, params.context.includeDeclaration));
}

export async function onPrepareRename(ctx: ServerContext, params: PrepareRenameParams): Promise<{ range: Range; placeholder: string } | null> {
  const hit = await nameUnderCursor(ctx, params.textDocument.uri, params.position);
  if (!hit) return null;
  if (ctx.index.definitions(hit.at.name).length === 0) {
    throw new ResponseError(ErrorCodes.InvalidRequest, `\`${hit.at.name}\` is not defined by a rule of the workspace; only recorded metrics and alerts can be renamed.`);
  }
  return { range: toRange(hit.lines, hit.at.range), placeholder: hit.at.name };
}

export async function onRename(ctx: ServerContext, params: RenameParams, token: CancellationToken): Promise<WorkspaceEdit | null> {
  const hit = await nameUnderCursor(ctx, params.textDocument.uri, params.position);
  if (!hit || token.isCancellationRequested) return null;
  const err = renameError(ctx.index, hit.at.name, params.newName);
  if (err) throw new ResponseError(ErrorCodes.InvalidRequest, err);
  const changes: WorkspaceEdit['changes'] = {};
  for (const [uri, edits] of renameEdits(ctx.index, hit.at.name, params.newName)) {
    const lines = ctx.store.lines(uri);
    if (lines) changes[uri] = edits.map((e) => toTextEdit(lines, e));
  }
  ctx.log.info(`rename ${hit.at.name} → ${params.newName}: ${Object.values(changes).reduce((n, e) => n + e.length, 0)} edits in ${Object.keys(changes).length} files`);
  return { changes };
}
