/**
 * Go to definition, find references and rename of recorded metrics and alerts across the
 * workspace. Rename edits the `record:`/`alert:` scalars and every use in PromQL, encoding the new
 * name for the scalar style it lands in.
 */
import type { Range, TextEdit } from '../diagnostics/types';
import type { DocumentModel } from './document-model';
import { encodeForStyle } from './encode';
import { selectorRefs } from './promql-refs';
import { regionAt } from './regions';
import type { WorkspaceIndex } from './workspace-index';

export interface Location {
  uri: string;
  range: Range;
}

export interface NameAt {
  name: string;
  /** the file range of the name under the cursor */
  range: Range;
  /** where the cursor is: on a rule's own name, or on a use in PromQL */
  role: 'definition' | 'reference';
  kind?: 'record' | 'alert';
}

/** The recorded metric or alert name under the cursor, if any. */
export function nameAt(model: DocumentModel, offset: number): NameAt | undefined {
  for (const r of model.rules) {
    if (offset >= r.nameRange.start && offset <= r.nameRange.end) return { name: r.name, range: r.nameRange, role: 'definition', kind: r.kind };
  }
  const region = regionAt(model.regions, offset);
  if (!region) return undefined;
  const at = region.fromFile(offset);
  if (at === null) return undefined;
  for (const ref of selectorRefs(region.text)) {
    if (at >= ref.range.start && at <= ref.range.end) {
      return { name: ref.name, range: { start: region.toFile(ref.range.start), end: region.toFileEnd(ref.range.end) }, role: 'reference' };
    }
  }
  return undefined;
}

export function definitions(index: WorkspaceIndex, name: string): Location[] {
  return index.definitions(name).map((d) => ({ uri: d.uri, range: d.rule.nameRange }));
}

export function references(index: WorkspaceIndex, name: string, includeDeclaration: boolean): Location[] {
  const out: Location[] = index.references(name).map((r) => ({ uri: r.uri, range: r.range }));
  if (includeDeclaration) out.unshift(...definitions(index, name));
  return out;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Why a rename cannot be done, or null when it can. */
export function renameError(index: WorkspaceIndex, name: string, newName: string): string | null {
  const defs = index.definitions(name);
  if (defs.length === 0) return `\`${name}\` is not recorded or alerted on by a rule of the workspace.`;
  const isRecord = defs.some((d) => d.rule.kind === 'record');
  if (isRecord && !METRIC_NAME.test(newName)) return `\`${newName}\` is not a valid metric name.`;
  if (!isRecord && newName.trim() === '') return 'An alert name cannot be empty.';
  return null;
}

/** Edits per file URI. */
export function renameEdits(index: WorkspaceIndex, name: string, newName: string): Map<string, TextEdit[]> {
  const out = new Map<string, TextEdit[]>();
  const push = (uri: string, e: TextEdit) => {
    let list = out.get(uri);
    if (!list) out.set(uri, (list = []));
    if (!list.some((x) => x.range.start === e.range.start && x.range.end === e.range.end)) list.push(e);
  };
  for (const d of index.definitions(name)) push(d.uri, { range: d.rule.nameRange, newText: encodeForStyle(newName, d.rule.nameStyle) });
  for (const r of index.references(name)) push(r.uri, { range: r.range, newText: encodeForStyle(newName, r.region.style) });
  return out;
}
