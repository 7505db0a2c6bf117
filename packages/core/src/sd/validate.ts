/**
 * What each service discovery's `UnmarshalYAML` checks when Prometheus loads the config (roles,
 * required fields, URLs, mutually exclusive credentials), with Prometheus's wording. One function
 * per SD name; the HTTP client part is prometheus/common's HTTPClientConfig.Validate.
 */
import { httpClientIsCustomised, isObj, validateHTTPClient, validateTLS } from '../config/common/http-validate';
import { isSet, nonEmpty, type Reporter } from '../config/common/report';
import { metaOf, valueRange, type GoObject } from '../config/decode/decode';
import { parseGoURL } from '../config/decode/values';
import { BAD_PATTERN, goGlobPatternError } from '../links/go-glob';
import { goQuote } from '../relabel/go-string';
import { checkFieldSelector, checkLabelSelector } from './k8s-selectors';

type Check = (c: GoObject, r: Reporter) => void;

const s = (v: unknown): string => (typeof v === 'string' ? v : '');
/** a string field with its Go default when absent (an explicit null is Go's zero value, '') */
const dflt = (c: GoObject, f: string, d: string): string => (c[f] === undefined ? d : s(c[f]));

function role(c: GoObject, r: Reporter, allowed: string[], msg: (v: string) => string): boolean {
  const v = c.role;
  if (typeof v === 'string' && v !== '' && !allowed.includes(v)) {
    r.errorAtValue(c, 'role', msg(v));
    return false;
  }
  return true;
}

function httpURL(c: GoObject, r: Reporter, field: string): boolean {
  const raw = s(c[field]);
  if (raw === '') return err(r, c, field, 'URL is missing');
  const u = parseGoURL(raw);
  if (!u.ok) return err(r, c, field, u.message, true);
  if (u.value.scheme !== 'http' && u.value.scheme !== 'https') return err(r, c, field, "URL scheme must be 'http' or 'https'", true);
  if (u.value.host === '') return err(r, c, field, 'host is missing in URL', true);
  return true;
}

function err(r: Reporter, c: GoObject, field: string | undefined, msg: string, atValue = false): false {
  if (atValue && field) r.errorAtValue(c, field, msg);
  else r.errorAt(c, field, msg);
  return false;
}

const awsRoles = ['ec2', 'ecs', 'elasticache', 'lightsail', 'msk', 'rds'];
const k8sRoles = ['node', 'pod', 'service', 'endpoints', 'endpointslice', 'ingress'];
const k8sSelectorRoles: Record<string, string[]> = {
  pod: ['pod', 'node'],
  service: ['service'],
  endpointslice: ['pod', 'service', 'endpointslice'],
  endpoints: ['pod', 'service', 'endpoints'],
  node: ['node'],
  ingress: ['ingress'],
};

