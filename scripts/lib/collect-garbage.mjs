// A full garbage collection from inside a test (vitest does not start node with --expose-gc): for
// tests that prove with WeakRefs that something is no longer kept. Two collections with a turn of
// the event loop between them, so that WeakRefs kept alive by the current job are cleared too.
import v8 from 'node:v8';
import vm from 'node:vm';

export async function collectGarbage() {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  gc();
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc();
}
