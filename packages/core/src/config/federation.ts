/**
 * Federation jobs: each `params: {'match[]': [...]}` value is a series selector that the target's
 * /federate endpoint parses. Prometheus loads a config with a bad one and every scrape of the job
 * then fails, so problems are warnings (`config/federation-match`) placed exactly in the YAML value.
 */
import type { Diagnostic } from '../diagnostics/types';
import { parseSeriesSelector } from '../promql/index';
import type { YNode } from '../yaml/types';
import { metaOf, type GoObject } from './decode/decode';

export function checkFederationParams(job: GoObject, opts: { features: string[]; prometheusVersion: string }): Diagnostic[] {
  const out: Diagnostic[] = [];
  const params = job.params;
  if (!params || typeof params !== 'object' || Array.isArray(params)) return out;
  const values = (params as GoObject)['match[]'];
  if (!Array.isArray(values)) return out;
  const items = metaOf(values)?.items ?? [];
  values.forEach((v, i) => {
    const node: YNode | undefined = items[i];
    if (typeof v !== 'string' || !node || node.kind !== 'scalar') return;
    const parsed = parseSeriesSelector(v, { features: opts.features, prometheusVersion: opts.prometheusVersion });
    for (const d of parsed.diagnostics) {
      if (d.severity !== 'error') continue;
      const range = node.toFileRange({ start: Math.min(d.range.start, v.length), end: Math.min(Math.max(d.range.end, d.range.start), v.length) });
      out.push({
        code: 'config/federation-match',
        severity: 'warning',
        range,
        message: `invalid match[] selector: ${d.message}`,
        notes: [{ message: 'Prometheus loads this config, but every scrape of this federation job fails (HTTP 400 from /federate)' }],
      });
    }
  });
  return out;
}
