/**
 * prometheus/common HTTPClientConfig.Validate, TLSConfig.Validate and ProxyConfig.Validate with
 * their error wording, run on a decoded struct that inlines the HTTP client fields.
 */
import type { GoObject } from '../decode/decode';
import { nonEmpty, type Reporter } from './report';

const tlsVersions = new Set(['TLS13', 'TLS12', 'TLS11', 'TLS10']);
const signatureAlgorithms = ['RS256', 'RS384', 'RS512'];

function count(...b: boolean[]): number {
  return b.filter(Boolean).length;
}

/** HTTPClientConfig.Validate; returns false when it reported an error (Prometheus stops there) */
export function validateHTTPClient(c: GoObject, r: Reporter): boolean {
  const basic = isObj(c.basic_auth) ? c.basic_auth : null;
  const authz = isObj(c.authorization) ? c.authorization : null;
  const oauth2 = isObj(c.oauth2) ? c.oauth2 : null;
  const bearer = nonEmpty(c.bearer_token);
  const bearerFile = nonEmpty(c.bearer_token_file);
  if (isObj(c.tls_config) && !validateTLS(c.tls_config, r)) return false;
  if (oauth2 && isObj(oauth2.tls_config) && !validateTLS(oauth2.tls_config, r)) return false;
  if (bearer && bearerFile) return fail(r, c, 'bearer_token_file', 'at most one of bearer_token & bearer_token_file must be configured');
  if ((basic || oauth2) && (bearer || bearerFile))
    return fail(r, c, bearer ? 'bearer_token' : 'bearer_token_file', 'at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured');
  if (basic && count(nonEmpty(basic.username), nonEmpty(basic.username_file), nonEmpty(basic.username_ref)) > 1)
    return fail(r, c, 'basic_auth', 'at most one of basic_auth username, username_file & username_ref must be configured');
  if (basic && count(nonEmpty(basic.password), nonEmpty(basic.password_file), nonEmpty(basic.password_ref)) > 1)
    return fail(r, c, 'basic_auth', 'at most one of basic_auth password, password_file & password_ref must be configured');
  if (authz) {
    if (bearer || bearerFile) return fail(r, c, 'authorization', 'authorization is not compatible with bearer_token & bearer_token_file');
    if (count(nonEmpty(authz.credentials), nonEmpty(authz.credentials_file), nonEmpty(authz.credentials_ref)) > 1)
      return fail(r, c, 'authorization', 'at most one of authorization credentials & credentials_file must be configured');
    const type = typeof authz.type === 'string' ? authz.type.trim() : '';
    if (type.toLowerCase() === 'basic') return fail(r, authz, 'type', 'authorization type cannot be set to "basic", use "basic_auth" instead');
    if (basic || oauth2) return fail(r, c, 'authorization', 'at most one of basic_auth, oauth2 & authorization must be configured');
  }
  if (oauth2) {
    if (basic) return fail(r, c, 'oauth2', 'at most one of basic_auth, oauth2 & authorization must be configured');
    if (!nonEmpty(oauth2.client_id)) return fail(r, c, 'oauth2', 'oauth2 client_id must be configured');
    if (!nonEmpty(oauth2.token_url)) return fail(r, c, 'oauth2', 'oauth2 token_url must be configured');
    if (oauth2.grant_type === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      if (count(nonEmpty(oauth2.client_certificate_key), nonEmpty(oauth2.client_certificate_key_file), nonEmpty(oauth2.client_certificate_key_ref)) > 1)
        return fail(
          r,
          c,
          'oauth2',
          'at most one of oauth2 client_certificate_key, client_certificate_key_file & client_certificate_key_ref must be configured using grant-type=urn:ietf:params:oauth:grant-type:jwt-bearer',
        );
      if (nonEmpty(oauth2.signature_algorithm) && !signatureAlgorithms.includes(String(oauth2.signature_algorithm)))
        return fail(r, oauth2, 'signature_algorithm', 'valid signature algorithms are RS256, RS384 and RS512');
    } else if (count(nonEmpty(oauth2.client_secret), nonEmpty(oauth2.client_secret_file), nonEmpty(oauth2.client_secret_ref)) > 1) {
      return fail(r, c, 'oauth2', 'at most one of oauth2 client_secret, client_secret_file & client_secret_ref must be configured using grant-type=client_credentials');
    }
    if (!validateProxy(oauth2, r)) return false;
  }
  if (!validateProxy(c, r)) return false;
  if (isObj(c.http_headers)) {
    for (const name of Object.keys(c.http_headers)) {
      if (reservedHTTPHeaders.has(canonicalHeader(name)))
        return fail(r, c.http_headers, name, `setting header ${JSON.stringify(canonicalHeader(name))} is not allowed`);
    }
  }
  return true;
}

