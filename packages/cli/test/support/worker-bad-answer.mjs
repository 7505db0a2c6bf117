// A worker thread whose answer to the first step has none of the fields it should have (pool.test.ts).
import { parentPort } from 'node:worker_threads';
parentPort.on('message', (msg) => parentPort.postMessage({ type: 'jobs', ids: msg.ids }));
