/**
 * JUnit XML: one <testsuite> per checked file; each finding is a failing <testcase>, and a file
 * without findings has one passing test case, so CI dashboards count every file. A file's suite is
 * written on its own (`junitChunk`: by the worker thread that checked the file) and the report
 * joins them, never building the whole document as one string.
 */
import type { Finding } from '../findings';
import type { Report } from './report';
import { groupByFile } from './checkstyle';
import { xmlEscape } from './xml';

function suite(file: string, cases: string, count: number, failures: number): string {
  return `  <testsuite name="${xmlEscape(file)}" tests="${count}" failures="${failures}" errors="0">\n${cases}\n  </testsuite>`;
}

/** the <testsuite> of one file's findings */
function suiteOf(file: string, list: readonly Finding[]): string {
  if (list.length === 0) return suite(file, `    <testcase name="promscope" classname="${xmlEscape(file)}"/>`, 1, 0);
  const cls = xmlEscape(file);
  const cases = list.map((f) => {
    const text = `${f.file}:${f.line}:${f.column} ${f.severity} ${f.code} ${f.message}`;
    return `    <testcase name="${xmlEscape(`${f.line}:${f.column} ${f.code}`)}" classname="${cls}">\n      <failure message="${xmlEscape(f.message)}" type="${f.severity}">${xmlEscape(text)}</failure>\n    </testcase>`;
  });
  return suite(file, cases.join('\n'), list.length, list.length);
}

/** One file's <testsuite> (its findings are of one file; none: nothing, the report writes a passing suite). */
export function junitChunk(findings: readonly Finding[]): string {
  return findings.length === 0 ? '' : suiteOf(findings[0]!.file, findings);
}

/** The document in parts whose concatenation is its text (see `formatReportParts`). */
export function junitParts(report: Report): (string | Uint8Array)[] {
  const byFile = groupByFile(report.findings);
  const chunks = new Map((report.chunks ?? []).map((c) => [c.file, c]));
  // the files checked, then the others with findings (a linked file, a file that could not be read), in report order
  const listed = new Set(report.files);
  const others = [...byFile.keys(), ...chunks.keys()].filter((f) => !listed.has(f)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const files = [...report.files, ...others];
  let tests = 0;
  let failures = 0;
  const suites: (string | Uint8Array)[] = [];
  for (const file of files) {
    const chunk = chunks.get(file);
    suites.push('\n');
    if (chunk) {
      tests += chunk.count;
      failures += chunk.count;
      suites.push(chunk.text);
      continue;
    }
    const list = byFile.get(file) ?? [];
    tests += Math.max(1, list.length);
    failures += list.length;
    suites.push(suiteOf(file, list));
  }
  return ['<?xml version="1.0" encoding="utf-8"?>\n', `<testsuites name="promscope" tests="${tests}" failures="${failures}" errors="0">`, ...suites, '\n</testsuites>\n'];
}
