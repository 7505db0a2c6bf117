/**
 * Rule templates: the table in ./cases.ts (checked against Prometheus's parser) run through
 * checkRuleTemplate, plus Prometheus's framing, label vs annotation, and expansion warnings.
 */
import { describe, expect, test } from 'vitest';
import { checkRuleTemplate, parseGoTemplate, PROMETHEUS_TEMPLATE_FUNCS } from '../../src/template';
import { INVALID, type TemplateCase, VALID } from './cases';

function span(text: string, at: TemplateCase['at']): { start: number; end: number } {
  const [needle, nth] = typeof at === 'string' ? [at, 1] : at!;
  let i = -1;
  for (let k = 0; k < nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`test bug: ${JSON.stringify(needle)} #${nth} not in ${JSON.stringify(text)}`);
  }
  return { start: i, end: i + needle.length };
}

describe('valid templates load in Prometheus: no diagnostics', () => {
  test.each(VALID.map((c) => [c.text, c] as const))('%j', (_, c) => {
    const r = checkRuleTemplate(c.text, { alertName: 'Foo', kind: 'annotation', key: 'summary' });
    expect(r.diagnostics).toEqual([]);
  });
});

describe('invalid templates: Prometheus message, line and culprit', () => {
  test.each(INVALID.map((c) => [c.text, c] as const))('%j', (_, c) => {
    const r = checkRuleTemplate(c.text, { alertName: 'Foo', kind: 'annotation', key: 'summary' });
    const line = c.line ?? 1;
    expect(r.diagnostics.map(({ notes: _hints, ...d }) => d)).toEqual([
      {
        code: 'rules/template',
        severity: 'error',
        range: span(c.text, c.at),
        message: `annotation "summary": template: __alert_Foo:${line}: ${c.error}`,
      },
    ]);
    expect(r.error).toMatchObject({ message: c.error, line, goError: `template: __alert_Foo:${line}: ${c.error}` });
  });
});

describe('framing', () => {
  test('labels are checked like annotations, with a `label` prefix', () => {
    const r = checkRuleTemplate('{{ $value | nope }}', { alertName: 'HighLatency', kind: 'label', key: 'severity' });
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'label "severity": template: __alert_HighLatency:1: function "nope" not defined',
    ]);
  });

  test('without a key, the message is Go error alone', () => {
    const r = checkRuleTemplate('{{ nope }}', { alertName: 'A', kind: 'annotation' });
    expect(r.diagnostics[0]!.message).toBe('template: __alert_A:1: function "nope" not defined');
  });

  test('keys are quoted as Go quotes them', () => {
    const r = checkRuleTemplate('{{ nope }}', { alertName: 'A', kind: 'annotation', key: 'say "hi"' });
    expect(r.diagnostics[0]!.message).toBe('annotation "say \\"hi\\"": template: __alert_A:1: function "nope" not defined');
  });

  test('the header variables are in scope; nothing else is', () => {
    const ok = checkRuleTemplate('{{ $labels }}{{ $externalLabels }}{{ $externalURL }}{{ $value }}{{ $ }}', {
      alertName: 'A',
      kind: 'annotation',
    });
    expect(ok.diagnostics).toEqual([]);
    const bad = checkRuleTemplate('{{ $externalUrl }}', { alertName: 'A', kind: 'annotation' });
    expect(bad.error?.message).toBe('undefined variable "$externalUrl"');
  });

  test('without the header, a blank top level may be redefined (Go only rejects two non-empty trees)', () => {
    const text = '{{ define "t" }}x{{ end }}';
    expect(parseGoTemplate(text, { funcs: PROMETHEUS_TEMPLATE_FUNCS, name: 't' }).diagnostics).toEqual([]);
    expect(
      parseGoTemplate(text, { funcs: PROMETHEUS_TEMPLATE_FUNCS, name: 't', rootNonEmpty: true }).diagnostics[0]?.message,
    ).toBe('template: multiple definition of template "t"');
  });
});

describe('hints (notes) on the usual mistakes', () => {
  test.each([
    ['{{ $label.instance }}', 'did you mean "$labels"?'],
    ['{{ $externalLabel.cluster }}', 'did you mean "$externalLabels"?'],
    ['{{ $value | humanizePercent }}', 'did you mean "humanizePercentage"?'],
    ['{{ $value | humanise }}', 'did you mean "humanize"?'],
    ['{{ toupper $labels.job }}', 'did you mean "toUpper"?'],
    ['{{ $value * 100 }}', 'Go templates have no arithmetic operators; compute the value in the PromQL expression instead'],
    ['{{ $value - 1 }}', 'Go templates have no arithmetic operators; compute the value in the PromQL expression instead'],
    ['{{ printf \u201c%s\u201d $value }}', 'typographic quotes are not string delimiters: use "..." or `...`'],
    ['{{ $value\u00a0}}', 'a no-break space (U+00A0) is not a space in templates'],
  ])('%j', (text, hint) => {
    const r = checkRuleTemplate(text, { alertName: 'A', kind: 'annotation' });
    expect(r.diagnostics.map((d) => [d.severity, d.notes?.map((n) => n.message)])).toEqual([['error', [hint]]]);
  });

  test('no hint when nothing is close', () => {
    const r = checkRuleTemplate('{{ frobnicate }}', { alertName: 'A', kind: 'annotation' });
    expect(r.diagnostics[0]!.notes).toBeUndefined();
  });
});

