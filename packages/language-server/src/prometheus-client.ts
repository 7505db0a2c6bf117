/**
 * A small client of Prometheus's HTTP API for live completion and hover: metric names and
 * metadata, label names and values narrowed by a selector. Off unless the user configured a URL;
 * every call has a timeout, answers are cached for a minute, and failures only log (the editor
 * features then work from the workspace alone).
 */
import type { MetricMetadata } from '@promscope/core';
import type { Logger } from './logger';

interface CacheEntry {
  at: number;
  value: Promise<unknown>;
}

const TTL_MS = 60_000;
const MAX_CACHED = 500;

export class PrometheusClient {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs: number,
    private readonly log: Logger,
  ) {}

  private async get<T>(path: string, params: Record<string, string | undefined> = {}): Promise<T | undefined> {
    const url = new URL(this.baseUrl.replace(/\/+$/, '') + path);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.append(k, v);
    const key = url.href;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return (await hit.value) as T | undefined;
    const value = (async () => {
      const t0 = performance.now();
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs), headers: { accept: 'application/json' } });
        if (!res.ok) {
          this.log.warn(`Prometheus ${url.pathname}: HTTP ${res.status}`);
          return undefined;
        }
        const body = (await res.json()) as { status?: string; data?: T };
        this.log.debug(`Prometheus ${url.pathname}${url.search} in ${(performance.now() - t0).toFixed(0)} ms`);
        return body.status === 'success' ? body.data : undefined;
      } catch (e) {
        this.log.warn(`Prometheus ${url.pathname} failed: ${e instanceof Error ? e.message : String(e)}`);
        this.cache.delete(key);
        return undefined;
      }
    })();
    this.cache.set(key, { at: Date.now(), value });
    if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    return value;
  }

  async metricNames(): Promise<string[]> {
    return (await this.get<string[]>('/api/v1/label/__name__/values')) ?? [];
  }

  /** metric → metadata (first entry of each metric) */
  async metadata(metric?: string): Promise<Record<string, MetricMetadata>> {
    const data = await this.get<Record<string, MetricMetadata[]>>('/api/v1/metadata', { metric });
    const out: Record<string, MetricMetadata> = {};
    for (const [name, list] of Object.entries(data ?? {})) if (list?.[0]) out[name] = list[0];
    return out;
  }

  /** Label names of the series matching a selector (all label names without one). */
  async labelNames(selector?: string): Promise<string[]> {
    if (selector) {
      const series = await this.get<Record<string, string>[]>('/api/v1/series', { 'match[]': selector });
      if (series) return [...new Set(series.flatMap((s) => Object.keys(s)))].filter((l) => l !== '__name__').sort();
    }
    return (await this.get<string[]>('/api/v1/labels', selector ? { 'match[]': selector } : {})) ?? [];
  }

  async labelValues(label: string, selector?: string): Promise<string[]> {
    return (await this.get<string[]>(`/api/v1/label/${encodeURIComponent(label)}/values`, selector ? { 'match[]': selector } : {})) ?? [];
  }
}

function quote(v: string): string {
  return '"' + v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
}

/** A series selector for `match[]` from a metric and matchers; undefined when it would match everything. */
export function selectorOf(metric: string | undefined, matchers: { name: string; op: string; value: string }[]): string | undefined {
  const parts = matchers.map((m) => `${/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(m.name) ? m.name : quote(m.name)}${m.op}${quote(m.value)}`);
  if (metric) return `${metric}{${parts.join(',')}}`;
  // a selector needs one matcher that does not match the empty string
  return matchers.some((m) => (m.op === '=' && m.value !== '') || (m.op === '=~' && m.value !== '' && m.value !== '.*')) ? `{${parts.join(',')}}` : undefined;
}
