/**
 * The workspace's configurations and what they link to, for the diagnostics service: the models
 * of the prometheus.yml and alertmanager.yml documents (analysed here, on the main thread: models
 * hold functions and regexes that do not cross from the analysis worker), the files they name
 * (`checkPrometheusLinks`, `checkAlertmanagerLinks`, read through `StoreFileHost`), the scrape
 * intervals each rule file gets (`prometheusConfigFor`) and the alerts of the rule files for the
 * inhibit-rule check. The same core calls as `promscope check` (packages/cli/src/links.ts), so both
 * report the same. Results are cached per document text and host generation.
 */
import {
  analyzeFile,
  checkAlertmanagerLinks,
  checkPrometheusLinks,
  prometheusConfigFor,
  routeLinkedFiles,
  toSlash,
  type AlertmanagerLinks,
  type AnalyzeOptions,
  type Diagnostic,
  type FileKind,
  type FileResult,
  type LinkedFile,
  type PrometheusConfigCandidate,
  type PrometheusLinks,
  type ScrapeIntervals,
  type WorkspaceAlertData,
} from '@promscope/core';
import { sameData } from './convert';
import type { DocumentStore } from './documents';
import { StoreFileHost } from './file-host';

export interface LinkResults {
  /** diagnostics per document URI (configuration documents, linked documents the server has) */
  byUri: Map<string, Diagnostic[]>;
  /** linked files the server has no document for (template files...) */
  external: LinkedFile[];
}

interface PromDoc {
  doc: ConfigDoc;
  links: PrometheusLinks;
  intervalsKey: string;
  candidate: PrometheusConfigCandidate;
}

export interface IntervalSnapshot {
  proms: PromDoc[];
  signature: string;
}

interface ConfigDoc {
  uri: string;
  fsPath: string;
  /** '/'-separated */
  path: string;
  text: string;
  result: FileResult;
}

export class WorkspaceLinks {
  readonly host: StoreFileHost;
  private readonly results = new Map<string, { text: string; optionsKey: string; result: FileResult }>();
  private readonly promLinks = new Map<string, { text: string; generation: number; links: PrometheusLinks; intervalsKey: string }>();
  private readonly amLinks = new Map<string, { text: string; generation: number; alertsVersion: number; links: AlertmanagerLinks }>();
  private readonly alerts = new Map<string, WorkspaceAlertData[]>();
  private alertsVersion = 0;
  /** the configuration documents of the workspace, by the kind of their last analysis */
  private readonly configs = new Map<string, 'prometheus-config' | 'alertmanager-config'>();

  constructor(
    private readonly store: DocumentStore,
    /** analyzer options of a document (settings and `.promscope.yml`) */
    private readonly optionsOf: (fsPath: string) => Partial<AnalyzeOptions>,
  ) {
    this.host = new StoreFileHost(store);
  }

  /** The kind a document's analysis found (configuration documents are tracked). */
  noteKind(uri: string, kind: FileKind): void {
    if (kind === 'prometheus-config' || kind === 'alertmanager-config') this.configs.set(uri, kind);
    else this.configs.delete(uri);
  }

  /** Files on disk may have changed: read them again. */
  invalidateFiles(): void {
    this.host.invalidate();
  }

  /** The alerts a rule document can produce (from its analysis); true when they changed. */
  setAlerts(uri: string, alerts: readonly WorkspaceAlertData[]): boolean {
    const prev = this.alerts.get(uri) ?? [];
    if (sameData(prev, alerts)) return false;
    if (alerts.length === 0) this.alerts.delete(uri);
    else this.alerts.set(uri, [...alerts]);
    this.alertsVersion++;
    return true;
  }

  forget(uri: string): void {
    if (this.alerts.delete(uri)) this.alertsVersion++;
    this.configs.delete(uri);
    this.results.delete(uri);
    this.promLinks.delete(uri);
    this.amLinks.delete(uri);
  }

  /** Some alertmanager.yml has inhibit rules whose `equal` labels the rule files' alerts are checked against. */
  hasInhibitRules(): boolean {
    return this.docs('alertmanager-config').some((d) => d.result.alertmanager?.inhibitRules.some((r) => r.equal.length > 0));
  }

  /**
   * The prometheus.yml documents with their links, and a signature that changes when what they
   * give rule files (which file governs which, the intervals) may have changed.
   */
  snapshot(): IntervalSnapshot {
    const proms = this.prometheus();
    return { proms, signature: JSON.stringify(proms.map((p) => [p.candidate, p.intervalsKey])) };
  }

