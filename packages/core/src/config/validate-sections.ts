/**
 * The non-scrape sections of prometheus.yml as Prometheus loads them: alerting (Alertmanager
 * configs and alert relabeling), remote_write (headers, protobuf message, queue, auth), remote_read,
 * storage (tsdb, retention, exemplars), tracing and otlp; wording from config/config.go.
 */
import { goQuote } from '../relabel/go-string';
import type { NameValidationScheme } from '../relabel/label-names';
import type { RelabelConfig } from '../relabel/types';
import { isObj, validateHTTPClient, validateTLS } from './common/http-validate';
import type { Reporter } from './common/report';
import { metaOf, valueRange, type GoObject } from './decode/decode';
import { parseGoURL } from './decode/values';
import { checkRelabelList } from './relabel-configs';
import type { ServiceDiscoveryRef } from './model';
import { checkServiceDiscovery, checkStaticTargets } from './validate-scrape';

const reservedHeaders = new Set([
  'host',
  'content-encoding',
  'content-length',
  'content-type',
  'user-agent',
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'www-authenticate',
  'accept-encoding',
  'x-prometheus-remote-write-version',
  'x-prometheus-remote-read-version',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
]);

/** Prometheus only parses remote URLs; a missing scheme loads fine and fails at send time */
function warnURLScheme(owner: GoObject, r: Reporter, what: string): void {
  if (typeof owner.url !== 'string' || owner.url === '') return;
  const u = parseGoURL(owner.url);
  if (!u.ok || u.value.scheme === 'http' || u.value.scheme === 'https') return;
  const range = valueRange(owner, 'url');
  if (!range) return;
  r.push(
    'warning',
    'config/url-scheme',
    range,
    u.value.scheme === '' ? `${what} URL has no scheme; Prometheus loads it but cannot send requests (write http:// or https://)` : `${what} URL scheme ${JSON.stringify(u.value.scheme)} is not http or https; did you forget http://?`,
  );
}

function checkHeaders(owner: GoObject, r: Reporter, tracing: boolean): boolean {
  const h = owner.headers;
  if (!isObj(h)) return true;
  const m = metaOf(h);
  for (const name of Object.keys(h)) {
    const at = m?.keys[name]?.range ?? { start: 0, end: 0 };
    if (name.toLowerCase() === 'authorization') {
      r.push(
        'error',
        'config/schema',
        at,
        tracing
          ? 'custom authorization header configuration is not yet supported'
          : 'authorization header must be changed via the basic_auth, authorization, oauth2, sigv4, azuread or google_iam parameter',
      );
      return false;
    }
    if (reservedHeaders.has(name.toLowerCase())) {
      r.push('error', 'config/schema', at, `${name} is a reserved header. It must not be changed`);
      return false;
    }
  }
  return true;
}

export interface AlertingModel {
  alertRelabelConfigs: RelabelConfig[];
  alertmanagers: Array<{ serviceDiscovery: ServiceDiscoveryRef[]; relabelConfigs: RelabelConfig[]; alertRelabelConfigs: RelabelConfig[] }>;
}

