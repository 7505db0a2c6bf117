/// <reference types="vscode" />
/**
 * The promscope VS Code extension: starts the bundled language server (dist/server.mjs) over IPC
 * with vscode-languageclient, serves only the documents that are Prometheus files (see files.ts),
 * restarts the server after a crash with a notice, keeps the server log in an output channel and
 * shows the target Prometheus version in the status bar.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  DidOpenTextDocumentNotification,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type LanguageClientOptions,
  type Middleware,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { DocumentClaims, documentSelector } from './files';
import { showRuleGraph } from './graph';
import { RELABEL_SCHEME, RelabelDocuments, explainRelabeling } from './relabel';

const SECTION = 'promscope';
const KNOWN_VERSIONS = ['3.14', '3.10', '3.5', '3.4', '3.0', '2.55', '2.53', '2.51', '2.47', '2.45', '2.42', '2.37'];
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 3 * 60_000;

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let trace: vscode.OutputChannel;
let status: vscode.StatusBarItem;
let claims: DocumentClaims;
const crashes: number[] = [];
/** documents sent to the server (content detection can claim a document after an edit) */
const opened = new Set<string>();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('promscope');
  trace = vscode.window.createOutputChannel('promscope LSP trace');
  claims = new DocumentClaims();
  status = vscode.window.createStatusBarItem('promscope.version', vscode.StatusBarAlignment.Right, 100);
  status.name = 'promscope: target Prometheus version';
  status.command = 'promscope.selectPrometheusVersion';
  const relabelDocs = new RelabelDocuments();
  context.subscriptions.push(
    output,
    trace,
    status,
    vscode.workspace.registerTextDocumentContentProvider(RELABEL_SCHEME, relabelDocs),
    vscode.commands.registerCommand('promscope.restartServer', () => restart(context, 'restart requested')),
    vscode.commands.registerCommand('promscope.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('promscope.showRuleGraph', () => showRuleGraph((d) => claims.claims(d))),
    vscode.commands.registerCommand('promscope.explainRelabeling', (job?: string) => explainRelabeling(relabelDocs, typeof job === 'string' ? job : undefined)),
    vscode.commands.registerCommand('promscope.selectPrometheusVersion', selectVersion),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('promscope.files')) {
        claims.reload();
        for (const d of vscode.workspace.textDocuments) openIfClaimed(d);
      }
      if (e.affectsConfiguration('promscope')) updateStatus();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => restart(context, 'workspace trusted: the Prometheus URL setting now applies')),
    vscode.window.onDidChangeActiveTextEditor(() => updateStatus()),
    vscode.workspace.onDidChangeTextDocument((e) => openIfClaimed(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => claims.forget(d)),
  );
  updateStatus();
  await start(context);
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop(5000).catch(() => undefined);
}

/** the server settings, with the Prometheus URL blanked in untrusted workspaces */
function serverSettings(scope?: vscode.Uri): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    prometheusVersion: c.get<string>('prometheusVersion', ''),
    features: c.get<string[]>('features', []),
    prometheusUrl: vscode.workspace.isTrusted ? c.get<string>('prometheusUrl', '') : '',
    prometheusTimeoutMs: c.get<number>('prometheusTimeoutMs', 2000),
    checks: c.get<Record<string, string>>('checks', {}),
    debounceMs: c.get<number>('debounceMs', 150),
    maxDiagnosticsPerFile: c.get<number>('maxDiagnosticsPerFile', 1000),
    logLevel: c.get<string>('logLevel', 'info'),
  };
}

function middleware(): Middleware {
  const ours = (d: vscode.TextDocument) => claims.claims(d);
  // every document-scoped request goes to the server only for documents that are ours, so YAML and
  // JSON files that are not Prometheus files are left alone (and the Red Hat YAML extension alone)
  const gate =
    <A extends unknown[], R>(fn: (doc: vscode.TextDocument, ...rest: A) => R) =>
    (doc: vscode.TextDocument, ...rest: A): R | undefined =>
      ours(doc) ? fn(doc, ...rest) : undefined;
  const pass = (...a: any[]) => a[a.length - 1](...a.slice(0, -1));
  const m: Middleware = {
    didOpen: (doc, next) => {
      if (!ours(doc)) return Promise.resolve();
      opened.add(doc.uri.toString());
      return next(doc);
    },
    didChange: (e, next) => (opened.has(e.document.uri.toString()) ? next(e) : Promise.resolve()),
    didSave: (doc, next) => (opened.has(doc.uri.toString()) ? next(doc) : Promise.resolve()),
    willSave: (e, next) => (opened.has(e.document.uri.toString()) ? next(e) : Promise.resolve()),
    didClose: (doc, next) => {
      if (!opened.delete(doc.uri.toString())) return Promise.resolve();
      return next(doc);
    },
    workspace: {
      configuration: async (params, token, next) => {
        const res = await next(params, token);
        if (!Array.isArray(res)) return res;
        return res.map((r, i) => {
          const section = params.items[i]?.section;
          if (section === SECTION || section === undefined) {
            const scope = params.items[i]?.scopeUri ? vscode.Uri.parse(params.items[i].scopeUri!) : undefined;
            return section === SECTION ? serverSettings(scope) : r;
          }
          return r;
        });
      },
    },
  };
  for (const name of [
    'provideCompletionItem',
    'provideHover',
    'provideSignatureHelp',
    'provideDefinition',
    'provideReferences',
    'provideCodeActions',
    'provideDocumentFormattingEdits',
    'provideDocumentRangeFormattingEdits',
    'provideDocumentSymbols',
    'prepareRename',
    'provideRenameEdits',
    'provideDocumentSemanticTokens',
  ] as const) {
    (m as Record<string, unknown>)[name] = gate(pass);
  }
  return m;
}

