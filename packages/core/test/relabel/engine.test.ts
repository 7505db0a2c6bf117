/**
 * The relabel engine against the cases of Prometheus's model/relabel/relabel_test.go (TestRelabel,
 * commit d15adb9a, transcribed as a table: input labels, relabel configs with the YAML field names,
 * expected output or drop). As in that test, unset fields take Prometheus's defaults and names are
 * validated with UTF-8 rules.
 */
import { describe, expect, it } from 'vitest';
import { processRelabel } from '../../src/relabel/engine';
import { relabelConfig, type RelabelAction } from '../../src/relabel/types';
import { validateRelabelConfig } from '../../src/relabel/validate';

interface Case {
  input: Record<string, string>;
  relabel: Array<{ source_labels?: string[]; separator?: string; regex?: string; modulus?: number; target_label?: string; replacement?: string; action?: string }>;
  output?: Record<string, string>;
  drop?: boolean;
}

const cases: Case[] = [
  {
    input: { a: "foo", b: "bar", c: "baz" },
    relabel: [
      { source_labels: ["a"], regex: "f(.*)", target_label: "d", separator: ";", replacement: "ch${1}-ch${1}", action: "replace" },
    ],
    output: { a: "foo", b: "bar", c: "baz", d: "choo-choo" },
  },
  {
    input: { a: "foo", b: "bar", c: "baz" },
    relabel: [
      { source_labels: ["a", "b"], regex: "f(.*);(.*)r", target_label: "a", separator: ";", replacement: "b${1}${2}m", action: "replace" },
      { source_labels: ["c", "a"], regex: "(b).*b(.*)ba(.*)", target_label: "d", separator: ";", replacement: "$1$2$2$3", action: "replace" },
    ],
    output: { a: "boobam", b: "bar", c: "baz", d: "boooom" },
  },
  {
    input: { a: "foo" },
    relabel: [
      { source_labels: ["a"], regex: ".*o.*", action: "drop" },
      { source_labels: ["a"], regex: "f(.*)", target_label: "d", separator: ";", replacement: "ch$1-ch$1", action: "replace" },
    ],
    drop: true,
  },
  {
    input: { a: "foo", b: "bar" },
    relabel: [
      { source_labels: ["a"], regex: ".*o.*", action: "drop" },
    ],
    drop: true,
  },
  {
    input: { a: "abc" },
    relabel: [
      { source_labels: ["a"], regex: ".*(b).*", target_label: "d", separator: ";", replacement: "$1", action: "replace" },
    ],
    output: { a: "abc", d: "b" },
  },
  {
    input: { a: "foo" },
    relabel: [
      { source_labels: ["a"], regex: "no-match", action: "drop" },
    ],
    output: { a: "foo" },
  },
  {
    input: { a: "foo" },
    relabel: [
      { source_labels: ["a"], regex: "f|o", action: "drop" },
    ],
    output: { a: "foo" },
  },
  {
    input: { a: "foo" },
    relabel: [
      { source_labels: ["a"], regex: "no-match", action: "keep" },
    ],
    drop: true,
  },
  {
    input: { a: "foo" },
    relabel: [
      { source_labels: ["a"], regex: "f.*", action: "keep" },
    ],
    output: { a: "foo" },
  },
  {
    input: { a: "boo" },
    relabel: [
      { source_labels: ["a"], regex: "f", target_label: "b", replacement: "bar", action: "replace" },
    ],
    output: { a: "boo" },
  },
  {
    input: { a: "foo", f: "baz" },
    relabel: [
      { source_labels: ["a"], regex: "(f).*", target_label: "$1", replacement: "$2", action: "replace" },
    ],
    output: { a: "foo" },
  },
  {
    input: { a: "foo", b: "bar", c: "baz" },
    relabel: [
      { source_labels: ["c"], target_label: "d", separator: ";", action: "hashmod", modulus: 1000 },
    ],
    output: { a: "foo", b: "bar", c: "baz", d: "976" },
  },
  {
    input: { a: "foo\nbar" },
    relabel: [
      { source_labels: ["a"], target_label: "b", separator: ";", action: "hashmod", modulus: 1000 },
    ],
    output: { a: "foo\nbar", b: "734" },
  },
  {
    input: { a: "foo", b1: "bar", b2: "baz" },
    relabel: [
      { regex: "(b.*)", replacement: "bar_${1}", action: "labelmap" },
    ],
    output: { a: "foo", b1: "bar", b2: "baz", bar_b1: "bar", bar_b2: "baz" },
  },
  {
    input: { a: "foo", __meta_my_bar: "aaa", __meta_my_baz: "bbb", __meta_other: "ccc" },
    relabel: [
      { regex: "__meta_(my.*)", replacement: "${1}", action: "labelmap" },
    ],
    output: { a: "foo", __meta_my_bar: "aaa", __meta_my_baz: "bbb", __meta_other: "ccc", my_bar: "aaa", my_baz: "bbb" },
  },
  {
    input: { a: "some-name-value" },
    relabel: [
      { source_labels: ["a"], regex: "some-([^-]+)-([^,]+)", action: "replace", replacement: "${2}", target_label: "${1}" },
    ],
    output: { a: "some-name-value", name: "value" },
  },
  {
    input: { a: "some-name-value" },
    relabel: [
      { source_labels: ["a"], regex: "some-([^-]+)-([^,]+)", action: "replace", replacement: "${3}", target_label: "${1}" },
    ],
    output: { a: "some-name-value" },
  },
  {
    input: { a: "some-name-0" },
    relabel: [
      { source_labels: ["a"], regex: "some-([^-]+)-([^,]+)", action: "replace", replacement: "${1}", target_label: "${3}" },
      { source_labels: ["a"], regex: "some-([^-]+)-([^,]+)", action: "replace", replacement: "${1}", target_label: "${3}" },
      { source_labels: ["a"], regex: "some-([^-]+)(-[^,]+)", action: "replace", replacement: "${1}", target_label: "${3}" },
    ],
    output: { a: "some-name-0" },
  },
  {
    input: { __meta_sd_tags: "path:/secret,job:some-job,label:foo=bar" },
    relabel: [
      { source_labels: ["__meta_sd_tags"], regex: "(?:.+,|^)path:(/[^,]+).*", action: "replace", replacement: "${1}", target_label: "__metrics_path__" },
      { source_labels: ["__meta_sd_tags"], regex: "(?:.+,|^)job:([^,]+).*", action: "replace", replacement: "${1}", target_label: "job" },
      { source_labels: ["__meta_sd_tags"], regex: "(?:.+,|^)label:([^=]+)=([^,]+).*", action: "replace", replacement: "${2}", target_label: "${1}" },
    ],
    output: { __meta_sd_tags: "path:/secret,job:some-job,label:foo=bar", __metrics_path__: "/secret", job: "some-job", foo: "bar" },
  },
  {
    input: { __meta_kubernetes_pod_container_port_name: "foo", __meta_kubernetes_pod_annotation_XXX_metrics_port: "9091" },
    relabel: [
      { regex: "^__meta_kubernetes_pod_container_port_name$", action: "labeldrop" },
      { source_labels: ["__meta_kubernetes_pod_annotation_XXX_metrics_port"], regex: "(.+)", action: "replace", replacement: "metrics", target_label: "__meta_kubernetes_pod_container_port_name" },
      { source_labels: ["__meta_kubernetes_pod_container_port_name"], regex: "^metrics$", action: "keep" },
    ],
    output: { __meta_kubernetes_pod_annotation_XXX_metrics_port: "9091", __meta_kubernetes_pod_container_port_name: "metrics" },
  },
  {
    input: { a: "foo", b1: "bar", b2: "baz" },
    relabel: [
      { regex: "(b.*)", action: "labelkeep" },
    ],
    output: { b1: "bar", b2: "baz" },
  },
  {
    input: { a: "foo", b1: "bar", b2: "baz" },
    relabel: [
      { regex: "(b.*)", action: "labeldrop" },
    ],
    output: { a: "foo" },
  },
  {
    input: { foo: "bAr123Foo" },
    relabel: [
      { source_labels: ["foo"], action: "uppercase", target_label: "foo_uppercase" },
      { source_labels: ["foo"], action: "lowercase", target_label: "foo_lowercase" },
    ],
    output: { foo: "bAr123Foo", foo_lowercase: "bar123foo", foo_uppercase: "BAR123FOO" },
  },
  {
    input: { __tmp_port: "1234", __port1: "1234", __port2: "5678" },
    relabel: [
      { source_labels: ["__tmp_port"], action: "keepequal", target_label: "__port1" },
    ],
    output: { __tmp_port: "1234", __port1: "1234", __port2: "5678" },
  },
  {
    input: { __tmp_port: "1234", __port1: "1234", __port2: "5678" },
    relabel: [
      { source_labels: ["__tmp_port"], action: "dropequal", target_label: "__port1" },
    ],
    drop: true,
  },
  {
    input: { __tmp_port: "1234", __port1: "1234", __port2: "5678" },
    relabel: [
      { source_labels: ["__tmp_port"], action: "dropequal", target_label: "__port2" },
    ],
    output: { __tmp_port: "1234", __port1: "1234", __port2: "5678" },
  },
  {
    input: { __tmp_port: "1234", __port1: "1234", __port2: "5678" },
    relabel: [
      { source_labels: ["__tmp_port"], action: "keepequal", target_label: "__port2" },
    ],
    drop: true,
  },
  {
    input: { a: "line1\nline2", b: "bar", c: "baz" },
    relabel: [
      { source_labels: ["a"], regex: "line1.*line2", target_label: "d", separator: ";", replacement: "match${1}", action: "replace" },
    ],
    output: { a: "line1\nline2", b: "bar", c: "baz", d: "match" },
  },
  {
    input: { "utf-8.label": "line1\nline2", b: "bar", c: "baz" },
    relabel: [
      { source_labels: ["utf-8.label"], regex: "line1.*line2", target_label: "d", separator: ";", replacement: "match${1}", action: "replace" },
    ],
    output: { "utf-8.label": "line1\nline2", b: "bar", c: "baz", d: "match" },
  },
  {
    input: { a: "line1\nline2", b: "bar", c: "baz" },
    relabel: [
      { source_labels: ["a"], regex: "line1.*line2", target_label: "utf-8.label", separator: ";", replacement: "match${1}", action: "replace" },
    ],
    output: { a: "line1\nline2", b: "bar", c: "baz", "utf-8.label": "match" },
  },
  {
    input: { a: "line1\nline2", b: "bar", c: "baz" },
    relabel: [
      { source_labels: ["a"], regex: "line1.*line2", target_label: "utf-8.label${1}", separator: ";", replacement: "match${1}", action: "replace" },
    ],
    output: { a: "line1\nline2", b: "bar", c: "baz", "utf-8.label": "match" },
  },
  {
    input: { a: "line1\nline2", b: "bar", c: "baz" },
    relabel: [
      { source_labels: ["a"], regex: "(line1).*(?<second>line2)", target_label: "label1_${1}", separator: ";", replacement: "val_${second}", action: "replace" },
      { source_labels: ["a"], regex: "(line1).*(?<second>line2)", target_label: "label2_$1", separator: ";", replacement: "val_$second", action: "replace" },
    ],
    output: { a: "line1\nline2", b: "bar", c: "baz", label1_line1: "val_line2", label2_line1: "val_line2" },
  },
  {
    input: { __name__: "http_requests_total" },
    relabel: [
      { source_labels: ["__name__"], regex: ".*_total$", target_label: "__type__", replacement: "counter", action: "replace" },
    ],
    output: { __name__: "http_requests_total", __type__: "counter" },
  },
  {
    input: { __name__: "disk_usage_bytes" },
    relabel: [
      { source_labels: ["__name__"], regex: ".*_bytes$", target_label: "__unit__", replacement: "bytes", action: "replace" },
    ],
    output: { __name__: "disk_usage_bytes", __unit__: "bytes" },
  },
];

