import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyzeJob, finishToText } from '../src/check-file';
it('b', () => {
  const files = readFileSync('/tmp/s23/f2000.txt', 'utf8').trim().split('\n').slice(0, 1500).map((p) => ({ path: p, text: readFileSync('/tmp/s21/bs/' + p, 'utf8') }));
  const quiet = { 'promql/rate-non-counter': { level: 'off' }, 'promql/range-too-short': { level: 'off' }, 'rules/record-name-level': { level: 'off' }, 'rules/alert-annotations': { level: 'off' }, 'rules/record-name-operations': { level: 'off' } };
  for (let r = 0; r < 3; r++) for (const [name, checks] of [['all', {}], ['quiet', quiet]] as const) {
    let ta = 0, tf = 0, nd = 0, bytes = 0;
    for (const f of files) {
      const job = { path: f.path, text: f.text, options: { prometheusVersion: '2.42', features: [], ...(name === 'quiet' ? { checkSettings: checks } : {}) }, checks } as never;
      const t0 = performance.now(); const o = analyzeJob(job); const t1 = performance.now();
      const ft = finishToText(job, o.diagnostics, [], f.path, 'json', false, true); const t2 = performance.now();
      ta += t1 - t0; tf += t2 - t1; nd += o.diagnostics.length; bytes += ft.text.length;
    }
    console.log(name, 'analyze', ta.toFixed(0), 'finish', tf.toFixed(0), 'diags', nd, 'bytes', bytes);
  }
}, 120000);