const reservedHTTPHeaders = new Set([
  'Authorization',
  'Host',
  'Content-Encoding',
  'Content-Length',
  'Content-Type',
  'User-Agent',
  'Connection',
  'Keep-Alive',
  'Proxy-Authenticate',
  'Proxy-Authorization',
  'Www-Authenticate',
  'Accept-Encoding',
  'X-Prometheus-Remote-Write-Version',
  'X-Prometheus-Remote-Read-Version',
  'X-Prometheus-Scrape-Timeout-Seconds',
  'X-Amz-Date',
  'X-Amz-Security-Token',
  'X-Amz-Content-Sha256',
]);

function canonicalHeader(h: string): string {
  return h
    .split('-')
    .map((p) => (p ? p[0].toUpperCase() + p.slice(1).toLowerCase() : p))
    .join('-');
}

export function validateTLS(t: GoObject, r: Reporter): boolean {
  for (const f of ['min_version', 'max_version']) {
    const v = t[f];
    if (typeof v === 'string' && !tlsVersions.has(v)) return fail(r, t, f, `unknown TLS version: ${v}`);
  }
  if (count(nonEmpty(t.ca), nonEmpty(t.ca_file), nonEmpty(t.ca_ref)) > 1) return fail(r, t, 'ca_file', 'at most one of ca, ca_file & ca_ref must be configured');
  if (count(nonEmpty(t.cert), nonEmpty(t.cert_file), nonEmpty(t.cert_ref)) > 1)
    return fail(r, t, 'cert_file', 'at most one of cert, cert_file & cert_ref must be configured');
  if (count(nonEmpty(t.key), nonEmpty(t.key_file), nonEmpty(t.key_ref)) > 1) return fail(r, t, 'key_file', 'at most one of key and key_file must be configured');
  const cert = nonEmpty(t.cert) || nonEmpty(t.cert_file) || nonEmpty(t.cert_ref);
  const key = nonEmpty(t.key) || nonEmpty(t.key_file) || nonEmpty(t.key_ref);
  if (cert && !key) return fail(r, t, undefined, 'exactly one of key or key_file must be configured when a client certificate is configured');
  if (key && !cert) return fail(r, t, undefined, 'exactly one of cert or cert_file must be configured when a client key is configured');
  return true;
}

function validateProxy(c: GoObject, r: Reporter): boolean {
  const url = nonEmpty(c.proxy_url);
  const env = c.proxy_from_environment === true;
  const noProxy = nonEmpty(c.no_proxy);
  const hdr = isObj(c.proxy_connect_header) && Object.keys(c.proxy_connect_header).length > 0;
  if (hdr && !url && !env) return fail(r, c, 'proxy_connect_header', 'if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured');
  if (env && url) return fail(r, c, 'proxy_url', 'if proxy_from_environment is configured, proxy_url must not be configured');
  if (env && noProxy) return fail(r, c, 'no_proxy', 'if proxy_from_environment is configured, no_proxy must not be configured');
  if (noProxy && !url) return fail(r, c, 'no_proxy', 'if no_proxy is configured, proxy_url must also be configured');
  return true;
}

/** true when any HTTP client field differs from DefaultHTTPClientConfig (used by kubernetes SD) */
export function httpClientIsCustomised(c: GoObject): boolean {
  for (const f of ['basic_auth', 'authorization', 'oauth2', 'bearer_token', 'bearer_token_file', 'tls_config', 'http_headers', 'proxy_url', 'no_proxy', 'proxy_from_environment', 'proxy_connect_header']) {
    if (c[f] !== undefined && c[f] !== null && c[f] !== '' && c[f] !== false) {
      if (f === 'tls_config' && isObj(c.tls_config) && Object.values(c.tls_config).every((v) => v === '' || v === false || v === null)) continue;
      return true;
    }
  }
  if (c.follow_redirects === false) return true;
  if (c.enable_http2 === false) return true;
  return false;
}

export function isObj(v: unknown): v is GoObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function fail(r: Reporter, obj: unknown, field: string | undefined, msg: string): false {
  r.errorAt(obj, field, msg);
  return false;
}
