/**
 * Runs analysis jobs on two worker threads, so that a long analysis (a 1,000-rule file) never
 * holds up completion, hover or any other request on the main thread:
 * - the analyzer computes the diagnostics of each text (incrementally: it keeps each document's
 *   session) and answers at once; it is given one job at a time, the newest edit first, so that
 *   the document being typed in never waits behind a backlog of other documents;
 * - the modeller builds the editor model and index facts of the text the user pauses on (a job
 *   not superseded within `MODEL_DELAY_MS`), on the other core, so that it never delays the
 *   diagnostics of the next keystroke.
 * Falls back to running in-process when a worker cannot start or dies.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { AnalysisInterrupted, interruptible, workspaceSignature, type FileKind } from '@promscope/core';
import { diagnosticsStep, modelPart, runJob, type AnalysisJob, type AnalysisOutput, type ModelPart } from './analysis-job';
import type { Logger } from './logger';
import { IdleCollector, memoryAfterFullCollection, type ThreadMemory } from './idle-gc';
import { OutputEncoder, OutputMirror, type EncodedOutput, type LspJson } from './wire';
import { setDiagnosticFeatures, setDiagnosticsLimit } from './convert';
import { TextReceiver, TextSender, type TextEdit, type TextOnWire } from './job-texts';

export const WORKER_ROLE = 'promscope-analyzer';
export const MODELLER_ROLE = 'promscope-modeller';

/** how long a job's text must stay the newest of its document before its model is built */
const MODEL_DELAY_MS = 100;
/**
 * How long the analyzer holds back the rest of an answer whose LSP text went first (see
 * `serveAnalysisJobs`): about the time an editor takes to parse a big file's publication (50 ms was
 * no better in the soak).
 */
const REST_DELAY_MS = 20;

/**
 * The analyzer's answer: the summary and the diagnostics as JSON text, each piece only when it
 * changed since the document's last answer (wire.ts), which the main thread parses only when it
 * needs them (a workspace pass, workspace diagnostics to finish with the file's, a code action);
 * what it publishes is the LSP text (`lsp`).
 */
interface AnalyzerMessage {
  id: number;
  uri: string;
  keep: boolean;
  output: Omit<AnalysisOutput, 'summary' | 'diagnostics' | 'raw' | 'signature'>;
  encoded: EncodedOutput;
  /** the LSP text came first, in a `LspFirst` message (`encoded` holds no `lsp`) */
  lspFirst?: true;
}
/**
 * The analyzer's first answer to a job: the LSP text of its diagnostics, sent before the rest is
 * encoded (`OutputEncoder.begin`), so that the main thread can publish it meanwhile. `lspSame`:
 * the text sent last for the document.
 */
interface LspFirst {
  id: number;
  uri: string;
  first: true;
  /** its buffer transferred, not copied */
  lsp?: LspJson;
  lspSame: boolean;
}
/** the analyzer stopped a job whose document got a newer text meanwhile (`AnalysisRunner.superseded`) */
interface Interrupted {
  id: number;
  interrupted: true;
}

/** to a worker: collect all garbage and answer the heap it retains (`AnalysisRunner.workerHeaps`) */
interface HeapAsk {
  heap: true;
}
/** a worker's memory after a full collection */
interface HeapAnswer {
  memoryAfterGc: ThreadMemory;
}
const HEAP_ASK: HeapAsk = { heap: true };

/** a job as posted to a worker: its text whole or as an edit of the last one sent (job-texts.ts) */
export type JobOnWire = Omit<AnalysisJob, 'text'> & { text: TextOnWire };

/** `job` as posted to the worker whose texts `sender` keeps track of */
export function jobOnWire(job: AnalysisJob, sender: TextSender, edits?: TextEdits): JobOnWire {
  return { ...job, text: sender.wire(job.uri, job.text, edits && ((last) => edits(job.uri, job.text, last))) };
}

/** the edit that makes `text` of `last`, both texts of the document `uri`, when known without comparing them */
export type TextEdits = (uri: string, text: string, last: string) => TextEdit | undefined;

/** the job a worker received, its text rebuilt from what `receiver` holds */
function jobFromWire(m: JobOnWire, receiver: TextReceiver): AnalysisJob {
  return { ...m, text: receiver.take(m.text) };
}

