/**
 * The worker pool when workers fail: a worker that cannot start, and one that dies after the first
 * step while it holds files (pool.ts): every file is still analysed and finished, on the main
 * thread, with the same result as there.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '@promscope/core';
import { analyzeJob, finishToText, type FileJob } from '../src/check-file';
import { JobQueue, runJobs, runWorker } from '../src/pool';

const job = (name: string, text: string): FileJob => ({ path: name, text, kind: 'promql', options: {}, checks: {} });
const jobs = [job('a.promql', 'rate(x)\n'), job('b.promql', 'sum(x) by (job)\n'), job('c.promql', 'up\n')];
const text = (b: Uint8Array) => new TextDecoder().decode(b);
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

  it('an answer this thread cannot read is a failed worker: every job is analysed here, nothing hangs', async () => {
    const failures: unknown[] = [];
    const json = { outcomes: [] as (Uint8Array | undefined)[], rules: [] as (Uint8Array | undefined)[] };
    const { outcomes, held } = await runJobs(jobs, 2, new URL('./support/worker-bad-answer.mjs', import.meta.url), {
      hold: { format: 'json', color: false, displays: jobs.map((j) => j.path) },
      json,
      onWorkerFailure: (e) => failures.push(e),
    });
    expect(failures).toHaveLength(1);
    expect(held).toBeUndefined();
    expect(outcomes).toEqual(jobs.map(analyzeJob));
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
      expect(text(finished.get(0)!.text)).toBe('from the worker');
      // with them: the worker is asked, dies, and this thread does it
      expect(finished.get(1)).toEqual(finishToText(jobs[1]!, analyzeJob(jobs[1]!).diagnostics, [extra], 'b.promql', 'json', false, true));
      expect(text(finished.get(1)!.text)).toContain('from the cross-file pass');
      expect(failures.length).toBeGreaterThan(0);
      // and diagnostics asked for later come from this thread too
      await held!.loadDiagnostics([2]);
      expect(outcomes[2]!.diagnostics).toEqual(analyzeJob(jobs[2]!).diagnostics);
    } finally {
      await held!.close();
    }
  });

  it("a worker's finished texts are moved to this thread, not copied: each text's buffer is in the answer's transfer list", () => {
    const sent: { msg: unknown; transfer: ArrayBuffer[] | undefined }[] = [];
    let onMessage: ((m: never) => void) | undefined;
    runWorker({ on: (_ev, cb) => (onMessage = cb as never), postMessage: (msg, transfer) => sent.push({ msg, transfer }) });
    const hold = { format: 'json' as const, color: false, displays: jobs.map((j) => j.path) };
    onMessage!({ type: 'jobs', ids: [0, 1, 2], jobs, diagnostics: false, cache: true, hold } as never);
    const answer = sent[0]!.msg as { finished: { text: Uint8Array }[]; cached: { outcome: Uint8Array; diagnostics?: Uint8Array; rules?: Uint8Array }[] };
    expect(answer.finished).toHaveLength(3);
    // and, for the cache, each outcome's JSON in bytes moved the same way, without its diagnostics
    // (held: the findings are in the report, the cache does not store them)
    expect(answer.cached).toHaveLength(3);
    expect(sent[0]!.transfer).toEqual([...answer.finished.map((f) => f.text.buffer), ...answer.cached.map((c) => c.outcome.buffer)]);
    answer.cached.forEach((c, i) => {
      const { diagnostics: _, ...rest } = JSON.parse(JSON.stringify(analyzeJob(jobs[i]!))) as { diagnostics: unknown[] };
      expect(JSON.parse(text(c.outcome))).toEqual(rest);
      expect(c.diagnostics).toBeUndefined();
    });
    expect(jobs.some((j) => analyzeJob(j).diagnostics.length > 0)).toBe(true);
    // each text owns its buffer whole (a transfer moves the whole buffer)
    for (const f of answer.finished) expect(f.text.byteLength).toBe(f.text.buffer.byteLength);
    // what crosses is the text the main thread would have written itself
    answer.finished.forEach((f, i) => expect(text(f.text)).toBe(text(finishToText(jobs[i]!, analyzeJob(jobs[i]!).diagnostics, [], jobs[i]!.path, 'json', false, true).text)));
    // the second step's answer too
    onMessage!({ type: 'finish', requests: [{ index: 1, extra: [extra], display: 'b.promql', chunk: true }], format: 'json', color: false } as never);
    const fin = sent[1]!.msg as { finished: { text: Uint8Array }[] };
    expect(sent[1]!.transfer).toEqual(fin.finished.map((f) => f.text.buffer));
    expect(text(fin.finished[0]!.text)).toContain('from the cross-file pass');
  });

  it('this thread analyses batches too: their findings are written here, their diagnostics let go (made again when asked), no worker is asked for them', async () => {
    // ~200 KB each: two to a batch, five batches; a worker takes two at once, this thread the next
    const big = Array.from({ length: 10 }, (_, i) => job(`big${i}.promql`, `${i % 2 ? 'rate(x)' : 'up'} # ${'a'.repeat(200_000)}\n`));
    const failures: unknown[] = [];
    const displays = big.map((j) => j.path);
    const { outcomes, held } = await runJobs(big, 2, new URL('./support/worker-dies-late.mjs', import.meta.url), {
      hold: { format: 'json', color: false, displays },
      onWorkerFailure: (e) => failures.push(e),
    });
    try {
      const here = big.map((_j, i) => held!.analysedHere(i));
      // neither this thread's nor a worker's have their diagnostics here (until loaded)
      big.forEach((_j, i) => expect(() => outcomes[i]!.diagnostics).toThrow(/held by a worker/));
      expect(here.filter(Boolean).length).toBeGreaterThan(0);
      expect(here.filter((h) => !h).length).toBeGreaterThan(0);
      // every file's findings came written out, wherever it was analysed
      big.forEach((_j, i) => expect(held!.holds(i)).toBe(true));
      const hereIndex = here.indexOf(true);
      const requests = big.map((j, index) => ({ index, extra: index === hereIndex ? [extra] : [], display: j.path, chunk: true }));
      const finished = await held!.finish(requests, false);
      big.forEach((j, i) => {
        if (!here[i]) expect(text(finished.get(i)!.text)).toBe('from the worker');
        else {
          expect(text(finished.get(i)!.text)).not.toBe('from the worker');
          expect(finished.get(i)).toEqual(finishToText(j, analyzeJob(j).diagnostics, i === hereIndex ? [extra] : [], j.path, 'json', false, true));
        }
      });
      expect(text(finished.get(hereIndex)!.text)).toContain('from the cross-file pass');
      await held!.loadDiagnostics([hereIndex]);
      expect(outcomes[hereIndex]!.diagnostics).toEqual(analyzeJob(big[hereIndex]!).diagnostics);
      // the worker (which dies when asked anything more) was never asked
      expect(failures).toEqual([]);
    } finally {
      await held!.close();
    }
  });
});

describe('the job queue', () => {
  const sized = (...kb: number[]) => kb.map((k, i) => job(`f${i}.yml`, 'x'.repeat(k * 1024)));
  const drain = (q: JobQueue) => {
    const out: number[][] = [];
    for (let b = q.take(); b !== undefined; b = q.take()) out.push(b);
    return out;
  };
  const kbOf = (js: FileJob[], b: number[]) => b.reduce((n, i) => n + js[i]!.text.length, 0) / 1024;

  it('hands out every job once, in order', () => {
    const js = sized(...Array.from({ length: 500 }, (_, i) => 1 + (i % 13)));
    const batches = drain(new JobQueue(js, 2));
    expect(batches.flat()).toEqual(js.map((_, i) => i));
    expect(batches.every((b) => b.length > 0)).toBe(true);
  });

  it('makes batches of at most 256 KB, smaller as the queue runs out, down to 16 KB', () => {
    const js = sized(...Array.from({ length: 2000 }, () => 4)); // 8 MB in 4 KB files
    const sizes = drain(new JobQueue(js, 2)).map((b) => kbOf(js, b));
    expect(sizes[0]).toBe(256);
    expect(Math.max(...sizes)).toBe(256);
    // never larger than the one before it
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThanOrEqual(sizes[i - 1]!);
    // the end in small batches: the last ones 16 KB (or what is left), the last 1 MB in more than 8
    expect(sizes.at(-2)).toBe(16);
    let tail = 0;
    let n = 0;
    for (let i = sizes.length - 1; i >= 0 && tail < 1024; i--, n++) tail += sizes[i]!;
    expect(n).toBeGreaterThan(8);
  });

  it('a file larger than a batch is a batch of its own', () => {
    const js = sized(600, 1, 1);
    expect(drain(new JobQueue(js, 2))).toEqual([[0], [1, 2]]);
  });
});
