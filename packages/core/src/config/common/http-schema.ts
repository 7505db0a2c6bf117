/**
 * prometheus/common `config` types shared by scrape jobs, remote write/read, Alertmanager targets
 * and most service discoveries: HTTPClientConfig (inlined into its parents), TLSConfig, BasicAuth,
 * Authorization, OAuth2, ProxyConfig and http_headers, plus sigv4/azuread/google_iam.
 */
import { anyValue, bool, named, schema, str, stringMap, strings, struct, url, listOf, type StructSchema } from '../decode/schema';

export const tlsConfigSchema: StructSchema = schema('config.plain', {
  ca: str,
  cert: str,
  key: str,
  ca_file: str,
  cert_file: str,
  key_file: str,
  ca_ref: str,
  cert_ref: str,
  key_ref: str,
  server_name: str,
  insecure_skip_verify: bool,
  min_version: named('config.TLSVersion'),
  max_version: named('config.TLSVersion'),
});

export const basicAuthSchema = schema('config.plain', {
  username: str,
  username_file: str,
  username_ref: str,
  password: str,
  password_file: str,
  password_ref: str,
});

export const authorizationSchema = schema('config.Authorization', {
  type: str,
  credentials: str,
  credentials_file: str,
  credentials_ref: str,
});

export const proxyConfigFields = schema('config.ProxyConfig', {
  proxy_url: url,
  no_proxy: str,
  proxy_from_environment: bool,
  proxy_connect_header: { k: 'map', key: 'string', of: listOf(str, '[]config.Secret'), go: 'config.ProxyHeader' },
});

export const oauth2Schema = schema(
  'config.plain',
  {
    client_id: str,
    client_secret: str,
    client_secret_file: str,
    client_secret_ref: str,
    client_certificate_key_id: str,
    client_certificate_key: str,
    client_certificate_key_file: str,
    client_certificate_key_ref: str,
    grant_type: str,
    signature_algorithm: str,
    iss: str,
    audience: str,
    claims: { k: 'map', key: 'string', of: anyValue, go: 'map[string]interface {}' },
    scopes: strings,
    token_url: str,
    endpoint_params: stringMap,
    tls_config: struct(tlsConfigSchema),
  },
  proxyConfigFields,
);

const headerSchema = schema('config.Header', { values: strings, secrets: listOf(str, '[]config.Secret'), files: strings });

/** HTTPClientConfig's fields; parents inline them (`yaml:",inline"`) */
export const httpClientFields: StructSchema = schema(
  'config.HTTPClientConfig',
  {
    basic_auth: struct(basicAuthSchema),
    authorization: struct(authorizationSchema),
    oauth2: struct(oauth2Schema),
    bearer_token: str,
    bearer_token_file: str,
    tls_config: struct(tlsConfigSchema),
    follow_redirects: bool,
    enable_http2: bool,
    http_headers: { k: 'map', key: 'string', of: struct(headerSchema), go: 'config.Headers' },
  },
  proxyConfigFields,
);

export const sigv4Schema = schema('sigv4.plain', {
  region: str,
  access_key: str,
  secret_key: str,
  profile: str,
  role_arn: str,
  external_id: str,
  use_fips_sts_endpoint: bool,
  service_name: str,
});

export const azureADSchema = schema('azuread.AzureADConfig', {
  managed_identity: struct(schema('azuread.ManagedIdentityConfig', { client_id: str })),
  oauth: struct(schema('azuread.OAuthConfig', { client_id: str, client_secret: str, tenant_id: str })),
  sdk: struct(schema('azuread.SDKConfig', { tenant_id: str })),
  workload_identity: struct(schema('azuread.WorkloadIdentityConfig', { client_id: str, tenant_id: str, token_file_path: str })),
  certificate: struct(
    schema('azuread.CertificateConfig', {
      client_id: str,
      tenant_id: str,
      certificate_path: str,
      certificate_key_path: str,
      certificate_password: str,
      send_certificate_chain: bool,
    }),
  ),
  cloud: str,
  scope: str,
});

export const googleIAMSchema = schema('googleiam.Config', { credentials_file: str });
