/**
 * The worker pool when workers fail: a worker that cannot start, and one that dies after the first
 * step while it holds files (pool.ts): every file is still analysed and finished, on the main
 * thread, with the same result as there.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '@promscope/core';
import { analyzeJob, finishToText, type FileJob } from '../src/check-file';
import { runJobs } from '../src/pool';

const job = (name: string, text: string): FileJob => ({ path: name, text, kind: 'promql', options: {}, checks: {} });
const jobs = [job('a.promql', 'rate(x)\n'), job('b.promql', 'sum(x) by (job)\n'), job('c.promql', 'up\n')];
const extra: Diagnostic = { code: 'rules/undefined-recorded-metric', severity: 'warning', range: { start: 0, end: 2 }, message: 'from the cross-file pass' };

describe('the worker pool when workers fail', () => {
  it('a worker that cannot start: every job is analysed on this thread, and the failure is reported', async () => {
    const failures: unknown[] = [];
    const { outcomes, held } = await runJobs(jobs, 2, new URL('./support/worker-exits.mjs', import.meta.url), {
      hold: { format: 'json', color: false, displays: jobs.map((j) => j.path) },
      onWorkerFailure: (e) => failures.push(e),
    });
    expect(failures).toHaveLength(1);
    expect(held).toBeUndefined();
    expect(outcomes).toEqual(jobs.map(analyzeJob));
    expect(outcomes[0]!.diagnostics.length).toBeGreaterThan(0);
  });

  it('a worker that dies while it holds files: they are analysed again and finished on this thread', async () => {
    const failures: unknown[] = [];
    const { outcomes, held } = await runJobs(jobs, 2, new URL('./support/worker-dies-late.mjs', import.meta.url), {
      hold: { format: 'json', color: false, displays: jobs.map((j) => j.path) },
      onWorkerFailure: (e) => failures.push(e),
    });
    expect(held).toBeDefined();
    try {
      // a held outcome's diagnostics are not here
      expect(() => outcomes[0]!.diagnostics).toThrow(/held by a worker/);
      const requests = jobs.map((j, index) => ({ index, extra: index === 1 ? [extra] : [], display: j.path, chunk: true }));
      const finished = await held!.finish(requests, false);
      // without cross-file diagnostics: the text the worker answered first
      expect(finished.get(0)!.text).toBe('from the worker');
      // with them: the worker is asked, dies, and this thread does it
      expect(finished.get(1)).toEqual(finishToText(jobs[1]!, analyzeJob(jobs[1]!).diagnostics, [extra], 'b.promql', 'json', false, true));
      expect(finished.get(1)!.text).toContain('from the cross-file pass');
      expect(failures.length).toBeGreaterThan(0);
      // and diagnostics asked for later come from this thread too
      await held!.loadDiagnostics([2]);
      expect(outcomes[2]!.diagnostics).toEqual(analyzeJob(jobs[2]!).diagnostics);
    } finally {
      await held!.close();
    }
  });
});