/** a document became ours after an edit (e.g. `groups:` typed): send it to the server */
function openIfClaimed(doc: vscode.TextDocument): void {
  if (!client || !client.isRunning() || opened.has(doc.uri.toString()) || !claims.claims(doc)) return;
  opened.add(doc.uri.toString());
  void client.sendNotification(DidOpenTextDocumentNotification.type, client.code2ProtocolConverter.asOpenTextDocumentParams(doc));
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.mjs');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, args: ['--node-ipc'] },
    debug: { module, transport: TransportKind.ipc, args: ['--node-ipc'], options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector() as LanguageClientOptions['documentSelector'],
    initializationOptions: serverSettings(),
    synchronize: { configurationSection: SECTION },
    outputChannel: output,
    traceOutputChannel: trace,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    middleware: middleware(),
    diagnosticCollectionName: 'promscope',
    errorHandler: {
      error: (_e, _m, count) => ({ action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
      closed: () => {
        const now = Date.now();
        crashes.push(now);
        while (crashes.length && now - crashes[0] > RESTART_WINDOW_MS) crashes.shift();
        opened.clear();
        if (crashes.length <= MAX_RESTARTS) {
          output.appendLine(`[client] the promscope language server stopped unexpectedly; restarting (${crashes.length}/${MAX_RESTARTS} in 3 minutes)`);
          void vscode.window.showWarningMessage('promscope: the language server stopped unexpectedly and was restarted.', 'Show Log').then((a) => a && output.show(true));
          return { action: CloseAction.Restart, handled: true };
        }
        void vscode.window
          .showErrorMessage(`promscope: the language server crashed ${crashes.length} times in 3 minutes and was not restarted.`, 'Restart', 'Show Log')
          .then((a) => (a === 'Restart' ? restart(context, 'restart requested after crashes') : a && output.show(true)));
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    },
  };
  client = new LanguageClient('promscope', 'promscope', serverOptions, clientOptions);
  client.onDidChangeState((e) => {
    if (e.newState === State.Running) opened.clear();
    updateStatus();
  });
  context.subscriptions.push({ dispose: () => void client?.stop().catch(() => undefined) });
  updateStatus();
  try {
    await client.start();
    void vscode.commands.executeCommand('setContext', 'promscope.active', true);
  } catch (e) {
    output.appendLine(`[client] the language server did not start: ${e instanceof Error ? e.message : String(e)}`);
    void vscode.window.showErrorMessage('promscope: the language server did not start (see the promscope output).', 'Show Log').then((a) => a && output.show(true));
  }
  updateStatus();
}

async function restart(context: vscode.ExtensionContext, why: string): Promise<void> {
  output.appendLine(`[client] ${why}`);
  const c = client;
  client = undefined;
  opened.clear();
  if (c) await c.stop(5000).catch(() => undefined);
  crashes.length = 0;
  await start(context);
}

function updateStatus(): void {
  if (!status) return;
  const ed = vscode.window.activeTextEditor;
  const v = vscode.workspace.getConfiguration(SECTION, ed?.document.uri).get<string>('prometheusVersion', '');
  const state = client?.state;
  const icon = state === State.Running ? '$(pulse)' : state === State.Starting ? '$(sync~spin)' : '$(error)';
  status.text = `${icon} Prometheus ${v || 'latest'}`;
  status.tooltip = new vscode.MarkdownString(
    `**promscope** — target Prometheus version: \`${v || 'newest known'}\`\n\nServer: ${state === State.Running ? 'running' : state === State.Starting ? 'starting' : 'stopped'}. Click to change the version.`,
  );
  if (ed && claims?.claims(ed.document)) status.show();
  else status.hide();
}

async function selectVersion(): Promise<void> {
  const cfg = vscode.workspace.getConfiguration(SECTION, vscode.window.activeTextEditor?.document.uri);
  const current = cfg.get<string>('prometheusVersion', '');
  const items: (vscode.QuickPickItem & { value: string })[] = [
    { label: 'latest', description: 'the newest version promscope knows', value: '', picked: current === '' },
    ...KNOWN_VERSIONS.map((v) => ({ label: v, description: v === current ? 'current' : undefined, value: v })),
    { label: 'Other…', description: 'type a version', value: '\0other' },
  ];
  const pick = await vscode.window.showQuickPick(items, { placeHolder: `Target Prometheus version (now: ${current || 'latest'})` });
  if (!pick) return;
  let value = pick.value;
  if (value === '\0other') {
    const typed = await vscode.window.showInputBox({ prompt: 'Prometheus version, e.g. 2.53 or 3.5', value: current, validateInput: (s) => (/^(|[23]\.\d+(\.\d+)?)$/.test(s.trim()) ? undefined : 'a version such as 2.53 or 3.5') });
    if (typed === undefined) return;
    value = typed.trim();
  }
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await cfg.update('prometheusVersion', value, target);
  updateStatus();
}
