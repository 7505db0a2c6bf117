/** The workerData marker that tells the bundle it was started as a promscope worker thread. */
export const WORKER_MARKER = 'promscope-worker';
