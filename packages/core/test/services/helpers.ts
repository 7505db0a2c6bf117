/** Test helpers: the last `|` in a text marks the cursor. */
import { buildDocumentModel, WorkspaceIndex, type DocumentModel, type EditorDocument } from '../../src/index';

export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.lastIndexOf('|');
  if (offset < 0) throw new Error('no cursor mark');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

export function editorDoc(path: string, text: string): EditorDocument & { full: DocumentModel } {
  const full = buildDocumentModel(path, text);
  return { kind: full.kind, text, model: () => full, full };
}

export function indexOf(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [uri, text] of Object.entries(files)) index.setFile(uri, buildDocumentModel(uri, text));
  return index;
}
