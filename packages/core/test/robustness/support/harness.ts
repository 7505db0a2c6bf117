/**
 * A guarded analyzer for robustness tests: `analyzeFile` runs in a worker thread with a heap cap
 * (`resourceLimits`), and every call has a time bound. A hang or a runaway allocation becomes a test
 * failure naming the input (the worker is terminated and restarted), never a stuck test run.
 * The bound is a hang detector, not a speed assertion: it is far above any normal case.
 */
import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Reply, Request } from './analyze-worker';

export type { Reply, Request, Recipe } from './analyze-worker';

const here = path.dirname(fileURLToPath(import.meta.url));

let bundled: string | null = null;
function bundle(): string {
  if (bundled) return bundled;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'promscope-robustness-'));
  const outfile = path.join(dir, 'analyze-worker.mjs');
  buildSync({
    entryPoints: [path.join(here, 'analyze-worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  bundled = outfile;
  return outfile;
}

export class HangError extends Error {}

export interface GuardedAnalyzer {
  analyze(req: Omit<Request, 'id'>, timeoutMs?: number): Promise<Reply>;
  close(): Promise<void>;
}

/** Starts the worker; `heapMb` caps its old generation (an allocation beyond it fails the call). */
export function guardedAnalyzer(opts: { heapMb?: number; defaultTimeoutMs?: number } = {}): GuardedAnalyzer {
  const file = bundle();
  const heapMb = opts.heapMb ?? 1024;
  let worker: Worker | null = null;
  let nextId = 1;
  const start = () => new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  const describe = (req: Omit<Request, 'id'>) =>
    req.recipe ? `${JSON.stringify(req.recipe.prefix).slice(0, 200)} + ${JSON.stringify(req.recipe.repeat).slice(0, 40)} × ${req.recipe.times}` : JSON.stringify(req.input.text ?? '').slice(0, 400);
  return {
    analyze(req, timeoutMs = opts.defaultTimeoutMs ?? 10_000) {
      worker ??= start();
      const w = worker;
      const id = nextId++;
      return new Promise<Reply>((resolve, reject) => {
        const done = (f: () => void) => {
          clearTimeout(timer);
          w.off('message', onMessage);
          w.off('error', onError);
          w.off('exit', onExit);
          f();
        };
        const kill = (err: Error) => {
          worker = null;
          void w.terminate();
          reject(err);
        };
        const timer = setTimeout(() => done(() => kill(new HangError(`analyzeFile did not return within ${timeoutMs} ms on ${describe(req)}`))), timeoutMs);
        const onMessage = (m: Reply) => {
          if (m.id === id) done(() => resolve(m));
        };
        const onError = (e: Error) => done(() => kill(new Error(`analyzer worker failed (${e.message}) on ${describe(req)}`)));
        const onExit = (code: number) => done(() => kill(new Error(`analyzer worker exited (${code}) on ${describe(req)}`)));
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
        w.postMessage({ ...req, id });
      });
    },
    async close() {
      if (worker) await worker.terminate();
      worker = null;
    },
  };
}
