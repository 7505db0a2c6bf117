/**
 * The YAML shape of every service-discovery block Prometheus 3.x registers (discovery/install):
 * field names and Go types from each discovery package's SDConfig struct tags, with the type names
 * yaml.v2 prints (`kubernetes.plain` for SD configs decoded through `type plain SDConfig`).
 */
import { httpClientFields, tlsConfigSchema } from '../config/common/http-schema';
import { bool, duration, int, listOf, named, schema, str, stringMap, strings, struct, url, type StructSchema } from '../config/decode/schema';

const http = httpClientFields;
const awsFilter = schema('aws.Filter', { name: str, values: strings });
const mobyFilter = schema('moby.Filter', { name: str, values: strings });

const awsCommon = {
  region: str,
  endpoint: str,
  access_key: str,
  secret_key: str,
  profile: str,
  role_arn: str,
  external_id: str,
  refresh_interval: duration,
  port: int,
};

export const targetGroupSchema = schema('struct { Targets []string "yaml:\\"targets\\""; Labels model.LabelSet "yaml:\\"labels\\"" }', {
  targets: listOf(str, '[]string'),
  labels: { k: 'map', key: 'labelname', of: str, go: 'model.LabelSet' },
});

export const sdSchemas: Record<string, StructSchema> = {
  static: targetGroupSchema,
  aws: schema('aws.plain', { ...awsCommon, role: named('aws.Role'), filters: listOf(struct(awsFilter), '[]*aws.Filter'), clusters: strings }, http),
  ec2: schema('aws.plain', { ...awsCommon, filters: listOf(struct(awsFilter), '[]*aws.Filter') }, http),
  ecs: schema('aws.plain', { ...awsCommon, clusters: strings, request_concurrency: int }, http),
  elasticache: schema('aws.plain', { ...awsCommon, clusters: strings, request_concurrency: int }, http),
  lightsail: schema('aws.plain', { ...awsCommon }, http),
  msk: schema('aws.plain', { ...awsCommon, clusters: strings, request_concurrency: int }, http),
  rds: schema('aws.plain', { ...awsCommon, clusters: strings, filters: listOf(struct(awsFilter), '[]*aws.Filter'), request_concurrency: int }, http),
  azure: schema(
    'azure.plain',
    {
      environment: str,
      port: int,
      subscription_id: str,
      tenant_id: str,
      client_id: str,
      client_secret: str,
      refresh_interval: duration,
      authentication_method: str,
      resource_group: str,
    },
    http,
  ),
  consul: schema(
    'consul.plain',
    {
      server: str,
      path_prefix: str,
      token: str,
      datacenter: str,
      namespace: str,
      partition: str,
      tag_separator: str,
      scheme: str,
      username: str,
      password: str,
      allow_stale: bool,
      refresh_interval: duration,
      services: strings,
      tags: strings,
      node_meta: stringMap,
      filter: str,
      health_filter: str,
    },
    http,
  ),
  digitalocean: schema('digitalocean.plain', { refresh_interval: duration, port: int, role: named('digitalocean.Role') }, http),
  dns: schema('dns.plain', { names: strings, refresh_interval: duration, type: str, port: int }),
  eureka: schema('eureka.plain', { server: str, refresh_interval: duration }, http),
  file: schema('file.plain', { files: strings, refresh_interval: duration }),
  gce: schema('gce.plain', { project: str, zone: str, filter: str, refresh_interval: duration, port: int, tag_separator: str }),
  hetzner: schema('hetzner.plain', { refresh_interval: duration, port: int, role: named('hetzner.Role'), label_selector: str }, http),
  http: schema('http.plain', { refresh_interval: duration, url: str }, http),
  ionos: schema('ionos.plain', { datacenter_id: str, refresh_interval: duration, port: int }, http),
  kubernetes: schema(
    'kubernetes.plain',
    {
      api_server: url,
      role: named('kubernetes.Role'),
      kubeconfig_file: str,
      namespaces: struct(schema('kubernetes.plain', { own_namespace: bool, names: strings })),
      selectors: listOf(struct(schema('kubernetes.SelectorConfig', { role: named('kubernetes.Role'), label: str, field: str })), '[]kubernetes.SelectorConfig'),
      attach_metadata: struct(schema('kubernetes.AttachMetadataConfig', { node: bool, namespace: bool, deployment: bool, job: bool, cronjob: bool })),
    },
    http,
  ),
  kuma: schema('xds.plainKumaConf', { refresh_interval: duration, fetch_timeout: duration, server: str, client_id: str }, http),
  linode: schema('linode.plain', { refresh_interval: duration, port: int, tag_separator: str, region: str }, http),
  marathon: schema('marathon.plain', { servers: strings, refresh_interval: duration, auth_token: str, auth_token_file: str }, http),
  docker: schema(
    'moby.plain',
    { host: str, port: int, filters: listOf(struct(mobyFilter), '[]moby.Filter'), host_networking_host: str, refresh_interval: duration, match_first_network: bool },
    http,
  ),
  dockerswarm: schema('moby.plain', { host: str, role: str, port: int, filters: listOf(struct(mobyFilter), '[]moby.Filter'), refresh_interval: duration }, http),
  nomad: schema('nomad.plain', { allow_stale: bool, namespace: str, refresh_interval: duration, region: str, server: str, tag_separator: str }, http),
  oci: schema(
    'oci.plain',
    {
      auth: str,
      tenancy: str,
      user: str,
      fingerprint: str,
      key_file: str,
      key_passphrase: str,
      key_passphrase_file: str,
      region: str,
      compartments: strings,
      port: int,
      refresh_interval: duration,
    },
    http,
  ),
  openstack: schema('openstack.plain', {
    identity_endpoint: str,
    username: str,
    userid: str,
    password: str,
    project_name: str,
    project_id: str,
    domain_name: str,
    domain_id: str,
    application_credential_name: str,
    application_credential_id: str,
    application_credential_secret: str,
    role: named('openstack.Role'),
    region: str,
    refresh_interval: duration,
    port: int,
    all_tenants: bool,
    tls_config: struct(tlsConfigSchema),
    availability: str,
  }),
  outscale: schema(
    'outscale.plain',
    { endpoint: str, region: str, access_key: str, secret_key: str, secret_key_file: str, refresh_interval: duration, port: int },
    http,
  ),
  ovhcloud: schema('ovhcloud.plain', {
    endpoint: str,
    application_key: str,
    application_secret: str,
    consumer_key: str,
    refresh_interval: duration,
    service: str,
  }),
  puppetdb: schema('puppetdb.plain', { refresh_interval: duration, url: str, query: str, include_parameters: bool, port: int }, http),
  scaleway: schema(
    'scaleway.plain',
    {
      project_id: str,
      api_url: str,
      zone: str,
      access_key: str,
      secret_key: str,
      secret_key_file: str,
      name_filter: str,
      tags_filter: strings,
      refresh_interval: duration,
      port: int,
      role: named('scaleway.role'),
    },
    http,
  ),
  stackit: schema(
    'stackit.plain',
    {
      project: str,
      refresh_interval: duration,
      port: int,
      region: str,
      endpoint: str,
      service_account_key: str,
      private_key: str,
      service_account_key_path: str,
      private_key_path: str,
      credentials_file_path: str,
    },
    http,
  ),
  triton: schema('triton.plain', {
    account: str,
    role: str,
    dns_suffix: str,
    endpoint: str,
    groups: strings,
    port: int,
    refresh_interval: duration,
    tls_config: struct(tlsConfigSchema),
    version: int,
  }),
  uyuni: schema('uyuni.plain', { server: str, username: str, password: str, entitlement: str, separator: str, refresh_interval: duration }, http),
  vultr: schema('vultr.plain', { refresh_interval: duration, port: int }, http),
  serverset: schema('zookeeper.plain', { servers: strings, paths: strings, timeout: duration }),
  nerve: schema('zookeeper.plain', { servers: strings, paths: strings, timeout: duration }),
};

/** names of the SD mechanisms; the YAML key is `<name>_sd_configs` except `static_configs` */
export const sdNames = Object.keys(sdSchemas);

export function sdKey(name: string): string {
  return name === 'static' ? 'static_configs' : `${name}_sd_configs`;
}
