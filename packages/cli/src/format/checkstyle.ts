/** Checkstyle XML: one <file> per file with findings, one <error> per finding. */
import type { Finding } from '../findings';
import type { Report } from './report';
import { xmlEscape } from './xml';

export function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const m = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = m.get(f.file);
    if (list) list.push(f);
    else m.set(f.file, [f]);
  }
  return m;
}

export function formatCheckstyle(report: Report): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>', '<checkstyle version="4.3">'];
  for (const [file, list] of groupByFile(report.findings)) {
    out.push(`  <file name="${xmlEscape(file)}">`);
    for (const f of list) {
      out.push(
        `    <error line="${f.line}" column="${f.column}" severity="${f.severity}" message="${xmlEscape(f.message)}" source="promscope.${xmlEscape(f.code)}"/>`,
      );
    }
    out.push('  </file>');
  }
  out.push('</checkstyle>');
  return out.join('\n') + '\n';
}
