/** The JSON format: an array of findings (1-based lines and columns, UTF-16 columns, end exclusive). */
import type { Report } from './report';

export function formatJson(report: Report): string {
  const out = report.findings.map(({ frame: _frame, ...f }) => f);
  return JSON.stringify(out, null, 2) + '\n';
}