export function checkAlerting(a: unknown, scheme: NameValidationScheme, r: Reporter): AlertingModel {
  const model: AlertingModel = { alertRelabelConfigs: [], alertmanagers: [] };
  if (!isObj(a)) return model;
  model.alertRelabelConfigs = checkRelabelList(a.alert_relabel_configs, a, 'alert_relabel_configs', 'empty or null alert relabeling rule', scheme, r);
  const ams = a.alertmanagers;
  if (Array.isArray(ams)) {
    const items = metaOf(ams)?.items ?? [];
    ams.forEach((am, i) => {
      if (!isObj(am)) {
        const n = items[i];
        // Prometheus dereferences the nil entry while validating and crashes at load
        if (am === null && n && n.kind === 'scalar' && n.goTag === '!!null') r.push('error', 'config/schema', n.range, 'empty or null section in alertmanagers (Prometheus crashes on it)');
        return;
      }
      validateHTTPClient(am, r);
      const auth = isObj(am.basic_auth) || isObj(am.authorization) || isObj(am.oauth2);
      if (auth && isObj(am.sigv4)) r.errorAt(am, 'sigv4', 'at most one of basic_auth, authorization, oauth2, & sigv4 must be configured');
      checkSigV4(am, r);
      const { sd, statics } = checkServiceDiscovery(am, r);
      const hasRelabel = Array.isArray(am.relabel_configs) && am.relabel_configs.length > 0;
      if (!hasRelabel) checkStaticTargets(am, statics, r);
      // v1 was one of them until v3.0.0
      const apiVersions = r.atLeast(3, 0) ? ['v2'] : ['v1', 'v2'];
      if ('api_version' in am && !apiVersions.includes(am.api_version as string)) {
        r.errorAtValue(am, 'api_version', `expected Alertmanager api version to be one of [${apiVersions.join(' ')}] but got ${am.api_version ?? ''}`);
      }
      model.alertmanagers.push({
        serviceDiscovery: sd,
        relabelConfigs: checkRelabelList(am.relabel_configs, am, 'relabel_configs', 'empty or null Alertmanager target relabeling rule', scheme, r),
        alertRelabelConfigs: checkRelabelList(am.alert_relabel_configs, am, 'alert_relabel_configs', 'empty or null Alertmanager alert relabeling rule', scheme, r),
      });
    });
  }
  return model;
}

const protobufMessages = ['prometheus.WriteRequest', 'io.prometheus.write.v2.Request'];

export interface RemoteWriteModel {
  url: string;
  name: string;
  writeRelabelConfigs: RelabelConfig[];
}

export function checkRemoteWrite(list: unknown, scheme: NameValidationScheme, r: Reporter): RemoteWriteModel[] {
  const out: RemoteWriteModel[] = [];
  if (!Array.isArray(list)) return out;
  const items = metaOf(list)?.items ?? [];
  const names = new Set<string>();
  list.forEach((rw, i) => {
    if (!isObj(rw)) {
      const n = items[i];
      if (rw === null && n && n.kind === 'scalar' && n.goTag === '!!null') r.push('error', 'config/schema', n.range, 'empty or null remote write config section');
      return;
    }
    if (typeof rw.url !== 'string' || rw.url === '') {
      if (!metaOf(rw)?.values.url || rw.url === null) r.errorAt(rw, 'url' in rw ? 'url' : undefined, 'url for remote_write is empty');
    }
    const writeRelabelConfigs = checkRelabelList(rw.write_relabel_configs, rw, 'write_relabel_configs', 'empty or null relabeling rule in remote write config', scheme, r);
    out.push({ url: typeof rw.url === 'string' ? rw.url : '', name: typeof rw.name === 'string' ? rw.name : '', writeRelabelConfigs });
    checkHeaders(rw, r, false);
    warnURLScheme(rw, r, 'remote_write');
    if (typeof rw.protobuf_message === 'string' && !protobufMessages.includes(rw.protobuf_message)) {
      r.errorAtValue(
        rw,
        'protobuf_message',
        `invalid protobuf_message value: unknown type for remote write protobuf message ${rw.protobuf_message}, supported: ${protobufMessages.join(', ')}`,
      );
    }
    validateHTTPClient(rw, r);
    checkSigV4(rw, r);
    // QueueConfig.Validate: since v3.12.0
    if (r.atLeast(3, 12)) checkQueue(rw, r);
    const auth: string[] = [];
    if (isObj(rw.basic_auth)) auth.push('basic_auth');
    if (isObj(rw.authorization)) auth.push('authorization');
    if (isObj(rw.oauth2)) auth.push('oauth2');
    if (isObj(rw.sigv4)) auth.push('sigv4');
    if (isObj(rw.azuread)) auth.push('azuread');
    if (isObj(rw.google_iam)) auth.push('google_iam');
    if (auth.length > 1)
      r.errorAt(rw, auth[1], `at most one of basic_auth, authorization, oauth2, sigv4, azuread or google_iam must be configured. Currently configured: [${auth.join(' ')}]`);
    const name = typeof rw.name === 'string' ? rw.name : '';
    if (name !== '' && names.has(name)) r.errorAtValue(rw, 'name', `found multiple remote write configs with job name ${goQuote(name)}`);
    names.add(name);
  });
  return out;
}

