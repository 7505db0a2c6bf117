/**
 * prometheus/common's HTTP client settings as Alertmanager embeds them (`http_config`,
 * `tls_config`, proxy fields, `http_headers`): field name → Go type, for the strict decoder.
 */
import type { FieldType, StructDef } from './decode';
import { anyMap, map, stringMap, strings } from './schema-types';

/** `http_headers` / tracing `headers`: header name → values, secrets, files */
export const HEADERS: FieldType = map({ go: 'config.Header', fields: { values: strings, secrets: strings, files: strings } }, 'config.Headers');

export const TLS_CONFIG: StructDef = {
  go: 'config.plain',
  fields: {
    ca: 'string',
    cert: 'string',
    key: 'string',
    ca_file: 'string',
    cert_file: 'string',
    key_file: 'string',
    ca_ref: 'string',
    cert_ref: 'string',
    key_ref: 'string',
    server_name: 'string',
    insecure_skip_verify: 'bool',
    min_version: 'string',
    max_version: 'string',
  },
};

const PROXY_FIELDS: Record<string, FieldType> = {
  proxy_url: 'string',
  no_proxy: 'string',
  proxy_from_environment: 'bool',
  proxy_connect_header: map(strings, 'config.ProxyHeader'),
};

export const HTTP_CLIENT_CONFIG: StructDef = {
  go: 'config.plain',
  fields: {
    basic_auth: {
      go: 'config.plain',
      fields: { username: 'string', username_file: 'string', username_ref: 'string', password: 'string', password_file: 'string', password_ref: 'string' },
    },
    authorization: { go: 'config.Authorization', fields: { type: 'string', credentials: 'string', credentials_file: 'string', credentials_ref: 'string' } },
    oauth2: {
      go: 'config.plain',
      fields: {
        client_id: 'string',
        client_secret: 'string',
        client_secret_file: 'string',
        client_secret_ref: 'string',
        client_certificate_key_id: 'string',
        client_certificate_key: 'string',
        client_certificate_key_file: 'string',
        client_certificate_key_ref: 'string',
        grant_type: 'string',
        signature_algorithm: 'string',
        iss: 'string',
        audience: 'string',
        claims: anyMap,
        scopes: strings,
        token_url: 'string',
        endpoint_params: stringMap,
        tls_config: TLS_CONFIG,
        ...PROXY_FIELDS,
      },
    },
    bearer_token: 'string',
    bearer_token_file: 'string',
    tls_config: TLS_CONFIG,
    follow_redirects: 'bool',
    enable_http2: 'bool',
    ...PROXY_FIELDS,
    http_headers: HEADERS,
  },
};

