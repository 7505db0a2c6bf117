/** Editor services: pure functions over text + offset + a workspace index (used by the language server, CLI, tests). */
export * from './types';
export * from './regions';
export * from './document-model';
export * from './workspace-index';
export * from './editor';
export { completePromQL, completeInContext } from './completion';
export { completeYaml, yamlPositionAt } from './yaml-completion';
export { promqlContextAt, callAt, type PromQLCompletionContext, type SelectorMatcher, type CallAt } from './promql-context';
export { hoverPromQL, metricNameAt } from './hover';
export { signatureHelp, type SignatureInfo } from './signature-help';
export { semanticTokens, promqlTokens, SEMANTIC_TOKEN_TYPES, type SemanticToken, type SemanticTokenType } from './semantic-tokens';
export { documentSymbols, workspaceSymbols, type DocumentSymbolEntry, type WorkspaceSymbolEntry, type SymbolKind } from './symbols';
export { nameAt, definitions, references, renameEdits, renameError, type Location, type NameAt } from './navigation';
export { formatDocument, formatRegion } from './formatting';
export { formatPromQL, treeShape } from './format-promql';
export { codeActions, disableLineEdit, type CodeActionEntry } from './code-actions';
export { encodeForStyle } from './encode';
export * from './model-data';
