/**
 * The configuration pass of `promscope check`, around the per-file analysis:
 *
 * - before it, the prometheus.yml and alertmanager.yml files of the run are analysed on the main
 *   thread (their models hold functions and regexes that do not cross to worker threads) and the
 *   files they link to are read (`checkPrometheusLinks`): so every other file's job gets the scrape
 *   intervals of the prometheus.yml that governs it (`prometheusConfigFor`) as plain data, and rule
 *   files are asked for their alerts when an alertmanager.yml has inhibit rules to check;
 * - after it, the links' diagnostics: missing referenced files and `scrape_config_files` on each
 *   prometheus.yml, template names and inhibit rules on each alertmanager.yml (`checkAlertmanagerLinks`),
 *   and the diagnostics of linked files (included scrape configs, template files).
 *
 * Everything deciding lives in the core (links/); this module only reads files and routes results.
 */
import {
  checkAlertmanagerLinks,
  checkPrometheusLinks,
  detectKind,
  prometheusConfigFor,
  routeLinkedFiles,
  type AlertmanagerModel,
  type Diagnostic,
  type LinkedFile,
  type PrometheusConfigCandidate,
  type PrometheusLinks,
  type WorkspaceAlertData,
} from '@promscope/core';
import { analyzeJobWithResult } from './check-file';
import type { Entry } from './entries';
import { corePath, fsFileHost } from './file-host';

interface PrometheusConfig {
  entry: Entry;
  path: string;
  links: PrometheusLinks;
}

interface AlertmanagerConfig {
  entry: Entry;
  path: string;
  model: AlertmanagerModel;
}

export class ConfigPass {
  private readonly prometheus: PrometheusConfig[] = [];
  private readonly alertmanager: AlertmanagerConfig[] = [];
  private readonly candidates: PrometheusConfigCandidate[] = [];
  /** some alertmanager.yml has inhibit rules with `equal` labels: rule files report their alerts */
  private wantAlerts = false;

  /** Analyses the configuration files among `entries` (sets their outcome); the others are left to the pool. */
  analyseConfigs(entries: readonly Entry[]): void {
    for (const e of entries) {
      if (e.outcome || e.job.kind === 'promql') continue;
      const kind = e.job.kind ?? detectKind(e.job.text, e.target.abs);
      if (kind !== 'prometheus-config' && kind !== 'alertmanager-config') continue;
      const { outcome, result } = analyzeJobWithResult(e.job);
      e.outcome = outcome;
      const file = corePath(e.target.abs);
      if (result?.config) {
        const links = checkPrometheusLinks(file, result.config, fsFileHost, e.job.options);
        this.prometheus.push({ entry: e, path: file, links });
        this.candidates.push({ path: file, ruleFiles: result.config.ruleFiles.map((r) => r.pattern), included: links.included.map((f) => f.path) });
      } else if (result?.alertmanager) {
        this.alertmanager.push({ entry: e, path: file, model: result.alertmanager });
        if (result.alertmanager.inhibitRules.some((r) => r.equal.length > 0)) this.wantAlerts = true;
      }
    }
  }

  /** Gives each file still to analyse the intervals of its prometheus.yml, and asks rule files for their alerts if needed. */
  configureJobs(entries: readonly Entry[]): void {
    for (const e of entries) {
      if (e.outcome) continue;
      const cfg = prometheusConfigFor(corePath(e.target.abs), this.candidates);
      const intervals = cfg ? this.prometheus.find((p) => p.path === cfg)?.links.intervals : undefined;
      if (intervals) e.job.options = { ...e.job.options, scrapeIntervals: intervals };
      if (this.wantAlerts) e.job.collectAlerts = true;
    }
  }

  /**
   * The links' diagnostics once every file is analysed: per entry (by job path, to join the
   * cross-file pass) and the linked files that are not entries of the run (reported on their own).
   * `load` brings the diagnostics of entries that a worker holds (see pool.ts).
   */
  async diagnostics(checked: readonly Entry[], load: (entries: readonly Entry[]) => Promise<void>): Promise<{ byEntry: Map<string, Diagnostic[]>; linkedFiles: LinkedFile[] }> {
    const byEntry = new Map<string, Diagnostic[]>();
    const add = (e: Entry, ds: readonly Diagnostic[]) => {
      if (ds.length > 0) byEntry.set(e.job.path, [...(byEntry.get(e.job.path) ?? []), ...ds]);
    };
    const files: LinkedFile[] = [];
    for (const p of this.prometheus) {
      add(p.entry, p.links.diagnostics);
      files.push(...p.links.included);
    }
    if (this.alertmanager.length > 0) {
      const alerts: WorkspaceAlertData[] = checked.flatMap((e) => e.outcome?.alerts ?? []);
      for (const a of this.alertmanager) {
        const r = checkAlertmanagerLinks(a.path, a.model, fsFileHost, alerts);
        add(a.entry, r.diagnostics);
        files.push(...r.templates);
      }
    }
    const entryOf = new Map(checked.filter((e) => !e.virtual).map((e) => [corePath(e.target.abs), e]));
    // a linked file that is also checked gets what its own analysis did not report: its diagnostics here
    await load([...new Set(files.flatMap((f) => entryOf.get(f.path) ?? []))]);
    const routed = routeLinkedFiles(files, (p) => entryOf.get(p)?.outcome?.diagnostics);
    for (const [p, ds] of routed.checked) add(entryOf.get(p)!, ds);
    return { byEntry, linkedFiles: routed.unchecked };
  }
}

