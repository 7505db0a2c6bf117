/**
 * A test LSP client: spawns the real server bundle over stdio and speaks JSON-RPC to it with
 * vscode-jsonrpc, like an editor would. It answers the server's own requests (configuration,
 * capability registration, progress tokens) and records notifications for the tests to await.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { ensureBuilt } from './ensure-built';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';

export const SERVER_BIN = fileURLToPath(new URL('../../bin/promscope-language-server.js', import.meta.url));

export interface StartOptions {
  root?: string;
  settings?: Record<string, unknown>;
  /** advertise workspace/configuration and answer it with `settings` */
  configuration?: boolean;
  workDoneProgress?: boolean;
  /** the client's `textDocument.publishDiagnostics` capabilities (default: related information, code descriptions, versions) */
  publishDiagnostics?: Record<string, unknown>;
}

export class LspClient {
  readonly conn: MessageConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** every publication, in order: URI, version and codes */
  readonly publications: { uri: string; version?: number; codes: string[] }[] = [];
  readonly progress: unknown[] = [];
  readonly logs: string[] = [];
  readonly stderr: string[] = [];
  private waiters: (() => void)[] = [];
  settings: Record<string, unknown>;
  capabilities?: InitializeResult['capabilities'];
  private versions = new Map<string, number>();

  private constructor(
    readonly proc: ChildProcessWithoutNullStreams,
    readonly options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
    this.conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    proc.stderr.on('data', (d) => this.stderr.push(String(d)));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.publications.push({ uri: p.uri, version: p.version, codes: p.diagnostics.map((d) => String(d.code)) });
      this.wake();
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    this.conn.onNotification('$/progress', (p: unknown) => {
      this.progress.push(p);
      this.wake();
    });
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.listen();
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    ensureBuilt();
    const proc = spawn(process.execPath, [SERVER_BIN, '--stdio'], { stdio: 'pipe' });
    const c = new LspClient(proc, options);
    const rootUri = options.root ? pathToFileURL(options.root).href : null;
    const init = (await c.conn.sendRequest('initialize', {
      processId: process.pid,
      clientInfo: { name: 'promscope-test-client' },
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: path.basename(options.root!) }] : null,
      initializationOptions: options.settings ?? {},
      capabilities: {
        workspace: { configuration: options.configuration ?? false, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
        window: { workDoneProgress: options.workDoneProgress ?? false },
        textDocument: {
          completion: { completionItem: { snippetSupport: true } },
          hover: { contentFormat: ['markdown'] },
          publishDiagnostics: options.publishDiagnostics ?? { relatedInformation: true, codeDescriptionSupport: true, versionSupport: true },
          rename: { prepareSupport: true },
          semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
        },
      },
    })) as InitializeResult;
    c.capabilities = init.capabilities;
    await c.conn.sendNotification('initialized', {});
    return c;
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves when `pred` holds, re-checked after each notification (rejects after `ms`). */
  async until<T>(pred: () => T | undefined | false, ms = 15_000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = pred();
      if (v) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}\nlogs:\n${this.logs.slice(-20).join('\n')}\nstderr:\n${this.stderr.join('')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Diagnostics of a URI once published (optionally: for a given version or matching a predicate). */
  async diagnosticsFor(uri: string, pred: (d: Diagnostic[]) => boolean = () => true, ms?: number): Promise<Diagnostic[]> {
    return this.until(() => {
      const p = this.diagnostics.get(uri);
      return p && pred(p.diagnostics) ? p.diagnostics : undefined;
    }, ms, `diagnostics of ${uri}`);
  }

  /** Waits until the server's workspace index holds every URI (it follows the diagnostics). */
  async indexed(uris: string[], ms = 15_000): Promise<void> {
    const deadline = Date.now() + ms;
    for (;;) {
      const stats = await this.request<{ indexed: string[] }>('promscope/stats', {});
      if (uris.every((u) => stats.indexed.includes(u))) return;
      if (Date.now() > deadline) throw new Error(`not indexed: ${uris.filter((u) => !stats.indexed.includes(u)).join(', ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async open(uri: string, text: string, languageId = 'yaml'): Promise<void> {
    this.versions.set(uri, 1);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    this.conn.dispose();
    await new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        this.proc.kill('SIGKILL');
        resolve();
      }, 3000);
      this.proc.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}

/** Position of the last `|` in a marked text, and the text without it. */
export function mark(marked: string): { text: string; line: number; character: number } {
  const i = marked.lastIndexOf('|');
  const text = marked.slice(0, i) + marked.slice(i + 1);
  const before = text.slice(0, i).split('\n');
  return { text, line: before.length - 1, character: before[before.length - 1].length };
}
