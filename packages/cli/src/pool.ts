/**
 * Runs file jobs, in parallel when there is enough work: `workers` threads, this one among them
 * (a batch at a time, reading the others' answers in between; each worker has two batches at hand
 * so that it need not wait for this thread to read its answer). The workers run this same bundle
 * (main.ts starts `runWorker` in a worker thread); jobs go out in batches from a shared queue, so a
 * big file on one thread does not hold up the rest. (On 2 cores, this thread and one worker were
 * ~5% faster than two workers beside an idle main thread, with 14% less memory: one bundle fewer to
 * load, half the outcomes never serialised.) (One big file is analysed on one
 * thread: cutting it into chunks of groups for several threads was measured slower on the 2-vCPU
 * machines this runs on, see the issue notes.)
 *
 * With `hold`, a file's diagnostics need not cross threads at all: each worker answers what the
 * cross-file pass needs (the outcome without its diagnostics, the graph entries) and the file's
 * findings already finished (suppressions, levels, order, lines and columns) and written in the
 * report's format (`formatChunk`). After the cross-file
 * pass, `Held.finish` takes those texts for the files that got no cross-file diagnostics; the
 * others (rare: a duplicate rule in another file, a linked file) are analysed again by the worker,
 * which keeps its jobs' texts, and finished with them. A run of 5,000 files with 134,000 findings
 * spent ~1.2 s of the main thread's CPU on parsing the workers' diagnostics and writing them again.
 * This thread does the same with its own files, with or without workers: each is finished as soon
 * as it is analysed and its diagnostics let go (analysed again if it gets cross-file diagnostics).
 * Kept until the cross-file pass, the diagnostics of 5,000 files and their messages were most of
 * what the garbage collector copied: a run on one thread took 2.24–2.28 s instead of 1.91–1.98 s (the run
 * whose every file gets a cross-file finding analyses every file twice).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '@promscope/core';
import type { Format } from './args';
import { ownBuffersPerText, utf8Bytes } from './utf8';
import { entriesFromJson, namesOf } from './graph-entries';
import { FINDINGS_PER_PIECE } from './format/report';
import { analyzeJob, finishToText, outcomeFromJson, outcomeJson, type FileJob, type FileOutcome, type FinishedText } from './check-file';

/** Below this much text, starting workers costs more than it saves. */
const MIN_BYTES_PER_WORKER = 1024 * 1024;
const BATCH_BYTES = 256 * 1024;
/** the smallest batch of the queue's end (a few files: a batch's messages cost ~0.1 ms) */
const MIN_BATCH_BYTES = 16 * 1024;
/** A larger young generation than V8's default: analysis allocates many short-lived objects. */
const YOUNG_GENERATION_MB = 64;

export { WORKER_MARKER } from './worker-marker';
import { WORKER_MARKER } from './worker-marker';

/**
 * The threads a run uses unless `--jobs` says: every core of a machine with more than two, this
 * thread alone on one with two or fewer. There, V8's garbage collector already runs on the second
 * core beside this thread (a run on one thread used 1.3 cores), and a second analysing thread only
 * added work: on a 2-vCPU machine, 5,140 files took 2.2 s on two threads and 1.95 s on one
 * (2026-11-28: two threads there did 1.2× the work of one, see scripts/lib/thread-scaling.mjs; the
 * workers' bundle, the outcomes crossing threads and a second heap cost more than that).
 */
export function defaultThreads(): number {
  const n = availableParallelism();
  return n <= 2 ? 1 : n;
}

/** How many workers to use for these jobs: `requested` if given, else by machine and work size. */
export function workerCount(jobs: readonly FileJob[], requested: number | undefined): number {
  if (requested !== undefined) return Math.min(requested, jobs.length);
  const bytes = jobs.reduce((n, j) => n + j.text.length, 0);
  return Math.max(0, Math.min(defaultThreads(), jobs.length, Math.floor(bytes / MIN_BYTES_PER_WORKER)));
}

