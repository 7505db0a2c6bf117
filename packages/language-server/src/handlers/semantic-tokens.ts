/** textDocument/semanticTokens/full: PromQL tokens, in the LSP relative encoding. */
import { scanExprRegions, SEMANTIC_TOKEN_TYPES, semanticTokens } from '@promscope/core';
import type { SemanticTokens, SemanticTokensLegend, SemanticTokensParams } from 'vscode-languageserver';
import type { ServerContext } from '../context';

export const legend: SemanticTokensLegend = { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [] };

/** kinds whose PromQL is in `expr:` keys of rules (their regions can be found line by line) */
const RULE_KINDS: ReadonlySet<string> = new Set(['rules', 'prometheus-rule']);

export function onSemanticTokens(ctx: ServerContext, params: SemanticTokensParams): SemanticTokens {
  const uri = params.textDocument.uri;
  const entry = ctx.store.get(uri);
  const lines = ctx.store.lines(uri);
  if (!entry || !lines) return { data: [] };
  // a rule file whose model is not at hand (it was just edited): its `expr:` keys line by line,
  // not a whole-file parse on this thread (for a big file broken while typed in, 50–100 ms that
  // every other request and publication would wait for)
  const regions = (RULE_KINDS.has(entry.kind) && !ctx.store.modelAtHand(uri) ? scanExprRegions(entry.text) : undefined) ?? ctx.store.model(uri)?.regions ?? [];
  const data: number[] = [];
  // the tokens come in order: their lines are found by walking the line starts forward
  const starts = lines.lineStarts;
  let line = 0;
  let prevLine = 0;
  let prevChar = 0;
  for (const t of semanticTokens(entry.text, regions)) {
    while (line + 1 < starts.length && starts[line + 1]! <= t.start) line++;
    const character = t.start - starts[line]!;
    const dl = line - prevLine;
    data.push(dl, dl === 0 ? character - prevChar : character, t.end - t.start, TYPE_INDEX[t.type], 0);
    prevLine = line;
    prevChar = character;
  }
  return { data };
}

const TYPE_INDEX = Object.fromEntries(SEMANTIC_TOKEN_TYPES.map((t, i) => [t, i])) as Record<(typeof SEMANTIC_TOKEN_TYPES)[number], number>;
