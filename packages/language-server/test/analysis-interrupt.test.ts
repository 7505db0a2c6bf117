/**
 * The analyzer worker's side of stopping superseded analyses (analysis-runner.ts): a job whose id
 * is in the shared stop slot answers `interrupted` instead of its output; any other job answers
 * its output, and the next job of the document is analysed as if the stopped one had never run.
 */
import { expect, test } from 'vitest';
import type { AnalysisJob } from '../src/analysis-job';
import { serveAnalysisJobs } from '../src/analysis-runner';
import { OutputMirror } from '../src/wire';
import { editorRuleFile } from '../../../scripts/lib/rule-generator.mjs';

test('a job in the stop slot is interrupted; the next one is analysed in full', () => {
  let handler: ((m: unknown) => void) | undefined;
  const answers: Record<string, unknown>[] = [];
  const port = { on: (_: 'message', f: (m: never) => void) => void (handler = f as (m: unknown) => void), postMessage: (m: never) => void answers.push(m) };
  const stop = new Int32Array(new SharedArrayBuffer(4));
  serveAnalysisJobs(port, undefined, stop);
  const uri = 'file:///w/big.rules.yml';
  const text = editorRuleFile(40, 10).replace('  - name: group_1\n', '  - name: group_1\n }\n');
  const job = (id: number, t: string): AnalysisJob => ({ id, uri, displayPath: '/w/big.rules.yml', text: t, options: {}, checks: {}, incremental: true, edited: true });
  Atomics.store(stop, 0, 7);
  handler!(job(7, text));
  expect(answers).toEqual([{ id: 7, interrupted: true }]);
  // the slot names job 7 only: job 8 (the newer text) runs to the end
  handler!(job(8, text + '# more\n'));
  expect(answers).toHaveLength(2);
  const a = answers[1] as { id: number; keep: boolean; encoded: never; output: { count: number } };
  expect(a.id).toBe(8);
  const { props } = new OutputMirror().decode(uri, a.keep, a.encoded);
  const diagnostics = (Object.defineProperties({}, props) as { diagnostics: { code: string }[] }).diagnostics;
  expect(diagnostics.some((d) => d.code === 'yaml/syntax')).toBe(true);
  expect(diagnostics).toHaveLength(a.output.count);
});
