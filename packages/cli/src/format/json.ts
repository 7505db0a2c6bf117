/** The JSON format: an array of findings (1-based lines and columns, UTF-16 columns, end exclusive). */
import type { Report } from './report';

export function formatJson(report: Report): string {
  // a finding without a frame is written as it is (JSON.stringify leaves out an undefined `frame`):
  // copying every finding just to drop the key is slow for a large report
  const out = report.findings.map((f) => (f.frame === undefined ? f : withoutFrame(f)));
  return JSON.stringify(out, null, 2) + '\n';
}

function withoutFrame({ frame: _frame, ...f }: Report['findings'][number]): Omit<Report['findings'][number], 'frame'> {
  return f;
}
