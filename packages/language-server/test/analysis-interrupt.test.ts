/**
 * The workers' side of stopping superseded work (analysis-runner.ts): an analyzer job whose id is
 * in the shared stop slot (0) answers `interrupted` instead of its output; any other job answers
 * its output, and the next job of the document is analysed as if the stopped one had never run.
 * The modeller does the same with slot 1: a stopped model job answers without a model.
 */
import { expect, test } from 'vitest';
import { modelPart, type AnalysisJob } from '../src/analysis-job';
import { jobOnWire, serveAnalysisJobs, serveModelJobs } from '../src/analysis-runner';
import { TextSender } from '../src/job-texts';
import { lspJsonText, OutputMirror } from '../src/wire';
import { editorRuleFile } from '../../../scripts/lib/rule-generator.mjs';

test('a job in the stop slot is interrupted; the next one is analysed in full', () => {
  let handler: ((m: unknown) => void) | undefined;
  const answers: Record<string, unknown>[] = [];
  const transfers: (ArrayBuffer[] | undefined)[] = [];
  const port = {
    on: (_: 'message', f: (m: never) => void) => void (handler = f as (m: unknown) => void),
    postMessage: (m: never, transfer?: ArrayBuffer[]) => {
      answers.push(m);
      transfers.push(transfer);
    },
  };
  const stop = new Int32Array(new SharedArrayBuffer(4));
  serveAnalysisJobs(port, undefined, stop);
  const uri = 'file:///w/big.rules.yml';
  const text = editorRuleFile(40, 10).replace('  - name: group_1\n', '  - name: group_1\n }\n');
  const job = (id: number, t: string): AnalysisJob => ({ id, uri, displayPath: '/w/big.rules.yml', text: t, options: {}, checks: {}, incremental: true, edited: true });
  // posted as the runner posts them: the second text as an edit of the first
  const sender = new TextSender();
  Atomics.store(stop, 0, 7);
  handler!(jobOnWire(job(7, text), sender));
  expect(answers).toEqual([{ id: 7, interrupted: true }]);
  // the slot names job 7 only: job 8 (the newer text) runs to the end
  handler!(jobOnWire(job(8, text + '# more\n'), sender));
  // its answer in two: the LSP JSON first (published at once; its buffer transferred, not copied),
  // then the rest, held back while the editor takes in the publication, until any message comes
  // (the runner sends one when a job waits: `REST`)
  expect(answers).toHaveLength(2);
  handler!({ rest: true });
  expect(answers).toHaveLength(3);
  const first = answers[1] as { id: number; first: true; lsp: Uint8Array };
  expect(transfers[1]).toEqual([first.lsp.buffer]);
  expect(transfers[2]).toBeUndefined();
  const a = answers[2] as { id: number; keep: boolean; encoded: { lsp?: string }; output: { count: number }; lspFirst?: true };
  expect([first.id, first.first, a.id, a.lspFirst]).toEqual([8, true, 8, true]);
  expect(a.encoded.lsp).toBeUndefined();
  const { props } = new OutputMirror().decode(uri, a.keep, { ...a.encoded, lsp: first.lsp } as never);
  const diagnostics = (Object.defineProperties({}, props) as { diagnostics: { code: string }[] }).diagnostics;
  expect(diagnostics.some((d) => d.code === 'yaml/syntax')).toBe(true);
  expect(diagnostics).toHaveLength(a.output.count);
  const lsp = JSON.parse(lspJsonText(first.lsp)) as { code: string }[];
  expect(lsp.map((d) => d.code)).toEqual(diagnostics.map((d) => d.code));
});

test('the rest of an answer whose LSP text went first comes by itself after a while, and before the next job’s answer', async () => {
  let handler: ((m: unknown) => void) | undefined;
  const answers: Record<string, unknown>[] = [];
  const port = { on: (_: 'message', f: (m: never) => void) => void (handler = f as (m: unknown) => void), postMessage: (m: never) => void answers.push(m) };
  serveAnalysisJobs(port);
  const uri = 'file:///w/r.rules.yml';
  const text = editorRuleFile(2, 3);
  const job = (id: number, t: string): AnalysisJob => ({ id, uri, displayPath: '/w/r.rules.yml', text: t, options: {}, checks: {}, incremental: true, edited: true });
  const sender = new TextSender();
  handler!(jobOnWire(job(1, text), sender));
  expect(answers.map((a) => [a.id, a.first === true])).toEqual([[1, true]]);
  // nothing else comes: the rest on its own, within a second
  for (let waited = 0; answers.length < 2 && waited < 1000; waited += 10) await new Promise((r) => setTimeout(r, 10));
  expect(answers.map((a) => [a.id, a.first === true])).toEqual([
    [1, true],
    [1, false],
  ]);
  // a job that comes while the rest is held: the rest goes first, then the job's answer
  handler!(jobOnWire(job(2, text + '# x\n'), sender));
  handler!(jobOnWire(job(3, text + '# xy\n'), sender));
  expect(answers.slice(2).map((a) => [a.id, a.first === true])).toEqual([
    [2, true],
    [2, false],
    [3, true],
  ]);
});

test('a model job in the modeller’s stop slot answers without a model; the next one has its model', async () => {
  let handler: ((m: unknown) => void) | undefined;
  const answers: { id: number; part?: { model?: unknown; facts?: { refs: unknown[] } } }[] = [];
  const answered = () => new Promise<void>((resolve) => {
    const n = answers.length;
    const t = setInterval(() => answers.length > n && (clearInterval(t), resolve()), 5);
  });
  const port = { on: (_: 'message', f: (m: never) => void) => void (handler = f as (m: unknown) => void), postMessage: (m: never) => void answers.push(m) };
  const stop = new Int32Array(new SharedArrayBuffer(8));
  serveModelJobs(port, stop);
  const uri = 'file:///w/big.rules.yml';
  // broken near its top: the model's parse is the long one (it polls every 1,024 tokens)
  const text = editorRuleFile(40, 10).replace('  - name: group_1\n', '  - name: group_1\n }\n');
  const job = (id: number): AnalysisJob => ({ id, uri, displayPath: '/w/big.rules.yml', text, options: {}, checks: {}, incremental: true, edited: true });
  // the analyzer's slot names job 3: not the modeller's business
  Atomics.store(stop, 0, 3);
  Atomics.store(stop, 1, 2);
  const sender = new TextSender();
  let next = answered();
  handler!({ job: jobOnWire(job(2), sender), kind: 'rules' });
  await next;
  expect(answers[0]).toEqual({ id: 2 });
  next = answered();
  handler!({ job: jobOnWire(job(3), sender), kind: 'rules' });
  await next;
  expect(answers[1]!.id).toBe(3);
  // what the model step gives in-process (the time it took aside)
  expect({ ...answers[1]!.part, modelMs: 0 }).toEqual({ ...modelPart(job(3), 'rules'), modelMs: 0 });
  expect(answers[1]!.part?.facts?.refs.length).toBeGreaterThan(0);
});
