/**
 * The facade: one call analyses one file of any kind. Shells (CLI, language server) call this;
 * they never reach into the per-kind modules themselves.
 */
import type { Diagnostic } from './diagnostics/types';
import type { FileKind, SourceFile } from './files';
import { withDefaults, type AnalyzerOptions } from './options';
import { parsePromQL } from './promql/index';

export interface AnalyzeInput extends SourceFile {
  /** force a kind instead of detecting it from the content */
  kind?: FileKind;
}

export interface FileResult {
  path: string;
  kind: FileKind;
  diagnostics: Diagnostic[];
}

export function analyzeFile(input: AnalyzeInput, options?: Partial<AnalyzerOptions>): FileResult {
  const opts = withDefaults(options);
  const kind = input.kind ?? 'promql';
  // TEMPORARY: only bare PromQL until the per-kind analyzers land; each kind gets one module.
  if (kind === 'promql') {
    const parsed = parsePromQL(input.text, { features: opts.features });
    return { path: input.path, kind, diagnostics: parsed.diagnostics };
  }
  return { path: input.path, kind, diagnostics: [] };
}
