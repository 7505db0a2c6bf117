// The test command: build the shipped bundles (the CLI and server tests run the real binaries), run every
// vitest suite, then print one plain closing line `N passed, N failed[, N skipped]` that any CI can read.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

if (run(process.execPath, ['scripts/build.mjs']) !== 0) process.exit(1);
const results = path.join(root, 'node_modules', '.vitest-results.json');
rmSync(results, { force: true });
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const code = run(process.execPath, [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`, ...process.argv.slice(2)]);
try {
  const r = JSON.parse(readFileSync(results, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
} catch {
  console.log('\ntest results could not be read (see the vitest output above)');
}
process.exit(code);
