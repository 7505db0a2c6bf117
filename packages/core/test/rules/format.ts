/** Test helper: diagnostics as readable `file:line:col severity code message` lines (1-based). */
import type { Diagnostic } from '../../src/diagnostics/types';
import { LineIndex } from '../../src/text/line-index';

export function formatDiagnostics(file: string, text: string, ds: readonly Diagnostic[]): string[] {
  const li = new LineIndex(text);
  return [...ds]
    .sort((a, b) => a.range.start - b.range.start)
    .map((d) => {
      const p = li.positionAt(d.range.start);
      return `${file}:${p.line + 1}:${p.character + 1} ${d.severity} ${d.code} ${d.message}`;
    });
}