/** The modeller's job and answer (`part` absent: a newer job of the document came first). */
interface ModelJob {
  job: AnalysisJob;
  kind: FileKind;
}
type ModelJobOnWire = Omit<ModelJob, 'job'> & { job: JobOnWire };
/** to the modeller: the document has a newer text (its model jobs so far are not wanted) */
interface Superseded {
  superseded: string;
}
interface ModellerMessage {
  id: number;
  part?: ModelPart;
}

interface Pending {
  job: AnalysisJob;
  early?: (o: AnalysisOutput) => void;
  /** the LSP text of the diagnostics, as soon as the analyzer has it (before `early`) */
  first?: (lsp: LspJson) => void;
  /** undefined: dropped before it ran (the document has a newer text) */
  resolve: (o: AnalysisOutput | undefined) => void;
  output?: AnalysisOutput;
  /** analysed, its model step waiting out `MODEL_DELAY_MS`: starts it now */
  startModel?: () => void;
}

export class AnalysisRunner {
  private analyzer?: Worker;
  private modeller?: Worker;
  private readonly pending = new Map<number, Pending>();
  /** jobs not yet given to the analyzer; it gets one at a time (see `pump`) */
  private readonly waiting: AnalysisJob[] = [];
  private analyzerBusy = false;
  /** the job the analyzer is running */
  private running?: AnalysisJob;
  /**
   * shared with the analyzer: the id of a job it is to stop (its document got a newer text); the
   * analysis polls it (core's `interruptible`) and answers `Interrupted`
   */
  private readonly stop = new Int32Array(new SharedArrayBuffer(8));
  /** per document: the id of the last job whose model step went to the modeller (stopped like the analyzer's, in slot 1 of `stop`) */
  private readonly modelling = new Map<string, number>();
  /** what the analyzer sent last for each document */
  private readonly mirror = new OutputMirror();
  /** the LSP text of the analyzer's first answer to its current job (`LspFirst`), for the second */
  private firstLsp?: { id: number; text: LspJson };
  /** per document: the newest job id (an older job's model is never built) */
  private readonly latest = new Map<string, number>();
  /** documents whose next model a request waits for (`wantModel`): built without `MODEL_DELAY_MS` */
  private readonly modelWanted = new Set<string>();
  /** the texts each worker holds (a job carries the edit from its document's last text) */
  private readonly analyzerTexts = new TextSender();
  private readonly modellerTexts = new TextSender();
  /** the edits between a document's texts, known by the editor buffers (set by the server: editor-text.ts) */
  textEdits?: TextEdits;

  constructor(
    private readonly log: Logger,
    useWorker: boolean,
  ) {
    if (useWorker) {
      this.analyzer = this.spawn(
        WORKER_ROLE,
        (m: AnalyzerMessage | LspFirst | Interrupted | HeapAnswer) => ('memoryAfterGc' in m ? this.heapAnswered('analyzer', m) : 'interrupted' in m ? this.interrupted(m) : 'first' in m ? this.lspFirst(m) : this.analysed(m)),
        () => (this.analyzer = undefined),
      );
      this.modeller = this.spawn(MODELLER_ROLE, (m: ModellerMessage | HeapAnswer) => ('memoryAfterGc' in m ? this.heapAnswered('modeller', m) : this.modelled(m)), () => (this.modeller = undefined));
    }
  }

  private spawn<M>(role: string, onMessage: (m: M) => void, gone: () => void): Worker | undefined {
    try {
      const w = new Worker(fileURLToPath(import.meta.url), { workerData: { role, stop: this.stop } });
      w.on('message', onMessage);
      w.on('error', (e) => this.log.error(`${role} worker failed`, e));
      w.on('exit', (code) => {
        if (this.analyzer !== w && this.modeller !== w) return;
        gone();
        this.log.warn(`${role} worker exited (${code}); its work runs in-process from now on`);
        // jobs the worker took with it are finished here
        for (const [id, p] of [...this.pending]) {
          if (role === WORKER_ROLE) this.waiting.length = 0;
          if (role === WORKER_ROLE && !p.output) {
            this.pending.delete(id);
            p.resolve(runJob(p.job, p.early));
          } else if (role === MODELLER_ROLE && p.output) this.modelled({ id, part: modelPart(p.job, p.output.kind) });
        }
      });
      w.unref();
      return w;
    } catch (e) {
      this.log.warn(`no ${role} worker (${String(e)}); that work runs in-process`);
      return undefined;
    }
  }

