// Builds the shipped JavaScript: the CLI and the language server, each one bundled ESM file, and
// the VS Code extension (CommonJS, `vscode` external) once it exists. Run at install (postinstall)
// so that node_modules/.bin/promscope starts without compiling anything.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { launcherNodeFlags } from './lib/launcher-flags.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const r = (p) => path.join(root, p);
const banner = { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" };
const common = { bundle: true, platform: 'node', target: 'node20', format: 'esm', mainFields: ['module', 'main'], sourcemap: 'linked', banner, logLevel: 'warning', legalComments: 'none' };

// `node scripts/build.mjs cli` (or `server`, `extension`) builds only that bundle (the CLI tests use it)
const only = process.argv[2];
const want = (name) => !only || only === name;
const jobs = [];
if (want('cli') && existsSync(r('packages/cli/src/main.ts'))) {
  // the CLI: a script body (CommonJS) that packages/cli/bin/promscope.js compiles with V8's code
  // cache (vm.Script), which an ES module cannot use on Node 20; `import.meta.url` is the bundle's
  // URL, a parameter the launcher passes. Its code caches belong to the previous bundle: removed.
  for (const f of existsSync(r('packages/cli/dist')) ? readdirSync(r('packages/cli/dist')) : []) if (f.endsWith('.cache')) rmSync(r(`packages/cli/dist/${f}`), { force: true });
  jobs.push(
    build({
      ...common,
      format: 'cjs',
      banner: undefined,
      charset: 'ascii',
      define: { 'import.meta.url': '__promscope_bundle_url' },
      entryPoints: [r('packages/cli/src/main.ts')],
      outfile: r('packages/cli/dist/promscope.js'),
    }),
  );
}
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

// the CLI bundle as ASCII only: esbuild escapes strings (charset: 'ascii'), not comments, and one
// `→` in a comment made the launcher read the whole 1.8 MB as a two-byte string (a one-file check
// 2–4% slower, in two sets of paired runs). Each other character becomes its `\uXXXX` escape, the same value wherever escapes
// are read, plain text in a comment (columns after it on its line move in the source map).
if (want('cli') && existsSync(r('packages/cli/dist/promscope.js'))) {
  const file = r('packages/cli/dist/promscope.js');
  const js = readFileSync(file, 'utf8');
  if (/[^\x00-\x7f]/.test(js)) writeFileSync(file, js.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

// the CLI's code cache (see packages/cli/bin/promscope.js): written by a first `check`, here of a small
// generated rule file, so that the very first real run already starts warm (best effort)
if (want('cli') && existsSync(r('packages/cli/dist/promscope.js'))) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'promscope-build-'));
  try {
    let text = '# warms up the code cache\ngroups:\n';
    for (let g = 0; g < 3; g++) {
      text += `  - name: g${g}\n    interval: 1m\n    rules:\n`;
      for (let i = 0; i < 10; i++) {
        text +=
          i % 2 === 0
            ? `      - record: job:m${g}_${i}:rate5m\n        expr: sum by (job, instance) (rate(m_${i}_total{job="a",code=~"5.."}[5m])) / on (job) group_left sum by (job) (rate(m_${i}_total[5m])) > 0.5\n        labels:\n          team: t${i}\n`
            : `      - alert: A${g}x${i}\n        expr: |\n          histogram_quantile(0.99, sum by (le) (rate(h_bucket[10m]))) > ${i} or absent(up{job="x"}) or count without (cpu) (c > bool 0) < 1\n        for: 5m\n        labels:\n          severity: warning\n        annotations:\n          summary: "{{ $labels.instance }} is at {{ $value | humanize }}"\n          description: 'x'\n`;
      }
    }
    writeFileSync(path.join(dir, 'rules.yml'), text);
    // as the `promscope` bin runs it (with its launcher's Node flags: a cache of its own), and as
    // `node packages/cli/bin/promscope.js` does (the tests, scripts)
    const launcher = r('packages/cli/bin/promscope.js');
    // over the generated file and the repository's example files (every kind of file: what a real
    // workspace's run compiles; a cache of the generated file alone left a run of 5,140 real and
    // generated rule files 1.6% slower), with a result cache (its keys and its save: an empty
    // `--cache` run of those files 0.98-0.99x the time), in this temporary folder
    const examples = existsSync(r('test-fixtures')) ? [r('test-fixtures')] : [];
    for (const flags of [launcherNodeFlags(launcher), []]) {
      const cache = ['--cache-location', path.join(dir, `cache${flags.length}`)];
      spawnSync(process.execPath, [...flags, launcher, 'check', '--format', 'json', ...cache, 'rules.yml', ...examples], { cwd: dir, stdio: 'ignore', timeout: 60_000 });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
