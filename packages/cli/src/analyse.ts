/** Analyses entries: cached results first (`--cache`), the rest on worker threads or inline. */
import type { ResultCache } from './cache';
import type { Entry } from './entries';
import { runJobs, workerCount } from './pool';

export async function analyseEntries(
  list: readonly Entry[],
  cache: ResultCache | null,
  jobs: number | undefined,
  workerUrl: URL | null,
  onWorkerFailure?: (e: unknown) => void,
): Promise<void> {
  const keys = new Map<Entry, string>();
  const todo: Entry[] = [];
  for (const e of list) {
    if (cache && !e.virtual) {
      const key = e.cacheKey ?? cache.keyOf(e.job);
      keys.set(e, key);
      e.cacheKey = key;
      const hit = cache.get(e.target.abs, key);
      if (hit) {
        e.outcome = hit;
        continue;
      }
    }
    todo.push(e);
  }
  const work = todo.map((e) => e.job);
  const json = { outcomes: [] as (string | undefined)[], rules: [] as (string | undefined)[] };
  const outcomes = await runJobs(work, workerCount(work, jobs), workerUrl, onWorkerFailure, cache ? json : undefined);
  todo.forEach((e, i) => {
    e.outcome = outcomes[i];
    const key = keys.get(e);
    if (cache && key) cache.set(e.target.abs, key, outcomes[i]!, json.outcomes[i], json.rules[i]);
  });
}
