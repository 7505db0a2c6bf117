/**
 * SARIF 2.1.0, as GitHub code scanning reads it: one run, one rule per finding code, results with
 * a physical location relative to %SRCROOT% (the working folder), UTF-16 columns, end exclusive.
 */
import { pathToFileURL } from 'node:url';
import type { Finding } from '../findings';
import type { Report } from './report';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** A relative '/'-path as a URI reference (each segment percent-encoded). */
export function pathToUriReference(p: string): string {
  return p
    .split('/')
    .map((seg) => (seg === '..' || seg === '.' ? seg : encodeURIComponent(seg)))
    .join('/');
}

function region(f: { line: number; column: number; endLine: number; endColumn: number }) {
  return { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn };
}

function location(f: Finding) {
  return { physicalLocation: { artifactLocation: { uri: pathToUriReference(f.file), uriBaseId: '%SRCROOT%' }, region: region(f) } };
}

export function formatSarif(report: Report): string {
  const ruleIds = [...new Set(report.findings.map((f) => f.code))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const results = report.findings.map((f) => {
    const text = f.notes && f.notes.length > 0 ? `${f.message}\n${f.notes.map((n) => `note: ${n}`).join('\n')}` : f.message;
    const r: Record<string, unknown> = {
      ruleId: f.code,
      ruleIndex: ruleIndex.get(f.code),
      level: LEVEL[f.severity],
      message: { text },
      locations: [location(f)],
    };
    if (f.fix) {
      r.fixes = [
        {
          description: { text: f.fix.description },
          artifactChanges: [
            {
              artifactLocation: { uri: pathToUriReference(f.file), uriBaseId: '%SRCROOT%' },
              replacements: f.fix.edits.map((e) => ({ deletedRegion: region(e), insertedContent: { text: e.newText } })),
            },
          ],
        },
      ];
    }
    return r;
  });
  const base = pathToFileURL(report.cwd).href;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'promscope',
            version: report.version,
            semanticVersion: report.version,
            informationUri: 'https://github.com/promscope/promscope',
            rules: ruleIds.map((id) => ({ id, name: id, shortDescription: { text: id } })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: base.endsWith('/') ? base : base + '/' } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
