/**
 * Grafana's Prometheus template-variable query language: `label_names()`, `label_values(label)`,
 * `label_values(selector, label)`, `metrics(regex)`, `query_result(expr)`, or a bare series
 * selector. Finds the part of such a query that is PromQL (with its offsets in the query string),
 * the same way Grafana's metric-find-query recognises the forms.
 */
import type { Range } from '../diagnostics/types';

export type VariableQueryKind = 'label_names' | 'label_values' | 'metrics' | 'query_result' | 'series';

export interface VariableQueryPart {
  kind: VariableQueryKind;
  /** the PromQL part of the query, as offsets into the query string; absent when there is none */
  promql?: Range;
}

const LABEL_NAMES = /^label_names\((.*)\)\s*$/s;
const LABEL_VALUES = /^label_values\((?:(.+),\s*)?([a-zA-Z_$][a-zA-Z0-9_]*)\)\s*$/s;
const METRICS = /^metrics\((.+)\)\s*$/s;
const QUERY_RESULT = /^query_result\((.+)\)\s*$/s;

export function parseVariableQuery(query: string): VariableQueryPart | null {
  const lead = query.length - query.trimStart().length;
  const q = query.slice(lead);
  if (q.trim() === '') return null;
  let m = LABEL_NAMES.exec(q);
  if (m) return m[1].trim() === '' ? { kind: 'label_names' } : { kind: 'label_names', promql: trimmed(query, lead + 'label_names('.length, m[1].length) };
  m = LABEL_VALUES.exec(q);
  if (m) {
    if (m[1] === undefined) return { kind: 'label_values' };
    return { kind: 'label_values', promql: trimmed(query, lead + 'label_values('.length, m[1].length) };
  }
  if (METRICS.test(q)) return { kind: 'metrics' };
  m = QUERY_RESULT.exec(q);
  if (m) return { kind: 'query_result', promql: trimmed(query, lead + 'query_result('.length, m[1].length) };
  return { kind: 'series', promql: trimmed(query, lead, q.length) };
}

function trimmed(text: string, start: number, length: number): Range {
  let s = start;
  let e = start + length;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return { start: s, end: e };
}
