/**
 * parseGoTemplate: tree shape and ranges for the tricky lexing cases, references for the
 * label-flow checks, and Alertmanager's function map.
 */
import { describe, expect, test } from 'vitest';
import {
  ALERTMANAGER_DEFAULT_TEMPLATES,
  ALERTMANAGER_TEMPLATE_FUNCS,
  parseGoTemplate,
  PROMETHEUS_RULE_TEMPLATE_VARIABLES,
  PROMETHEUS_TEMPLATE_FUNCS,
  type TemplateNode,
} from '../../src/template';

const PROM = { funcs: PROMETHEUS_TEMPLATE_FUNCS, predeclared: PROMETHEUS_RULE_TEMPLATE_VARIABLES };

/** the source text of each top-level node, tagged with its kind */
function shape(text: string, nodes: TemplateNode[]): string[] {
  return nodes.map((n) => `${n.kind}:${text.slice(n.range.start, n.range.end)}`);
}

describe('lexing: what is text and what is an action', () => {
  test.each([
    ['a {{ "}}" }} b', ['text:a ', 'action:{{ "}}" }}', 'text: b']],
    ['{{ `x }} {{ y` }}!', ['action:{{ `x }} {{ y` }}', 'text:!']],
    ['a {{/* }} */}} b', ['text:a ', 'text: b']],
    ['a  \n {{- 1 -}} \n b', ['text:a', 'action:{{- 1 -}}', 'text:b']],
    ['a {{- /* c */ -}} b', ['text:a', 'text:b']],
    ['{{-3}}', ['action:{{-3}}']],
    ['{{ "a" }}{{ \'b\' }}', ['action:{{ "a" }}', "action:{{ 'b' }}"]],
    ['x {{ printf "%s"\n  $value }} y', ['text:x ', 'action:{{ printf "%s"\n  $value }}', 'text: y']],
    ['{ {x} } }}', ['text:{ {x} } }}']],
  ])('%j', (text, expected) => {
    const r = parseGoTemplate(text, PROM);
    expect(r.diagnostics).toEqual([]);
    expect(shape(text, r.nodes)).toEqual(expected);
  });
});

describe('tree', () => {
  test('if / else if / else nests like Go', () => {
    const text = '{{ if .A }}a{{ else if .B }}b{{ else }}c{{ end }}';
    const [n] = parseGoTemplate(text, PROM).nodes;
    expect(n).toMatchObject({ kind: 'if', range: { start: 0, end: text.length } });
    if (n?.kind !== 'if') throw new Error('not an if');
    expect(text.slice(n.keywordRange.start, n.keywordRange.end)).toBe('if');
    expect(n.elseList).toHaveLength(1);
    const inner = n.elseList![0]!;
    expect(inner.kind).toBe('if');
    if (inner.kind !== 'if') throw new Error('not an if');
    expect(text.slice(inner.range.start, inner.range.end)).toBe('{{ else if .B }}b{{ else }}c{{ end }}');
    expect(inner.elseList?.map((x) => text.slice(x.range.start, x.range.end))).toEqual(['c']);
  });

  test('pipelines, declarations, fields and chains', () => {
    const text = '{{ $x := (index $labels "a").b | printf "%s" }}';
    const [n] = parseGoTemplate(text, PROM).nodes;
    if (n?.kind !== 'action') throw new Error('not an action');
    expect(n.pipe.decl.map((d) => d.segments[0]!.name)).toEqual(['$x']);
    expect(n.pipe.cmds.map((c) => text.slice(c.range.start, c.range.end))).toEqual(['(index $labels "a").b', 'printf "%s"']);
    const chain = n.pipe.cmds[0]!.args[0]!;
    expect(chain.kind).toBe('chain');
    if (chain.kind !== 'chain') throw new Error('not a chain');
    expect(chain.fields.map((f) => f.name)).toEqual(['b']);
    expect(chain.node.kind).toBe('pipe');
  });

  test('define and block bodies are kept, with their names', () => {
    const text = '{{ define "a" }}x{{ end }}{{ block `b` . }}y{{ end }}';
    const r = parseGoTemplate(text, PROM);
    expect(r.nodes.map((n) => (n.kind === 'define' || n.kind === 'block' ? `${n.kind} ${n.name}` : n.kind))).toEqual([
      'define a',
      'block b',
    ]);
  });

  test('on error, the top-level nodes before it are kept', () => {
    const r = parseGoTemplate('ok {{ $labels.job }} then {{ nope }}', PROM);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.refs.labels.map((l) => l.name)).toEqual(['job']);
  });

  test('Go builtins are always available; others only when installed', () => {
    expect(parseGoTemplate('{{ printf "%v" (len .) }}', { funcs: new Set() }).diagnostics).toEqual([]);
    expect(parseGoTemplate('{{ humanize 1 }}', { funcs: new Set() }).diagnostics[0]?.message).toBe(
      'function "humanize" not defined',
    );
  });

  test('a function named break makes `break` an identifier (as in Go)', () => {
    expect(parseGoTemplate('{{ break }}', { funcs: new Set(['break']) }).diagnostics).toEqual([]);
  });
});

