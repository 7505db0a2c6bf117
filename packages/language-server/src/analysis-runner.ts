/**
 * Runs analysis jobs on a worker thread, so that a long analysis (a 1,000-rule file) never holds
 * up completion, hover or any other request on the main thread. Falls back to running in-process
 * when the worker cannot start or dies.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { FileSummary } from '@promscope/core';
import { diagnosticsStep, modelStep, runJob, type AnalysisJob, type AnalysisOutput } from './analysis-job';
import type { Logger } from './logger';

export const WORKER_ROLE = 'promscope-analyzer';

export class AnalysisRunner {
  private worker?: Worker;
  private readonly pending = new Map<number, { job: AnalysisJob; early?: (o: AnalysisOutput) => void; resolve: (o: AnalysisOutput) => void; output?: AnalysisOutput }>();

  constructor(
    private readonly log: Logger,
    useWorker: boolean,
  ) {
    if (useWorker) this.spawn();
  }

  private spawn(): void {
    try {
      const w = new Worker(fileURLToPath(import.meta.url), { workerData: { role: WORKER_ROLE } });
      w.on('message', (m: WorkerMessage) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        if (m.phase === 'early') {
          // the summary crosses as JSON, parsed when the main thread needs it (a workspace pass)
          const json = m.summaryJson;
          let summary: FileSummary | undefined;
          const output = { ...m.output, get summary() { return (summary ??= JSON.parse(json) as FileSummary); } } as AnalysisOutput;
          p.output = output;
          return p.early?.(output);
        }
        this.pending.delete(m.id);
        // the done message carries only what the early one did not
        // (not spread: that would parse the summary)
        p.resolve(Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(p.output!), ...Object.getOwnPropertyDescriptors({ ...m.rest, modelMs: m.rest.modelMs ?? 0 }) }) as AnalysisOutput);
      });
      w.on('error', (e) => this.log.error('analysis worker failed', e));
      w.on('exit', (code) => {
        if (this.worker !== w) return;
        this.worker = undefined;
        this.log.warn(`analysis worker exited (${code}); analysing in-process from now on`);
        // jobs the worker took with it are re-run here
        const lost = [...this.pending.values()];
        this.pending.clear();
        for (const p of lost) p.resolve(runJob(p.job, p.early));
      });
      w.unref();
      this.worker = w;
    } catch (e) {
      this.log.warn(`no analysis worker (${String(e)}); analysing in-process`);
    }
  }

  /** Runs a job; `early` gets the diagnostics as soon as they are known (before the model). */
  analyze(job: AnalysisJob, early?: (o: AnalysisOutput) => void): Promise<AnalysisOutput> {
    const w = this.worker;
    if (!w) return Promise.resolve(runJob(job, early));
    return new Promise((resolve) => {
      this.pending.set(job.id, { job, early, resolve });
      w.postMessage(job);
    });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}

/**
 * What the worker sends: the diagnostics first (the summary as JSON: the main thread parses it only
 * for a workspace pass), then, after the model step, only what the first message did not carry.
 */
type WorkerMessage =
  | { phase: 'early'; id: number; output: Omit<AnalysisOutput, 'summary'>; summaryJson: string }
  | { phase: 'done'; id: number; rest: Partial<Pick<AnalysisOutput, 'model' | 'facts' | 'alerts' | 'modelMs'>> };

/**
 * The worker side: answers jobs until the parent goes away. The model step of a job waits a
 * little and is skipped when a newer job for the same document arrived meanwhile (while typing,
 * only the text the user pauses on gets indexed).
 */
export function serveAnalysisJobs(port: { on(ev: 'message', f: (job: AnalysisJob) => void): void; postMessage(m: WorkerMessage): void }): void {
  const latest = new Map<string, number>();
  port.on('message', (job) => {
    latest.set(job.uri, job.id);
    const step = diagnosticsStep(job, ({ summary, ...output }) => port.postMessage({ phase: 'early', id: job.id, output, summaryJson: JSON.stringify(summary) }));
    // after the delay, and after any job that arrived meanwhile (immediates run after pending messages)
    setTimeout(() => setImmediate(() => {
      if (latest.get(job.uri) !== job.id) return port.postMessage({ phase: 'done', id: job.id, rest: {} });
      const { model, facts, alerts, modelMs } = modelStep(job, step);
      port.postMessage({ phase: 'done', id: job.id, rest: { model, facts, alerts, modelMs } });
    }), MODEL_DELAY_MS);
  });
}

/** how long the model step waits for a newer job of the same document */
const MODEL_DELAY_MS = 100;