  /** The analyzer stopped a superseded job: it is dropped as if it had never run. */
  private interrupted(m: Interrupted): void {
    this.analyzerBusy = false;
    this.running = undefined;
    this.restWanted = false;
    this.interruptions++;
    const p = this.pending.get(m.id);
    this.pending.delete(m.id);
    p?.resolve(undefined);
    this.pump();
  }

  /** jobs the analyzer stopped (tests, stats) */
  interruptions = 0;

  /** who waits for each worker's heap (`workerHeaps`), in the order asked */
  private readonly heapWaiters = { analyzer: [] as ((m: ThreadMemory) => void)[], modeller: [] as ((m: ThreadMemory) => void)[] };

  private heapAnswered(role: 'analyzer' | 'modeller', m: HeapAnswer): void {
    this.heapWaiters[role].shift()?.(m.memoryAfterGc);
  }

  /**
   * Each worker's heap after a full collection, in bytes (what it retains: the soak's memory check
   * covers the workers too), once each has finished the work it has; undefined for a worker that
   * is not there or does not answer within `timeoutMs`.
   */
  async workerHeaps(timeoutMs = 10_000): Promise<{ analyzer?: ThreadMemory; modeller?: ThreadMemory }> {
    const ask = (role: 'analyzer' | 'modeller', w: Worker | undefined) =>
      new Promise<ThreadMemory | undefined>((resolve) => {
        if (!w) return resolve(undefined);
        const timer = setTimeout(() => {
          const i = this.heapWaiters[role].indexOf(done);
          if (i >= 0) this.heapWaiters[role].splice(i, 1);
          resolve(undefined);
        }, timeoutMs);
        const done = (m: ThreadMemory) => {
          clearTimeout(timer);
          resolve(m);
        };
        this.heapWaiters[role].push(done);
        w.postMessage(HEAP_ASK);
      });
    const [analyzer, modeller] = await Promise.all([ask('analyzer', this.analyzer), ask('modeller', this.modeller)]);
    return { ...(analyzer !== undefined ? { analyzer } : {}), ...(modeller !== undefined ? { modeller } : {}) };
  }

  /** The analyzer's first answer: the diagnostics' LSP text, published at once (the rest follows). */
  private lspFirst(m: LspFirst): void {
    const text = m.lspSame ? this.mirror.lastLsp(m.uri) : m.lsp;
    if (text === undefined) return;
    this.firstLsp = { id: m.id, text };
    this.pending.get(m.id)?.first?.(text);
    this.hurryRest();
  }

  /**
   * The analyzer holds back the rest of an answer whose LSP text went first (see
   * `serveAnalysisJobs`): a job waiting for it has it sent now (any message does).
   */
  private hurryRest(): void {
    if (!this.analyzerBusy || (this.waiting.length === 0 && !this.restWanted) || this.firstLsp === undefined || this.firstLsp.id !== this.running?.id || this.hurried === this.running.id) return;
    this.hurried = this.running.id;
    this.restsHurried++;
    this.analyzer?.postMessage(REST);
  }

  /**
   * The whole answer of the running job is wanted now: a newer text of its document waits for it
   * (diagnostics.ts runs one analysis of a document at a time, the next once the last has ended).
   */
  wantRest(): void {
    this.restWanted = true;
    this.hurryRest();
  }

  private restWanted = false;
  /** the job whose rest was asked for (asked once) */
  private hurried: number | undefined;
  /** answers whose rest a waiting job asked for (tests, stats) */
  restsHurried = 0;