describe('relabel engine: Prometheus TestRelabel cases', () => {
  it.each(cases.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    const configs = c.relabel.map((r) =>
      relabelConfig({
        ...r,
        // Go's test treats an empty regex/replacement/separator as "use the default"
        regex: r.regex === '' ? undefined : r.regex,
        replacement: r.replacement === '' ? undefined : r.replacement,
        separator: r.separator === '' ? undefined : r.separator,
        action: (r.action ?? 'replace') as RelabelAction,
      }),
    );
    for (const cfg of configs) expect(validateRelabelConfig(cfg, 'utf8')).toBeNull();
    const res = processRelabel(c.input, configs, { scheme: 'utf8' });
    expect(res.keep).toBe(!c.drop);
    if (!c.drop) expect(res.labels).toEqual(sortKeys(c.output ?? {}));
  });
});

describe('relabel engine: step trace', () => {
  it('records which step dropped the target', () => {
    const res = processRelabel({ __address__: 'db:9100', job: 'node' }, [
      relabelConfig({ source_labels: ['__address__'], regex: '(.*):\\d+', target_label: 'host', replacement: '$1' }),
      relabelConfig({ source_labels: ['host'], regex: 'db', action: 'drop' }),
    ]);
    expect(res.keep).toBe(false);
    expect(res.droppedBy).toBe(1);
    expect(res.steps[0].after).toEqual({ __address__: 'db:9100', host: 'db', job: 'node' });
  });
});

function sortKeys(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
