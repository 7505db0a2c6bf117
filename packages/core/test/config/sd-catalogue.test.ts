/**
 * The `__meta_*` label catalogue of service discoveries (sd/meta-labels.ts), as read from
 * Prometheus's discovery packages: Kubernetes per role (endpoints carry pod and service labels,
 * attach_metadata adds node/namespace metadata), Consul's exact names, label namespaces of the rest,
 * and no catalogue for discoveries whose labels come from the user (static, file, http).
 */
import { describe, expect, it } from 'vitest';
import { catalogueFor, catalogueHas } from '../../src/sd/meta-labels';

const has = (sd: Parameters<typeof catalogueFor>[0], label: string) => {
  const c = catalogueFor(sd);
  return c ? catalogueHas(c, label) : 'no catalogue';
};

describe('service discovery label catalogue', () => {
  const cases: Array<[string, Parameters<typeof catalogueFor>[0], string, boolean | string]> = [
    ['pod label', { type: 'kubernetes', role: 'pod' }, '__meta_kubernetes_pod_label_app_kubernetes_io_name', true],
    ['pod role has no service labels', { type: 'kubernetes', role: 'pod' }, '__meta_kubernetes_service_name', false],
    ['endpoints carry pod labels', { type: 'kubernetes', role: 'endpoints' }, '__meta_kubernetes_pod_container_port_name', true],
    ['endpoints carry service annotations', { type: 'kubernetes', role: 'endpoints' }, '__meta_kubernetes_service_annotation_prometheus_io_scrape', true],
    ['endpointslice topology', { type: 'kubernetes', role: 'endpointslice' }, '__meta_kubernetes_endpointslice_endpoint_topology_kubernetes_io_zone', true],
    ['node labels only with attach_metadata', { type: 'kubernetes', role: 'pod' }, '__meta_kubernetes_node_label_zone', false],
    ['node labels with attach_metadata.node', { type: 'kubernetes', role: 'pod', attachNode: true }, '__meta_kubernetes_node_label_zone', true],
    ['namespace labels with attach_metadata.namespace', { type: 'kubernetes', role: 'service', attachNamespace: true }, '__meta_kubernetes_namespace_label_team', true],
    ['namespace is always there', { type: 'kubernetes', role: 'ingress' }, '__meta_kubernetes_namespace', true],
    ['ingress path', { type: 'kubernetes', role: 'ingress' }, '__meta_kubernetes_ingress_path', true],
    ['consul exact name', { type: 'consul' }, '__meta_consul_service', true],
    ['consul typo', { type: 'consul' }, '__meta_consul_services', false],
    ['consul service metadata', { type: 'consul' }, '__meta_consul_service_metadata_team', true],
    ['ec2 tags', { type: 'ec2' }, '__meta_ec2_tag_Name', true],
    ['aws role ec2', { type: 'aws', role: 'ec2' }, '__meta_ec2_private_ip', true],
    ['aws role rds is not ec2', { type: 'aws', role: 'rds' }, '__meta_ec2_private_ip', false],
    ['dockerswarm vs docker', { type: 'docker' }, '__meta_dockerswarm_task_id', false],
    ['file_sd: any label', { type: 'file' }, '__meta_anything', 'no catalogue'],
    ['static: any label', { type: 'static' }, '__meta_anything', 'no catalogue'],
  ];
  it.each(cases)('%s', (_n, sd, label, want) => {
    expect(has(sd, label)).toBe(want);
  });
});
