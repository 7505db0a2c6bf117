/**
 * One scrape job as Prometheus loads it: ScrapeConfig.UnmarshalYAML (job name, HTTP client,
 * service discoveries, static targets, null relabel entries) and ScrapeConfig.Validate (interval vs
 * timeout, scrape protocols, name validation/escaping, relabel configs). Builds the job's model.
 */
import type { Range } from '../diagnostics/types';
import { goQuote } from '../relabel/go-string';
import { sdKey, sdNames } from '../sd/schemas';
import { sdValidators } from '../sd/validate';
import { isObj, validateHTTPClient } from './common/http-validate';
import type { Reporter } from './common/report';
import { fieldRange, metaOf, valueRange, type GoObject } from './decode/decode';
import type { FilePattern, ScrapeJob, ServiceDiscoveryRef, StaticTargetGroup } from './model';
import { checkRelabelList } from './relabel-configs';
import { ESCAPING_SCHEMES, checkScrapeProtocols, scrapeProtocolError, validationSchemeOf, type GlobalEffective } from './validate-global';

/** the SD blocks of a job or Alertmanager config: null entries, each SD's own checks, the model refs */
export function checkServiceDiscovery(c: GoObject, r: Reporter): { sd: ServiceDiscoveryRef[]; statics: StaticTargetGroup[] } {
  const sd: ServiceDiscoveryRef[] = [];
  const statics: StaticTargetGroup[] = [];
  for (const name of sdNames) {
    const key = sdKey(name);
    const list = c[key];
    if (!Array.isArray(list)) continue;
    const items = metaOf(list)?.items ?? [];
    list.forEach((entry, i) => {
      const node = items[i];
      const range = node?.range ?? fieldRange(c, key) ?? { start: 0, end: 0 };
      if (entry === null) {
        if (!node || (node.kind === 'scalar' && node.goTag === '!!null')) r.push('error', 'config/schema', range, `empty or null section in ${key}`);
        return;
      }
      if (!isObj(entry)) return;
      if (name === 'static') {
        const targets = Array.isArray(entry.targets) ? entry.targets.map((t) => String(t ?? '')) : [];
        const labels: Record<string, string> = {};
        if (isObj(entry.labels)) for (const [k, v] of Object.entries(entry.labels)) labels[k] = String(v ?? '');
        statics.push({ targets, labels, range });
        sd.push({ type: 'static', range });
        return;
      }
      sdValidators[name]?.(entry, r);
      const ref: ServiceDiscoveryRef = { type: name, range };
      if (typeof entry.role === 'string') ref.role = entry.role;
      else if (name === 'kubernetes' || name === 'dockerswarm') ref.role = '';
      if (name === 'kubernetes' && isObj(entry.attach_metadata)) {
        ref.attachNode = entry.attach_metadata.node === true;
        ref.attachNamespace = entry.attach_metadata.namespace === true;
      }
      if (name === 'file' && Array.isArray(entry.files)) {
        const fm = metaOf(entry.files);
        ref.files = entry.files.map((f, k) => filePattern(String(f ?? ''), fm?.items?.[k]?.range ?? range));
      }
      sd.push(ref);
    });
  }
  return { sd, statics };
}