describe('loads, but fails at expansion (warnings)', () => {
  test('{{template}} of a name defined nowhere in the value', () => {
    const text = '{{ template "common" . }}';
    const r = checkRuleTemplate(text, { alertName: 'A', kind: 'annotation', key: 'description' });
    expect(r.diagnostics).toEqual([
      {
        code: 'rules/template-exec',
        severity: 'warning',
        range: span(text, 'common'),
        message:
          'annotation "description": Prometheus loads this rule, but expanding the annotation fails: template "common" not defined',
      },
    ]);
  });

  test.each([
    ['{{ humanize $value 2 }}', 'humanize', 'wrong number of args for humanize: want 1 got 2'],
    ['{{ $value | humanizePercentage 100 }}', 'humanizePercentage', 'wrong number of args for humanizePercentage: want 1 got 2'],
    ['{{ printf "%s" humanize }}', 'humanize', 'wrong number of args for humanize: want 1 got 0'],
    ['{{ printf }}', 'printf', 'wrong number of args for printf: want at least 1 got 0'],
    ['{{ if gt $value }}x{{ end }}', 'gt', 'wrong number of args for gt: want 2 got 1'],
    ['{{ with $value }}{{ humanize }}{{ end }}', 'humanize', 'wrong number of args for humanize: want 1 got 0', true],
    ['{{ and false (humanize) }}', 'humanize', 'wrong number of args for humanize: want 1 got 0', true],
    ['{{ reReplaceAll "a" "b" }}', 'reReplaceAll', 'wrong number of args for reReplaceAll: want 3 got 2'],
    ['{{ externalURL "x" }}', 'externalURL', 'wrong number of args for externalURL: want 0 got 1'],
    ['{{ "x" 1 }}', '"x"', 'can\'t give argument to non-function "x"'],
    ['{{ nil }}', 'nil', 'nil is not a command'],
    ['{{ $value | $labels }}', '$labels', "can't give argument to non-function $labels"],
  ] as [string, string, string, boolean?][])('%j: %s', (text, culprit, goMessage, conditional) => {
    const r = checkRuleTemplate(text, { alertName: 'A', kind: 'label', key: 'x' });
    const when = conditional ? ' when this part runs' : '';
    expect(r.diagnostics).toEqual([
      {
        code: 'rules/template-exec',
        severity: 'warning',
        range: span(text, culprit),
        message: `label "x": Prometheus loads this rule, but expanding the label fails${when}: ${goMessage}`,
      },
    ]);
  });

  test('right argument counts, including the piped value, give nothing', () => {
    const text =
      '{{ $value | humanize }} {{ humanize $value }} {{ printf "%s %s" "a" "b" | printf }} {{ "x" | printf }} {{ now }} {{ and 1 }} {{ index $labels "a" }} {{ args }} {{ (query "up") | first | value }}';
    expect(checkRuleTemplate(text, { alertName: 'A', kind: 'annotation' }).diagnostics).toEqual([]);
  });

  test('a template defined in the same value resolves', () => {
    const r = checkRuleTemplate('{{ define "c" }}x{{ end }}{{ template "c" . }}', { alertName: 'A', kind: 'annotation' });
    expect(r.diagnostics).toEqual([]);
  });
});

describe('results are remembered per text and per alert, kind and key', () => {
  // the same text asked for again under other options: each gets its own framing, never another's
  const text = '{{ .Labels.x';
  const ask = (alertName: string, kind: 'label' | 'annotation', key?: string) =>
    checkRuleTemplate(text, { alertName, kind, ...(key !== undefined ? { key } : {}) }).diagnostics[0]!.message;
  test('the alert name, the kind and the key each change the message', () => {
    const first = ask('A', 'annotation', 'summary');
    expect(first).toMatch(/^annotation "summary": template: __alert_A:1: /);
    expect(ask('B', 'annotation', 'summary')).toMatch(/^annotation "summary": template: __alert_B:1: /);
    expect(ask('A', 'label', 'summary')).toMatch(/^label "summary": template: __alert_A:1: /);
    expect(ask('A', 'annotation', 'description')).toMatch(/^annotation "description": template: __alert_A:1: /);
    expect(ask('A', 'annotation')).toMatch(/^template: __alert_A:1: /);
    expect(ask('A', 'annotation', '')).toMatch(/^annotation "": template: __alert_A:1: /);
    // asked again: the same answer
    expect(ask('A', 'annotation', 'summary')).toBe(first);
  });
  test('more askers of one text than it remembers: still each its own', () => {
    for (let round = 0; round < 2; round++) for (let i = 0; i < 20; i++) expect(ask(`Alert${i}`, 'annotation', 'summary')).toContain(`__alert_Alert${i}:1:`);
  });
});
