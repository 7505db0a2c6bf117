/**
 * Analyses entries: cached results first (`--cache`), the rest on worker threads or inline. With
 * `hold`, the workers answer their files' findings written in that format instead of their
 * diagnostics (`Entry.held`, see pool.ts).
 */
import type { Format } from './args';
import type { ResultCache } from './cache';
import type { Entry } from './entries';
import { analyzeJob } from './check-file';
import { runJobs, workerCount, type Held, type WorkerStart } from './pool';

export async function analyseEntries(
  list: readonly Entry[],
  cache: ResultCache | null,
  jobs: number | undefined,
  workerUrl: URL | null,
  opts: { hold?: { format: Format; color: boolean }; onWorkerFailure?: (e: unknown) => void; started?: WorkerStart },
): Promise<Held | undefined> {
  const keys = new Map<Entry, string>();
  const todo: Entry[] = [];
  for (const e of list) {
    if (cache && !e.virtual) {
      const key = e.cacheKey ?? cache.keyOf(e.job);
      keys.set(e, key);
      e.cacheKey = key;
      // (diagnostics that can no longer be read from the cache are made again)
      const hit = cache.get(e.target.abs, key, () => analyzeJob(e.job).diagnostics);
      if (hit) {
        e.outcome = hit;
        e.fromCache = true;
        continue;
      }
    }
    todo.push(e);
  }
  const work = todo.map((e) => e.job);
  const json = { outcomes: [] as (Uint8Array | undefined)[], rules: [] as (Uint8Array | undefined)[] };
  const { outcomes, held } = await runJobs(work, workerCount(work, jobs), workerUrl, {
    ...(opts.hold ? { hold: { ...opts.hold, displays: todo.map((e) => e.target.display) } } : {}),
    ...(cache ? { json } : {}),
    ...(opts.onWorkerFailure ? { onWorkerFailure: opts.onWorkerFailure } : {}),
    ...(opts.started ? { started: opts.started } : {}),
  });
  todo.forEach((e, i) => {
    e.outcome = outcomes[i];
    if (held?.holds(i)) e.held = { run: held, index: i };
    const key = keys.get(e);
    // (a held file's findings are in the report: its diagnostics are not stored, see cache.ts)
    if (cache && key) cache.set(e.target.abs, key, outcomes[i]!, { diagnostics: !held?.holds(i), json: json.outcomes[i], rules: json.rules[i] });
  });
  return held;
}
