/**
 * GlobalConfig.UnmarshalYAML and the scrape-protocol / name-validation helpers shared with scrape
 * jobs (config/config.go), with Prometheus's wording.
 */
import { goQuote } from '../relabel/go-string';
import { isValidLabelName, isValidLabelValue, type NameValidationScheme } from '../relabel/label-names';
import { isObj } from './common/http-validate';
import type { Reporter } from './common/report';
import { metaOf, type GoObject } from './decode/decode';

export const SCRAPE_PROTOCOLS = ['OpenMetricsText0.0.1', 'OpenMetricsText1.0.0', 'PrometheusProto', 'PrometheusText0.0.4', 'PrometheusText1.0.0'];
const supported = `supported: [${SCRAPE_PROTOCOLS.join(' ')}]`;

export function scrapeProtocolError(p: string): string | null {
  return SCRAPE_PROTOCOLS.includes(p) ? null : `unknown scrape protocol ${p}, ${supported}`;
}

/** validateAcceptScrapeProtocols; returns the error (without the "for ..." suffix) or null */
export function checkScrapeProtocols(list: unknown[]): { message: string; index: number } | null {
  if (list.length === 0) return { message: 'scrape_protocols cannot be empty', index: -1 };
  const seen = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const p = String(list[i] ?? '');
    if (seen.has(p.toLowerCase())) return { message: `duplicated protocol in scrape_protocols, got [${list.map((x) => String(x ?? '')).join(' ')}]`, index: i };
    const e = scrapeProtocolError(p);
    if (e) return { message: `scrape_protocols: ${e}`, index: i };
    seen.add(p.toLowerCase());
  }
  return null;
}

export function validationSchemeOf(v: unknown): NameValidationScheme | '' | 'invalid' {
  if (v === undefined || v === null || v === '') return '';
  if (v === 'legacy' || v === 'utf8') return v;
  return 'invalid';
}

export interface GlobalEffective {
  scrapeInterval: number;
  scrapeTimeout: number;
  evaluationInterval: number;
  scheme: NameValidationScheme;
  escaping: string;
  externalLabels: Record<string, string>;
  protocolsSet: boolean;
  bodySizeLimit: number;
}

/** `defaultScheme`: Prometheus 3.x validates names as UTF-8 by default, 2.x as legacy */
export function checkGlobal(g: GoObject | null | undefined, r: Reporter, defaultScheme: NameValidationScheme = 'utf8'): GlobalEffective {
  const eff: GlobalEffective = {
    scrapeInterval: 60_000,
    scrapeTimeout: 10_000,
    evaluationInterval: 60_000,
    scheme: defaultScheme,
    escaping: '',
    externalLabels: {},
    protocolsSet: false,
    bodySizeLimit: 0,
  };
  if (!isObj(g)) return eff;
  const vs = validationSchemeOf(g.metric_name_validation_scheme);
  if (vs === 'invalid') r.errorAtValue(g, 'metric_name_validation_scheme', `unrecognized ValidationScheme: ${goQuote(String(g.metric_name_validation_scheme))}`);
  eff.scheme = vs === 'legacy' || vs === 'utf8' ? vs : defaultScheme;
  eff.escaping = typeof g.metric_name_escaping_scheme === 'string' ? g.metric_name_escaping_scheme : '';
  if (isObj(g.external_labels)) {
    const m = metaOf(g.external_labels);
    for (const [k, v] of Object.entries(g.external_labels)) {
      const val = typeof v === 'string' ? v : '';
      if (!isValidLabelName(k, eff.scheme)) {
        r.push('error', 'config/schema', m?.keys[k]?.range ?? { start: 0, end: 0 }, `${goQuote(k)} is not a valid label name`);
        continue;
      }
      if (!isValidLabelValue(val)) {
        r.push('error', 'config/schema', m?.values[k]?.range ?? { start: 0, end: 0 }, `${goQuote(val)} is not a valid label value`);
        continue;
      }
      if (val !== '') eff.externalLabels[k] = val;
    }
  }
  const si = typeof g.scrape_interval === 'number' && g.scrape_interval !== 0 ? g.scrape_interval : 60_000;
  const st = typeof g.scrape_timeout === 'number' ? g.scrape_timeout : 0;
  if (st > si) r.errorAt(g, 'scrape_timeout', 'global scrape timeout greater than scrape interval', 'config/scrape-timeout');
  eff.scrapeInterval = si;
  eff.scrapeTimeout = st === 0 ? Math.min(10_000, si) : st;
  if (typeof g.evaluation_interval === 'number' && g.evaluation_interval !== 0) eff.evaluationInterval = g.evaluation_interval;
  if (Array.isArray(g.scrape_protocols)) {
    eff.protocolsSet = true;
    const e = checkScrapeProtocols(g.scrape_protocols);
    if (e) r.errorAtValue(g, 'scrape_protocols', `${e.message} for global config`);
  }
  if (typeof g.body_size_limit === 'number') eff.bodySizeLimit = g.body_size_limit;
  return eff;
}

export const ESCAPING_SCHEMES = ['allow-utf-8', 'underscores', 'dots', 'values'];

export function checkGlobalEscaping(g: GoObject | null | undefined, eff: GlobalEffective, r: Reporter): string | null {
  if (eff.escaping === '') return null;
  if (!ESCAPING_SCHEMES.includes(eff.escaping)) {
    const msg = `unknown global name escaping method specified, must be one of 'allow-utf-8', 'underscores', 'dots', or 'values', got ${goQuote(eff.escaping)}`;
    r.errorAtValue(g, 'metric_name_escaping_scheme', msg);
    return msg;
  }
  return null;
}
