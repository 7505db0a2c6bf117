/**
 * Diagnostics: debounced per document, computed off the main thread (analysis-runner.ts) by the
 * CLI's pipeline (analysis.ts), published together with the workspace pass (`crossFileDiagnostics`
 * over all file summaries, the workspace rule checks, and what the configurations link to:
 * links.ts). After a document is analysed the workspace index takes its new facts and its
 * dependents — files whose workspace diagnostics change, and files that use the names it records —
 * are re-published; nothing else is re-analysed, except rule files whose prometheus.yml scrape
 * intervals changed (they are analysed again with the new ones).
 *
 * Under load (edits in many files, a big file re-analysed on every keystroke) the edited document
 * comes first: its diagnostics are published with its own part of the workspace pass (computed
 * over every file's current summary), and the pass over every file, which other files' parts need
 * when its names changed, follows shortly, shared by all the analyses that finish meanwhile.
 * A document with no workspace diagnostics has its own published from the analyzer's first answer,
 * the LSP text alone, while the analyzer encodes the rest (its summary for the workspace pass).
 */
import {
  crossFileDiagnostics,
  finishDiagnostics,
  finishLinkedFile,
  LineIndex,
  modelFromData,
  parseProjectConfig,
  WorkspacePass,
  type CheckSettings,
  type Diagnostic as CoreDiagnostic,
  type FileSummary,
  type LinkedFile,
  type WorkspaceIndex,
} from '@promscope/core';
import { pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { optionsFor } from './analysis';
import type { AnalysisOutput } from './analysis-job';
import type { AnalysisRunner } from './analysis-runner';
import { diagnosticFeatures, diagnosticsLimit, sameData, toDiagnostic, toPublished } from './convert';
import type { DocumentStore } from './documents';
import { WorkspaceLinks } from './links';
import type { Logger } from './logger';
import type { ProjectConfigs } from './project-config';
import type { ServerSettings } from './settings';
import { rawDiagnosticsParams, writesRawDiagnostics, type LspJson } from './wire';

/** kinds whose workspace part is all in their summary (configurations link to files: always re-run) */
const SKIPPABLE_KINDS = new Set<string>(['rules', 'prometheus-rule', 'rule-tests']);

/**
 * how long the pass over every file waits after an analysis changed a file's names: the analyses
 * finishing meanwhile (a workspace opening, edits in several files) share one pass
 */
const PASS_DELAY_MS = 30;
/**
 * While the user types, the pass waits for a pause: this long without an edit of any document (the
 * default debounce); once it has waited `PASS_MAX_WAIT_MS` (typing on), right after the next publication.
 * A keystroke's own diagnostics never wait for it (the first answer has them); what it can change is
 * the workspace diagnostics (a recorded metric defined or used elsewhere), which follow the pause.
 */
const PASS_QUIET_MS = 150;
const PASS_MAX_WAIT_MS = 1000;

/** check settings of a file that has none (one object: the workspace pass keeps findings while a file's settings are the same object) */
const NO_SETTINGS: CheckSettings = {};

export class DiagnosticsService {
  /** pending analyses: cancels the timer (or, for no delay, the immediate) of each */
  private readonly timers = new Map<string, () => void>();
  /** per document: its analysis' summary (read lazily: it crosses from the worker as JSON) */
  private readonly summaries = new Map<string, { readonly summary: FileSummary }>();
  private crossFile = new Map<string, CoreDiagnostic[]>();
  /** the workspace rule checks, kept from pass to pass (a file is checked again when a change reaches it) */
  private readonly workspacePass = new WorkspacePass();
  /** each file's `workspaceSignature` at its last analysis */
  private readonly signatures = new Map<string, string>();
  /** how many analyses skipped the workspace pass (tests read it) */
  skippedPasses = 0;
  /** how many deferred passes over every file ran (`deferPass`: tests read it) */
  deferredPasses = 0;
  /**
   * Has the editor sent a newer text of the document than `version`, not yet handled (incoming.ts)?
   * Then the diagnostics of `version` are not published: the newer text's follow.
   */
  newerTextComing: (uri: string, version: number | undefined) => boolean = () => false;
  /** publications left out because a newer text had come (`newerTextComing`: stats) */
  stalePublications = 0;
  /** publications made from the analyzer's first answer (`firstAnswer`: tests, stats) */
  publishedFromFirstAnswer = 0;
  /** per document: its published diagnostics (core form, read lazily: see `current`) */
  private readonly published = new Map<string, () => CoreDiagnostic[]>();
  /**
   * per document: the LSP text published from the analyzer's first answer (`firstAnswer`), of
   * which text and version; the complete answer does not publish it again
   */
  private readonly publishedFirst = new Map<string, { text: string; version: number | undefined; lsp: LspJson }>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly dirty = new Set<string>();
  /** the configurations' links: missing files, scrape_config_files, templates, inhibit rules, intervals */
  readonly links: WorkspaceLinks;
  /** per document: the key of the scrape intervals its last analysis used */
  private readonly usedIntervals = new Map<string, string>();
  /** the prometheus.yml set the intervals of the analysed documents were last compared with */
  private intervalsSignature = '';
  /** linked files without a document (template files...) with the diagnostics published on them */
  private external = new Map<string, CoreDiagnostic[]>();
  private nextJob = 1;
  /** the pending pass over every file (`deferPass`), and since when it has been wanted */
  private passTimer?: ReturnType<typeof setTimeout>;
  private passWantedSince = 0;
  /** the pending pass runs when its timer fires, edits or not (`armPass`) */
  private passForced = false;
  /** when a document was last edited (`noteEdit`; performance.now()) */
  private lastEditAt = -Infinity;
  /** analysis timings (ms) of the recent runs, for logs and the benchmark */
  readonly timings: number[] = [];
  /** per document: how its last analysis went (groups analysed and reused, or the whole file), for tests */
  readonly howAnalysed = new Map<string, NonNullable<AnalysisOutput['groups']>>();
  /** number of analyses per document (for tests: debouncing coalesces bursts) */
  readonly runs = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    private readonly store: DocumentStore,
    private readonly index: WorkspaceIndex,
    private readonly configs: ProjectConfigs,
    private readonly runner: AnalysisRunner,
    private readonly settings: () => ServerSettings,
    private readonly log: Logger,
  ) {
    this.links = new WorkspaceLinks(store, (p) => optionsFor(p, this.settings(), this.configs).options);
  }

  /** The editor changed a document's text: the pass over every file waits for a pause (`deferPass`). */
  noteEdit(): void {
    this.lastEditAt = performance.now();
  }

  /** Analyse after the debounce delay (restarted by every new edit). */
  schedule(uri: string, delay = this.settings().debounceMs): void {
    this.timers.get(uri)?.();
    this.runner.superseded(uri);
    const fire = () => {
      this.timers.delete(uri);
      void this.run(uri);
    };
    // no delay: the next turn of the event loop (a 0 ms timer waits at least 1 ms)
    if (delay <= 0) {
      const i = setImmediate(fire);
      this.timers.set(uri, () => clearImmediate(i));
    } else {
      const t = setTimeout(fire, delay);
      this.timers.set(uri, () => clearTimeout(t));
    }
  }

  /**
   * Will a worker build the model of `text`, the document's current text, so that a request can
   * wait for it (documents.ts `modelFromWorker`)? Its analysis is scheduled or under way.
   */
  modelComing(uri: string, text: string): boolean {
    const queued = this.timers.has(uri) || this.inFlight.has(uri);
    return this.runner.wantModel(uri, text) || (queued && this.runner.hasModeller);
  }

  cancel(uri: string): void {
    this.timers.get(uri)?.();
    this.timers.delete(uri);
    this.settleAnalysed(uri);
  }

  /** requests waiting for the published diagnostics of a document's text (`analysed`) */
  private readonly analysedWaiters = new Map<string, { text: string; done: () => void }[]>();

  /**
   * Resolves once the published diagnostics of the document are those of `text` (its analysis,
   * scheduled or under way, is published), or none of `text` is coming (the document has another
   * text, or no analysis is scheduled), or after `timeoutMs`. For a request about the diagnostics
   * that comes right after an edit (Ctrl+. while the analysis runs): not an empty answer then.
   */
  analysed(uri: string, text: string, timeoutMs: number): Promise<void> {
    if (this.analysedSettled(uri, text)) return Promise.resolve();
    // its diagnostics may be out already, the rest of the analyzer's answer held back: wanted now
    if (this.inFlight.has(uri)) this.runner.wantRest();
    return new Promise((resolve) => {
      const w = {
        text,
        done: () => {
          clearTimeout(timer);
          const ws = this.analysedWaiters.get(uri) ?? [];
          ws.splice(ws.indexOf(w), 1);
          if (ws.length === 0) this.analysedWaiters.delete(uri);
          resolve();
        },
      };
      const timer = setTimeout(w.done, timeoutMs);
      this.analysedWaiters.set(uri, [...(this.analysedWaiters.get(uri) ?? []), w]);
    });
  }

  private analysedSettled(uri: string, text: string): boolean {
    const e = this.store.get(uri);
    return !e || e.text !== text || e.analysis?.text === text || (!this.timers.has(uri) && !this.inFlight.has(uri));
  }

  private settleAnalysed(uri: string): void {
    const ws = this.analysedWaiters.get(uri);
    if (ws) for (const w of [...ws]) if (this.analysedSettled(uri, w.text)) w.done();
  }

  /** The diagnostics last published for a document (core form, for code actions). */
  current(uri: string): CoreDiagnostic[] {
    return this.published.get(uri)?.() ?? [];
  }

  /**
   * Analyses one document and publishes it and its dependents. One job per document is in flight
   * at a time; edits made meanwhile are analysed right after it (only the newest text).
   */
  run(uri: string): Promise<void> {
    const busy = this.inFlight.get(uri);
    if (busy) {
      this.dirty.add(uri);
      // its diagnostics may be out already, the rest of the analyzer's answer held back: wanted now
      this.runner.wantRest();
      return busy;
    }
    const p = this.analyse(uri).finally(() => {
      this.inFlight.delete(uri);
      if (this.dirty.delete(uri)) void this.run(uri);
      this.settleAnalysed(uri);
    });
    this.inFlight.set(uri, p);
    return p;
  }

  /** Resolves when the diagnostics are published; the index update follows on its own. */
  private analyse(uri: string): Promise<void> {
    const entry = this.store.get(uri);
    if (!entry) return Promise.resolve();
    const text = entry.text;
    const display = entry.fsPath ?? uri;
    return new Promise<void>((published) => {
      let republish = new Set<string>();
      // `out.signature`: the summary's `workspaceSignature`, computed by the worker (the summary is not read here)
      const early = (out: AnalysisOutput) => {
        published();
        // every analysis that ran (its diagnostics may have been published from the first answer)
        this.timings.push(out.ms);
        if (this.timings.length > 1000) this.timings.splice(0, this.timings.length - 1000);
        const cur = this.store.get(uri);
        if (!cur || cur.text !== text) return; // a newer text is on its way
        // the diagnostics are read (parsed: they cross from the worker as JSON) only when needed
        cur.analysis = {
          text,
          get diagnostics() {
            return out.diagnostics;
          },
          get raw() {
            return out.raw;
          },
          ms: out.ms,
          lsp: out.lsp,
        };
        cur.kind = out.kind;
        this.runs.set(uri, (this.runs.get(uri) ?? 0) + 1);
        if (out.groups) this.howAnalysed.set(uri, out.groups);
        this.summaries.set(uri, out);
        this.links.noteKind(uri, out.kind);
        // the workspace pass runs over every file: skip it when this analysis cannot change its outcome
        // (a rule file whose names and their places are the same, under the same check settings, and
        // that had no workspace findings); with findings, only this file's part is recomputed unless
        // another file's notes point into it
        const signature = SKIPPABLE_KINDS.has(out.kind) ? `${out.signature}\u0000${JSON.stringify(checks)}` : undefined;
        const analysedBefore = this.signatures.has(uri);
        const sameNames = signature !== undefined && this.signatures.get(uri) === signature;
        const same = sameNames && (this.crossFile.get(uri)?.length ?? 0) === 0;
        if (signature !== undefined) this.signatures.set(uri, signature);
        else this.signatures.delete(uri);
        // a rule file: this document's part now, over every file's current summary; when its names
        // changed (other files' findings may change) or other files' notes point into it, the pass
        // over every file follows, coalesced with the passes of the analyses that finish meanwhile
        // (`deferPass`). Other kinds (configurations: links, scrape intervals) run the whole pass now.
        // An edited rule file without workspace diagnostics whose names changed (most keystrokes in
        // an expression: the signature holds each rule's uses) leaves its part to that pass:
        // computing it now too (the rule graph updated for the file, and the workspace checks) was
        // most of the main thread's work per keystroke, and what its collections copied. (A file's
        // first analysis publishes its part at once.)
        const whole = !same && (!sameNames || this.pointedAtFromElsewhere(uri, out.summary.path));
        const hadPart = (this.crossFile.get(uri)?.length ?? 0) > 0;
        // (not the same and not `whole`: the same names, so it has a part, `hadPart`)
        const partNow = !same && (signature === undefined || hadPart || !analysedBefore);
        republish = partNow ? this.recomputeCrossFile(whole && signature === undefined ? undefined : uri) : new Set();
        if (whole && signature !== undefined) this.deferPass();
        this.skippedPasses += same ? 1 : 0;
        this.publish(uri);
        this.settleAnalysed(uri);
        // the other files whose workspace diagnostics changed: now (their new diagnostics are stored
        // already; the model step may be skipped, or come after a newer text, and never publish them)
        for (const dep of republish) if (dep !== uri) this.publish(dep);
        republish = new Set();
        this.passIfOverdue();
      };
      const indexed = (out: AnalysisOutput) => {
        const cur = this.store.get(uri);
        if (!cur || cur.text !== text || !cur.analysis || cur.analysis.text !== text) return;
        const how = !out.groups ? '' : 'wholeFile' in out.groups ? `; whole file (${out.groups.wholeFile})` : `; groups: ${out.groups.analysed} analysed, ${out.groups.reused} reused`;
        this.log.debug(`analysed ${display} (${out.kind}, v${cur.version ?? 'disk'}) in ${out.ms.toFixed(1)} ms (+${out.modelMs.toFixed(1)} ms model): ${out.count} diagnostics${how}`);
        // the index takes the new facts; files using the names this one records are dependents
        if (!out.model) return; // skipped: a newer text of the document is being analysed
        cur.analysis.model = out.model;
        const model = modelFromData(out.model, text);
        this.store.setModel(uri, text, model);
        // (the files that use its names are not published again for it: what they publish depends
        // on this file only through the workspace pass, whose changes `published` sends)
        this.index.setFile(uri, model, out.facts);
        // new alerts matter to the inhibit rules of the workspace's alertmanager.yml
        if (out.alerts && this.links.setAlerts(uri, out.alerts) && this.links.hasInhibitRules()) for (const dep of this.recomputeCrossFile()) republish.add(dep);
        republish.delete(uri);
        for (const dep of republish) this.publish(dep);
      };
      // the analyzer's first answer, the LSP text of the file's own diagnostics: published at once
      // when an edit of a rule file (analysed before: it has a signature) that had no workspace
      // diagnostics was analysed, while the analyzer encodes the rest. Should the complete answer
      // bring workspace diagnostics (the edit changed the file's names), they are published with it.
      // (A file's first analysis waits for the complete answer: its workspace diagnostics are not
      // known yet.)
      const firstAnswer = (lsp: LspJson) => {
        const cur = this.store.get(uri);
        if (!cur || cur.text !== text || !this.signatures.has(uri) || (this.crossFile.get(uri)?.length ?? 0) > 0 || !writesRawDiagnostics()) return;
        const version = cur.version ?? undefined;
        if (this.staleVersion(uri, version)) return;
        this.connection.sendDiagnostics(rawDiagnosticsParams(uri, version, lsp));
        this.publishedFirst.set(uri, { text, version, lsp });
        this.publishedFromFirstAnswer++;
      };
      let options: ReturnType<typeof optionsFor>["options"];
      let checks: CheckSettings;
      try {
        ({ options, checks } = optionsFor(entry.fsPath, this.settings(), this.configs));
        // the scrape intervals of the prometheus.yml that governs this file (range-too-short, ...)
        const iv = this.links.intervalsFor(entry.fsPath);
        if (iv.intervals) options = { ...options, scrapeIntervals: iv.intervals };
        this.usedIntervals.set(uri, iv.key);
      } catch (e) {
        this.log.error(`configuration for ${display} failed`, e);
        published();
        return;
      }
      this.runner
        .analyze(
          { id: this.nextJob++, uri, displayPath: display, text, options, checks, incremental: entry.version !== null, edited: entry.version !== null && entry.version > 1, lspFeatures: diagnosticFeatures(), lspLimit: diagnosticsLimit() },
          early,
          firstAnswer,
        )
        // requests already received (completion while typing) go first: the model and index update
        // is main-thread work that no reply waits for
        .then((out) => new Promise<AnalysisOutput | undefined>((resolve) => setImmediate(() => resolve(out))))
        // undefined: dropped unanalysed, a newer text of the document is scheduled
        .then((out) => out && indexed(out))
        .catch((e) => this.log.error(`analysis of ${display} failed`, e))
        .finally(published);
      // the line index of the new text, built while the worker analyses (publishing needs it)
      if (this.store.get(uri)?.text === text) this.store.lines(uri);
    });
  }

  /**
   * Runs the workspace pass over every file soon (at most one pending: the analyses finishing
   * meanwhile share it) and publishes the documents whose workspace diagnostics changed. The
   * edited documents have their own part already (`recomputeCrossFile(uri)`), so that a keystroke's
   * diagnostics never wait for the other files' part.
   */
  private deferPass(): void {
    if (this.passTimer) return;
    this.passWantedSince = performance.now();
    this.armPass(PASS_DELAY_MS, false);
  }

  /**
   * The deferred pass in `ms`: then, unless `now`, it waits on while documents are being edited.
   * One that has waited `PASS_MAX_WAIT_MS` is run by the next publication (`passIfOverdue`): in the
   * gap after a keystroke's answer, not in the middle of the next one's.
   */
  private armPass(ms: number, now: boolean): void {
    if (this.passTimer) clearTimeout(this.passTimer);
    this.passForced = now;
    this.passTimer = setTimeout(() => {
      this.passTimer = undefined;
      const wait = this.lastEditAt + PASS_QUIET_MS - performance.now();
      if (!now && wait > 1) return this.armPass(wait, false);
      this.deferredPasses++;
      for (const dep of this.recomputeCrossFile()) this.publish(dep);
    }, ms);
  }

  /** After a publication: a deferred pass that has waited its longest runs soon (see `armPass`). */
  private passIfOverdue(): void {
    if (this.passTimer && !this.passForced && performance.now() - this.passWantedSince >= PASS_MAX_WAIT_MS) this.armPass(PASS_DELAY_MS, true);
  }

  /** Publishes the problems of an open `.promscope.yml` (cleared when `text` is undefined: closed). */
  publishProjectConfig(uri: string, text: string | undefined, version?: number): void {
    if (text === undefined) {
      this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const clean = text.replace(/^\uFEFF/, '');
    const lines = new LineIndex(clean);
    const ds = parseProjectConfig(clean).diagnostics;
    this.connection.sendDiagnostics({ uri, version, diagnostics: toPublished(ds, (d) => toDiagnostic(lines, d, uri, () => undefined)) });
  }

  /** Files on disk changed (watched files, a document opened or closed): check the links again. */
  filesChanged(): void {
    this.links.invalidateFiles();
    for (const uri of this.recomputeCrossFile()) this.publish(uri);
  }

  /** Forget a document (deleted from disk). */
  remove(uri: string): void {
    this.cancel(uri);
    this.publishedFirst.delete(uri);
    this.checksCache.clear();
    this.summaries.delete(uri);
    this.signatures.delete(uri);
    this.howAnalysed.delete(uri);
    this.usedIntervals.delete(uri);
    this.links.forget(uri);
    const names = this.index.removeFile(uri);
    this.published.delete(uri);
    this.connection.sendDiagnostics({ uri, diagnostics: [] });
    // a linked file (a template) that stops being a document gets its link diagnostics back
    this.external.delete(uri);
    const changed = this.recomputeCrossFile();
    for (const dep of this.index.filesReferencing(names)) changed.add(dep);
    changed.delete(uri);
    for (const dep of changed) this.publish(dep);
  }

  /** Do workspace diagnostics of another file carry notes that point into this one (a cycle across files)? */
  private pointedAtFromElsewhere(uri: string, path: string): boolean {
    for (const [other, ds] of this.crossFile) {
      if (other === uri) continue;
      for (const d of ds) if (d.notes?.some((n) => n.file === path)) return true;
    }
    return false;
  }

  /** per file path: its check settings, while the settings and its `.promscope.yml` are the same objects */
  private readonly checksCache = new Map<string | undefined, { settings: ServerSettings; config: unknown; checks: CheckSettings }>();

  /**
   * A file's check settings (`optionsFor`), remembered: every workspace pass needs every rule
   * file's, and resolving them (the config lookup, its globs) was a sixth of the pass in the soak.
   * The settings object is replaced when they change, and a `.promscope.yml` is loaded again (a new
   * object) when any changes: either gives new settings.
   */
  private checksFor(fsPath: string | undefined): CheckSettings {
    const settings = this.settings();
    const config = fsPath ? this.configs.forFile(fsPath) : undefined;
    const hit = this.checksCache.get(fsPath);
    if (hit && hit.settings === settings && hit.config === config) return hit.checks;
    const { checks } = optionsFor(fsPath, settings, this.configs);
    this.checksCache.set(fsPath, { settings, config, checks });
    return checks;
  }

  /**
   * Runs the workspace pass; returns the documents whose workspace diagnostics changed. With `only`,
   * recomputes that document's part alone (the caller knows the others cannot change).
   */
  private recomputeCrossFile(only?: string): Set<string> {
    const uriOfPath = new Map<string, string>();
    const summaries = new Map([...this.summaries].map(([uri, o]) => [uri, o.summary]));
    for (const [uri, s] of summaries) uriOfPath.set(s.path, uri);
    const onlyPath = only !== undefined ? summaries.get(only)?.path : undefined;
    const next = new Map<string, CoreDiagnostic[]>();
    const add = (path: string, d: CoreDiagnostic) => {
      const uri = uriOfPath.get(path);
      if (!uri || (only !== undefined && uri !== only)) return;
      let list = next.get(uri);
      if (!list) next.set(uri, (list = []));
      list.push(d);
    };
    for (const c of crossFileDiagnostics([...summaries.values()])) add(c.path, c.diagnostic);
    // the workspace checks of `promscope check` (undefined recorded metrics, cycles...) over the rule files
    const ruleFiles: { path: string; text: string; graph?: FileSummary['rules']; checks: CheckSettings }[] = [];
    for (const [uri, s] of summaries) {
      const entry = this.store.get(uri);
      if (!entry || (s.kind !== 'rules' && s.kind !== 'prometheus-rule')) continue;
      // `s.rules`: the file's rules as the workspace graph sees them, from its analysis (no second parse)
      ruleFiles.push({ path: s.path, text: entry.text, graph: s.rules, checks: this.checksFor(entry.fsPath) });
    }
    if (ruleFiles.length > 0) {
      const settings = new Map(ruleFiles.map((f) => [f.path, f.checks]));
      const only = onlyPath !== undefined ? new Set([onlyPath]) : undefined;
      for (const [path, ds] of this.workspacePass.run(ruleFiles, { settingsFor: (p) => settings.get(p) ?? NO_SETTINGS, only })) for (const d of ds) add(path, d);
    }
    // what the configurations link to (as `promscope check`'s configuration pass)
    let linked: LinkedFile[] = [];
    try {
      const r = this.links.compute();
      for (const [uri, ds] of r.byUri) if (only === undefined || uri === only) next.set(uri, [...(next.get(uri) ?? []), ...ds]);
      linked = r.external;
    } catch (e) {
      this.log.error('checking the files the configurations link to failed', e);
    }
    if (only !== undefined) {
      // the other documents keep their part
      const before = this.crossFile.get(only) ?? [];
      const mine = next.get(only);
      next.clear();
      for (const [uri, ds] of this.crossFile) if (uri !== only) next.set(uri, ds);
      if (mine) next.set(only, mine);
      this.crossFile = next;
      return sameData(mine ?? [], before) ? new Set() : new Set([only]);
    }
    this.publishExternal(linked);
    this.reanalyseOnNewIntervals();
    const changed = new Set<string>();
    for (const uri of new Set([...this.crossFile.keys(), ...next.keys()])) {
      if (!sameData(this.crossFile.get(uri) ?? [], next.get(uri) ?? [])) changed.add(uri);
    }
    this.crossFile = next;
    return changed;
  }

  /** Rule files analysed with other scrape intervals than their prometheus.yml now gives are analysed again. */
  private reanalyseOnNewIntervals(): void {
    const snap = this.links.snapshot();
    if (snap.signature === this.intervalsSignature) return;
    this.intervalsSignature = snap.signature;
    for (const [uri, used] of this.usedIntervals) {
      const entry = this.store.get(uri);
      const kind = this.summaries.get(uri)?.summary.kind ?? entry?.kind;
      if (!entry || !(kind === 'rules' || kind === 'prometheus-rule' || kind === 'promql' || kind === 'dashboard')) continue;
      if (this.links.intervalsFor(entry.fsPath, snap).key !== used) {
        this.usedIntervals.delete(uri); // once: the new analysis records what it used
        this.schedule(uri, 0);
      }
    }
  }

  /** Diagnostics on linked files the server has no document for (template files): published as they are. */
  private publishExternal(files: readonly LinkedFile[]): void {
    const next = new Map<string, CoreDiagnostic[]>();
    const texts = new Map<string, string>();
    for (const f of files) {
      const uri = pathToFileURL(f.path).href;
      const ds = finishLinkedFile(f, optionsFor(f.path, this.settings(), this.configs).checks);
      if (ds.length > 0) {
        next.set(uri, ds);
        texts.set(uri, f.text);
      }
    }
    for (const uri of new Set([...this.external.keys(), ...next.keys()])) {
      if (this.store.get(uri)) continue; // became a document: published with it
      const ds = next.get(uri) ?? [];
      if (sameData(this.external.get(uri) ?? [], ds)) continue;
      const lines = new LineIndex(texts.get(uri) ?? '');
      this.connection.sendDiagnostics({ uri, diagnostics: toPublished(ds, (d) => toDiagnostic(lines, d, uri, () => undefined)) });
    }
    this.external = next;
  }

  /** the diagnostics of `version` are not to be published: a newer text has come (`newerTextComing`) */
  private staleVersion(uri: string, version: number | undefined): boolean {
    if (!this.newerTextComing(uri, version)) return false;
    this.stalePublications++;
    return true;
  }

  private publish(uri: string): void {
    const entry = this.store.get(uri);
    const lines = this.store.lines(uri);
    if (!entry || !lines || !entry.analysis || entry.analysis.text !== entry.text) return;
    // workspace diagnostics go through the same suppressions and levels as the file's own (as in the CLI)
    const cross = this.crossFile.get(uri) ?? [];
    const version = entry.version ?? undefined;
    const analysis = entry.analysis;
    const first = this.publishedFirst.get(uri);
    this.publishedFirst.delete(uri);
    if (cross.length === 0 && analysis.lsp !== undefined && writesRawDiagnostics()) {
      // the file's own diagnostics alone: converted and encoded by the analysis worker already
      this.published.set(uri, () => analysis.diagnostics);
      // (and published already from the analyzer's first answer)
      if (first && first.text === entry.text && first.version === version && first.lsp === analysis.lsp) return;
      if (this.staleVersion(uri, version)) return;
      this.connection.sendDiagnostics(rawDiagnosticsParams(uri, version, analysis.lsp));
      return;
    }
    const all = cross.length === 0 ? analysis.diagnostics : finishDiagnostics(entry.text, [...analysis.raw, ...cross], optionsFor(entry.fsPath, this.settings(), this.configs).checks);
    this.published.set(uri, () => all);
    // the documents notes point into (by path, or by URI for documents without one), looked up once each
    const other = new Map<string, { uri: string; lines?: LineIndex } | undefined>();
    const byPath = (file: string) => {
      if (other.has(file)) return other.get(file);
      let e = file === entry.fsPath ? entry : this.store.atPath(file);
      if (e?.fsPath !== file) e = this.store.get(file) ?? this.store.uris().map((u) => this.store.get(u)!).find((d) => d.fsPath === file);
      const found = e ? { uri: e.uri, lines: this.store.lines(e.uri) } : undefined;
      other.set(file, found);
      return found;
    };
    if (this.staleVersion(uri, version)) return;
    this.connection.sendDiagnostics({ uri, version, diagnostics: toPublished(all, (d) => toDiagnostic(lines, d, uri, byPath)) });
  }
}