  /** The analyzer answered: publish, then build the model once the text has stayed the newest a while. */
  private analysed(m: AnalyzerMessage): void {
    this.analyzerBusy = false;
    this.running = undefined;
    this.restWanted = false;
    // the LSP text came in the first answer (the mirror keeps it, as if it came now)
    const first = this.firstLsp;
    this.firstLsp = undefined;
    if (m.lspFirst && !m.encoded.same?.lsp && first?.id === m.id) m.encoded.lsp = first.text;
    // the next job is chosen after the answer is published: a document edited meanwhile has its
    // newest text queued by then (its analysis starts right after this one's publication) and,
    // being the most recent edit, goes first
    setImmediate(() => {
      this.pump();
      // nothing to analyse now that the answer is out: the analyzer collects its garbage meanwhile
      // (the pause would otherwise fall in the middle of the next keystroke's analysis)
      if (!this.analyzerBusy) this.analyzer?.postMessage(COLLECT);
    });
    // every answer is decoded, in order: a piece the worker says is the same is the one it sent last
    let decoded: ReturnType<OutputMirror['decode']>;
    try {
      decoded = this.mirror.decode(m.uri, m.keep, m.encoded);
    } catch (e) {
      // cannot happen (both sides keep the same documents); the job is not lost if it does
      this.log.error('an analysis answer could not be decoded; analysing in-process', e);
      const p = this.pending.get(m.id);
      if (p) {
        this.pending.delete(m.id);
        p.resolve(runJob(p.job, p.early));
      }
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    const output = Object.defineProperties({ ...m.output, lsp: decoded.lsp, signature: decoded.signature }, decoded.props) as AnalysisOutput;
    p.output = output;
    p.early?.(output);
    const startModel = () => {
      clearTimeout(timer);
      p.startModel = undefined;
      if (this.latest.get(p.job.uri) !== p.job.id) return this.modelled({ id: m.id });
      this.modelWanted.delete(p.job.uri);
      if (this.modeller) {
        this.modelling.set(p.job.uri, p.job.id);
        const job: ModelJobOnWire = { job: jobOnWire(p.job, this.modellerTexts, this.textEdits), kind: output.kind };
        this.modeller.postMessage(job);
      }
      else this.modelled({ id: m.id, part: modelPart(p.job, output.kind) });
    };
    p.startModel = startModel;
    const timer = setTimeout(startModel, this.modelWanted.has(p.job.uri) ? 0 : MODEL_DELAY_MS);
  }

  /** is there a modeller thread (else models are built on the main thread) */
  get hasModeller(): boolean {
    return this.modeller !== undefined;
  }

  /**
   * A request waits for the model of `text`, the document's current text (document symbols, go to
   * definition on a big file while it is edited): its model step starts as soon as its analysis is
   * done, without waiting for the user to pause. True when a job of that text is under way here.
   */
  wantModel(uri: string, text: string): boolean {
    if (!this.modeller) return false;
    this.modelWanted.add(uri);
    let coming = false;
    for (const p of this.pending.values()) {
      if (p.job.uri !== uri || p.job.text !== text) continue;
      coming = true;
      p.startModel?.();
    }
    // the model job starts once the analysis' answer is whole: its rest is wanted now
    if (this.running?.uri === uri && this.running.text === text) this.wantRest();
    return coming;
  }

  /** The model step is done (or skipped): the job's complete output. */
  private modelled(m: ModellerMessage): void {
    const p = this.pending.get(m.id);
    if (!p?.output) return;
    this.pending.delete(m.id);
    // merged without spreading the output (that would parse the summary and the diagnostics)
    const part: ModelPart = m.part ?? { modelMs: 0 };
    p.resolve(Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(p.output), ...Object.getOwnPropertyDescriptors(part) }) as AnalysisOutput);
  }

  /**
   * The document has a newer text (an edit; its analysis is scheduled): the models of its older
   * texts are not wanted (one being built is dropped instead of sent: a big file's model is
   * megabytes to copy onto the main thread while the user types).
   */
  superseded(uri: string): void {
    // the analysis of an older text under way stops at its next poll
    if (this.running?.uri === uri) Atomics.store(this.stop, 0, this.running.id);
    // and so does a model of an older text being built, and the modeller drops the jobs of the
    // document it has queued (none sent since the last time: nothing to say, the modeller sleeps on)
    const modelled = this.modelling.get(uri);
    if (modelled !== undefined) {
      this.modelling.delete(uri);
      Atomics.store(this.stop, 1, modelled);
      const m: Superseded = { superseded: uri };
      this.modeller?.postMessage(m);
    }
    // its jobs not yet given to the analyzer are not wanted either: dropped (the newer text's job follows)
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const job = this.waiting[i]!;
      if (job.uri !== uri) continue;
      this.waiting.splice(i, 1);
      const p = this.pending.get(job.id);
      this.pending.delete(job.id);
      p?.resolve(undefined);
    }
    if (this.latest.has(uri)) this.latest.set(uri, 0);
  }

  /**
   * Runs a job; `early` gets the diagnostics as soon as they are known (before the model). Resolves
   * to undefined, without `early`, when the document got a newer text (`superseded`) before the
   * analyzer took the job.
   */
  analyze(job: AnalysisJob, early?: (o: AnalysisOutput) => void, first?: (lsp: LspJson) => void): Promise<AnalysisOutput | undefined> {
    this.latest.set(job.uri, job.id);
    const w = this.analyzer;
    if (!w) return Promise.resolve(runJob(job, early));
    return new Promise((resolve) => {
      this.pending.set(job.id, { job, early, first, resolve });
      this.waiting.push(job);
      this.pump();
    });
  }

  /**
   * Gives the analyzer its next job when it is idle: the newest edit (the document being typed
   * in), else the oldest job (files opened or read from disk keep their order: producers of recorded
   * metrics before their users, as the workspace scan lists them).
   */
  private pump(): void {
    const w = this.analyzer;
    if (this.analyzerBusy) this.hurryRest();
    if (!w || this.analyzerBusy || this.waiting.length === 0) return;
    let i = this.waiting.length - 1;
    while (i >= 0 && !this.waiting[i]!.edited) i--;
    const [job] = this.waiting.splice(i >= 0 ? i : 0, 1);
    if (!job) return;
    this.analyzerBusy = true;
    this.running = job;
    w.postMessage(jobOnWire(job, this.analyzerTexts, this.textEdits));
  }

  dispose(): void {
    void this.analyzer?.terminate();
    void this.modeller?.terminate();
    this.analyzer = undefined;
    this.modeller = undefined;
  }
}