function checkQueue(rw: GoObject, r: Reporter): void {
  const q = rw.queue_config;
  const explicitNull = 'queue_config' in rw && q === null;
  const get = (f: string, d: number): number => (explicitNull ? 0 : isObj(q) && typeof q[f] === 'number' ? (q[f] as number) : isObj(q) && q[f] === null ? 0 : d);
  const maxShards = get('max_shards', 50);
  const minShards = get('min_shards', 1);
  const maxSamples = get('max_samples_per_send', 2000);
  const capacity = get('capacity', 10000);
  const minBackoff = get('min_backoff', 30);
  const maxBackoff = get('max_backoff', 5000);
  const at = (f: string) => (isObj(q) && f in q ? q : rw);
  const field = (f: string) => (isObj(q) && f in q ? f : 'queue_config');
  if (maxShards <= 0) return r.errorAt(at('max_shards'), field('max_shards'), 'remote write queue max_shards must be positive');
  if (minShards <= 0) return r.errorAt(at('min_shards'), field('min_shards'), 'remote write queue min_shards must be positive');
  if (minShards > maxShards) return r.errorAt(at('min_shards'), field('min_shards'), 'remote write queue min_shards must not be greater than max_shards');
  if (maxSamples <= 0) return r.errorAt(at('max_samples_per_send'), field('max_samples_per_send'), 'remote write queue max_samples_per_send must be positive');
  if (capacity <= 0) return r.errorAt(at('capacity'), field('capacity'), 'remote write queue capacity must be positive');
  if (maxBackoff < minBackoff) return r.errorAt(at('max_backoff'), field('max_backoff'), 'remote write queue max_backoff must not be less than min_backoff');
}

export function checkRemoteRead(list: unknown, r: Reporter): void {
  if (!Array.isArray(list)) return;
  const items = metaOf(list)?.items ?? [];
  const names = new Set<string>();
  list.forEach((rr, i) => {
    if (!isObj(rr)) {
      const n = items[i];
      if (rr === null && n && n.kind === 'scalar' && n.goTag === '!!null') r.push('error', 'config/schema', n.range, 'empty or null remote read config section');
      return;
    }
    if ((typeof rr.url !== 'string' || rr.url === '') && (!metaOf(rr)?.values.url || rr.url === null))
      r.errorAt(rr, 'url' in rr ? 'url' : undefined, 'url for remote_read is empty');
    if (checkHeaders(rr, r, false)) validateHTTPClient(rr, r);
    warnURLScheme(rr, r, 'remote_read');
    const name = typeof rr.name === 'string' ? rr.name : '';
    if (name !== '' && names.has(name)) r.errorAtValue(rr, 'name', `found multiple remote read configs with job name ${goQuote(name)}`);
    names.add(name);
  });
}

export function checkStorage(s: unknown, r: Reporter): void {
  if (!isObj(s) || !isObj(s.tsdb)) return;
  const t = s.tsdb;
  if (isObj(t.retention)) {
    const ret = t.retention;
    if (typeof ret.size === 'number' && ret.size < 0)
      r.errorAtValue(ret, 'size', `'storage.tsdb.retention.size' must be greater than or equal to 0, got ${formatBytes(ret.size)}`);
    if (typeof ret.percentage === 'number' && (ret.percentage < 0 || ret.percentage > 100))
      r.errorAtValue(ret, 'percentage', `'storage.tsdb.retention.percentage' must be in the range [0, 100], got ${ret.percentage}`);
  }
  const ce = t.chunk_encoding;
  if (isObj(ce) && typeof ce.floats === 'string' && !['', 'xor', 'xor2'].includes(ce.floats))
    r.errorAtValue(ce, 'floats', `'storage.tsdb.chunk_encoding.floats' must be 'xor' or 'xor2', or the field must be omitted entirely, got ${goQuote(ce.floats)}`);
}

/** units.Base2Bytes.String(): `-1GiB`, `1MiB512KiB`, `0B` */
function formatBytes(n: number): string {
  const prefixes = ['', 'K', 'M', 'G', 'T', 'P', 'E'];
  const parts: string[] = [];
  let v = Math.trunc(n);
  for (let i = 0; i < prefixes.length; i++) {
    const rem = v % 1024;
    if (rem !== 0 || (i === 0 && v === 0)) parts.unshift(`${rem}${prefixes[i]}${i === 0 ? 'B' : 'iB'}`);
    v = Math.trunc(v / 1024);
    if (v === 0) break;
  }
  return parts.join('');
}

