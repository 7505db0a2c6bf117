/**
 * Entry points for editor requests at a cursor: they find what is under the cursor (a PromQL
 * region, or a YAML key/value) and dispatch to the feature modules. `model` builds the full
 * document model on demand; the cursor paths avoid it where a local parse suffices.
 */
import type { FileKind } from '../files';
import { completePromQL } from './completion';
import type { DocumentModel } from './document-model';
import { hoverPromQL, metricNameAt } from './hover';
import { promqlContextAt, type PromQLCompletionContext } from './promql-context';
import { promqlRegionAt } from './region-at';
import type { PromQLRegion } from './regions';
import { relabelHover } from './relabel-hover';
import { signatureHelp, type SignatureInfo } from './signature-help';
import type { CompletionResult, HoverResult, ServiceContext } from './types';
import { completeYaml } from './yaml-completion';

export interface EditorDocument {
  kind: FileKind;
  text: string;
  /** the full model, built once per version by the caller */
  model: () => DocumentModel;
}

export interface CursorContext {
  region?: PromQLRegion;
  /** the PromQL completion context, when the cursor is in PromQL */
  promql?: PromQLCompletionContext;
}

/** What is under the cursor; the shell uses it to decide which live data to fetch. */
export function cursorContext(doc: EditorDocument, offset: number): CursorContext {
  const region = promqlRegionAt(doc.kind, doc.text, offset, doc.model);
  if (!region) return {};
  const at = region.fromFile(offset);
  return { region, promql: at === null ? undefined : promqlContextAt(region.text, at) };
}

export function complete(doc: EditorDocument, offset: number, sc: ServiceContext = {}, cursor?: CursorContext): CompletionResult {
  const c = cursor ?? cursorContext(doc, offset);
  if (c.region) return completePromQL(c.region, offset, sc);
  return completeYaml(doc.kind, doc.text, offset);
}

export function hover(doc: EditorDocument, offset: number, sc: ServiceContext = {}): HoverResult | undefined {
  const region = promqlRegionAt(doc.kind, doc.text, offset, doc.model);
  if (region) return hoverPromQL(region, offset, sc);
  return doc.kind === 'prometheus-config' ? relabelHover(doc.text, offset) : undefined;
}

/** The metric name under the cursor (for fetching its metadata before `hover`). */
export function metricAt(doc: EditorDocument, offset: number): string | undefined {
  const region = promqlRegionAt(doc.kind, doc.text, offset, doc.model);
  const at = region?.fromFile(offset);
  return region && at !== null && at !== undefined ? metricNameAt(region.text, at)?.name : undefined;
}

export function signature(doc: EditorDocument, offset: number): SignatureInfo | undefined {
  const region = promqlRegionAt(doc.kind, doc.text, offset, doc.model);
  return region ? signatureHelp(region, offset) : undefined;
}