export const sdValidators: Record<string, Check> = {
  aws(c, r) {
    const v = s(c.role);
    if (!awsRoles.includes(v)) return void err(r, c, c.role === undefined ? undefined : 'role', `unknown AWS SD role ${goQuote(v)}`, c.role !== undefined);
  },
  ec2(c, r) {
    noRegion(c, r, 'EC2');
    const filters = Array.isArray(c.filters) ? c.filters : [];
    for (const f of filters) if (isObj(f) && !(Array.isArray(f.values) && f.values.length > 0)) return void err(r, f, undefined, 'EC2 SD configuration filter values cannot be empty');
    httpSince248(c, r);
  },
  ecs: (c, r) => void validateHTTPClient(c, r),
  elasticache: (c, r) => void validateHTTPClient(c, r),
  lightsail(c, r) {
    noRegion(c, r, 'Lightsail');
    httpSince248(c, r);
  },
  msk: (c, r) => void validateHTTPClient(c, r),
  rds: (c, r) => void validateHTTPClient(c, r),
  azure(c, r) {
    const method = dflt(c, 'authentication_method', 'OAuth');
    const need = (f: string) => (nonEmpty(c[f]) ? true : err(r, c, undefined, `azure SD configuration requires a ${f}`));
    if (!need('subscription_id')) return;
    if (method === 'OAuth' && !(need('tenant_id') && need('client_id') && need('client_secret'))) return;
    if (!['OAuth', 'ManagedIdentity', 'SDK', 'WorkloadIdentity'].includes(method))
      return void err(r, c, 'authentication_method', `unknown authentication_type ${goQuote(method)}. Supported types are "OAuth", "ManagedIdentity", "SDK" or "WorkloadIdentity"`, true);
    httpSince248(c, r);
  },
  consul(c, r) {
    const server = dflt(c, 'server', 'localhost:8500');
    if (server.trim() === '') return void err(r, c, 'server', 'consul SD configuration requires a server address');
    if ((nonEmpty(c.username) || nonEmpty(c.password)) && isObj(c.basic_auth))
      return void err(r, c, 'basic_auth', 'at most one of consul SD configuration username and password and basic auth can be configured');
    if (nonEmpty(c.token) && (isObj(c.authorization) || isObj(c.oauth2)))
      return void err(r, c, 'token', 'at most one of consul SD token, authorization, or oauth2 can be configured');
    const merged = nonEmpty(c.username) || nonEmpty(c.password) ? { ...c, basic_auth: { username: c.username, password: c.password } } : c;
    validateHTTPClient(merged as GoObject, r);
  },
  digitalocean(c, r) {
    if (!role(c, r, ['droplets', 'databases'], (v) => `unknown DigitalOcean SD role ${goQuote(v)}`)) return;
    validateHTTPClient(c, r);
  },
  dns(c, r) {
    if (!(Array.isArray(c.names) && c.names.length > 0)) return void err(r, c, 'names', 'DNS-SD config must contain at least one SRV record name');
    const t = (dflt(c, 'type', 'SRV')).toUpperCase();
    if (t === 'SRV') return;
    if (['A', 'AAAA', 'MX', 'NS'].includes(t)) {
      if (!isSet(c.port)) err(r, c, 'type', 'a port is required in DNS-SD configs for all record types except SRV');
      return;
    }
    err(r, c, 'type', `invalid DNS-SD records type ${s(c.type)}`, true);
  },
  eureka(c, r) {
    const server = s(c.server);
    if (server === '') return void err(r, c, 'server', 'eureka_sd: empty or null eureka server');
    const u = parseGoURL(server);
    if (!u.ok) return void err(r, c, 'server', u.message, true);
    if (u.value.scheme === '' || u.value.host === '') return void err(r, c, 'server', 'eureka_sd: invalid eureka server URL', true);
    validateHTTPClient(c, r);
  },
  file(c, r) {
    const files = Array.isArray(c.files) ? c.files : [];
    if (files.length === 0) return void err(r, c, 'files', 'file service discovery config must contain at least one path name');
    for (const f of files) {
      const name = typeof f === 'string' ? f : '';
      if (!/^[^*]*(\*[^/]*)?\.(json|yml|yaml|JSON|YML|YAML)$/.test(name)) return void err(r, c, 'files', `path name ${goQuote(name)} is not valid for file discovery`, true);
    }
    // Go's filepath.Glob refuses a malformed class: Prometheus loads the configuration and its file
    // discovery logs the error at every refresh; promtool check config refuses it
    const items = metaOf(c.files)?.items ?? [];
    files.forEach((f, i) => {
      const range = items[i]?.range;
      if (typeof f === 'string' && range && goGlobPatternError(f))
        r.push('warning', 'config/file-sd-pattern', range, `${goQuote(f)}: ${BAD_PATTERN}: file discovery reads no file from it (promtool check config refuses it)`);
    });
  },
  gce(c, r) {
    if (!nonEmpty(c.project)) return void err(r, c, undefined, 'GCE SD configuration requires a project');
    if (!nonEmpty(c.zone)) return void err(r, c, undefined, 'GCE SD configuration requires a zone');
  },
  hetzner(c, r) {
    if (!role(c, r, ['robot', 'hcloud'], (v) => `unknown role ${goQuote(v)}`)) return;
    if (!nonEmpty(c.role)) return void err(r, c, undefined, 'role missing (one of: robot, hcloud)');
    validateHTTPClient(c, r);
  },
  http(c, r) {
    if (!httpURL(c, r, 'url')) return;
    httpSince248(c, r);
  },
  ionos(c, r) {
    if (!nonEmpty(c.datacenter_id)) return void err(r, c, undefined, "datacenter id can't be empty");
    validateHTTPClient(c, r);
  },
  kubernetes(c, r) {
    if (!role(c, r, k8sRoles, (v) => `unknown Kubernetes SD role ${goQuote(v)}`)) return;
    const roleName = s(c.role);
    if (roleName === '') return void err(r, c, undefined, 'role missing (one of: pod, service, endpoints, endpointslice, node, ingress)');
    if (!validateHTTPClient(c, r)) return;
    const api = nonEmpty(c.api_server);
    const kubeconfig = nonEmpty(c.kubeconfig_file);
    const own = isObj(c.namespaces) && c.namespaces.own_namespace === true;
    if (api && kubeconfig) return void err(r, c, 'kubeconfig_file', "cannot use 'kubeconfig_file' and 'api_server' simultaneously");
    const custom = httpClientIsCustomised(c);
    if (kubeconfig && custom) return void err(r, c, 'kubeconfig_file', "cannot use a custom HTTP client configuration together with 'kubeconfig_file'");
    if (!api && custom) return void err(r, c, undefined, "to use custom HTTP client configuration please provide the 'api_server' URL explicitly");
    if (api && own) return void err(r, c, 'namespaces', "cannot use 'api_server' and 'namespaces.own_namespace' simultaneously");
    if (kubeconfig && own) return void err(r, c, 'namespaces', "cannot use 'kubeconfig_file' and 'namespaces.own_namespace' simultaneously");
    const seen = new Set<string>();
    for (const sel of Array.isArray(c.selectors) ? c.selectors : []) {
      if (!isObj(sel)) continue;
      const sr = s(sel.role);
      if (sr !== '' && !k8sRoles.includes(sr)) return void err(r, sel, 'role', `unknown Kubernetes SD role ${goQuote(sr)}`, true);
      if (seen.has(sr)) return void err(r, sel, 'role', `duplicated selector role: ${sr}`, true);
      seen.add(sr);
      const allowed = k8sSelectorRoles[roleName];
      if (!allowed.includes(sr)) return void err(r, sel, 'role', `${roleName} role supports only ${allowed.join(', ')} selectors`, true);
      const fe = checkFieldSelector(s(sel.field));
      if (fe) return void err(r, sel, 'field', fe, true);
      const le = checkLabelSelector(s(sel.label));
      if (le) return void err(r, sel, 'label', le, true);
    }
  },
  kuma(c, r) {
    const server = s(c.server);
    if (server === '') return void err(r, c, undefined, `kuma SD server must not be empty: ${server}`);
    const u = parseGoURL(server);
    if (!u.ok) return void err(r, c, 'server', u.message, true);
    if (u.value.scheme === '' || u.value.host === '') return void err(r, c, 'server', `kuma SD server must not be empty and have a scheme: ${server}`, true);
    validateHTTPClient(c, r);
  },
  linode: (c, r) => void validateHTTPClient(c, r),
  marathon(c, r) {
    if (!(Array.isArray(c.servers) && c.servers.length > 0)) return void err(r, c, undefined, 'marathon_sd: must contain at least one Marathon server');
    const tok = nonEmpty(c.auth_token);
    const tokFile = nonEmpty(c.auth_token_file);
    if (tok && tokFile) return void err(r, c, 'auth_token_file', 'marathon_sd: at most one of auth_token & auth_token_file must be configured');
    if (tok || tokFile) {
      const f = tok ? 'auth_token' : 'auth_token_file';
      if (isObj(c.basic_auth)) return void err(r, c, f, 'marathon_sd: at most one of basic_auth, auth_token & auth_token_file must be configured');
      if (nonEmpty(c.bearer_token) || nonEmpty(c.bearer_token_file))
        return void err(r, c, f, 'marathon_sd: at most one of bearer_token, bearer_token_file, auth_token & auth_token_file must be configured');
      if (isObj(c.authorization)) return void err(r, c, f, 'marathon_sd: at most one of auth_token, auth_token_file & authorization must be configured');
    }
    validateHTTPClient(c, r);
  },
  docker(c, r) {
    if (!nonEmpty(c.host)) return void err(r, c, undefined, 'host missing');
    const u = parseGoURL(s(c.host));
    if (!u.ok) return void err(r, c, 'host', u.message, true);
    validateHTTPClient(c, r);
  },
  dockerswarm(c, r) {
    if (!nonEmpty(c.host)) return void err(r, c, undefined, 'host missing');
    const u = parseGoURL(s(c.host));
    if (!u.ok) return void err(r, c, 'host', u.message, true);
    const ro = s(c.role);
    if (ro === '') return void err(r, c, undefined, 'role missing (one of: tasks, services, nodes)');
    if (!['services', 'nodes', 'tasks'].includes(ro)) return void err(r, c, 'role', `invalid role ${ro}, expected tasks, services, or nodes`, true);
    validateHTTPClient(c, r);
  },
  nomad(c, r) {
    const server = dflt(c, 'server', 'http://localhost:4646');
    if (server.trim() === '') return void err(r, c, 'server', 'nomad SD configuration requires a server address');
    validateHTTPClient(c, r);
  },
  oci(c, r) {
    if (!nonEmpty(c.region)) return void err(r, c, undefined, 'oci_sd: region is required');
    const auth = dflt(c, 'auth', 'api_key');
    if (auth === 'api_key') {
      for (const f of ['tenancy', 'user', 'fingerprint', 'key_file']) if (!nonEmpty(c[f])) return void err(r, c, undefined, `oci_sd: api_key auth requires ${f}`);
      if (nonEmpty(c.key_passphrase) && nonEmpty(c.key_passphrase_file))
        return void err(r, c, 'key_passphrase_file', 'oci_sd: at most one of key_passphrase and key_passphrase_file must be configured');
    } else if (auth === 'instance_principal') {
      if (['tenancy', 'user', 'fingerprint', 'key_file', 'key_passphrase', 'key_passphrase_file'].some((f) => nonEmpty(c[f])))
        return void err(r, c, 'auth', 'oci_sd: instance_principal auth must not have tenancy, user, fingerprint, key_file, key_passphrase, or key_passphrase_file set');
    } else return void err(r, c, 'auth', `oci_sd: unknown auth method ${goQuote(auth)}, expected "api_key" or "instance_principal"`, true);
    const comps = Array.isArray(c.compartments) ? c.compartments : [];
    for (let i = 0; i < comps.length; i++) if (comps[i] === '' || comps[i] === null) return void err(r, c, 'compartments', `oci_sd: compartments[${i}] must not be empty`);
    if (typeof c.refresh_interval === 'number' && c.refresh_interval <= 0) return void err(r, c, 'refresh_interval', 'oci_sd: refresh_interval must be positive, got 0s');
    validateHTTPClient(c, r);
  },
  openstack(c, r) {
    if (!role(c, r, ['hypervisor', 'instance', 'loadbalancer'], (v) => `unknown OpenStack SD role ${goQuote(v)}`)) return;
    if (isObj(c.tls_config) && !validateTLS(c.tls_config, r)) return;
    const av = dflt(c, 'availability', 'public');
    if (!['public', 'internal', 'admin'].includes(av)) return void err(r, c, 'availability', `unknown availability ${av}, must be one of admin, internal or public`, true);
    if (!nonEmpty(c.role)) return void err(r, c, undefined, 'role missing (one of: instance, hypervisor, loadbalancer)');
    if (!nonEmpty(c.region)) return void err(r, c, undefined, 'openstack SD configuration requires a region');
  },
  outscale(c, r) {
    if (!nonEmpty(c.region)) return void err(r, c, undefined, 'outscale SD configuration requires a region');
    if (!nonEmpty(c.access_key)) return void err(r, c, undefined, 'outscale SD configuration requires access_key');
    if (!nonEmpty(c.secret_key) && !nonEmpty(c.secret_key_file)) return void err(r, c, undefined, 'one of secret_key & secret_key_file must be configured');
    if (nonEmpty(c.secret_key) && nonEmpty(c.secret_key_file)) return void err(r, c, 'secret_key_file', 'at most one of secret_key & secret_key_file must be configured');
    validateHTTPClient(c, r);
  },
  ovhcloud(c, r) {
    if (dflt(c, 'endpoint', 'ovh-eu') === '') return void err(r, c, undefined, 'endpoint can not be empty');
    if (!nonEmpty(c.application_key)) return void err(r, c, undefined, 'application key can not be empty');
    if (!nonEmpty(c.application_secret)) return void err(r, c, undefined, 'application secret can not be empty');
    if (!nonEmpty(c.consumer_key)) return void err(r, c, undefined, 'consumer key can not be empty');
    const svc = s(c.service);
    if (svc !== 'dedicated_server' && svc !== 'vps') err(r, c, 'service', `unknown service: ${svc}`, true);
  },
  puppetdb(c, r) {
    if (!httpURL(c, r, 'url')) return;
    if (!nonEmpty(c.query)) return void err(r, c, undefined, 'query missing');
    httpSince248(c, r);
  },
  scaleway(c, r) {
    if (!role(c, r, ['instance', 'baremetal'], (v) => `unknown role ${goQuote(v)}`)) return;
    if (!nonEmpty(c.role)) return void err(r, c, undefined, 'role missing (one of: instance, baremetal)');
    if (!nonEmpty(c.project_id)) return void err(r, c, undefined, 'project_id is mandatory');
    if (!nonEmpty(c.secret_key) && !nonEmpty(c.secret_key_file)) return void err(r, c, undefined, 'one of secret_key & secret_key_file must be configured');
    if (nonEmpty(c.secret_key) && nonEmpty(c.secret_key_file)) return void err(r, c, 'secret_key_file', 'at most one of secret_key & secret_key_file must be configured');
    if (!nonEmpty(c.access_key)) return void err(r, c, undefined, 'access_key is mandatory');
    if (!scalewayClient(c, r)) return;
    validateHTTPClient(c, r);
  },
  stackit(c, r) {
    if (!nonEmpty(c.endpoint) && dflt(c, 'region', 'eu01') === '') return void err(r, c, undefined, 'stackit_sd: endpoint and region missing');
    const ep = s(c.endpoint);
    const u = parseGoURL(ep);
    if (!u.ok) return void err(r, c, 'endpoint', `stackit_sd: invalid endpoint ${goQuote(ep)}: ${u.message}`, true);
    validateHTTPClient(c, r);
  },
  triton(c, r) {
    if (isObj(c.tls_config) && !validateTLS(c.tls_config, r)) return;
    const ro = dflt(c, 'role', 'container');
    if (ro !== 'container' && ro !== 'cn') return void err(r, c, 'role', "triton SD configuration requires role to be 'container' or 'cn'", true);
    if (!nonEmpty(c.account)) return void err(r, c, undefined, 'triton SD configuration requires an account');
    if (!nonEmpty(c.dns_suffix)) return void err(r, c, undefined, 'triton SD configuration requires a dns_suffix');
    if (!nonEmpty(c.endpoint)) return void err(r, c, undefined, 'triton SD configuration requires an endpoint');
    if (typeof c.refresh_interval === 'number' && c.refresh_interval <= 0)
      return void err(r, c, 'refresh_interval', 'triton SD configuration requires RefreshInterval to be a positive integer');
  },
  uyuni(c, r) {
    if (!nonEmpty(c.server)) return void err(r, c, undefined, 'Uyuni SD configuration requires server host');
    const u = parseGoURL(s(c.server));
    if (!u.ok) return void err(r, c, 'server', `Uyuni Server URL is not valid: ${u.message}`, true);
    if (!nonEmpty(c.username)) return void err(r, c, undefined, 'Uyuni SD configuration requires a username');
    if (!nonEmpty(c.password)) return void err(r, c, undefined, 'Uyuni SD configuration requires a password');
    httpSince248(c, r);
  },
  vultr: (c, r) => void validateHTTPClient(c, r),
  serverset: (c, r) => zookeeper(c, r, 'serverset'),
  nerve: (c, r) => zookeeper(c, r, 'nerve'),
};