function startWorker(workerUrl: URL): Worker {
  return new Worker(workerUrl, { workerData: { marker: WORKER_MARKER }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
}

/**
 * Workers started while the files are still being read: once the text read so far calls for all
 * the workers the machine has (`workerCount`), they load the bundle (~0.2 s each) while this
 * thread reads the rest. `runJobs` takes them; those it does not need are stopped.
 */
export class WorkerStart {
  private started: Worker[] = [];
  /** how many threads the run may use (this one among them), asked of the system once */
  private want: number | undefined;
  private bytes = 0;
  private files = 0;
  constructor(
    private readonly workerUrl: URL | null,
    private readonly requested: number | undefined,
  ) {}

  /** one more file read, of `n` characters */
  read(n: number): void {
    this.bytes += n;
    this.files++;
    if (this.started.length > 0 || this.workerUrl === null) return;
    const want = (this.want ??= this.requested ?? defaultThreads());
    if (want < 2) return;
    // as `workerCount` will count: one worker per file at most, and per MIN_BYTES_PER_WORKER of text
    // (one big file is analysed on this thread: workers started for it would only take CPU from it)
    if (this.files >= want && (this.requested !== undefined || this.bytes >= want * MIN_BYTES_PER_WORKER)) {
      // this thread is one of the `want` (see `runJobs`)
      for (let k = 1; k < want; k++) this.started.push(startWorker(this.workerUrl));
    }
  }

  /** Up to `n` started workers, for `runJobs`; the others are stopped. */
  take(n: number): Worker[] {
    const all = this.started;
    this.started = [];
    for (const w of all.slice(n)) void w.terminate();
    return all.slice(0, n);
  }
}

/**
 * The jobs in batches, taken in order by every thread. A batch is at most `BATCH_BYTES` of text,
 * and less as the queue runs out: a fraction of what is left per thread (guided scheduling), so that
 * the threads run out at about the same time, not one of them waiting for another's last big batch
 * (a worker has two at hand). With fixed batches, the main thread of a 5,140-file run waited ~0.5 s
 * for the worker's last ones before it could run the workspace pass.
 */
export class JobQueue {
  private next = 0;
  private left: number;
  constructor(
    private readonly jobs: readonly FileJob[],
    private readonly threads: number,
  ) {
    this.left = jobs.reduce((n, j) => n + j.text.length, 0);
  }

  /** the next batch (job indexes), or undefined when every job is taken */
  take(): number[] | undefined {
    if (this.next >= this.jobs.length) return undefined;
    // each thread holds up to two batches (a worker's next at hand): a fourth of a thread's share
    const want = Math.max(MIN_BATCH_BYTES, Math.min(BATCH_BYTES, Math.floor(this.left / (4 * this.threads))));
    const out: number[] = [];
    let size = 0;
    while (this.next < this.jobs.length && (size < want || out.length === 0)) {
      const n = this.jobs[this.next]!.text.length;
      out.push(this.next++);
      size += n;
    }
    this.left -= size;
    return out;
  }
}

/** One file to finish where its diagnostics are: its cross-file diagnostics and how to write it. */
export interface FinishRequest {
  index: number;
  extra: Diagnostic[];
  display: string;
  /** written in the report's format (`formatChunk`); else findings as JSON */
  chunk: boolean;
}

/** How held files are written in the first answer: the report's format and colour, each job's file name. */
interface WriteAs {
  format: Format;
  color: boolean;
  displays: string[];
}

type ToWorker =
  | { type: 'jobs'; ids: number[]; jobs: FileJob[]; diagnostics: boolean; cache: boolean; hold?: WriteAs }
  | { type: 'finish'; requests: FinishRequest[]; format: Format; color: boolean }
  | { type: 'diagnostics'; ids: number[] };

type FromWorker =
  | {
      type: 'jobs';
      ids: number[];
      outcomes: string[];
      diagnostics: (string | null)[];
      rules: (string | null)[];
      finished: FinishedText[];
      /** for the cache (`cache` asked): each outcome's JSON without its diagnostics and graph entries, and those entries, as `outcomeJson` writes them, in UTF-8 */
      cached: CachedJson[];
    }
  | { type: 'finish'; finished: (FinishedText & { index: number })[] }
  | { type: 'diagnostics'; ids: number[]; diagnostics: string[] };

export interface RunOptions {
  /** workers answer each job's findings written as the report is (see `Held`), not its diagnostics */
  hold?: { format: Format; color: boolean; displays: readonly string[] };
  /**
   * for the cache: the JSON of each held outcome that a worker answered, without its diagnostics
   * (`json.outcomes[i]`, as `outcomeJson`), and of its graph entries, in UTF-8 (the cache writes
   * them as they are; this thread's own outcomes it serialises itself at the save)
   */
  json?: { outcomes: (Uint8Array | undefined)[]; rules: (Uint8Array | undefined)[] };
  onWorkerFailure?: (e: unknown) => void;
  /** workers started already (see `WorkerStart`) */
  started?: WorkerStart;
}

/**
 * The outcomes of `jobs`, in order, and, when the workers hold the diagnostics (`hold`), the way to
 * finish them. A held outcome's `diagnostics` are not on this thread (reading them throws) until
 * `Held.loadDiagnostics` brings them.
 */
export async function runJobs(jobs: readonly FileJob[], workers: number, workerUrl: URL | null, opts: RunOptions = {}): Promise<{ outcomes: FileOutcome[]; held?: Held }> {
  const alone = workers < 2 || workerUrl === null;
  const started = opts.started?.take(alone ? 0 : workers - 1) ?? [];
  const hold = opts.hold;
  if (alone && !hold) return { outcomes: jobs.map(analyzeJob) };
  // (with `hold`, a run without workers finishes each file as it goes, as below)
  if (alone) workers = 1;
  const json = opts.json;
  const eager: FinishedText[] = new Array(jobs.length);
  const results: FileOutcome[] = new Array(jobs.length);
  const owner: (Worker | undefined)[] = new Array(jobs.length);
  const queue = new JobQueue(jobs, workers);
  const pool: Worker[] = [];
  let failed = false;
  const received = (w: Worker, id: number, text: string, diagnostics: string | null, rulesText: string | null, finished: FinishedText | undefined, cached: CachedJson | undefined) => {
    const o = outcomeFromJson(JSON.parse(text));
    if (rulesText !== null && o.summary) {
      const rules = entriesFromJson(rulesText, namesOf(o.summary));
      if (!rules) throw new Error('a worker thread answered graph entries that cannot be read');
      o.summary.rules = rules;
    }
    if (finished) {
      owner[id] = w;
      eager[id] = finished;
      holdDiagnostics(o);
    } else o.diagnostics = JSON.parse(diagnostics!) as Diagnostic[];
    results[id] = o;
    if (json && cached) {
      json.outcomes[id] = cached.outcome;
      if (cached.rules) json.rules[id] = cached.rules;
    }
  };
  /**
   * A batch on this thread: with `hold`, its findings are written now, as a worker's are, and its
   * diagnostics let go (see above); else, and for a file with more diagnostics than a piece of the
   * report holds, they stay here (such a file's findings are written in pieces when the report is:
   * one text of a 20 MB rule file's 170,000 findings raised its run's peak from 830 to 990 MB).
   */
  const analyseHere = (batch: readonly number[]) => {
    for (const id of batch) {
      const job = jobs[id]!;
      const o = analyzeJob(job);
      results[id] = o;
      // (for the cache, the outcome is kept as it is: it is written at the save, see cache.ts)
      const held = hold !== undefined && !o.crash && o.diagnostics.length <= FINDINGS_PER_PIECE;
      if (held) {
        eager[id] = finishToText(job, o.diagnostics, [], hold.displays[id]!, hold.format, hold.color, true);
        holdDiagnostics(o);
      }
    }
  };
  try {
    await new Promise<void>((resolve, reject) => {
      /** batches sent and not answered, and whether this thread still takes batches */
      let inFlight = 0;
      let hereBusy = true;
      const done = () => {
        if (inFlight === 0 && !hereBusy) resolve();
      };
      const feed = (w: Worker) => {
        const batch = queue.take();
        if (!batch) return;
        inFlight++;
        const msg: ToWorker = { type: 'jobs', ids: batch, jobs: batch.map((i) => jobs[i]!), diagnostics: !hold, cache: json !== undefined };
        if (hold) msg.hold = { format: hold.format, color: hold.color, displays: batch.map((i) => hold.displays[i]!) };
        post(w, msg);
      };
      for (let k = 0; k < workers - 1 && workerUrl !== null; k++) {
        const w = started[k] ?? startWorker(workerUrl);
        pool.push(w);
        const onMessage = (msg: FromWorker) => {
          if (msg.type !== 'jobs' || failed) return;
          inFlight--;
          // the next batch first: the worker goes on while this thread reads the results
          feed(w);
          try {
            msg.ids.forEach((id, i) => received(w, id, msg.outcomes[i]!, msg.diagnostics[i] ?? null, msg.rules[i] ?? null, msg.finished[i], msg.cached[i]));
          } catch (e) {
            // an answer this thread cannot read: as if the worker had failed (never a hang)
            reject(e);
            return;
          }
          done();
        };
        w.on('message', onMessage);
        w.on('error', reject);
        w.on('exit', (code) => {
          if (code !== 0) reject(new Error(`a worker thread stopped with exit code ${code}`));
        });
        // two batches each: a worker has the next at hand while this thread, busy with a batch of
        // its own, has not yet read its answer
        feed(w);
        feed(w);
      }
      // this thread analyses too, a batch at a time, reading the workers' answers in between
      const here = () => {
        if (failed) return;
        const batch = queue.take();
        if (!batch) {
          hereBusy = false;
          done();
          return;
        }
        try {
          analyseHere(batch);
        } catch (e) {
          reject(e);
          return;
        }
        setImmediate(here);
      };
      setImmediate(here);
    });
  } catch (e) {
    // a worker that cannot start or dies: the files not answered, and those the workers hold, on this thread
    failed = true;
    opts.onWorkerFailure?.(e);
    await Promise.all(pool.map((w) => w.terminate()));
    pool.length = 0;
  }
  for (let i = 0; i < jobs.length; i++) {
    // after a failure, nothing is held: the files a worker held are analysed again here
    if (results[i] === undefined || (failed && owner[i] !== undefined)) {
      results[i] = analyzeJob(jobs[i]!);
      owner[i] = undefined;
    }
  }
  if (!hold || failed) {
    await Promise.all(pool.map((w) => w.terminate()));
    return { outcomes: results };
  }
  return { outcomes: results, held: new Held(jobs, results, owner, eager, hold.format, pool, opts.onWorkerFailure) };
}

/** An outcome as the cache keeps it (`outcomeJson`: without its diagnostics) and its graph entries' JSON, in UTF-8 bytes of their own (transferable). */
interface CachedJson {
  outcome: Uint8Array;
  rules?: Uint8Array;
}

/** `j`, an outcome's JSON without its diagnostics (`outcomeJson`), as the cache keeps it */
function cachedJson(j: { outcome: string; rules: string | null }): CachedJson {
  return { outcome: utf8Bytes(j.outcome), ...(j.rules !== null ? { rules: utf8Bytes(j.rules) } : {}) };
}


function post(w: Worker, msg: ToWorker): void {
  w.postMessage(msg);
}

const HELD = 'internal error: the diagnostics of this file are held by a worker thread or let go';

/** Makes `o.diagnostics` throw until set: a held outcome's diagnostics are on its worker. */
function holdDiagnostics(o: FileOutcome): void {
  Object.defineProperty(o, 'diagnostics', {
    configurable: true,
    enumerable: false,
    get() {
      throw new Error(HELD);
    },
    set(v: Diagnostic[]) {
      Object.defineProperty(o, 'diagnostics', { value: v, writable: true, enumerable: true, configurable: true });
    },
  });
}

/**
 * The jobs whose diagnostics stayed on worker threads after `runJobs` (their findings came written
 * out), and the workers that keep their texts, until `close`.
 */
export class Held {
  /** workers that stopped (asked nothing more) */
  private readonly dead = new Set<Worker>();
  /** jobs whose findings came written out (their diagnostics on a worker, or let go on this thread) */
  private readonly wasHeld: boolean[] = [];
  /** held jobs analysed on this thread */
  private readonly here: boolean[] = [];

  constructor(
    private readonly jobs: readonly FileJob[],
    private readonly outcomes: FileOutcome[],
    /** the worker holding each job; undefined: analysed on this thread */
    private readonly owner: (Worker | undefined)[],
    /** each held job's findings without cross-file diagnostics, as the workers answered them */
    private readonly eager: readonly FinishedText[],
    /** the report format they are written in (`formatChunk`, else JSON) */
    private readonly format: Format,
    private readonly pool: Worker[],
    private readonly onWorkerFailure?: (e: unknown) => void,
  ) {
    // held: on a worker, or finished on this thread as it went (its diagnostics let go)
    owner.forEach((w, i) => (this.wasHeld[i] = w !== undefined));
    eager.forEach((t, i) => {
      if (t !== undefined && owner[i] === undefined) {
        this.wasHeld[i] = true;
        this.here[i] = true;
      }
    });
    // a worker that stops holds nothing any more: its jobs are done on this thread
    for (const w of pool) w.once('exit', () => this.forget(w));
  }

  private forget(w: Worker): void {
    this.dead.add(w);
    this.owner.forEach((o, i) => {
      if (o === w) this.owner[i] = undefined;
    });
  }

  /** Whether job `i`'s findings came written out (its diagnostics on a worker, or let go). */
  holds(i: number): boolean {
    return this.wasHeld[i] === true;
  }

  /** Whether held job `i` was analysed on this thread (asked of no worker). */
  analysedHere(i: number): boolean {
    return this.here[i] === true;
  }

  /** Brings the diagnostics of jobs `indices` to this thread (their outcomes' `diagnostics`). */
  async loadDiagnostics(indices: readonly number[]): Promise<void> {
    const wanted = indices.filter((i) => this.wasHeld[i]);
    const byWorker = this.group(wanted.filter((i) => this.owner[i] !== undefined));
    const loaded = new Set<number>();
    await Promise.all(
      [...byWorker].map(async ([w, ids]) => {
        const answer = await this.ask(w, { type: 'diagnostics', ids }, 'diagnostics').catch((e: unknown) => {
          this.onWorkerFailure?.(e);
          return undefined;
        });
        if (!answer) return;
        ids.forEach((id, k) => {
          this.outcomes[id]!.diagnostics = JSON.parse(answer.diagnostics[k]!) as Diagnostic[];
          loaded.add(id);
        });
      }),
    );
    for (const i of wanted) {
      // this thread's own, or a worker's that died: analysed again here
      if (!loaded.has(i)) this.outcomes[i]!.diagnostics = analyzeJob(this.jobs[i]!).diagnostics;
      this.owner[i] = undefined;
      this.wasHeld[i] = false;
    }
  }

  /**
   * Finishes the held jobs of `requests` on their workers: the finished text of each, by index.
   * A worker that fails: its files are analysed and finished on this thread.
   */
  async finish(requests: readonly FinishRequest[], color: boolean): Promise<Map<number, FinishedText>> {
    const format = this.format;
    const out = new Map<number, FinishedText>();
    const again: FinishRequest[] = [];
    for (const r of requests) {
      if (this.holds(r.index) && r.extra.length === 0 && r.chunk) out.set(r.index, this.eager[r.index]!);
      else again.push(r);
    }
    const byIndex = new Map(again.map((r) => [r.index, r]));
    const toWorkers = again.map((r) => r.index).filter((i) => this.owner[i] !== undefined);
    const byWorker = this.group(toWorkers);
    const asked = Promise.all(
      [...byWorker].map(async ([w, ids]) => {
        const answer = await this.ask(w, { type: 'finish', requests: ids.map((i) => byIndex.get(i)!), format, color }, 'finish').catch((e: unknown) => {
          this.onWorkerFailure?.(e);
          return undefined;
        });
        if (answer) for (const f of answer.finished) out.set(f.index, f);
      }),
    );
    const here = (r: FinishRequest) => {
      const job = this.jobs[r.index]!;
      const own = this.holds(r.index) ? analyzeJob(job).diagnostics : this.outcomes[r.index]!.diagnostics;
      out.set(r.index, finishToText(job, own, r.extra, r.display, format, color, r.chunk));
    };
    // this thread's own files while the workers do theirs (the messages above are sent already)
    const sent = new Set(toWorkers);
    for (const r of again) if (!sent.has(r.index)) here(r);
    await asked;
    // and those of a worker that failed
    for (const r of again) if (!out.has(r.index)) here(r);
    return out;
  }

  async close(): Promise<void> {
    await Promise.all(this.pool.map((w) => w.terminate()));
  }

  private group(indices: readonly number[]): Map<Worker, number[]> {
    const m = new Map<Worker, number[]>();
    for (const i of indices) {
      const w = this.owner[i]!;
      const list = m.get(w);
      if (list) list.push(i);
      else m.set(w, [i]);
    }
    return m;
  }

  /** One request to a worker and its answer (the workers answer requests in order). */
  private ask<T extends FromWorker['type']>(w: Worker, msg: ToWorker, type: T): Promise<Extract<FromWorker, { type: T }>> {
    return new Promise((resolve, reject) => {
      if (this.dead.has(w)) return reject(new Error('a worker thread stopped'));
      const onMessage = (m: FromWorker) => {
        if (m.type !== type) return;
        cleanup();
        resolve(m as Extract<FromWorker, { type: T }>);
      };
      const onExit = (code: number) => {
        cleanup();
        reject(new Error(`a worker thread stopped with exit code ${code}`));
      };
      const onError = (e: unknown) => {
        cleanup();
        reject(e);
      };
      const cleanup = () => {
        w.off('message', onMessage);
        w.off('exit', onExit);
        w.off('error', onError);
      };
      w.on('message', onMessage);
      w.on('exit', onExit);
      w.on('error', onError);
      post(w, msg);
    });
  }
}

/**
 * The worker side: answers messages until terminated. Outcomes go back as JSON text: plain data
 * (the cache stores them the same way), and JSON.stringify/JSON.parse of them cost a fraction of
 * the structured clone that postMessage makes of objects, on both threads. A rule file's graph
 * entries (`summary.rules`) and its diagnostics go as texts of their own; with `hold`, the
 * diagnostics stay (see `Held`) and the file's findings go written out, as bytes that the message
 * transfers.
 */
export function runWorker(port: { on(ev: 'message', cb: (msg: ToWorker) => void): void; postMessage(v: unknown, transfer?: ArrayBuffer[]): void }): void {
  /** held jobs, to analyse again when their file gets cross-file diagnostics */
  const held = new Map<number, FileJob>();
  // the texts' bytes are moved to the main thread: a buffer each
  ownBuffersPerText();
  // the finished texts' bytes are moved to the main thread, not copied (see `FinishedText`)
  const answer = (m: FromWorker, moved: readonly (FinishedText | CachedJson | undefined)[] = []) =>
    port.postMessage(
      m,
      moved.flatMap((x) => (!x ? [] : 'text' in x ? [x.text.buffer as ArrayBuffer] : [x.outcome.buffer as ArrayBuffer, ...(x.rules ? [x.rules.buffer as ArrayBuffer] : [])])),
    );
  port.on('message', (msg) => {
    if (msg.type === 'jobs') {
      const a: Extract<FromWorker, { type: 'jobs' }> = { type: 'jobs', ids: msg.ids, outcomes: [], diagnostics: [], rules: [], finished: [], cached: [] };
      msg.jobs.forEach((job, k) => {
        const o = analyzeJob(job);
        const j = outcomeJson(o);
        a.outcomes.push(j.outcome);
        a.rules.push(j.rules);
        const w = msg.hold;
        // a crash is reported from the main thread (with --debug), with the outcome as it is
        const keep = w !== undefined && !o.crash;
        a.diagnostics.push(msg.diagnostics || !keep ? JSON.stringify(o.diagnostics) : null);
        // for the cache: the same JSON texts, not written a second time (a held outcome's: the
        // others' diagnostics are stored by the cache from this thread's copy)
        if (msg.cache && keep) a.cached[k] = cachedJson(j);
        if (keep) {
          held.set(msg.ids[k]!, job);
          a.finished[k] = finishToText(job, o.diagnostics, [], w.displays[k]!, w.format, w.color, true);
        }
      });
      answer(a, [...a.finished, ...a.cached]);
    } else if (msg.type === 'finish') {
      const finished = msg.requests.map((r) => {
        const job = held.get(r.index)!;
        return { index: r.index, ...finishToText(job, analyzeJob(job).diagnostics, r.extra, r.display, msg.format, msg.color, r.chunk) };
      });
      answer({ type: 'finish', finished }, finished);
    } else {
      answer({ type: 'diagnostics', ids: msg.ids, diagnostics: msg.ids.map((id) => JSON.stringify(analyzeJob(held.get(id)!).diagnostics)) });
    }
  });
}
