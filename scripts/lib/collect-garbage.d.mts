/** A full garbage collection (twice, a turn of the event loop apart), for WeakRef-based tests. */
export function collectGarbage(): Promise<void>;
