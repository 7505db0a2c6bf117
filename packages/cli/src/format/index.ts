/** Output formats: one module each; this picks one. */
import type { Format } from '../args';
import { formatCheckstyle } from './checkstyle';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatJunit } from './junit';
import type { FormatOptions, Report } from './report';
import { formatSarif } from './sarif';
import { formatText } from './text';

export type { Report, FormatOptions } from './report';

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