export function filePattern(pattern: string, range: Range): FilePattern {
  return { pattern, isGlob: /[*?[]/.test(pattern), range };
}

/** checkStaticTargets: without relabel_configs, a static target may not contain a `/` */
export function checkStaticTargets(c: GoObject, statics: StaticTargetGroup[], r: Reporter): void {
  const list = c.static_configs;
  if (!Array.isArray(list)) return;
  for (const entry of list) {
    if (!isObj(entry) || !Array.isArray(entry.targets)) continue;
    const tm = metaOf(entry.targets);
    for (let k = 0; k < entry.targets.length; k++) {
      const t = String(entry.targets[k] ?? '');
      if (t.includes('/')) {
        r.push('error', 'config/schema', tm?.items?.[k]?.range ?? { start: 0, end: 0 }, `${goQuote(t)} is not a valid hostname`, {
          notes: [{ message: 'a target is host:port; put the path in metrics_path and the scheme in scheme' }],
        });
        return;
      }
    }
  }
  void statics;
}

export function checkScrapeJob(c: GoObject, itemRange: Range, g: GlobalEffective, globalEscapingError: string | null, r: Reporter): ScrapeJob {
  const jobName = typeof c.job_name === 'string' ? c.job_name : '';
  if (jobName === '') r.errorAt(c, c.job_name === undefined ? undefined : 'job_name', 'job_name is empty');
  validateHTTPClient(c, r);
  const { sd, statics } = checkServiceDiscovery(c, r);
  const hasRelabel = Array.isArray(c.relabel_configs) && c.relabel_configs.length > 0;
  if (!hasRelabel) checkStaticTargets(c, statics, r);

  // ScrapeConfig.Validate
  const interval = typeof c.scrape_interval === 'number' && c.scrape_interval !== 0 ? c.scrape_interval : g.scrapeInterval;
  const timeoutSet = typeof c.scrape_timeout === 'number' ? c.scrape_timeout : 0;
  if (timeoutSet > interval)
    r.errorAt(c, 'scrape_timeout', `scrape timeout greater than scrape interval for scrape config with job name ${goQuote(jobName)}`, 'config/scrape-timeout');
  const timeout = timeoutSet === 0 ? Math.min(g.scrapeTimeout, interval) : timeoutSet;
  if (Array.isArray(c.scrape_protocols)) {
    const e = checkScrapeProtocols(c.scrape_protocols);
    if (e) r.errorAtValue(c, 'scrape_protocols', `${e.message} for scrape config with job name ${goQuote(jobName)}`);
  }
  if (typeof c.fallback_scrape_protocol === 'string' && c.fallback_scrape_protocol !== '') {
    const e = scrapeProtocolError(c.fallback_scrape_protocol);
    if (e) r.errorAtValue(c, 'fallback_scrape_protocol', `invalid fallback_scrape_protocol for scrape config with job name ${goQuote(jobName)}: ${e}`);
  }
  const local = validationSchemeOf(c.metric_name_validation_scheme);
  if (local === 'invalid') r.errorAtValue(c, 'metric_name_validation_scheme', `unrecognized ValidationScheme: ${goQuote(String(c.metric_name_validation_scheme))}`);
  const scheme = local === 'legacy' || local === 'utf8' ? local : g.scheme;
  if (globalEscapingError === null) {
    let esc = typeof c.metric_name_escaping_scheme === 'string' ? c.metric_name_escaping_scheme : '';
    if (esc === '') {
      if (local === '') esc = g.escaping !== '' ? g.escaping : g.scheme === 'legacy' ? 'underscores' : 'allow-utf-8';
      else esc = scheme === 'legacy' ? 'underscores' : 'allow-utf-8';
      if (esc === 'allow-utf-8' && scheme !== 'utf8')
        r.errorAt(c, undefined, 'utf8 metric names requested but validation scheme is not set to UTF8');
    } else if (esc === 'allow-utf-8') {
      if (scheme !== 'utf8') r.errorAt(c, 'metric_name_escaping_scheme', 'utf8 metric names requested but validation scheme is not set to UTF8');
    } else if (!ESCAPING_SCHEMES.includes(esc)) {
      r.errorAtValue(
        c,
        'metric_name_escaping_scheme',
        `unknown scrape config name escaping method specified, must be one of 'allow-utf-8', 'underscores', 'dots', or 'values', got ${goQuote(esc)}`,
      );
    }
  }
  const relabelConfigs = checkRelabelList(c.relabel_configs, c, 'relabel_configs', 'empty or null target relabeling rule in scrape config', scheme, r);
  const metricRelabelConfigs = checkRelabelList(
    c.metric_relabel_configs,
    c,
    'metric_relabel_configs',
    'empty or null metric relabeling rule in scrape config',
    scheme,
    r,
  );
  const params: Record<string, string[]> = {};
  if (isObj(c.params)) for (const [k, v] of Object.entries(c.params)) params[k] = Array.isArray(v) ? v.map((x) => String(x ?? '')) : [];
  return {
    name: jobName,
    range: itemRange,
    nameRange: valueRange(c, 'job_name') ?? itemRange,
    scrapeInterval: interval,
    scrapeTimeout: timeout,
    metricsPath: typeof c.metrics_path === 'string' && c.metrics_path !== '' ? c.metrics_path : '/metrics',
    scheme: typeof c.scheme === 'string' && c.scheme !== '' ? c.scheme : 'http',
    honorLabels: c.honor_labels === true,
    params,
    nameValidationScheme: scheme,
    serviceDiscovery: sd,
    staticConfigs: statics,
    relabelConfigs,
    metricRelabelConfigs,
  };
}