/** to the analyzer: no job is coming for now (its answer is published), a time to collect garbage */
interface Collect {
  collect: true;
}
const COLLECT: Collect = { collect: true };

/** to the analyzer: send the rest of the answer it holds back now (a job is waiting for it) */
interface Rest {
  rest: true;
}
const REST: Rest = { rest: true };

type Port<In, Out> = { on(ev: 'message', f: (m: In) => void): void; postMessage(m: Out, transfer?: ArrayBuffer[]): void };

/** The analyzer worker: the diagnostics of each job, at once. */
export function serveAnalysisJobs(port: Port<JobOnWire | Collect | Rest | HeapAsk, AnalyzerMessage | LspFirst | Interrupted | HeapAnswer>, idle?: IdleCollector, stop?: Int32Array): void {
  const encoder = new OutputEncoder();
  const texts = new TextReceiver();
  /** the rest of the last answer, when its LSP text went first (see `step`) */
  let rest: { timer: ReturnType<typeof setTimeout>; run: () => void } | undefined;
  const sendRest = () => {
    const r = rest;
    if (!r) return;
    rest = undefined;
    clearTimeout(r.timer);
    r.run();
  };
  port.on('message', (m) => {
    // before anything else: the encoder's state is the last answer's once its rest is made
    sendRest();
    if ('rest' in m) return;
    if ('collect' in m) {
      idle?.collect();
      return;
    }
    if ('heap' in m) {
      port.postMessage({ memoryAfterGc: memoryAfterFullCollection(idle) });
      return;
    }
    const job = jobFromWire(m, texts);
    // the LSP JSON is written here: with the main thread's client's features
    if (job.lspFeatures !== undefined) setDiagnosticFeatures(job.lspFeatures);
    if (job.lspLimit !== undefined) setDiagnosticsLimit(job.lspLimit);
    // the signature is left to the encoder (it reuses the last one while the summary is the same)
    const withSignature = false;
    const stopped = stop ? () => Atomics.load(stop, 0) === job.id : () => false;
    try {
      interruptible(stopped, () => step(job, withSignature));
    } catch (e) {
      if (!(e instanceof AnalysisInterrupted)) throw e;
      port.postMessage({ id: job.id, interrupted: true });
    }
  });

  function step(job: AnalysisJob, withSignature: boolean): void {
    diagnosticsStep(
      job,
      ({ summary, diagnostics, raw, signature: _, ...output }) => {
        const keep = !!job.incremental;
        /** whole pieces, and nothing kept for the document (the encoder dropped it first) */
        const whole = () => port.postMessage({ id: job.id, uri: job.uri, keep: false, output, encoded: { summary: JSON.stringify(summary), diagnostics: JSON.stringify(diagnostics), raw: JSON.stringify(raw), signature: workspaceSignature(summary, job.text) } });
        let e: ReturnType<OutputEncoder['begin']>;
        try {
          // the LSP text first: the main thread publishes it; the rest follows (held back a while, below)
          e = encoder.begin(job.uri, job.text, keep, summary, diagnostics, raw);
        } catch {
          return whole();
        }
        const lsp = e.lsp;
        if (lsp === 'same') port.postMessage({ id: job.id, uri: job.uri, first: true, lspSame: true });
        // the buffer moves to the main thread (`finish` holds it too: dropped below)
        else if (lsp !== undefined) port.postMessage({ id: job.id, uri: job.uri, first: true, lsp, lspSame: false }, [lsp.buffer as ArrayBuffer]);
        const finish = () => {
          let encoded: EncodedOutput;
          try {
            encoded = e.finish();
          } catch {
            return whole();
          }
          if (lsp !== undefined) delete encoded.lsp;
          port.postMessage({ id: job.id, uri: job.uri, keep, output, encoded, lspFirst: lsp !== undefined ? true : undefined });
        };
        // without LSP text the main thread publishes from the rest: at once
        if (lsp === undefined) return finish();
        // the rest (the summary, the core diagnostics, the signature: a big file's are ~1 MB of
        // JSON, read by the main thread's later passes) waits until the editor has taken in the
        // publication: on 2 cores, encoding it then took the CPU the editor's parse needed
        rest = { timer: setTimeout(sendRest, REST_DELAY_MS), run: finish };
      },
      withSignature,
    );
  }
}