/**
 * An EC2 or Lightsail SD without a region: before 3.10, Prometheus asks the EC2 metadata service for
 * it while it loads the configuration, and refuses the configuration where there is none (promtool
 * on a machine outside AWS: `EC2 SD configuration requires a region`); since, the region is found at
 * run time. A warning: on AWS it loads.
 */
function noRegion(c: GoObject, r: Reporter, what: string): void {
  if (nonEmpty(c.region) || r.atLeast(3, 10)) return;
  const range = (c.region !== undefined ? valueRange(c, 'region') : undefined) ?? metaOf(c)?.node.range;
  if (range)
    r.push('warning', 'config/sd-region', range, `no region: Prometheus before 3.10 asks the EC2 metadata service for it when it loads the configuration, and outside AWS refuses it (${what} SD configuration requires a region)`);
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * What scaleway-sdk-go's NewClient checks of the profile Prometheus makes of a scaleway_sd_config
 * (its UnmarshalYAML; a secret_key_file stands for a dummy UUID), in the SDK's order and words: the
 * access key, secret key and project ID formats, the zone, the API URL. The SDK's version follows
 * Prometheus's go.mod: the zones it lists, the zone pattern (3.10) and the URL message (3.7)
 * changed. (The SDK prints a bad secret key; here it is not shown.)
 */
function scalewayClient(c: GoObject, r: Reporter): boolean {
  const sdk = (field: string, msg: string) => err(r, c, field, `scaleway-sdk-go: ${msg}`, c[field] !== undefined);
  const access = s(c.access_key);
  if (!/^SCW[A-Z0-9]{17}$/.test(access)) return sdk('access_key', `invalid access key format '${access}', expected SCWXXXXXXXXXXXXXXXXX format`);
  if (!nonEmpty(c.secret_key_file) && !UUID.test(s(c.secret_key))) return sdk('secret_key', "invalid secret key format '<secret>', expected a UUID: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
  const project = s(c.project_id);
  if (!UUID.test(project)) return sdk('project_id', `invalid project ID format '${project}', expected a UUID: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`);
  const zone = dflt(c, 'zone', 'fr-par-1');
  if (zone === '') return sdk('zone', 'default zone cannot be empty');
  const zonePattern = r.atLeast(3, 10) ? /^[a-z]{2}-[a-z]{3,7}-[0-9]{1,2}$/ : /^[a-z]{2}-[a-z]{3}-[1-9]$/;
  if (!zonePattern.test(zone)) return sdk('zone', `invalid default zone format '${zone}', available zones are: ${scalewayZones(r).join(', ')}`);
  const url = dflt(c, 'api_url', 'https://api.scaleway.com');
  const invalid = r.atLeast(3, 7) ? `invalid API url '${url}'` : `invalid url ${url}`;
  if (url === '' || !parseGoURL(url).ok) return sdk('api_url', invalid);
  if (url.endsWith('/')) return sdk('api_url', `${invalid} it should not have a trailing slash`);
  return true;
}

/** the zones the SDK of a Prometheus version lists (its AllZones) */
function scalewayZones(r: Reporter): string[] {
  if (!r.atLeast(2, 34)) return ['fr-par-1', 'fr-par-2', 'nl-ams-1', 'pl-waw-1'];
  const zones = ['fr-par-1', 'fr-par-2', 'fr-par-3', 'nl-ams-1', 'nl-ams-2'];
  if (r.atLeast(2, 43)) zones.push('nl-ams-3');
  zones.push('pl-waw-1');
  if (r.atLeast(2, 41)) zones.push('pl-waw-2');
  if (r.atLeast(2, 48)) zones.push('pl-waw-3');
  return zones;
}

/** the HTTP client config of the SDs that validate it since v2.48.0 (EC2, Lightsail, Azure, HTTP, PuppetDB, Uyuni) */
function httpSince248(c: GoObject, r: Reporter): void {
  if (r.atLeast(2, 48)) validateHTTPClient(c, r);
}

function zookeeper(c: GoObject, r: Reporter, kind: string): void {
  if (!(Array.isArray(c.servers) && c.servers.length > 0)) return void err(r, c, undefined, `${kind} SD config must contain at least one Zookeeper server`);
  if (!(Array.isArray(c.paths) && c.paths.length > 0)) return void err(r, c, undefined, `${kind} SD config must contain at least one path`);
  for (const p of c.paths) if (typeof p === 'string' && !p.startsWith('/')) return void err(r, c, 'paths', `${kind} SD config paths must begin with '/': ${p}`, true);
}
