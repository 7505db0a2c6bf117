/**
 * Runs file jobs, in parallel on worker threads when there is enough work. The workers run this
 * same bundle (main.ts starts `runWorker` in a worker thread); tasks go out in batches from a shared
 * queue, so a big file on one worker does not hold up the rest. A big plain rule file is itself cut
 * into one chunk of groups per worker (core `ruleFileChunks`): the workers analyse the chunks and
 * this thread combines their parts into the file's outcome (the file-wide checks), so that one
 * large file also uses every core.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { analyzeRuleFileChunk, combineRuleFileChunks, ruleFileChunks, type FileSummary, type PlainGroupPart, type RuleFileChunk } from '@promscope/core';
import { analyzeJob, type FileJob, type FileOutcome } from './check-file';

/** Below this much text, starting workers costs more than it saves. */
const MIN_BYTES_PER_WORKER = 1024 * 1024;
const BATCH_BYTES = 256 * 1024;
/** Rule files at least this large are cut into chunks of groups, one per thread. */
const CHUNK_FILE_BYTES = 512 * 1024;
/** A larger young generation than V8's default: analysis allocates many short-lived objects. */
const YOUNG_GENERATION_MB = 64;

export { WORKER_MARKER } from './worker-marker';
import { WORKER_MARKER } from './worker-marker';

/** How many workers to use for these jobs: `requested` if given, else by machine and work size. */
export function workerCount(jobs: readonly FileJob[], requested: number | undefined): number {
  const bytes = jobs.reduce((n, j) => n + j.text.length, 0);
  // a big file counts as the chunks it may be cut into (one per core)
  const tasks = jobs.reduce((n, j) => n + (j.text.length >= CHUNK_FILE_BYTES ? availableParallelism() : 1), 0);
  if (requested !== undefined) return Math.min(requested, tasks);
  return Math.max(0, Math.min(availableParallelism(), tasks, Math.floor(bytes / MIN_BYTES_PER_WORKER)));
}

/** One unit of work for a worker: a whole file, or one chunk of a rule file's groups. */
interface Task {
  job: number;
  chunk?: RuleFileChunk;
  bytes: number;
}

/** What a worker is sent: the jobs (once per message) and the tasks over them. */
interface TaskMessage {
  ids: number[];
  tasks: { job: FileJob; chunk?: RuleFileChunk }[];
}

function batches(tasks: readonly Task[]): number[][] {
  const out: number[][] = [];
  let cur: number[] = [];
  let size = 0;
  tasks.forEach((t, i) => {
    cur.push(i);
    size += t.bytes;
    if (size >= BATCH_BYTES) {
      out.push(cur);
      cur = [];
      size = 0;
    }
  });
  if (cur.length > 0) out.push(cur);
  return out;
}

/** the chunks a job's file is cut into for `n` threads, when it is a big plain rule file */
function chunksOf(job: FileJob, n: number): RuleFileChunk[] | undefined {
  if (job.text.length < CHUNK_FILE_BYTES || job.collectAlerts) return undefined;
  return ruleFileChunks({ path: job.path, text: job.text, ...(job.kind ? { kind: job.kind } : {}) }, job.options, n);
}

/** the file's outcome from its chunks' parts (the file-wide parts run here) */
function combined(job: FileJob, parts: readonly (readonly PlainGroupPart[])[]): FileOutcome {
  const r = combineRuleFileChunks({ path: job.path, text: job.text, kind: 'rules' }, parts, job.options);
  return { kind: r.kind, diagnostics: r.diagnostics, ...(r.summary ? { summary: r.summary } : {}) };
}

/**
 * One big rule file alone: its first chunk on this thread, the others on a worker each; this
 * thread then combines. Any chunk that declines (or a worker that fails): the file whole, here.
 */
