/** Output formats: one module each; this picks one. */
import type { Format } from '../args';
import { formatCheckstyle } from './checkstyle';
import type { Finding } from '../findings';
import { githubCommands, githubParts } from './github';
import { jsonItems, jsonParts } from './json';
import { formatJunit } from './junit';
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
 * (as bytes when a chunk came so), or a few separators, at a time for text, json, github and
 * sarif; one part for the others. A large report is written part by part, never joined into one string (see
 * run-check.ts `emit`).
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
      return [formatCheckstyle(report)];
    case 'junit':
      return [formatJunit(report)];
  }
}

/**
 * One file's findings written as `formatReport` writes them, for the formats whose reports are
 * the files' findings one after another (text, json, github, sarif's results): a worker thread
 * writes its files' chunks and the main thread only joins them (sarif: and puts in each result's
 * rule index). Undefined for the other formats.
 */
export function formatChunk(format: Format, findings: readonly Finding[], opts: FormatOptions): string | undefined {
  switch (format) {
    case 'text':
      return textBlocks(findings, opts);
    case 'json':
      return jsonItems(findings);
    case 'github':
      return githubCommands(findings);
    case 'sarif':
      return sarifChunk(findings);
    default:
      return undefined;
  }
}

/** Whether `formatChunk` writes chunks for this format. */
export function chunksFor(format: Format): boolean {
  return formatChunk(format, [], { color: false }) !== undefined;
}
