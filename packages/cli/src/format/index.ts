/** Output formats: one module each; this picks one. */
import type { Format } from '../args';
import { checkstyleChunk, checkstyleParts } from './checkstyle';
import type { Finding } from '../findings';
import { githubCommands, githubParts } from './github';
import { jsonItems, jsonParts } from './json';
import { junitChunk, junitParts } from './junit';
import type { FormatOptions, Report } from './report';
import { sarifChunk, sarifParts } from './sarif';
import { textBlocks, textParts } from './text';

export type { Report, FormatOptions, Chunk } from './report';
export { reportTally } from './report';

export function formatReport(format: Format, report: Report, opts: FormatOptions): string {
  const utf8 = new TextDecoder();
  return formatReportParts(format, report, opts)
    .map((p) => (typeof p === 'string' ? p : utf8.decode(p)))
    .join('');
}

/**
 * The report in consecutive parts (their concatenation is `formatReport`'s text): a file's chunk
 * (as bytes when a chunk came so), or a few separators, at a time. A large report is written part
 * by part, never joined into one string (see run-check.ts `emit`).
 */
export function formatReportParts(format: Format, report: Report, opts: FormatOptions): (string | Uint8Array)[] {
  switch (format) {
    case 'text':
      return textParts(report, opts);
    case 'json':
      return jsonParts(report);
    case 'github':
      return githubParts(report);
    case 'sarif':
      return sarifParts(report);
    case 'checkstyle':
      return checkstyleParts(report);
    case 'junit':
      return junitParts(report);
  }
}

/**
 * One file's findings written as `formatReport` writes them (every format's report is its files'
 * findings one after another, between a head and a tail): a worker thread writes its files' chunks
 * and the main thread only joins them (sarif: and puts in each result's rule index; junit: and
 * counts the tests in the head).
 */
export function formatChunk(format: Format, findings: readonly Finding[], opts: FormatOptions): string {
  switch (format) {
    case 'text':
      return textBlocks(findings, opts);
    case 'json':
      return jsonItems(findings);
    case 'github':
      return githubCommands(findings);
    case 'sarif':
      return sarifChunk(findings);
    case 'checkstyle':
      return checkstyleChunk(findings);
    case 'junit':
      return junitChunk(findings);
  }
}
