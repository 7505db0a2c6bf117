// A worker thread that dies at once (pool.test.ts: the pool falls back to the main thread).
process.exit(3);
