/**
 * The documents the server knows: open editor buffers (text + version) and workspace files read
 * from disk. Per document it caches, for the current text only, the line index, the last analysis
 * and the editor model, so each is computed at most once per version.
 */
import { fileURLToPath } from 'node:url';
import { buildDocumentModel, detectKind, LineIndex, modelFromData, toSlash, type Diagnostic, type DocumentModel, type EditorDocument, type FileKind, type ModelData } from '@promscope/core';
import type { LspJson } from './wire';

export interface DocEntry {
  uri: string;
  /** file-system path for `file:` URIs */
  fsPath?: string;
  text: string;
  /** editor version; null for a file read from disk */
  version: number | null;
  kind: FileKind;
  /** the last analysis of `text` (dropped when the text changes) */
  analysis?: { text: string; diagnostics: Diagnostic[]; raw: Diagnostic[]; ms: number; model?: ModelData; /** `diagnostics` in LSP form as JSON (analysis-job.ts `lsp`) */ lsp?: LspJson };
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

/** how long a request waits for the modeller before building the model itself (a model that never comes: cannot happen) */
const MODEL_WAIT_MS = 5000;

interface ModelWaiter {
  text: string;
  /** true: the model of `text` is stored; false: the document has another text now, or is gone */
  done(ok: boolean): void;
}

export class DocumentStore {
  private readonly entries = new Map<string, DocEntry>();
  /** '/'-separated file-system path → URI */
  private readonly byPath = new Map<string, string>();
  /** requests waiting for the model of a document's text (`modelFromWorker`) */
  private readonly waiters = new Map<string, ModelWaiter[]>();
  /**
   * asks a worker for the model of the document's current text (true), or says there is none
   * (false: the model is built on this thread); set by the server (analysis-runner.ts `wantModel`)
   */
  modelFromWorkerFor: (uri: string, text: string) => boolean = () => false;
  /** editor models built on this thread (tests, stats: the requests that wait for the modeller build none) */
  modelsBuiltHere = 0;

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

  /**
   * Sets the text of a document (open buffer when `version` is a number, disk file when null).
   * `lineStarts`: the text's line starts, when the caller has them (an editor buffer: editor-text.ts).
   */
  set(uri: string, text: string, version: number | null, lineStarts?: number[]): DocEntry {
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
    if (lineStarts && !entry.lines) entry.lines = new LineIndex(text, lineStarts);
    this.entries.set(uri, entry);
    if (fsPath) this.byPath.set(toSlash(fsPath), uri);
    this.settle(uri, text, false);
    return entry;
  }

  delete(uri: string): void {
    const fsPath = this.entries.get(uri)?.fsPath;
    if (fsPath && this.byPath.get(toSlash(fsPath)) === uri) this.byPath.delete(toSlash(fsPath));
    this.entries.delete(uri);
    this.settle(uri, undefined, false);
  }

  /**
   * `ok`: the model of `text` is stored, its waiters get it. Else the document's text is now `text`
   * (undefined: the document is gone): the waiters for any other text get nothing.
   */
  private settle(uri: string, text: string | undefined, ok: boolean): void {
    const ws = this.waiters.get(uri);
    if (!ws) return;
    // (each waiter removes itself)
    for (const w of [...ws]) if ((w.text === text) === ok) w.done(ok);
  }

  /** The model the modeller built for `text` (diagnostics.ts), if it is still the document's text. */
  setModel(uri: string, text: string, model: DocumentModel): void {
    const e = this.entries.get(uri);
    if (!e || e.text !== text) return;
    e.model = { text, model };
    this.settle(uri, text, true);
  }

  /**
   * The model of the document's current text and its line index, for a request that needs the
   * whole model (document symbols, definitions): at hand, else from the modeller thread when there
   * is one (a 1,000-rule file's model takes 50–300 ms to build: on this thread it would hold up
   * the diagnostics and every other request meanwhile). Undefined when the document gets another
   * text first: the request was about a version that is gone.
   */
  modelFromWorker(uri: string): Promise<{ model: DocumentModel; lines: LineIndex } | undefined> {
    const e = this.entries.get(uri);
    if (!e) return Promise.resolve(undefined);
    const here = () => {
      const model = this.model(uri);
      const lines = this.lines(uri);
      return model && lines ? { model, lines } : undefined;
    };
    const text = e.text;
    if (this.modelAtHand(uri) || !this.modelFromWorkerFor(uri, text)) return Promise.resolve(here());
    return new Promise((resolve) => {
      const timer = setTimeout(() => w.done(this.entries.get(uri)?.text === text), MODEL_WAIT_MS);
      const w: ModelWaiter = {
        text,
        done: (ok) => {
          clearTimeout(timer);
          const ws = this.waiters.get(uri) ?? [];
          const i = ws.indexOf(w);
          if (i >= 0) ws.splice(i, 1);
          if (ws.length === 0) this.waiters.delete(uri);
          resolve(ok ? here() : undefined);
        },
      };
      this.waiters.set(uri, [...(this.waiters.get(uri) ?? []), w]);
    });
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
    if (!data) this.modelsBuiltHere++;
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
