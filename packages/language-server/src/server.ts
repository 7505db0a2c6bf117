/**
 * Wiring of the language server: capabilities, document sync, settings, the initial workspace
 * scan, file watching, and the request handlers (handlers/*, each a thin translation to the core's
 * editor services). Every handler runs behind `guard`, so a failure is logged and answered with an
 * empty result instead of taking the server down.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WorkspaceIndex } from '@promscope/core';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver';
import type { ServerContext } from './context';
import type { IncomingVersions } from './incoming';
import { editorTextConfig, type EditorText } from './editor-text';
import { AnalysisRunner } from './analysis-runner';
import { diagnosticFeaturesOf, setDiagnosticFeatures, setDiagnosticsLimit } from './convert';
import { DiagnosticsService } from './diagnostics';
import { DocumentStore, fsPathOf } from './documents';
import { onCodeAction } from './handlers/code-actions';
import { onCompletion } from './handlers/completion';
import { onFormatting } from './handlers/formatting';
import { onHover } from './handlers/hover';
import { onDefinition, onPrepareRename, onReferences, onRename } from './handlers/navigation';
import { legend, onSemanticTokens } from './handlers/semantic-tokens';
import { onSignatureHelp } from './handlers/signature-help';
import { onDocumentSymbol, onWorkspaceSymbol } from './handlers/symbols';
import { Logger } from './logger';
import { PrometheusClient } from './prometheus-client';
import { ProjectConfigs } from './project-config';
import { parseSettings, type ServerSettings } from './settings';
import { loadFromDisk, scanWorkspace } from './workspace-scan';

export const SERVER_NAME = 'promscope-language-server';
export const SERVER_VERSION = '0.1.0';

/** has the client asked for a shutdown (the exit code when its end of the transport closes) */
export let shutdownRequested = false;

const nullProgress: WorkDoneProgressReporter = { begin() {}, report() {}, done() {} };

