/**
 * Runs file jobs, in parallel on worker threads when there is enough work. The workers run this
 * same bundle (main.ts starts `runWorker` in a worker thread); jobs go out in batches from a shared
 * queue, so a big file on one worker does not hold up the rest. (One big file is analysed on one
 * thread: cutting it into chunks of groups for several threads was measured slower on the 2-vCPU
 * machines this runs on, see the issue notes.)
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileSummary } from '@promscope/core';
import { analyzeJob, outcomeJson, type FileJob, type FileOutcome } from './check-file';

/** Below this much text, starting workers costs more than it saves. */
const MIN_BYTES_PER_WORKER = 1024 * 1024;
const BATCH_BYTES = 256 * 1024;
/** A larger young generation than V8's default: analysis allocates many short-lived objects. */
const YOUNG_GENERATION_MB = 64;

export { WORKER_MARKER } from './worker-marker';
import { WORKER_MARKER } from './worker-marker';

/** How many workers to use for these jobs: `requested` if given, else by machine and work size. */
export function workerCount(jobs: readonly FileJob[], requested: number | undefined): number {
  if (requested !== undefined) return Math.min(requested, jobs.length);
  const bytes = jobs.reduce((n, j) => n + j.text.length, 0);
  return Math.max(0, Math.min(availableParallelism(), jobs.length, Math.floor(bytes / MIN_BYTES_PER_WORKER)));
}

function batches(jobs: readonly FileJob[]): number[][] {
  const out: number[][] = [];
  let cur: number[] = [];
  let size = 0;
  jobs.forEach((j, i) => {
    cur.push(i);
    size += j.text.length;
    if (size >= BATCH_BYTES) {
      out.push(cur);
      cur = [];
      size = 0;
    }
  });
  if (cur.length > 0) out.push(cur);
  return out;
}

/** What a worker answers for a batch: each outcome as JSON without `summary.rules`, and those apart. */
interface BatchAnswer {
  ids: number[];
  outcomes: string[];
  rules: (string | null)[];
}

/**
 * The outcomes of `jobs`, in order. `json.outcomes[i]`, when set, is `JSON.stringify(outcomes[i])`
 * without its `summary.rules`, and `json.rules[i]` that of its `summary.rules`, as a worker sent them
 * (the cache writes them as they are instead of serialising the outcome again).
 */
export async function runJobs(
  jobs: readonly FileJob[],
  workers: number,
  workerUrl: URL | null,
  onWorkerFailure?: (e: unknown) => void,
  json?: { outcomes: (string | undefined)[]; rules: (string | undefined)[] },
): Promise<FileOutcome[]> {
  if (workers < 2 || workerUrl === null) return jobs.map(analyzeJob);
  const results: FileOutcome[] = new Array(jobs.length);
  const queue = batches(jobs);
  const pool: Worker[] = [];
  const received = (id: number, text: string, rulesText: string | null) => {
    const o = JSON.parse(text) as FileOutcome;
    if (rulesText !== null && o.summary) o.summary.rules = JSON.parse(rulesText) as FileSummary['rules'];
    results[id] = o;
    if (json) {
      json.outcomes[id] = text;
      if (rulesText !== null) json.rules[id] = rulesText;
    }
  };
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      const feed = (w: Worker) => {
        const batch = queue.shift();
        if (!batch) {
          if (--running === 0) resolve();
          return;
        }
        w.postMessage({ ids: batch, jobs: batch.map((i) => jobs[i]) });
      };
      for (let k = 0; k < workers; k++) {
        const w = new Worker(workerUrl, { workerData: { marker: WORKER_MARKER }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
        pool.push(w);
        running++;
        w.on('message', (msg: BatchAnswer) => {
          // the next batch first: the worker goes on while this thread reads the results
          feed(w);
          msg.ids.forEach((id, i) => received(id, msg.outcomes[i]!, msg.rules[i] ?? null));
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (code !== 0) reject(new Error(`a worker thread stopped with exit code ${code}`));
        });
        feed(w);
      }
    });
  } catch (e) {
    // a worker that cannot start or dies: finish the remaining files on this thread
    onWorkerFailure?.(e);
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  for (let i = 0; i < jobs.length; i++) if (results[i] === undefined) results[i] = analyzeJob(jobs[i]!);
  return results;
}

/**
 * The worker side: answers batches of jobs until terminated. Each outcome goes back as JSON text:
 * plain data (the cache stores them the same way), and JSON.stringify/JSON.parse of them cost a
 * fraction of the structured clone that postMessage makes of objects, on both threads. A rule
 * file's graph entries (`summary.rules`) go as a text of their own (the cache keeps them apart).
 */
export function runWorker(port: { on(ev: 'message', cb: (msg: { ids: number[]; jobs: FileJob[] }) => void): void; postMessage(v: unknown): void }): void {
  port.on('message', (msg) => {
    const answer: BatchAnswer = { ids: msg.ids, outcomes: [], rules: [] };
    for (const job of msg.jobs) {
      const j = outcomeJson(analyzeJob(job));
      answer.outcomes.push(j.outcome);
      answer.rules.push(j.rules);
    }
    port.postMessage(answer);
  });
}
