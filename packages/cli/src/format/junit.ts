/**
 * JUnit XML: one <testsuite> per checked file; each finding is a failing <testcase>, and a file
 * without findings has one passing test case, so CI dashboards count every file.
 */
import type { Report } from './report';
import { groupByFile } from './checkstyle';
import { xmlEscape } from './xml';

export function formatJunit(report: Report): string {
  const byFile = groupByFile(report.findings);
  const files = [...report.files];
  for (const f of byFile.keys()) if (!files.includes(f)) files.push(f);
  let tests = 0;
  const suites: string[] = [];
  for (const file of files) {
    const list = byFile.get(file) ?? [];
    const cases =
      list.length === 0
        ? [`    <testcase name="promscope" classname="${xmlEscape(file)}"/>`]
        : list.map((f) => {
            const text = `${f.file}:${f.line}:${f.column} ${f.severity} ${f.code} ${f.message}`;
            return [
              `    <testcase name="${xmlEscape(`${f.line}:${f.column} ${f.code}`)}" classname="${xmlEscape(file)}">`,
              `      <failure message="${xmlEscape(f.message)}" type="${f.severity}">${xmlEscape(text)}</failure>`,
              '    </testcase>',
            ].join('\n');
          });
    tests += cases.length;
    suites.push(`  <testsuite name="${xmlEscape(file)}" tests="${cases.length}" failures="${list.length}" errors="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<testsuites name="promscope" tests="${tests}" failures="${report.findings.length}" errors="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
