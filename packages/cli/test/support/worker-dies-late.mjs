// A worker thread that answers the first step (each job's outcome without diagnostics, and a
// finished text it made up) and dies when asked for anything more (pool.test.ts).
import { parentPort } from 'node:worker_threads';
parentPort.on('message', (msg) => {
  if (msg.type !== 'jobs') process.exit(4);
  parentPort.postMessage({
    type: 'jobs',
    ids: msg.ids,
    outcomes: msg.jobs.map(() => '{"kind":"promql"}'),
    diagnostics: msg.jobs.map(() => null),
    rules: msg.jobs.map(() => null),
    finished: msg.jobs.map(() => ({ text: new TextEncoder().encode('from the worker'), count: 0, tally: { errors: 0, warnings: 0, infos: 0 } })),
    cached: [],
  });
});
