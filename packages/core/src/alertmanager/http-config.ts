/**
 * The cross-field rules of prometheus/common's `http_config` and `tls_config` blocks
 * (`HTTPClientConfig.Validate`, `TLSConfig.Validate`, `ProxyConfig.Validate`) as Alertmanager
 * applies them to its global and per-integration HTTP settings. Messages are prometheus/common's.
 */
import { fBool, fObj, fSet, fStr, report, structHead, type DecodeContext, type DObj } from './decode';
import { goParseURL } from './go-values';

const count = (...xs: boolean[]): number => xs.filter(Boolean).length;

/** Does this http_config end up with an `Authorization` (also through `bearer_token[_file]`)? */
export function hasAuthorization(http: DObj | undefined): boolean {
  if (!http) return false;
  return fSet(http, 'authorization') || fStr(http, 'bearer_token') !== '' || fStr(http, 'bearer_token_file') !== '';
}

export function validateHttpConfig(c: DObj, ctx: DecodeContext): void {
  const at = structHead(c);
  const bearer = fStr(c, 'bearer_token') !== '';
  const bearerFile = fStr(c, 'bearer_token_file') !== '';
  const basic = fObj(c, 'basic_auth');
  const oauth2 = fObj(c, 'oauth2');
  const auth = fObj(c, 'authorization');
  if (bearer && bearerFile) report(ctx, at, 'at most one of bearer_token & bearer_token_file must be configured');
  if ((basic || oauth2) && (bearer || bearerFile)) report(ctx, at, 'at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured');
  if (basic && count(fStr(basic, 'username') !== '', fStr(basic, 'username_file') !== '', fStr(basic, 'username_ref') !== '') > 1)
    report(ctx, structHead(basic), 'at most one of basic_auth username, username_file & username_ref must be configured');
  if (basic && count(fStr(basic, 'password') !== '', fStr(basic, 'password_file') !== '', fStr(basic, 'password_ref') !== '') > 1)
    report(ctx, structHead(basic), 'at most one of basic_auth password, password_file & password_ref must be configured');
  if (auth) {
    if (bearer || bearerFile) report(ctx, at, 'authorization is not compatible with bearer_token & bearer_token_file');
    if (count(fStr(auth, 'credentials') !== '', fStr(auth, 'credentials_file') !== '', fStr(auth, 'credentials_ref') !== '') > 1)
      report(ctx, structHead(auth), 'at most one of authorization credentials & credentials_file must be configured');
    if (fStr(auth, 'type').trim().toLowerCase() === 'basic') report(ctx, structHead(auth), 'authorization type cannot be set to "basic", use "basic_auth" instead');
    if (basic || oauth2) report(ctx, at, 'at most one of basic_auth, oauth2 & authorization must be configured');
  }
  if (oauth2) {
    const oat = structHead(oauth2);
    if (basic) report(ctx, at, 'at most one of basic_auth, oauth2 & authorization must be configured');
    if (fStr(oauth2, 'client_id') === '') report(ctx, oat, 'oauth2 client_id must be configured');
    if (fStr(oauth2, 'token_url') === '') report(ctx, oat, 'oauth2 token_url must be configured');
    if (fStr(oauth2, 'grant_type') === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      if (count(fStr(oauth2, 'client_certificate_key') !== '', fStr(oauth2, 'client_certificate_key_file') !== '', fStr(oauth2, 'client_certificate_key_ref') !== '') > 1)
        report(ctx, oat, 'at most one of oauth2 client_certificate_key, client_certificate_key_file & client_certificate_key_ref must be configured using grant-type=urn:ietf:params:oauth:grant-type:jwt-bearer');
      const alg = fStr(oauth2, 'signature_algorithm');
      if (alg !== '' && !['RS256', 'RS384', 'RS512'].includes(alg)) report(ctx, oat, 'valid signature algorithms are RS256, RS384 and RS512');
    } else if (count(fStr(oauth2, 'client_secret') !== '', fStr(oauth2, 'client_secret_file') !== '', fStr(oauth2, 'client_secret_ref') !== '') > 1) {
      report(ctx, oat, 'at most one of oauth2 client_secret, client_secret_file & client_secret_ref must be configured using grant-type=client_credentials');
    }
    validateProxy(oauth2, ctx);
    const tls = fObj(oauth2, 'tls_config');
    if (tls) validateTlsConfig(tls, ctx);
  }
  validateProxy(c, ctx);
  const tls = fObj(c, 'tls_config');
  if (tls) validateTlsConfig(tls, ctx);
}

function validateProxy(c: DObj, ctx: DecodeContext): void {
  const at = structHead(c);
  const proxyURL = fStr(c, 'proxy_url');
  if (proxyURL !== '') {
    const u = goParseURL(proxyURL);
    if (!u.ok) report(ctx, c.pairs.proxy_url?.value ?? at, u.message);
  }
  const fromEnv = fBool(c, 'proxy_from_environment');
  const noProxy = fStr(c, 'no_proxy');
  const connectHeader = c.f.proxy_connect_header;
  const hasHeader = connectHeader !== undefined && typeof connectHeader === 'object' && connectHeader !== null && connectHeader.kind === 'map' && connectHeader.entries.length > 0;
  if (hasHeader && !fromEnv && proxyURL === '') report(ctx, at, 'if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured');
  if (fromEnv && proxyURL !== '') report(ctx, at, 'if proxy_from_environment is configured, proxy_url must not be configured');
  if (fromEnv && noProxy !== '') report(ctx, at, 'if proxy_from_environment is configured, no_proxy must not be configured');
  if (proxyURL === '' && noProxy !== '') report(ctx, at, 'if no_proxy is configured, proxy_url must also be configured');
}

const TLS_VERSIONS = new Set(['TLS10', 'TLS11', 'TLS12', 'TLS13']);

export function validateTlsConfig(c: DObj, ctx: DecodeContext): void {
  const at = structHead(c);
  for (const f of ['min_version', 'max_version']) {
    const v = fStr(c, f);
    if (v !== '' && !TLS_VERSIONS.has(v)) report(ctx, c.pairs[f]?.value ?? at, `unknown TLS version: ${v}`);
  }
  if (count(fStr(c, 'ca') !== '', fStr(c, 'ca_file') !== '', fStr(c, 'ca_ref') !== '') > 1) report(ctx, at, 'at most one of ca, ca_file & ca_ref must be configured');
  const cert = count(fStr(c, 'cert') !== '', fStr(c, 'cert_file') !== '', fStr(c, 'cert_ref') !== '');
  const key = count(fStr(c, 'key') !== '', fStr(c, 'key_file') !== '', fStr(c, 'key_ref') !== '');
  if (cert > 1) report(ctx, at, 'at most one of cert, cert_file & cert_ref must be configured');
  if (key > 1) report(ctx, at, 'at most one of key and key_file must be configured');
  if (cert > 0 && key === 0) report(ctx, at, 'exactly one of key or key_file must be configured when a client certificate is configured');
  else if (key > 0 && cert === 0) report(ctx, at, 'exactly one of cert or cert_file must be configured when a client key is configured');
}
