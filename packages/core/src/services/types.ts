/** Plain-data results of the editor services (the language server converts them to LSP). */
import type { Range } from '../diagnostics/types';
import type { AnalyzerOptions } from '../options';
import type { WorkspaceIndex } from './workspace-index';

export type CompletionKind =
  | 'function'
  | 'aggregation'
  | 'keyword'
  | 'operator'
  | 'metric'
  | 'label'
  | 'label-value'
  | 'duration'
  | 'key'
  | 'value';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** markdown */
  documentation?: string;
  /** text to insert (a snippet with `${1}` placeholders when `snippet`) */
  insertText?: string;
  snippet?: boolean;
  /** file range replaced by the completion */
  range: Range;
  sortText?: string;
  filterText?: string;
}

export interface CompletionResult {
  items: CompletionEntry[];
  /** true when the list was cut to the prefix: the client should ask again as the user types */
  isIncomplete: boolean;
}

/** Metric metadata as Prometheus's `/api/v1/metadata` returns it. */
export interface MetricMetadata {
  type?: string;
  help?: string;
  unit?: string;
}

/** Facts from a live Prometheus, fetched by the shell for the context at hand. */
export interface LiveData {
  metricNames?: string[];
  metadata?: Record<string, MetricMetadata>;
  labelNames?: string[];
  labelValues?: string[];
}

export interface ServiceContext {
  index?: WorkspaceIndex;
  options?: Partial<AnalyzerOptions>;
  live?: LiveData;
}

export interface HoverResult {
  /** markdown */
  contents: string;
  range: Range;
}
