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

/** Each format: its report in parts, and one file's findings written as a chunk of it. */
const FORMATS: Record<Format, { parts(report: Report, opts: FormatOptions): (string | Uint8Array)[]; chunk(findings: readonly Finding[], opts: FormatOptions): string }> = {
  text: { parts: textParts, chunk: textBlocks },
  json: { parts: jsonParts, chunk: jsonItems },
  github: { parts: githubParts, chunk: githubCommands },
  sarif: { parts: sarifParts, chunk: sarifChunk },
  checkstyle: { parts: checkstyleParts, chunk: checkstyleChunk },
  junit: { parts: junitParts, chunk: junitChunk },
};

/**
 * The report in consecutive parts (their concatenation is `formatReport`'s text): a file's chunk
 * (as bytes when a chunk came so), or a few separators, at a time. A large report is written part
 * by part, never joined into one string (see run-check.ts `emit`).
 */
export function formatReportParts(format: Format, report: Report, opts: FormatOptions): (string | Uint8Array)[] {
  return FORMATS[format].parts(report, opts);
}

/**
 * One file's findings written as `formatReport` writes them (every format's report is its files'
 * findings one after another, between a head and a tail): a worker thread writes its files' chunks
 * and the main thread only joins them (sarif: and puts in each result's rule index; junit: and
 * counts the tests in the head).
 */
export function formatChunk(format: Format, findings: readonly Finding[], opts: FormatOptions): string {
  return FORMATS[format].chunk(findings, opts);
}
