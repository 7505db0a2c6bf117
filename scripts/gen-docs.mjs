// Generates docs/checks/**.md from the check modules (packages/core/src/checks). The rendering
// lives in core (checks/docs.ts); this script bundles it with esbuild and writes the files.
// A test (packages/core/test/checks/docs.test.ts) fails when the committed docs differ.
// Usage: node scripts/gen-docs.mjs [--check]
import { build } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(tmpdir(), `promscope-gen-docs-${process.pid}.mjs`);
await build({
  stdin: { contents: "export { renderAllDocs } from './checks/docs'; export { ALL_CHECKS } from './checks/registry';", resolveDir: path.join(root, 'packages/core/src'), loader: 'ts' },
  bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const { renderAllDocs, ALL_CHECKS } = await import(pathToFileURL(out).href);
rmSync(out, { force: true });

const docsDir = path.join(root, 'docs/checks');
const files = renderAllDocs(ALL_CHECKS);
const checkOnly = process.argv.includes('--check');
let stale = 0;
for (const [rel, content] of files) {
  const p = path.join(docsDir, rel);
  const current = existsSync(p) ? readFileSync(p, 'utf8') : null;
  if (current === content) continue;
  stale++;
  if (checkOnly) console.log(`stale: docs/checks/${rel}`);
  else {
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
}
// remove docs of checks that no longer exist
for (const dir of existsSync(docsDir) ? readdirSync(docsDir, { withFileTypes: true }) : []) {
  const sub = dir.isDirectory() ? readdirSync(path.join(docsDir, dir.name)).map((f) => `${dir.name}/${f}`) : [dir.name];
  for (const rel of sub) if (!files.has(rel)) {
    stale++;
    if (checkOnly) console.log(`obsolete: docs/checks/${rel}`);
    else rmSync(path.join(docsDir, rel));
  }
}
console.log(`${files.size} docs files, ${stale} ${checkOnly ? 'stale' : 'written or removed'}`);
if (checkOnly && stale) process.exit(1);
