/**
 * The initial workspace scan: finds the files promscope understands under the workspace folders,
 * reads them, analyses (configurations first, so rule files get their scrape intervals at once)
 * and indexes them (so that workspace diagnostics, references and completion know the closed
 * files too), and reports `$/progress` while it runs. It yields to the event loop between files
 * so that requests are answered during the scan.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CancellationToken, WorkDoneProgressReporter } from 'vscode-languageserver';
import type { ServerContext } from './context';

const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn', 'dist', 'vendor', '.cache', '.venv', '__pycache__']);
const EXT = /\.(ya?ml|json|promql|rules)$/i;
const MAX_FILES = 10_000;
const MAX_BYTES = 5 * 1024 * 1024;

export function findFiles(roots: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (out.length >= MAX_FILES) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(p);
      } else if (e.isFile() && EXT.test(e.name)) {
        out.push(p);
        if (out.length >= MAX_FILES) return;
      }
    }
  };
  for (const r of roots) walk(r);
  return out;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Reads one file from disk into the store unless it is open in the editor; returns its URI. */
export function loadFromDisk(ctx: ServerContext, file: string): string | undefined {
  const uri = pathToFileURL(file).href;
  if (ctx.store.isOpen(uri)) return uri;
  try {
    if (statSync(file).size > MAX_BYTES) return undefined;
    const text = readFileSync(file, 'utf8');
    const entry = ctx.store.set(uri, text, null);
    if (entry.kind === 'unknown') {
      ctx.store.delete(uri);
      return undefined;
    }
    return uri;
  } catch (e) {
    ctx.log.warn(`cannot read ${file}: ${String(e)}`);
    return undefined;
  }
}

export async function scanWorkspace(ctx: ServerContext, roots: readonly string[], progress: WorkDoneProgressReporter, token?: CancellationToken): Promise<number> {
  const t0 = performance.now();
  const files = findFiles(roots);
  progress.begin('promscope: indexing workspace', 0, `${files.length} files`, true);
  let analysed = 0;
  // progress: reading is the first half, analysing the second
  const report = async (done: number, total: number, half: 0 | 1, file: string) => {
    if (done % 20 === 0 || done === total) {
      progress.report(Math.round(((half + done / Math.max(1, total)) / 2) * 100), `${done}/${total} ${path.basename(file)}`);
      await tick();
    }
  };
  // read everything first, so that prometheus.yml and alertmanager.yml files are analysed before
  // the rule files: these then get their scrape intervals at once (no second analysis)
  const loaded: { file: string; uri: string }[] = [];
  for (const [i, file] of files.entries()) {
    if (token?.isCancellationRequested) break;
    const uri = loadFromDisk(ctx, file);
    if (uri && !ctx.store.isOpen(uri)) loaded.push({ file, uri });
    await report(i + 1, files.length, 0, file);
  }
  const isConfig = (uri: string) => {
    const k = ctx.store.get(uri)?.kind;
    return k === 'prometheus-config' || k === 'alertmanager-config';
  };
  const ordered = [...loaded.filter((l) => isConfig(l.uri)), ...loaded.filter((l) => !isConfig(l.uri))];
  for (const [i, { file, uri }] of ordered.entries()) {
    if (token?.isCancellationRequested) break;
    if (ctx.store.get(uri) && !ctx.store.isOpen(uri)) {
      await ctx.diagnostics.run(uri);
      analysed++;
    }
    await report(i + 1, ordered.length, 1, file);
  }
  progress.done();
  ctx.log.info(`workspace scan: ${files.length} candidate files, ${analysed} analysed in ${(performance.now() - t0).toFixed(0)} ms`);
  return analysed;
}
