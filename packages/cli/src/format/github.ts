/** GitHub Actions workflow commands: one `::error|warning|notice file=...::message` per finding. */
import type { Finding } from '../findings';
import { reportPieces, type Report } from './report';

/** Escaping as the Actions toolkit does it (command data vs. property values). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The report as parts whose concatenation is its text (see `formatReportParts`). */
export function githubParts(report: Report): (string | Uint8Array)[] {
  return reportPieces(report).map((p) => (Array.isArray(p) ? githubCommands(p) : p.text));
}

/** One workflow command per finding, each ending in a line break. */
export function githubCommands(findings: readonly Finding[]): string {
  return findings
    .map((f) => {
      const cmd = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
      const props = [
        `file=${escapeProperty(f.file)}`,
        `line=${f.line}`,
        `col=${f.column}`,
        `endLine=${f.endLine}`,
        `endColumn=${f.endColumn}`,
        `title=${escapeProperty(f.code)}`,
      ];
      return `::${cmd} ${props.join(',')}::${escapeData(f.message)}\n`;
    })
    .join('');
}