export function checkTracing(t: unknown, r: Reporter): void {
  if (!isObj(t)) return;
  if ('client_type' in t && t.client_type !== 'http' && t.client_type !== 'grpc')
    return r.errorAtValue(t, 'client_type', `expected tracing client type to be to be http or grpc, but got ${t.client_type ?? ''}`);
  if (isObj(t.tls_config) && !validateTLS(t.tls_config, r)) return;
  if (!checkHeaders(t, r, true)) return;
  if (typeof t.endpoint !== 'string' || t.endpoint === '') return r.errorAt(t, 'endpoint' in t ? 'endpoint' : undefined, 'tracing endpoint must be set');
  if (typeof t.compression === 'string' && t.compression !== '' && t.compression !== 'gzip')
    r.errorAtValue(t, 'compression', `invalid compression type ${t.compression} provided, valid options: gzip`);
}

const translationStrategies = ['UnderscoreEscapingWithSuffixes', 'UnderscoreEscapingWithoutSuffixes', 'NoUTF8EscapingWithSuffixes', 'NoTranslation'];

export function checkOTLP(o: unknown, globalScheme: NameValidationScheme, r: Reporter): void {
  if (!isObj(o)) return;
  const promoteAll = o.promote_all_resource_attributes === true;
  const promote = Array.isArray(o.promote_resource_attributes) ? o.promote_resource_attributes : [];
  const ignore = Array.isArray(o.ignore_resource_attributes) ? o.ignore_resource_attributes : [];
  if (promoteAll) {
    if (promote.length > 0)
      r.errorAt(o, 'promote_resource_attributes', "'promote_all_resource_attributes' and 'promote_resource_attributes' cannot be configured simultaneously");
    else {
      const e = sanitize(ignore, 'ignored');
      if (e) r.errorAtValue(o, 'ignore_resource_attributes', `invalid 'ignore_resource_attributes': ${e}`);
    }
  } else if (ignore.length > 0) {
    r.errorAt(o, 'ignore_resource_attributes', "'ignore_resource_attributes' cannot be configured unless 'promote_all_resource_attributes' is true");
  } else {
    const e = sanitize(promote, 'promoted');
    if (e) r.errorAtValue(o, 'promote_resource_attributes', `invalid 'promote_resource_attributes': ${e}`);
  }
  const ts = typeof o.translation_strategy === 'string' ? o.translation_strategy : '';
  if (ts !== '') {
    if (!translationStrategies.includes(ts)) r.errorAtValue(o, 'translation_strategy', `unsupported OTLP translation strategy ${goQuote(ts)}`);
    else if ((ts === 'NoTranslation' || ts === 'NoUTF8EscapingWithSuffixes') && globalScheme === 'legacy')
      r.errorAtValue(o, 'translation_strategy', `OTLP translation strategy ${goQuote(ts)} is not allowed when UTF8 is disabled`);
  }
}

function sanitize(attrs: unknown[], adjective: string): string | null {
  const seen = new Set<string>();
  const errs: string[] = [];
  for (const a of attrs) {
    const s = String(a ?? '').trim();
    if (s === '') {
      errs.push(`empty ${adjective} OTel resource attribute`);
      continue;
    }
    if (seen.has(s)) {
      errs.push(`duplicated ${adjective} OTel resource attribute ${goQuote(s)}`);
      continue;
    }
    seen.add(s);
  }
  return errs.length ? errs.join('\n') : null;
}

/** sigv4.SigV4Config's UnmarshalYAML (its Validate): access and secret key both, or neither */
function checkSigV4(parent: GoObject, r: Reporter): void {
  const s = parent.sigv4;
  if (!isObj(s)) return;
  const has = (k: string) => typeof s[k] === 'string' && s[k] !== '';
  if (has('access_key') !== has('secret_key')) r.errorAt(parent, 'sigv4', 'must provide a AWS SigV4 Access key and Secret Key if credentials are specified in the SigV4 config');
}
