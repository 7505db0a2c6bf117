// `npx --yes pnpm@10 run vsix` (root): builds the bundles (scripts/build.mjs extension) and packages
// extension/promscope.vsix with @vscode/vsce (--no-dependencies: client and server are each one
// bundled file). vsce needs Node >= 22: it runs under the Node 24 of the e2e tool cache, which
// extension/test/e2e/install-tools.sh fills (pinned versions, outside the workspace).
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { toolsEnv } from './tools-env.mjs';

const ext = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const root = path.dirname(ext);
const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`vsix: ${path.basename(cmd)} ${args.join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(1);
  }
};
run(process.execPath, [path.join(root, 'scripts/build.mjs'), 'extension']);
run('bash', [path.join(ext, 'test/e2e/install-tools.sh'), '--no-code-server'], { stdio: ['ignore', 'ignore', 'inherit'] });
const env = toolsEnv();
const out = path.join(ext, 'promscope.vsix');
run(env.PROMSCOPE_E2E_NODE24, [path.join(env.PROMSCOPE_E2E_TOOLS, '@vscode/vsce/vsce'), 'package', '--no-dependencies', '--no-update-package-json', '-o', out], { cwd: ext });
console.log(`vsix: ${path.relative(root, out)} ${(statSync(out).size / 1024).toFixed(0)} KiB`);