describe('references', () => {
  function refs(text: string) {
    const r = parseGoTemplate(text, PROM);
    expect(r.diagnostics).toEqual([]);
    return r.refs;
  }
  const at = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

  test('label references in all their spellings, with the range of the name', () => {
    const text =
      '{{ $labels.job }} {{ .Labels.instance }} {{ $.Labels.pod }} {{ index $labels "namespace" }} {{ index .Labels `x` }} {{ $labels.a.b }}';
    const r = refs(text);
    expect(r.labels.map((l) => [l.name, l.via, at(text, l.range)])).toEqual([
      ['job', 'variable', 'job'],
      ['instance', 'field', 'instance'],
      ['pod', 'variable', 'pod'],
      ['namespace', 'index', 'namespace'],
      ['x', 'index', 'x'],
      ['a', 'variable', 'a'],
    ]);
  });

  test('inside with/range the dot is something else: .Labels there is not the alert', () => {
    const r = refs('{{ with .Labels }}{{ .foo }}{{ end }}{{ range query "up" }}{{ .Labels.job }}{{ else }}{{ .Labels.x }}{{ end }}');
    expect(r.labels.map((l) => l.name)).toEqual(['x']);
  });

  test('$labels keeps meaning the alert labels inside with/range', () => {
    const r = refs('{{ range query "up" }}{{ $labels.job }}{{ end }}');
    expect(r.labels.map((l) => l.name)).toEqual(['job']);
  });

  test('$value / .Value / $.Value', () => {
    const text = '{{ $value }} {{ .Value }} {{ $.Value | humanize }} {{ with .X }}{{ .Value }}{{ end }}';
    expect(refs(text).values.map((v) => at(text, v))).toEqual(['$value', 'Value', 'Value']);
  });

  test('external labels', () => {
    const text = '{{ $externalLabels.cluster }} {{ .ExternalLabels.region }} {{ index $externalLabels "dc" }}';
    expect(refs(text).externalLabels.map((l) => l.name)).toEqual(['cluster', 'region', 'dc']);
  });

  test('template calls, definitions and functions', () => {
    const text = '{{ define "a" }}{{ end }}{{ template "a" . }}{{ block "b" . }}{{ toUpper "x" }}{{ end }}';
    const r = refs(text);
    expect(r.definitions.map((d) => [d.name, at(text, d.range)])).toEqual([
      ['a', 'a'],
      ['b', 'b'],
    ]);
    expect(r.templateCalls.map((d) => d.name)).toEqual(['a', 'b']);
    expect(r.functions.map((f) => f.name)).toEqual(['toUpper']);
  });
});

describe('Alertmanager', () => {
  const AM = { funcs: ALERTMANAGER_TEMPLATE_FUNCS };

  test('a typical notification template parses with Alertmanager functions', () => {
    const text = `{{ define "slack.custom.text" }}{{ range .Alerts.Firing }}*{{ .Labels.alertname | toUpper }}* {{ .Annotations.summary | trimSpace }}
{{ .StartsAt | since | humanizeDuration }} {{ join ", " (stringSlice "a" "b") }} {{ tz "UTC" .StartsAt | date "15:04" }}
{{ end }}{{ template "__subject" . }}{{ end }}`;
    const r = parseGoTemplate(text, AM);
    expect(r.diagnostics).toEqual([]);
    expect(r.refs.definitions.map((d) => d.name)).toEqual(['slack.custom.text']);
    expect(r.refs.templateCalls.map((d) => d.name)).toEqual(['__subject']);
    expect(ALERTMANAGER_DEFAULT_TEMPLATES.has('__subject')).toBe(true);
  });

  test("Prometheus's functions are not Alertmanager's", () => {
    expect(parseGoTemplate('{{ humanize 1 }}', AM).diagnostics[0]?.message).toBe('function "humanize" not defined');
    expect(parseGoTemplate('{{ trimSpace "x" }}', PROM).diagnostics[0]?.message).toBe('function "trimSpace" not defined');
  });

  test('default template names include every integration', () => {
    for (const name of ['slack.default.title', 'wechat.default.message', 'email.default.html', 'msteamsv2.default.text']) {
      expect(ALERTMANAGER_DEFAULT_TEMPLATES.has(name)).toBe(true);
    }
  });
});
