/**
 * promscope's relabel checks beyond Prometheus (warnings/infos): each check fires on the mistake it
 * is about and stays quiet on the correct form.
 */
import { describe, expect, it } from 'vitest';
import { lintRelabelConfigs, type RelabelLintContext } from '../../src/relabel/lint';
import { relabelConfig } from '../../src/relabel/types';

type Fields = Parameters<typeof relabelConfig>[0];
const k8sPod: RelabelLintContext = { stage: 'target', sd: [{ type: 'kubernetes', role: 'pod' }] };

function codes(configs: Fields[], ctx: RelabelLintContext): string[] {
  return lintRelabelConfigs(configs.map(relabelConfig), ctx).map((d) => `${d.severity} ${d.code}: ${d.message}`);
}

describe('relabel lint', () => {
  const cases: Array<[string, Fields[], RelabelLintContext, string, Fields[]]> = [
    [
      'label the SD never sets',
      [{ source_labels: ['__meta_kubernetes_pod_labels_app'], target_label: 'app' }],
      k8sPod,
      'warning relabel/unknown-source-label: __meta_kubernetes_pod_labels_app is never set by kubernetes_sd_configs (role: pod); did you mean __meta_kubernetes_pod_label_app?',
      [{ source_labels: ['__meta_kubernetes_pod_label_app'], target_label: 'app' }],
    ],
    [
      'a role-specific label from another role',
      [{ source_labels: ['__meta_kubernetes_service_name'], target_label: 'service' }],
      k8sPod,
      'warning relabel/unknown-source-label: __meta_kubernetes_service_name is never set by kubernetes_sd_configs (role: pod)',
      [{ source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' }],
    ],
    [
      '__meta in metric relabeling',
      [{ source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' }],
      { stage: 'metric' },
      'warning relabel/meta-in-metric-relabel: __meta_kubernetes_namespace does not exist in metric_relabel_configs',
      [{ source_labels: ['namespace'], target_label: 'ns' }],
    ],
    [
      '$N beyond the groups',
      [{ source_labels: ['a'], regex: '(.*)-x', replacement: '$2', target_label: 'b' }],
      { stage: 'target' },
      'warning relabel/capture-group: $2 refers to capture group 2, but the regex has 1 group: it expands to an empty string',
      [{ source_labels: ['a'], regex: '(.*)-(x)', replacement: '$2', target_label: 'b' }],
    ],
    [
      '$1suffix',
      [{ source_labels: ['a'], regex: '(.*)', replacement: '$1_total', target_label: 'b' }],
      { stage: 'target' },
      'write ${1}_total',
      [{ source_labels: ['a'], regex: '(.*)', replacement: '${1}_total', target_label: 'b' }],
    ],
    ['anchored twice', [{ source_labels: ['a'], regex: '^foo$', action: 'keep' }], { stage: 'target' }, 'info relabel/double-anchor', [{ source_labels: ['a'], regex: 'foo', action: 'keep' }]],
    ['drop everything', [{ source_labels: ['a'], regex: '.*', action: 'drop' }], { stage: 'target' }, 'warning relabel/regex-matches-all: this drop matches every value', [{ source_labels: ['a'], regex: '.+', action: 'drop' }]],
    [
      'keep that can never match',
      [{ source_labels: ['__meta_consul_tagz'], regex: '.*,prod,.*', action: 'keep' }],
      { stage: 'target', sd: [{ type: 'consul' }] },
      'warning relabel/keep-never-matches: this keep can never match',
      [{ source_labels: ['__meta_consul_tags'], regex: '.*,prod,.*', action: 'keep' }],
    ],
    [
      'keep on a removed label',
      [
        { action: 'labeldrop', regex: 'env' },
        { source_labels: ['env'], regex: 'prod', action: 'keep' },
      ],
      { stage: 'target' },
      'warning relabel/label-removed: env was removed by step 1 (labeldrop)',
      [
        { source_labels: ['env'], regex: 'prod', action: 'keep' },
        { action: 'labeldrop', regex: 'env' },
      ],
    ],
    [
      'labelmap to __ names',
      [{ action: 'labelmap', regex: '__meta_kubernetes_pod_label_(.+)', replacement: '__tmp_$1' }],
      k8sPod,
      'warning relabel/labelmap-reserved',
      [{ action: 'labelmap', regex: '__meta_kubernetes_pod_label_(.+)', replacement: '$1' }],
    ],
    [
      '__address__ without a port',
      [{ source_labels: ['__meta_kubernetes_pod_ip'], target_label: '__address__' }],
      k8sPod,
      'warning relabel/address-without-port',
      [{ source_labels: ['__meta_kubernetes_pod_ip'], target_label: '__address__', replacement: '$1:9100' }],
    ],
    [
      '__name__ at target stage',
      [{ source_labels: ['__name__'], regex: 'go_.*', action: 'drop' }],
      { stage: 'target' },
      'warning relabel/name-in-target-relabel',
      [{ source_labels: ['job'], regex: 'go', action: 'drop' }],
    ],
    [
      'labelkeep without __name__ in metric relabeling',
      [{ action: 'labelkeep', regex: 'job|instance|pod' }],
      { stage: 'metric' },
      'warning relabel/drops-core-label: this labelkeep removes __name__: the series loses its metric name',
      [{ action: 'labelkeep', regex: '__name__|job|instance|pod' }],
    ],
    [
      'labeldrop of __address__ at the target stage',
      [{ action: 'labeldrop', regex: '__.*' }],
      { stage: 'target' },
      'warning relabel/drops-core-label: this labeldrop removes __address__',
      [{ action: 'labeldrop', regex: '__tmp_.*' }],
    ],
  ];
  it.each(cases)('%s', (_n, bad, ctx, want, good) => {
    expect(codes(bad, ctx).some((c) => c.includes(want)), codes(bad, ctx).join('\n')).toBe(true);
    expect(codes(good, ctx)).toEqual([]);
  });

  it('file_sd and static targets may carry any __meta_ label', () => {
    expect(codes([{ source_labels: ['__meta_custom'], target_label: 'x' }], { stage: 'target', sd: [{ type: 'file' }] })).toEqual([]);
  });
});
