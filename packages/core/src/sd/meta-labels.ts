/**
 * Catalogue of the `__meta_*` labels each service discovery attaches to its targets (read from
 * Prometheus's discovery/* packages), so promscope can tell when a relabel rule reads a label the
 * job's discovery never produces. Kubernetes is catalogued per role (including the pod/service/node
 * labels that endpoints and endpointslice targets carry); other mechanisms by their label namespace.
 */

export interface MetaCatalogue {
  /** exact label names */
  names: Set<string>;
  /** name prefixes (`__meta_kubernetes_pod_label_`) */
  prefixes: string[];
}

const K = '__meta_kubernetes_';

function objectMeta(resource: string): { names: string[]; prefixes: string[] } {
  return {
    names: [`${K}${resource}_name`],
    prefixes: [`${K}${resource}_label_`, `${K}${resource}_labelpresent_`, `${K}${resource}_annotation_`, `${K}${resource}_annotationpresent_`],
  };
}
function labelsAndAnnotations(resource: string): string[] {
  return objectMeta(resource).prefixes;
}

const pod = {
  names: [
    ...objectMeta('pod').names,
    ...[
      'pod_ip',
      'pod_container_name',
      'pod_container_id',
      'pod_container_image',
      'pod_container_port_name',
      'pod_container_port_number',
      'pod_container_port_protocol',
      'pod_container_init',
      'pod_ready',
      'pod_phase',
      'pod_node_name',
      'pod_host_ip',
      'pod_uid',
      'pod_controller_kind',
      'pod_controller_name',
      'pod_cronjob_name',
      'pod_deployment_name',
      'pod_job_name',
    ].map((n) => K + n),
  ],
  prefixes: labelsAndAnnotations('pod'),
};
const service = {
  names: [
    ...objectMeta('service').names,
    ...['service_port_name', 'service_port_number', 'service_port_protocol', 'service_cluster_ip', 'service_loadbalancer_ip', 'service_external_name', 'service_type'].map(
      (n) => K + n,
    ),
  ],
  prefixes: labelsAndAnnotations('service'),
};
const node = {
  names: [...objectMeta('node').names, K + 'node_provider_id'],
  prefixes: [...labelsAndAnnotations('node'), K + 'node_address_', K + 'node_condition_'],
};
const endpoints = {
  names: [
    ...objectMeta('endpoints').names,
    ...[
      'endpoint_hostname',
      'endpoint_node_name',
      'endpoint_ready',
      'endpoint_port_name',
      'endpoint_port_protocol',
      'endpoint_address_target_kind',
      'endpoint_address_target_name',
    ].map((n) => K + n),
  ],
  prefixes: labelsAndAnnotations('endpoints'),
};
const endpointslice = {
  names: [
    ...objectMeta('endpointslice').names,
    ...[
      'endpointslice_address_type',
      'endpointslice_port_name',
      'endpointslice_port_protocol',
      'endpointslice_port',
      'endpointslice_port_app_protocol',
      'endpointslice_endpoint_conditions_ready',
      'endpointslice_endpoint_conditions_serving',
      'endpointslice_endpoint_conditions_terminating',
      'endpointslice_endpoint_zone',
      'endpointslice_endpoint_hostname',
      'endpointslice_endpoint_node_name',
      'endpointslice_address_target_kind',
      'endpointslice_address_target_name',
    ].map((n) => K + n),
  ],
  prefixes: [...labelsAndAnnotations('endpointslice'), K + 'endpointslice_endpoint_topology_', K + 'endpointslice_endpoint_topology_present_'],
};
const ingress = {
  names: [...objectMeta('ingress').names, ...['ingress_scheme', 'ingress_host', 'ingress_path', 'ingress_class_name'].map((n) => K + n)],
  prefixes: labelsAndAnnotations('ingress'),
};
const namespaceMeta = { names: [] as string[], prefixes: labelsAndAnnotations('namespace') };

type Part = { names: string[]; prefixes: string[] };

function merge(...parts: Part[]): MetaCatalogue {
  const names = new Set<string>([K + 'namespace']);
  const prefixes: string[] = [];
  for (const p of parts) {
    p.names.forEach((n) => names.add(n));
    prefixes.push(...p.prefixes);
  }
  return { names, prefixes };
}

