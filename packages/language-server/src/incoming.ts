/**
 * The editor's newest document versions as read off the stream, before the server handles them.
 *
 * vscode-jsonrpc reads a whole chunk of messages at once and hands them to the server one at a
 * time. While an editor sends edits faster than they are analysed (a fast typist on a big file, a
 * replace-all, a script), the diagnostics of a version the editor has already replaced are worth
 * nothing: for a 1,000-rule file they are ~300 KB to write and for the editor to read. The server
 * asks `newer` before it publishes and leaves out what a received, not yet handled, text replaces.
 * The newest text is always published: nothing newer is waiting then.
 */
import { StreamMessageReader, type DataCallback, type Disposable, type Message } from 'vscode-languageserver/node';

export class IncomingVersions {
  /** per document: the version of its last didOpen or didChange read */
  private readonly newest = new Map<string, number>();

  /** Notes a message as it is read (before it is handled). */
  note(message: Message): void {
    const m = message as { method?: string; params?: { textDocument?: { uri?: unknown; version?: unknown } } };
    if (m.method !== 'textDocument/didChange' && m.method !== 'textDocument/didOpen' && m.method !== 'textDocument/didClose') return;
    const doc = m.params?.textDocument;
    if (typeof doc?.uri !== 'string') return;
    if (m.method === 'textDocument/didClose' || typeof doc.version !== 'number') this.newest.delete(doc.uri);
    else this.newest.set(doc.uri, doc.version);
  }

  /** Has a text of `uri` newer than `version` been read, its change not yet handled? */
  newer(uri: string, version: number | undefined): boolean {
    const v = this.newest.get(uri);
    return v !== undefined && version !== undefined && v > version;
  }
}

/** `StreamMessageReader` that notes each message in `incoming` as it reads it */
export class NoticingReader extends StreamMessageReader {
  constructor(
    readable: NodeJS.ReadableStream,
    private readonly incoming: IncomingVersions,
  ) {
    super(readable);
  }

  override listen(callback: DataCallback): Disposable {
    return super.listen((message) => {
      this.incoming.note(message);
      callback(message);
    });
  }
}
