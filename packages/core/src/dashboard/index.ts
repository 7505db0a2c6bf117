/**
 * Grafana dashboards: every PromQL expression of the dashboard is found, its Grafana variables
 * are replaced by stand-ins that keep the expression's meaning, it is analysed by the PromQL
 * analyzer, and the diagnostics are mapped back to the exact place in the JSON file.
 */
import { checkExpression, type FileCheckOptions } from '../checks/for-file';
import type { Diagnostic, Note, Range } from '../diagnostics/types';
import type { SourceFile } from '../files';
import { withDefaults, type AnalyzerOptions } from '../options';
import { parsePromQL } from '../promql/index';
import { extractDashboardExpressions, type DashboardExpression } from './extract';
import { substituteGrafanaVariables } from './variables';

export { isDashboardJson, extractDashboardExpressions } from './extract';
export type { DashboardExpression, DashboardExpressionSource, ExtractedDashboard } from './extract';
export { substituteGrafanaVariables } from './variables';
export { parseVariableQuery } from './variable-query';

export interface AnalyzedDashboardExpression extends DashboardExpression {
  /** the expression as analysed, Grafana variables replaced */
  substituted: string;
}

export interface DashboardResult {
  diagnostics: Diagnostic[];
  expressions: AnalyzedDashboardExpression[];
}

export interface DashboardOptions extends Partial<AnalyzerOptions> {
  /** the best-practice PromQL checks (`promql/*`) with these settings; `false` for syntax and types only */
  checks?: FileCheckOptions | false;
}

export function analyzeDashboard(file: SourceFile, options?: DashboardOptions): DashboardResult {
  const opts = withDefaults(options);
  const checks = options?.checks;
  const extracted = extractDashboardExpressions(file.text);
  const diagnostics: Diagnostic[] = [...extracted.diagnostics];
  const expressions: AnalyzedDashboardExpression[] = [];
  for (const e of extracted.expressions) {
    const sub = substituteGrafanaVariables(e.expr, extracted.variableKinds);
    expressions.push({ ...e, substituted: sub.text });
    const parsed = parsePromQL(sub.text, { features: opts.features, prometheusVersion: opts.prometheusVersion });
    const found = [...parsed.diagnostics];
    if (checks !== false && !parsed.diagnostics.some((d) => d.severity === 'error')) found.push(...checkExpression(sub.text, checks ?? {}));
    for (const d of found) {
      // a warning about a stand-in is about our substitution, not about the dashboard
      if (d.severity !== 'error' && sub.substituted.some((s) => overlaps(s, d.range))) continue;
      const map = (r: Range): Range => {
        const start = e.toFile(sub.toSource(r.start, 'start'));
        const end = e.toFile(sub.toSource(r.end, 'end'));
        return { start, end: Math.max(start, end) };
      };
      const notes: Note[] = (d.notes ?? []).map((n) => (n.range && !n.file ? { ...n, range: map(n.range) } : n));
      notes.push({ message: describe(e, sub.text !== e.expr ? sub.text : undefined) });
      const fix = d.fix && d.fix.edits.every((ed) => !sub.substituted.some((s) => overlaps(s, ed.range) || (s.start === ed.range.start && s.end === ed.range.end)))
        ? { ...d.fix, edits: d.fix.edits.map((ed) => ({ range: map(ed.range), newText: JSON.stringify(ed.newText).slice(1, -1) })) }
        : undefined;
      const out: Diagnostic = { ...d, range: map(d.range), notes };
      if (fix) out.fix = fix;
      else delete out.fix;
      diagnostics.push(out);
    }
  }
  diagnostics.sort((a, b) => a.range.start - b.range.start);
  return { diagnostics, expressions };
}

function overlaps(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end;
}

function describe(e: DashboardExpression, substituted: string | undefined): string {
  const s = e.source;
  let where: string;
  if (s.kind === 'target') {
    const panel = s.panelTitle ? `panel "${s.panelTitle}"` : 'panel';
    where = `in ${panel}${s.panelId !== undefined ? ` (id ${s.panelId})` : ''}, query ${s.refId ?? '?'}`;
  } else if (s.kind === 'annotation') {
    where = `in annotation "${s.name ?? '?'}"`;
  } else {
    where = `in template variable "${s.name ?? '?'}" (${s.queryKind ?? 'query'})`;
  }
  return substituted === undefined ? where : `${where}; analysed with Grafana variables replaced: ${substituted}`;
}
