/**
 * The JSON format: an array of findings (1-based lines and columns, UTF-16 columns, end exclusive),
 * one finding per line: compact for machines (a large report is written and read faster than
 * indented JSON), still greppable and diffable line by line.
 */
import type { Report } from './report';

export function formatJson(report: Report): string {
  // a finding without a frame is written as it is (JSON.stringify leaves out an undefined `frame`):
  // copying every finding just to drop the key is slow for a large report
  const out = report.findings.map((f) => (f.frame === undefined ? f : withoutFrame(f)));
  if (out.length === 0) return '[]\n';
  // every finding starts with its `file` key, and `{"file":` cannot occur inside a JSON string (its
  // quotes would be escaped): a line break before each finding after the first
  const json = JSON.stringify(out);
  return `[\n${json.slice(1, -1).replaceAll('},{"file":', '},\n{"file":')}\n]\n`;
}

function withoutFrame({ frame: _frame, ...f }: Report['findings'][number]): Omit<Report['findings'][number], 'frame'> {
  return f;
}
