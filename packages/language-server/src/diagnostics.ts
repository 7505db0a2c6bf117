/**
 * Diagnostics: debounced per document, computed by analysis.ts (the CLI's pipeline), published with
 * the workspace pass (`crossFileDiagnostics` over all file summaries). After a document is analysed
 * the workspace index is updated and its dependents — files whose workspace diagnostics change, and
 * files that use the names it records — are re-published without re-analysing anything else.
 */
import { crossFileDiagnostics, type Diagnostic as CoreDiagnostic, type FileSummary, type WorkspaceIndex } from '@promscope/core';
import type { Connection } from 'vscode-languageserver';
import { analyzeText } from './analysis';
import { toDiagnostic } from './convert';
import type { DocumentStore } from './documents';
import type { Logger } from './logger';
import type { ProjectConfigs } from './project-config';
import type { ServerSettings } from './settings';

/** quiet time after an analysis before the workspace index takes the new text */
const REINDEX_DELAY_MS = 300;

export class DiagnosticsService {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly reindexTimers = new Map<string, NodeJS.Timeout>();
  private readonly summaries = new Map<string, FileSummary>();
  private crossFile = new Map<string, CoreDiagnostic[]>();
  private readonly published = new Map<string, CoreDiagnostic[]>();
  /** analysis timings (ms) of the recent runs, for logs and the benchmark */
  readonly timings: number[] = [];
  /** number of analyses per document (for tests: debouncing coalesces bursts) */
  readonly runs = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    private readonly store: DocumentStore,
    private readonly index: WorkspaceIndex,
    private readonly configs: ProjectConfigs,
    private readonly settings: () => ServerSettings,
    private readonly log: Logger,
  ) {}

  /** Analyse after the debounce delay (restarted by every new edit). */
  schedule(uri: string, delay = this.settings().debounceMs): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.run(uri);
      }, delay),
    );
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  /** The diagnostics last published for a document (core form, for code actions). */
  current(uri: string): CoreDiagnostic[] {
    return this.published.get(uri) ?? [];
  }

  /** Analyse one document now and publish it and its dependents. */
  run(uri: string, reindex: 'later' | 'now' | 'skip' = 'later'): void {
    const entry = this.store.get(uri);
    if (!entry) return;
    try {
      const display = entry.fsPath ?? uri;
      const a = analyzeText(display, entry.fsPath, entry.text, this.settings(), this.configs);
      entry.analysis = { ...a, text: entry.text };
      entry.kind = a.result.kind;
      this.timings.push(a.ms);
      this.runs.set(uri, (this.runs.get(uri) ?? 0) + 1);
      if (this.timings.length > 1000) this.timings.splice(0, this.timings.length - 1000);
      this.log.debug(`analysed ${display} (${a.result.kind}, v${entry.version ?? 'disk'}) in ${a.ms.toFixed(1)} ms: ${a.diagnostics.length} diagnostics`);
      this.summaries.set(uri, a.result.summary);
      const changedCross = this.recomputeCrossFile();
      this.publish(uri);
      changedCross.delete(uri);
      for (const dep of changedCross) this.publish(dep);
      // the index (and with it the dependents) follows when the typing pauses
      if (reindex === 'later') this.scheduleReindex(uri);
      else if (reindex === 'now') this.reindex(uri);
    } catch (e) {
      this.log.error(`analysis of ${uri} failed`, e);
    }
  }

  private scheduleReindex(uri: string): void {
    const t = this.reindexTimers.get(uri);
    if (t) clearTimeout(t);
    this.reindexTimers.set(
      uri,
      setTimeout(() => {
        this.reindexTimers.delete(uri);
        this.reindex(uri);
      }, REINDEX_DELAY_MS),
    );
  }

  /** Re-index a document now (also used by the initial scan, which needs no delay). */
  reindex(uri: string): void {
    const alsoPublish = new Set<string>();
    try {
      const entry = this.store.get(uri);
      if (!entry) return;
      const model = this.store.model(uri);
      if (!model) return;
      const names = this.index.setFile(uri, model);
      for (const dep of this.index.filesReferencing(names, uri)) alsoPublish.add(dep);
    } catch (e) {
      this.log.error(`indexing ${uri} failed`, e);
    }
    alsoPublish.delete(uri);
    for (const dep of alsoPublish) this.publish(dep);
  }

  /** Forget a document (deleted from disk). */
  remove(uri: string): void {
    this.cancel(uri);
    this.summaries.delete(uri);
    const names = this.index.removeFile(uri);
    const changed = this.recomputeCrossFile();
    for (const dep of this.index.filesReferencing(names)) changed.add(dep);
    this.published.delete(uri);
    this.connection.sendDiagnostics({ uri, diagnostics: [] });
    changed.delete(uri);
    for (const dep of changed) this.publish(dep);
  }

  /** Runs the workspace pass; returns the documents whose workspace diagnostics changed. */
  private recomputeCrossFile(): Set<string> {
    const uriOfPath = new Map<string, string>();
    for (const [uri, s] of this.summaries) uriOfPath.set(s.path, uri);
    const next = new Map<string, CoreDiagnostic[]>();
    for (const c of crossFileDiagnostics([...this.summaries.values()])) {
      const uri = uriOfPath.get(c.path);
      if (!uri) continue;
      let list = next.get(uri);
      if (!list) next.set(uri, (list = []));
      list.push(c.diagnostic);
    }
    const changed = new Set<string>();
    for (const uri of new Set([...this.crossFile.keys(), ...next.keys()])) {
      if (JSON.stringify(this.crossFile.get(uri) ?? []) !== JSON.stringify(next.get(uri) ?? [])) changed.add(uri);
    }
    this.crossFile = next;
    return changed;
  }

  private publish(uri: string): void {
    const entry = this.store.get(uri);
    const lines = this.store.lines(uri);
    if (!entry || !lines || !entry.analysis || entry.analysis.text !== entry.text) return;
    const all = [...entry.analysis.diagnostics, ...(this.crossFile.get(uri) ?? [])];
    this.published.set(uri, all);
    const byPath = (file: string) => {
      for (const u of this.store.uris()) {
        const e = this.store.get(u);
        if (e && (e.fsPath === file || u === file)) return { uri: u, lines: this.store.lines(u) };
      }
      return undefined;
    };
    const version = entry.version ?? undefined;
    this.connection.sendDiagnostics({ uri, version, diagnostics: all.map((d) => toDiagnostic(lines, d, uri, byPath)) });
  }
}