  /** The scrape intervals of the prometheus.yml that governs a file, and a key to compare them by. */
  intervalsFor(fsPath: string | undefined, snap: IntervalSnapshot = this.snapshot()): { intervals?: ScrapeIntervals; key: string } {
    if (!fsPath) return { key: '' };
    const chosen = prometheusConfigFor(toSlash(fsPath), snap.proms.map((p) => p.candidate));
    const hit = snap.proms.find((p) => p.doc.path === chosen);
    return hit ? { intervals: hit.links.intervals, key: `${hit.doc.path}\0${hit.intervalsKey}` } : { key: '' };
  }

  /** Every link diagnostic of the workspace. */
  compute(): LinkResults {
    const byUri = new Map<string, Diagnostic[]>();
    const add = (uri: string, ds: readonly Diagnostic[]) => {
      if (ds.length > 0) byUri.set(uri, [...(byUri.get(uri) ?? []), ...ds]);
    };
    const files: LinkedFile[] = [];
    for (const p of this.prometheus()) {
      add(p.doc.uri, p.links.diagnostics);
      files.push(...p.links.included);
    }
    const ams = this.docs('alertmanager-config');
    if (ams.length > 0) {
      let all: WorkspaceAlertData[] | undefined;
      for (const d of ams) {
        const model = d.result.alertmanager;
        if (!model) continue;
        const cached = this.amLinks.get(d.uri);
        let links: AlertmanagerLinks;
        if (cached && cached.text === d.text && cached.generation === this.host.generation && cached.alertsVersion === this.alertsVersion) links = cached.links;
        else {
          all ??= [...this.alerts.values()].flat();
          links = checkAlertmanagerLinks(d.path, model, this.host, all);
          this.amLinks.set(d.uri, { text: d.text, generation: this.host.generation, alertsVersion: this.alertsVersion, links });
        }
        add(d.uri, links.diagnostics);
        files.push(...links.templates);
      }
    }
    // a linked file the server analyses itself (an included scrape config) gets only what it lacks
    const routed = routeLinkedFiles(files, (p) => {
      const doc = this.store.atPath(p);
      return doc ? (doc.analysis?.raw ?? []) : undefined;
    });
    for (const [p, ds] of routed.checked) add(this.store.atPath(p)!.uri, ds);
    return { byUri, external: routed.unchecked };
  }

  /** the prometheus.yml documents with their links (cached per text and host generation) */
  private prometheus(): PromDoc[] {
    return this.docs('prometheus-config').flatMap((doc) => {
      const model = doc.result.config;
      if (!model) return [];
      let cached = this.promLinks.get(doc.uri);
      if (!cached || cached.text !== doc.text || cached.generation !== this.host.generation) {
        const links = checkPrometheusLinks(doc.path, model, this.host, this.optionsOf(doc.fsPath));
        cached = { text: doc.text, generation: this.host.generation, links, intervalsKey: JSON.stringify(links.intervals) };
        this.promLinks.set(doc.uri, cached);
      }
      const candidate = { path: doc.path, ruleFiles: model.ruleFiles.map((r) => r.pattern), included: cached.links.included.map((f) => f.path) };
      return [{ doc, links: cached.links, intervalsKey: cached.intervalsKey, candidate }];
    });
  }

  /** configuration documents of one kind with their full analysis (cached per text and options) */
  private docs(kind: 'prometheus-config' | 'alertmanager-config'): ConfigDoc[] {
    const out: ConfigDoc[] = [];
    for (const [uri, k] of this.configs) {
      if (k !== kind) continue;
      const entry = this.store.get(uri);
      if (!entry?.fsPath) continue;
      const options = this.optionsOf(entry.fsPath);
      const optionsKey = JSON.stringify(options);
      let cached = this.results.get(uri);
      if (!cached || cached.text !== entry.text || cached.optionsKey !== optionsKey) {
        cached = { text: entry.text, optionsKey, result: analyzeFile({ path: entry.fsPath, text: entry.text, kind }, options) };
        this.results.set(uri, cached);
      }
      out.push({ uri, fsPath: entry.fsPath, path: toSlash(entry.fsPath), text: entry.text, result: cached.result });
    }
    return out;
  }
}
