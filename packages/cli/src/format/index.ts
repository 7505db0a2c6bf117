/** Output formats: one module each; this picks one. */
import type { Format } from '../args';
import { formatCheckstyle } from './checkstyle';
import type { Finding } from '../findings';
import { formatGithub, githubCommands } from './github';
import { formatJson, jsonItems } from './json';
import { formatJunit } from './junit';
import type { FormatOptions, Report } from './report';
import { formatSarif } from './sarif';
import { formatText, textBlocks } from './text';

export type { Report, FormatOptions, Chunk } from './report';
export { reportTally } from './report';

export function formatReport(format: Format, report: Report, opts: FormatOptions): string {
  switch (format) {
    case 'text':
      return formatText(report, opts);
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'github':
      return formatGithub(report);
    case 'checkstyle':
      return formatCheckstyle(report);
    case 'junit':
      return formatJunit(report);
  }
}

/**
 * One file's findings written as `formatReport` writes them, for the formats whose reports are
 * the files' findings one after another (text, json, github): a worker thread writes its files'
 * chunks and the main thread only joins them. Undefined for the other formats.
 */
export function formatChunk(format: Format, findings: readonly Finding[], opts: FormatOptions): string | undefined {
  switch (format) {
    case 'text':
      return textBlocks(findings, opts);
    case 'json':
      return jsonItems(findings);
    case 'github':
      return githubCommands(findings);
    default:
      return undefined;
  }
}

/** Whether `formatChunk` writes chunks for this format. */
export function chunksFor(format: Format): boolean {
  return formatChunk(format, [], { color: false }) !== undefined;
}