/** `incoming`: the versions the connection's reader has read (incoming.ts); stale publications are left out */
export function startServer(connection: Connection, incoming?: IncomingVersions): void {
  const log = new Logger(connection);
  const store = new DocumentStore();
  const index = new WorkspaceIndex();
  const configs = new ProjectConfigs((m) => log.warn(m));
  let settings: ServerSettings = parseSettings(undefined);
  let client: PrometheusClient | undefined;
  let roots: string[] = [];
  let canConfigure = false;
  let canWatch = false;
  let canProgress = false;

  const runner = new AnalysisRunner(log, process.env.PROMSCOPE_LS_WORKER !== '0');
  const diagnostics = new DiagnosticsService(connection, store, index, configs, runner, () => settings, log);
  if (incoming) diagnostics.newerTextComing = (uri, version) => incoming.newer(uri, version);
  // requests that need a big file's whole model wait for the modeller rather than build it here
  store.modelFromWorkerFor = (uri, text) => diagnostics.modelComing(uri, text);
  const ctx: ServerContext = { connection, store, index, diagnostics, configs, log, settings: () => settings, prometheus: () => client };

  const applySettings = (s: ServerSettings) => {
    settings = s;
    log.level = s.logLevel;
    setDiagnosticsLimit(s.maxDiagnosticsPerFile);
    client = s.prometheusUrl ? new PrometheusClient(s.prometheusUrl, s.prometheusTimeoutMs, log) : undefined;
    log.info(`settings: version=${s.prometheusVersion || 'default'} features=[${s.features.join(',')}] prometheusUrl=${s.prometheusUrl || 'off'} checks=${JSON.stringify(s.checks)} maxDiagnosticsPerFile=${s.maxDiagnosticsPerFile || 'all'}`);
  };

  const reanalyzeAll = () => {
    for (const uri of store.uris()) diagnostics.schedule(uri, 0);
  };

  /** wraps a handler: exceptions are logged and answered with `fallback` */
  function guard<P, R, F>(name: string, fn: (p: P, ...rest: any[]) => R, fallback: F) {
    return async (p: P, ...rest: any[]): Promise<Awaited<R> | F> => {
      const t0 = performance.now();
      try {
        const r = await fn(p, ...rest);
        log.debug(`${name} in ${(performance.now() - t0).toFixed(1)} ms`);
        return r;
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        log.error(`${name} failed`, e);
        return fallback;
      }
    };
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    applySettings(parseSettings(params.initializationOptions));
    canConfigure = !!params.capabilities.workspace?.configuration;
    canWatch = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    canProgress = !!params.capabilities.window?.workDoneProgress;
    // what a published diagnostic may hold: only what the client said it supports
    setDiagnosticFeatures(diagnosticFeaturesOf(params.capabilities.textDocument?.publishDiagnostics));
    roots = (params.workspaceFolders ?? []).map((f) => fsPathOf(f.uri)).filter((p): p is string => !!p);
    if (roots.length === 0 && params.rootUri) {
      const p = fsPathOf(params.rootUri);
      if (p) roots = [p];
    }
    log.info(`${SERVER_NAME} ${SERVER_VERSION} (node ${process.version}) starting for ${params.clientInfo?.name ?? 'unknown client'}; roots: ${roots.join(', ') || 'none'}`);
    return {
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        completionProvider: { triggerCharacters: ['(', '{', ',', '=', '"', '[', ' ', '@', ':'], resolveProvider: false },
        hoverProvider: true,
        signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [','] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        semanticTokensProvider: { legend, full: true, range: false },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true } },
      },
    };
  });

  const fetchSettings = async () => {
    if (!canConfigure) return;
    try {
      const raw = await connection.workspace.getConfiguration('promscope');
      if (raw) applySettings(parseSettings(raw));
    } catch (e) {
      log.warn(`workspace/configuration failed: ${String(e)}`);
    }
  };

  connection.onInitialized(async () => {
    if (canConfigure) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'promscope' });
    if (canWatch) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        // *.tmpl: Alertmanager template files, read for the template names an alertmanager.yml uses
        watchers: [{ globPattern: '**/*.{yml,yaml,json,promql,rules,tmpl}' }, { globPattern: '**/.promscope.{yml,yaml}' }],
      });
    }
    await fetchSettings();
    const progress = canProgress ? await connection.window.createWorkDoneProgress().catch(() => nullProgress) : nullProgress;
    try {
      await scanWorkspace(ctx, roots, progress);
    } catch (e) {
      log.error('workspace scan failed', e);
      progress.done();
    }
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (canConfigure) await fetchSettings();
    else applySettings(parseSettings(change.settings));
    configs.invalidate();
    reanalyzeAll();
  });

  // open buffers in pieces: a keystroke in a big file costs what it touches (editor-text.ts)
  const documents = new TextDocuments(editorTextConfig);
  runner.textEdits = (uri, text, last) => {
    const doc = documents.get(uri);
    return doc && doc.getText() === text ? doc.editFrom(last) : undefined;
  };
  const track = (doc: EditorText, delay?: number) => {
    const uri = doc.uri;
    const fsPath = fsPathOf(uri);
    const opened = !store.get(uri);
    store.set(uri, doc.getText(), doc.version, doc.lineStarts());
    if (fsPath && ProjectConfigs.isConfigFile(fsPath)) {
      configs.setOverlay(fsPath, doc.getText());
      diagnostics.publishProjectConfig(uri, doc.getText(), doc.version);
      reanalyzeAll();
      return;
    }
    // a file a configuration links to (a template, an included scrape config) changed in the editor
    if (opened || (fsPath && diagnostics.links.host.wasRead(fsPath))) diagnostics.filesChanged();
    diagnostics.schedule(uri, delay);
  };
  documents.onDidOpen((e) => track(e.document, 0));
  documents.onDidChangeContent((e) => {
    if (e.document.version > 1) diagnostics.noteEdit();
    if (e.document.version > 1 || store.get(e.document.uri)?.text !== e.document.getText()) track(e.document);
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const fsPath = fsPathOf(uri);
    if (fsPath && ProjectConfigs.isConfigFile(fsPath)) {
      configs.setOverlay(fsPath, undefined);
      diagnostics.publishProjectConfig(uri, undefined);
      reanalyzeAll();
    }
    diagnostics.cancel(uri);
    // a closed file of the workspace goes back to its text on disk; others are forgotten
    const inWorkspace = !!fsPath && roots.some((r) => fsPath.startsWith(r)) && existsSync(fsPath);
    store.delete(uri);
    if (inWorkspace && loadFromDisk(ctx, fsPath)) void diagnostics.run(uri);
    else diagnostics.remove(uri);
  });
  documents.listen(connection);

  connection.onDidChangeWatchedFiles((p) => {
    let configChanged = false;
    // referenced files (rule files, templates, credentials...) may have appeared or gone
    diagnostics.links.invalidateFiles();
    for (const ch of p.changes) {
      const fsPath = fsPathOf(ch.uri);
      if (!fsPath) continue;
      if (ProjectConfigs.isConfigFile(fsPath)) {
        configChanged = true;
        continue;
      }
      if (store.isOpen(ch.uri)) continue;
      if (ch.type === FileChangeType.Deleted) {
        diagnostics.remove(ch.uri);
        store.delete(ch.uri);
      } else if (loadFromDisk(ctx, fsPath)) diagnostics.schedule(ch.uri, 0);
    }
    if (configChanged) {
      log.info('.promscope.yml changed: re-analysing');
      configs.invalidate();
      reanalyzeAll();
    }
    diagnostics.filesChanged();
  });

  connection.onCompletion(guard('completion', (p, token) => onCompletion(ctx, p, token), null));
  connection.onHover(guard('hover', (p, token) => onHover(ctx, p, token), null));
  connection.onSignatureHelp(guard('signatureHelp', (p) => onSignatureHelp(ctx, p), null));
  connection.onDefinition(guard('definition', (p) => onDefinition(ctx, p), null));
  connection.onReferences(guard('references', (p, token) => onReferences(ctx, p, token), null));
  connection.onPrepareRename(guard('prepareRename', (p) => onPrepareRename(ctx, p), null));
  connection.onRenameRequest(guard('rename', (p, token) => onRename(ctx, p, token), null));
  connection.onCodeAction(guard('codeAction', (p) => onCodeAction(ctx, p), []));
  connection.onDocumentFormatting(guard('formatting', (p) => onFormatting(ctx, p), []));
  connection.onDocumentRangeFormatting(guard('rangeFormatting', (p) => onFormatting(ctx, p), []));
  connection.languages.semanticTokens.on(guard('semanticTokens', (p) => onSemanticTokens(ctx, p), { data: [] }));
  connection.onDocumentSymbol(guard('documentSymbol', (p) => onDocumentSymbol(ctx, p), []));
  connection.onWorkspaceSymbol(guard('workspaceSymbol', (p, token) => onWorkspaceSymbol(ctx, p, token), []));

  /** custom request for tests and benchmarks: analysis timings and index size */
  connection.onRequest('promscope/stats', () => ({
    documents: store.uris().length,
    indexed: index.uris(),
    analysisMs: diagnostics.timings.slice(-200),
    analysisRuns: Object.fromEntries(diagnostics.runs),
    workspacePassesSkipped: diagnostics.skippedPasses,
    workspacePassesDeferred: diagnostics.deferredPasses,
    publishedFromFirstAnswer: diagnostics.publishedFromFirstAnswer,
    analysesInterrupted: runner.interruptions,
    analysisRestsHurried: runner.restsHurried,
    stalePublications: diagnostics.stalePublications,
    modelsBuiltOnMainThread: store.modelsBuiltHere,
    howAnalysed: Object.fromEntries(diagnostics.howAnalysed),
    memory: process.memoryUsage(),
  }));
  /** custom request for the soak: each worker's heap after a full collection and its external memory, in bytes (what it retains) */
  connection.onRequest('promscope/workerHeaps', () => runner.workerHeaps());

  connection.onShutdown(() => {
    shutdownRequested = true;
    log.info('shutdown');
    runner.dispose();
  });
  connection.listen();
}

export function serverPath(): string {
  return fileURLToPath(import.meta.url);
}
