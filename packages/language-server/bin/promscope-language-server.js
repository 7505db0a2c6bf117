#!/usr/bin/env node
// Thin launcher: the server ships as one bundled file built at install time (scripts/build.mjs).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
const bundle = fileURLToPath(new URL('../dist/server.js', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('promscope-language-server: not built; run `npx --yes pnpm@10 install` at the repository root.\n');
  process.exit(2);
}
await import(pathToFileURL(bundle).href);
