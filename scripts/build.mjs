// Builds the shipped JavaScript: the CLI and the language server, each one bundled ESM file, and
// the VS Code extension (CommonJS, `vscode` external) once it exists. Run at install (postinstall)
// so that node_modules/.bin/promscope starts without compiling anything.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const r = (p) => path.join(root, p);
const banner = { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" };
const common = { bundle: true, platform: 'node', target: 'node20', format: 'esm', mainFields: ['module', 'main'], sourcemap: 'linked', banner, logLevel: 'warning', legalComments: 'none' };

// `node scripts/build.mjs cli` (or `server`, `extension`) builds only that bundle (the CLI tests use it)
const only = process.argv[2];
const want = (name) => !only || only === name;
const jobs = [];
if (want('cli') && existsSync(r('packages/cli/src/main.ts')))
  jobs.push(build({ ...common, entryPoints: [r('packages/cli/src/main.ts')], outfile: r('packages/cli/dist/promscope.js') }));
if (want('server') && existsSync(r('packages/language-server/src/main.ts')))
  jobs.push(build({ ...common, entryPoints: [r('packages/language-server/src/main.ts')], outfile: r('packages/language-server/dist/server.js') }));
if (want('extension') && existsSync(r('extension/src/extension.ts'))) {
  // the VS Code extension: the client (CJS, `vscode` external) and its own minified copy of the language
  // server (ESM, hence `.mjs`: extension/package.json has no "type") — each one file, so the VSIX needs no node_modules
  jobs.push(build({ ...common, format: 'cjs', banner: undefined, minify: true, external: ['vscode'], entryPoints: [r('extension/src/extension.ts')], outfile: r('extension/dist/extension.js') }));
  if (existsSync(r('packages/language-server/src/main.ts')))
    jobs.push(build({ ...common, minify: true, entryPoints: [r('packages/language-server/src/main.ts')], outfile: r('extension/dist/server.mjs') }));
}
await Promise.all(jobs);
