/** Which live facts a cursor needs, fetched from the configured Prometheus (if any). */
import type { LiveData, PromQLCompletionContext } from '@promscope/core';
import { selectorOf, type PrometheusClient } from './prometheus-client';

export async function liveDataFor(ctx: PromQLCompletionContext | undefined, client: PrometheusClient | undefined): Promise<LiveData | undefined> {
  if (!client || !ctx) return undefined;
  switch (ctx.kind) {
    case 'expression': {
      if (ctx.afterExpression || ctx.afterAt) return undefined;
      const [metricNames, metadata] = await Promise.all([client.metricNames(), client.metadata()]);
      return { metricNames, metadata };
    }
    case 'label-name':
      return { labelNames: await client.labelNames(selectorOf(ctx.metric, ctx.matchers)) };
    case 'grouping-label':
      return { labelNames: await client.labelNames(ctx.metric ? selectorOf(ctx.metric, []) : undefined) };
    case 'label-value':
      return { labelValues: await client.labelValues(ctx.label, selectorOf(ctx.metric, ctx.matchers)) };
    default:
      return undefined;
  }
}

export async function liveMetadataFor(metric: string | undefined, client: PrometheusClient | undefined): Promise<LiveData | undefined> {
  if (!client || !metric) return undefined;
  return { metadata: await client.metadata(metric) };
}
