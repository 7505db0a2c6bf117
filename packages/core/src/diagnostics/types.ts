/**
 * The one diagnostic shape of promscope. Plain data: conversion to LSP, SARIF, text frames etc.
 * happens in the shells. Ranges are offsets into the text they were reported on (the whole file
 * for file diagnostics; the expression for PromQL problems before they are mapped into a file).
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Range {
  start: number;
  end: number;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  description: string;
  edits: TextEdit[];
  /** safe fixes are applied by `--fix`; unsafe ones are only offered in the editor */
  safe: boolean;
}

export interface Note {
  message: string;
  /** another file, when the note points elsewhere */
  file?: string;
  range?: Range;
}

export interface Diagnostic {
  /** check id (`promql/syntax`, `rules/schema`, ...) */
  code: string;
  severity: Severity;
  range: Range;
  message: string;
  notes?: Note[];
  fix?: Fix;
}

export const severityRank: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
