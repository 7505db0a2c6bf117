// TEMPORARY STUB (being replaced by the PromQL analyzer work): parses with lezer-promql and
// reports grammar error nodes only. The real module keeps this signature.
import { parser } from '@prometheus-io/lezer-promql';
import type { Diagnostic } from '../diagnostics/types';

export interface PromQLParseOptions {
  /** Prometheus --enable-feature names */
  features?: string[];
}

export interface ParsedPromQL {
  text: string;
  /** errors, with ranges as offsets into `text` */
  diagnostics: Diagnostic[];
}

export function parsePromQL(text: string, _opts: PromQLParseOptions = {}): ParsedPromQL {
  const tree = parser.parse(text);
  const diagnostics: Diagnostic[] = [];
  tree.iterate({
    enter(n) {
      if (n.type.isError) {
        diagnostics.push({ code: 'promql/syntax', severity: 'error', range: { start: n.from, end: Math.max(n.to, n.from) }, message: 'syntax error' });
        return false;
      }
      return undefined;
    },
  });
  return { text, diagnostics };
}
