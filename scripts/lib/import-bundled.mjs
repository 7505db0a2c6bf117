// Benchmarks import the TypeScript sources directly: bundled on the fly with esbuild into a temp
// file (Node cannot load .ts), imported, and the temp file removed.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** `contents`: an ES module re-exporting what the benchmark needs, resolved from `resolveDir`. */
export async function importBundled(contents, resolveDir, plugins = []) {
  const tmp = mkdtempSync(join(tmpdir(), 'promscope-bench-'));
  const outfile = join(tmp, 'entry.mjs');
  try {
    await build({
      stdin: { contents, resolveDir, loader: 'ts' },
      bundle: true,
      format: 'esm',
      platform: 'node',
      outfile,
      mainFields: ['module', 'main'],
      plugins,
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: 'error',
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
