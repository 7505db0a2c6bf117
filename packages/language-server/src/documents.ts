/**
 * The documents the server knows: open editor buffers (text + version) and workspace files read
 * from disk. Per document it caches, for the current text only, the line index, the last analysis
 * and the editor model, so each is computed at most once per version.
 */
import { fileURLToPath } from 'node:url';
import { buildDocumentModel, detectKind, LineIndex, modelFromData, toSlash, type Diagnostic, type DocumentModel, type EditorDocument, type FileKind, type ModelData } from '@promscope/core';

export interface DocEntry {
  uri: string;
  /** file-system path for `file:` URIs */
  fsPath?: string;
  text: string;
  /** editor version; null for a file read from disk */
  version: number | null;
  kind: FileKind;
  /** the last analysis of `text` (dropped when the text changes) */
  analysis?: { text: string; diagnostics: Diagnostic[]; raw: Diagnostic[]; ms: number; model?: ModelData; /** `diagnostics` in LSP form as JSON text (analysis-job.ts `lsp`) */ lsp?: string };
  model?: { text: string; model: DocumentModel };
  lines?: LineIndex;
}

export function fsPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export class DocumentStore {
  private readonly entries = new Map<string, DocEntry>();
  /** '/'-separated file-system path → URI */
  private readonly byPath = new Map<string, string>();

  get(uri: string): DocEntry | undefined {
    return this.entries.get(uri);
  }

  uris(): string[] {
    return [...this.entries.keys()];
  }

  isOpen(uri: string): boolean {
    const e = this.entries.get(uri);
    return !!e && e.version !== null;
  }

  /** Sets the text of a document (open buffer when `version` is a number, disk file when null). */
  set(uri: string, text: string, version: number | null): DocEntry {
    const prev = this.entries.get(uri);
    const fsPath = prev?.fsPath ?? fsPathOf(uri);
    // the kind is detected once; the analysis corrects it when the content changes kind
    const kind = prev ? prev.kind : detectKind(text, fsPath ?? uri);
    const entry: DocEntry = { uri, fsPath, text, version, kind };
    if (prev && prev.text === text) {
      entry.analysis = prev.analysis;
      entry.model = prev.model;
      entry.lines = prev.lines;
    }
    this.entries.set(uri, entry);
    if (fsPath) this.byPath.set(toSlash(fsPath), uri);
    return entry;
  }

  delete(uri: string): void {
    const fsPath = this.entries.get(uri)?.fsPath;
    if (fsPath && this.byPath.get(toSlash(fsPath)) === uri) this.byPath.delete(toSlash(fsPath));
    this.entries.delete(uri);
  }

  /** The document at a file-system path ('/'-separated or native), if the server has it. */
  atPath(fsPath: string): DocEntry | undefined {
    const uri = this.byPath.get(toSlash(fsPath));
    return uri ? this.entries.get(uri) : undefined;
  }

  lines(uri: string): LineIndex | undefined {
    const e = this.entries.get(uri);
    if (!e) return undefined;
    if (!e.lines || e.lines.text !== e.text) e.lines = new LineIndex(e.text);
    return e.lines;
  }

  /** The editor model of the current text, reusing the analyzer's rule model when it is current. */
  model(uri: string): DocumentModel | undefined {
    const e = this.entries.get(uri);
    if (!e) return undefined;
    if (e.model?.text === e.text) return e.model.model;
    const data = e.analysis?.text === e.text ? e.analysis.model : undefined;
    const model = data ? modelFromData(data, e.text) : buildDocumentModel(e.fsPath ?? uri, e.text, e.kind);
    e.model = { text: e.text, model };
    return model;
  }

  /** The editor model of the current text if it is at hand (built, or sent by the model step), without building it. */
  modelAtHand(uri: string): DocumentModel | undefined {
    const e = this.entries.get(uri);
    if (!e) return undefined;
    if (e.model?.text === e.text) return e.model.model;
    return e.analysis?.text === e.text && e.analysis.model ? this.model(uri) : undefined;
  }

  editorDocument(uri: string): EditorDocument | undefined {
    const e = this.entries.get(uri);
    if (!e) return undefined;
    return { kind: e.kind, text: e.text, model: () => this.model(uri)! };
  }
}