async function runChunked(job: FileJob, chunks: readonly RuleFileChunk[], workerUrl: URL, onWorkerFailure?: (e: unknown) => void): Promise<FileOutcome> {
  const pool: Worker[] = [];
  const pending: Promise<PlainGroupPart[] | string>[] = [];
  try {
    for (let i = 1; i < chunks.length; i++) {
      const w = new Worker(workerUrl, { workerData: { marker: WORKER_MARKER }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      pool.push(w);
      pending.push(
        new Promise((resolve, reject) => {
          w.once('message', (msg: { outcomes: string[] }) => resolve(JSON.parse(msg.outcomes[0]!) as PlainGroupPart[] | string));
          w.once('error', reject);
          w.once('exit', (code) => reject(new Error(`a worker thread stopped with exit code ${code}`)));
        }),
      );
      const msg: TaskMessage = { ids: [i], tasks: [{ job, chunk: chunks[i]! }] };
      w.postMessage(msg);
    }
    const first = analyzeRuleFileChunk({ path: job.path, text: job.text, kind: 'rules' }, chunks[0]!, job.options);
    const rest = await Promise.all(pending);
    const parts = [first, ...rest];
    if (parts.every((p): p is PlainGroupPart[] => typeof p !== 'string')) return combined(job, parts);
  } catch (e) {
    onWorkerFailure?.(e);
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return analyzeJob(job);
}

/** the tasks for `workers` workers: the chunks of big rule files first (largest work first), then whole files */
function plan(jobs: readonly FileJob[], workers: number): Task[] {
  const chunkTasks: Task[] = [];
  const whole: Task[] = [];
  jobs.forEach((job, i) => {
    const chunks = chunksOf(job, workers);
    if (chunks) {
      for (const chunk of chunks) chunkTasks.push({ job: i, chunk, bytes: chunk.end - chunk.start });
    } else whole.push({ job: i, bytes: job.text.length });
  });
  return [...chunkTasks, ...whole];
}

/**
 * The outcomes of `jobs`, in order. `json[i]`, when set, is `JSON.stringify(outcomes[i])` without its
 * `summary.rules` and `rulesJson[i]` that of its `summary.rules`, as a worker sent them (the cache
 * writes them as they are instead of serialising the outcome again).
 */
export async function runJobs(
  jobs: readonly FileJob[],
  workers: number,
  workerUrl: URL | null,
  onWorkerFailure?: (e: unknown) => void,
  json?: { outcomes: (string | undefined)[]; rules: (string | undefined)[] },
): Promise<FileOutcome[]> {
  if (workers < 2 || workerUrl === null) return jobs.map(analyzeJob);
  // one file of as many chunks as threads: this thread takes the first (the workers' start-up overlaps it)
  const only = jobs.length === 1 ? chunksOf(jobs[0]!, workers) : undefined;
  if (only) return [await runChunked(jobs[0]!, only, workerUrl, onWorkerFailure)];
  const results: FileOutcome[] = new Array(jobs.length);
  const tasks = plan(jobs, workers);
  // the chunks' parts of each chunked job, by chunk index; a declined chunk leaves the job to the end
  const parts = new Map<number, (PlainGroupPart[] | undefined)[]>();
  const chunkIndex = new Map<Task, number>();
  for (const t of tasks) {
    if (!t.chunk) continue;
    const list = parts.get(t.job) ?? [];
    chunkIndex.set(t, list.length);
    list.push(undefined);
    parts.set(t.job, list);
  }
  const declined = new Set<number>();
  const queue = batches(tasks);
  const pool: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      const feed = (w: Worker) => {
        const batch = queue.shift();
        if (!batch) {
          if (--running === 0) resolve();
          return;
        }
        const msg: TaskMessage = { ids: batch, tasks: batch.map((i) => ({ job: jobs[tasks[i]!.job]!, ...(tasks[i]!.chunk ? { chunk: tasks[i]!.chunk } : {}) })) };
        w.postMessage(msg);
      };
      const received = (id: number, text: string, rulesText: string | null) => {
        const t = tasks[id]!;
        if (!t.chunk) {
          const o = JSON.parse(text) as FileOutcome;
          if (rulesText !== null && o.summary) o.summary.rules = JSON.parse(rulesText) as FileSummary['rules'];
          results[t.job] = o;
          if (json) {
            json.outcomes[t.job] = text;
            if (rulesText !== null) json.rules[t.job] = rulesText;
          }
          return;
        }
        const r = JSON.parse(text) as PlainGroupPart[] | string;
        if (typeof r === 'string') declined.add(t.job);
        const list = parts.get(t.job)!;
        list[chunkIndex.get(t)!] = typeof r === 'string' ? [] : r;
        if (list.some((p) => p === undefined) || declined.has(t.job)) return;
        // every chunk is in: the file-wide parts, on this thread
        results[t.job] = combined(jobs[t.job]!, list as PlainGroupPart[][]);
        parts.delete(t.job);
      };
      for (let k = 0; k < workers; k++) {
        const w = new Worker(workerUrl, { workerData: { marker: WORKER_MARKER }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
        pool.push(w);
        running++;
        w.on('message', (msg: { ids: number[]; outcomes: string[]; rules: (string | null)[] }) => {
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
  // declined chunks (a YAML error in a group...), failed workers: those files whole, on this thread
  for (let i = 0; i < jobs.length; i++) if (results[i] === undefined) results[i] = analyzeJob(jobs[i]!);
  return results;
}

/**
 * The worker side: answers batches of tasks until terminated. Each outcome goes back as JSON text:
 * plain data (the cache stores them the same way), and JSON.stringify/JSON.parse of them cost a
 * fraction of the structured clone that postMessage makes of objects, on both threads. A rule
 * file's graph entries (`summary.rules`) go as a text of their own (the cache keeps them apart).
 */
export function runWorker(port: { on(ev: 'message', cb: (msg: TaskMessage) => void): void; postMessage(v: unknown): void }): void {
  port.on('message', (msg) => {
    const outcomes: string[] = [];
    const rules: (string | null)[] = [];
    for (const t of msg.tasks) {
      if (t.chunk) {
        outcomes.push(JSON.stringify(analyzeRuleFileChunk({ path: t.job.path, text: t.job.text, kind: 'rules' }, t.chunk, t.job.options)));
        rules.push(null);
        continue;
      }
      const o = analyzeJob(t.job);
      const r = o.summary?.rules;
      if (r) o.summary = { ...o.summary!, rules: undefined };
      outcomes.push(JSON.stringify(o));
      rules.push(r ? JSON.stringify(r) : null);
    }
    port.postMessage({ ids: msg.ids, outcomes, rules });
  });
}