/** the labels a Kubernetes role produces; attach_metadata adds node / namespace metadata */
export function kubernetesCatalogue(role: string, attach: { node?: boolean; namespace?: boolean } = {}): MetaCatalogue | null {
  const extra: Part[] = [];
  if (attach.namespace) extra.push(namespaceMeta);
  switch (role) {
    case 'pod':
      return merge(pod, ...(attach.node ? [node] : []), ...extra);
    case 'service':
      return merge(service, ...extra);
    case 'node':
      return merge(node, ...extra);
    case 'endpoints':
      return merge(endpoints, pod, service, ...(attach.node ? [node] : []), ...extra);
    case 'endpointslice':
      return merge(endpointslice, pod, service, ...(attach.node ? [node] : []), ...extra);
    case 'ingress':
      return merge(ingress, ...extra);
    default:
      return null;
  }
}

const C = '__meta_consul_';
const consul: MetaCatalogue = {
  names: new Set(
    ['address', 'node', 'tags', 'service', 'health', 'service_address', 'service_port', 'dc', 'namespace', 'partition', 'service_id'].map((n) => C + n),
  ),
  prefixes: [C + 'metadata_', C + 'service_metadata_', C + 'tagged_address_'],
};

/** label namespaces of the other mechanisms (SD name or AWS role → prefix) */
const namespaces: Record<string, string[]> = {
  ec2: ['__meta_ec2_'],
  ecs: ['__meta_ecs_'],
  elasticache: ['__meta_elasticache_'],
  lightsail: ['__meta_lightsail_'],
  msk: ['__meta_msk_'],
  rds: ['__meta_rds_'],
  azure: ['__meta_azure_'],
  digitalocean: ['__meta_digitalocean_'],
  dns: ['__meta_dns_'],
  eureka: ['__meta_eureka_'],
  gce: ['__meta_gce_'],
  hetzner: ['__meta_hetzner_'],
  ionos: ['__meta_ionos_'],
  kuma: ['__meta_kuma_'],
  linode: ['__meta_linode_'],
  marathon: ['__meta_marathon_'],
  docker: ['__meta_docker_'],
  dockerswarm: ['__meta_dockerswarm_'],
  nomad: ['__meta_nomad_'],
  oci: ['__meta_oci_'],
  openstack: ['__meta_openstack_'],
  outscale: ['__meta_outscale_'],
  ovhcloud: ['__meta_ovhcloud_'],
  puppetdb: ['__meta_puppetdb_'],
  scaleway: ['__meta_scaleway_'],
  stackit: ['__meta_stackit_'],
  triton: ['__meta_triton_'],
  uyuni: ['__meta_uyuni_'],
  vultr: ['__meta_vultr_'],
  serverset: ['__meta_serverset_'],
  nerve: ['__meta_nerve_'],
};

export interface SDInstance {
  type: string;
  role?: string;
  attachNode?: boolean;
  attachNamespace?: boolean;
}

/**
 * The catalogue for one SD block, or null when its targets may carry arbitrary labels
 * (static, file, http: labels come from the user or the endpoint).
 */
export function catalogueFor(sd: SDInstance): MetaCatalogue | null {
  if (sd.type === 'kubernetes') return kubernetesCatalogue(sd.role ?? '', { node: sd.attachNode, namespace: sd.attachNamespace });
  if (sd.type === 'consul') return consul;
  if (sd.type === 'aws') return sd.role && namespaces[sd.role] ? { names: new Set(), prefixes: namespaces[sd.role] } : null;
  const ns = namespaces[sd.type];
  return ns ? { names: new Set(), prefixes: ns } : null;
}

export function catalogueHas(c: MetaCatalogue, label: string): boolean {
  if (c.names.has(label)) return true;
  return c.prefixes.some((p) => label.startsWith(p) && label.length > p.length);
}

/** every exact name in a catalogue plus its prefixes (for suggestions and completion) */
export function catalogueEntries(c: MetaCatalogue): string[] {
  return [...c.names, ...c.prefixes.map((p) => p + '*')];
}
