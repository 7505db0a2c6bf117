#!/usr/bin/env node
// Thin launcher: the CLI ships as one bundled file built at install time (scripts/build.mjs).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
const bundle = fileURLToPath(new URL('../dist/promscope.js', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('promscope: the CLI is not built; run `npx --yes pnpm@10 install` (or `npx --yes pnpm@10 run build`) at the repository root.\n');
  process.exit(2);
}
try {
  await import(pathToFileURL(bundle).href);
} catch (e) {
  // a broken build must not print a stack trace at users (exit 2 = internal failure)
  process.stderr.write(`promscope: cannot start: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
  if (process.argv.includes('--debug') && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  process.exit(2);
}
