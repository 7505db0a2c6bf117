// Where extension/test/e2e/install-tools.sh put the pinned tools (Node 24, vsce, code-server,
// playwright-core): the variables it writes to env.sh in its cache folder.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function toolsEnv() {
  const cache = process.env.PROMSCOPE_E2E_CACHE || path.join(os.homedir(), '.cache/promscope-e2e');
  return Object.fromEntries(
    readFileSync(path.join(cache, 'env.sh'), 'utf8')
      .split('\n')
      .map((l) => /^export (\w+)="(.*)"$/.exec(l))
      .filter(Boolean)
      .map((m) => [m[1], m[2]]),
  );
}
