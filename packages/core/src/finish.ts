/**
 * The last step of every shell's pipeline, in one place so that `promscope check` and the language
 * server report the same diagnostics for the same file: inline suppressions (which also reports the
 * unused ones), then the `.promscope.yml` check levels, then position order. It must run once, over
 * the file's own diagnostics and its workspace diagnostics together.
 */
import type { Diagnostic } from './diagnostics/types';
import { applyCheckSettings } from './project-config/index';
import type { CheckSettings } from './project-config/types';
import { applySuppressions } from './suppress/index';

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.range.start - b.range.start || a.range.end - b.range.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

export function finishDiagnostics(text: string, diagnostics: readonly Diagnostic[], checks: CheckSettings): Diagnostic[] {
  const kept = applySuppressions(text, diagnostics).diagnostics;
  return applyCheckSettings(kept, checks).sort(compareDiagnostics);
}
