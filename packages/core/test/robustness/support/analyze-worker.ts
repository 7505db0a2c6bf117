/**
 * Worker-thread side of the robustness harness (see harness.ts): runs `analyzeFile` on request and
 * answers with the diagnostics, the time taken and the heap growth of this isolate. Bundled by the
 * harness with esbuild, so it runs the real core sources. Big inputs are built here from a recipe
 * (`repeat`), so a 100 MB scalar never crosses the thread boundary.
 */
import { parentPort } from 'node:worker_threads';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyzeFile, applyFixes, noNewErrorsGuard, type AnalyzeInput, type AnalyzeOptions, type Diagnostic } from '../../../src/index';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export interface Recipe {
  prefix: string;
  repeat: string;
  times: number;
  suffix: string;
}

export interface Request {
  id: number;
  input: Omit<AnalyzeInput, 'text'> & { text?: string };
  recipe?: Recipe;
  options?: Partial<AnalyzeOptions>;
  /** also apply the safe fixes (guarded) and return the fixed text */
  fix?: boolean;
  /** collect garbage first and report the heap growth (slow: only for the attack tests) */
  measureHeap?: boolean;
}

export interface Reply {
  id: number;
  kind: string;
  textLength: number;
  diagnostics: Pick<Diagnostic, 'code' | 'severity' | 'range' | 'message' | 'fix'>[];
  ms: number;
  /** used heap after the analysis (result still alive) minus used heap before, after a GC */
  heapDeltaBytes: number;
  fixed?: { text: string; applied: number; skipped: string[] };
}

const used = () => getHeapStatistics().used_heap_size;

parentPort!.on('message', (req: Request) => {
  let text = req.input.text ?? '';
  if (req.recipe) text = req.recipe.prefix + req.recipe.repeat.repeat(req.recipe.times) + req.recipe.suffix;
  // flatten a recipe's rope now, so that the analysis is not charged for it
  if (req.recipe) void text.lastIndexOf('\u0001');
  if (req.measureHeap) gc();
  const h0 = used();
  const t0 = performance.now();
  const r = analyzeFile({ ...req.input, text }, req.options);
  const ms = performance.now() - t0;
  const h1 = used();
  const reply: Reply = {
    id: req.id,
    kind: r.kind,
    textLength: text.length,
    diagnostics: r.diagnostics.map((d) => ({ code: d.code, severity: d.severity, range: d.range, message: d.message, ...(d.fix ? { fix: d.fix } : {}) })),
    ms,
    heapDeltaBytes: req.measureHeap ? h1 - h0 : 0,
  };
  if (req.fix) {
    const analyze = (t: string) => analyzeFile({ ...req.input, text: t }, req.options).diagnostics;
    const f = applyFixes(text, r.diagnostics, { guard: noNewErrorsGuard(r.diagnostics, analyze) });
    reply.fixed = { text: f.text, applied: f.applied.length, skipped: f.skipped.map((s) => s.reason) };
  }
  parentPort!.postMessage(reply);
});
