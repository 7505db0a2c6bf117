/** What the request handlers share: the stores and services of one server instance. */
import type { AnalyzerOptions, ServiceContext, WorkspaceIndex } from '@promscope/core';
import type { Connection } from 'vscode-languageserver';
import { optionsFor } from './analysis';
import type { DiagnosticsService } from './diagnostics';
import type { DocumentStore } from './documents';
import type { Logger } from './logger';
import type { PrometheusClient } from './prometheus-client';
import type { ProjectConfigs } from './project-config';
import type { ServerSettings } from './settings';

export interface ServerContext {
  connection: Connection;
  store: DocumentStore;
  index: WorkspaceIndex;
  diagnostics: DiagnosticsService;
  configs: ProjectConfigs;
  log: Logger;
  settings(): ServerSettings;
  prometheus(): PrometheusClient | undefined;
}

/** Analyzer options for a document (settings + `.promscope.yml`), as the core services take them. */
export function analyzerOptions(ctx: ServerContext, uri: string): Partial<AnalyzerOptions> {
  return optionsFor(ctx.store.get(uri)?.fsPath, ctx.settings(), ctx.configs).options;
}

export function serviceContext(ctx: ServerContext, uri: string): ServiceContext {
  return { index: ctx.index, options: analyzerOptions(ctx, uri) };
}