/** The modeller worker: the model of each job, unless a newer job of the document is already queued. */
export function serveModelJobs(port: Port<ModelJobOnWire | Superseded | HeapAsk, ModellerMessage | HeapAnswer>, stop?: Int32Array): void {
  lowerThreadPriority();
  const latest = new Map<string, number>();
  const texts = new TextReceiver();
  /** for `HeapAsk` only (the modeller collects no garbage of its own accord) */
  let collector: IdleCollector | undefined;
  port.on('message', (m) => {
    if ('superseded' in m) {
      latest.set(m.superseded, 0); // job ids start at 1
      return;
    }
    if ('heap' in m) {
      // after the jobs already queued (their immediates), as a job's answer would be
      setImmediate(() => port.postMessage({ memoryAfterGc: memoryAfterFullCollection((collector ??= new IdleCollector())) }));
      return;
    }
    // the text is taken in now, whether or not the job runs (the next one may be an edit of it)
    const job = jobFromWire(m.job, texts);
    latest.set(job.uri, job.id);
    const current = () => latest.get(job.uri) === job.id;
    // after the messages already queued (immediates run after them): a newer job of the document wins
    setImmediate(() => {
      if (!current()) return port.postMessage({ id: job.id });
      // stopped at the next poll when the document gets a newer text meanwhile (`superseded`)
      const stopped = stop ? () => Atomics.load(stop, 1) === job.id : () => false;
      let part: ModelPart;
      try {
        part = interruptible(stopped, () => modelPart(job, m.kind));
      } catch (e) {
        if (!(e instanceof AnalysisInterrupted)) throw e;
        return port.postMessage({ id: job.id });
      }
      // and the messages that came while it was built (the user typed on): sent only if still wanted
      setImmediate(() => port.postMessage(current() ? { id: job.id, part } : { id: job.id }));
    });
  });
}

/**
 * The modeller's work is background work (a 1,000-rule file's model takes 100 ms and more): on
 * Linux, where the nice value belongs to the calling thread, this thread yields the CPU to the
 * main thread (requests) and the analyzer (diagnostics) when they compete for it. Elsewhere the
 * nice value is the whole process's: left alone.
 */
function lowerThreadPriority(): void {
  if (process.platform !== 'linux') return;
  try {
    os.setPriority(10);
  } catch {
    // not allowed: normal priority
  }
}
