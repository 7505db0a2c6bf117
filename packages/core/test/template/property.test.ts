/**
 * Properties over generated templates: never throws, at most one error (Go stops at the first),
 * every range inside the text, and nothing to report without an action.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  checkRuleTemplate,
  parseGoTemplate,
  PROMETHEUS_RULE_TEMPLATE_VARIABLES,
  PROMETHEUS_TEMPLATE_FUNCS,
  type TemplateNode,
} from '../../src/template';

const PIECES = [
  '{{', '}}', '{{- ', ' -}}', ' ', '\n', '\t', '$labels', '$labels.instance', '.Labels', '.foo', '$value', '$x', '$',
  ':=', '=', '|', '(', ')', '"s"', '"\\q"', "'a'", "'ab'", '`r}}`', '`', '"', "'", '1', '-1', '0x1F', '1_000', '089',
  '1e400', '1+2i', 'if', 'else', 'end', 'range', 'with', 'define "x"', 'template "x"', 'block "x" .', 'break',
  'continue', 'nil', 'true', 'humanize', 'printf', 'index', 'foo', '*', ',', '/*', '*/', 'text', 'é', '😀',
  '\u00a0', '\u201c', '{{if .X}}', '{{else}}', '{{end}}', '{{range .}}', '{{define "a"}}', ':', '.', '-', '}', '{',
];

const templateish = fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }).map((a) => a.join(''));
const anything = fc.oneof(templateish, fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }));

function inBounds(text: string, r: { start: number; end: number }): boolean {
  return Number.isInteger(r.start) && Number.isInteger(r.end) && 0 <= r.start && r.start <= r.end && r.end <= text.length;
}

function allNodes(nodes: readonly TemplateNode[] | undefined, out: TemplateNode[] = []): TemplateNode[] {
  for (const n of nodes ?? []) {
    out.push(n);
    if ('list' in n) allNodes(n.list, out);
    if ('elseList' in n) allNodes(n.elseList, out);
  }
  return out;
}

describe('properties', () => {
  test('parseGoTemplate never throws; ranges are in bounds; at most one error', () => {
    fc.assert(
      fc.property(anything, (text) => {
        const r = parseGoTemplate(text, { funcs: PROMETHEUS_TEMPLATE_FUNCS, predeclared: PROMETHEUS_RULE_TEMPLATE_VARIABLES });
        expect(r.diagnostics.length).toBeLessThanOrEqual(1);
        for (const d of r.diagnostics) {
          expect(inBounds(text, d.range)).toBe(true);
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(text.split('\n').length);
          expect(d.goError).toBe(`template: :${d.line}: ${d.message}`);
        }
        for (const n of allNodes(r.nodes)) expect(inBounds(text, n.range)).toBe(true);
        const refs = [...r.refs.labels, ...r.refs.externalLabels, ...r.refs.templateCalls, ...r.refs.definitions, ...r.refs.functions];
        for (const x of refs) expect(inBounds(text, x.range)).toBe(true);
        for (const v of r.refs.values) expect(inBounds(text, v)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  test('checkRuleTemplate never throws; errors only when there is an action', () => {
    fc.assert(
      fc.property(anything, fc.constantFrom('label', 'annotation') as fc.Arbitrary<'label' | 'annotation'>, (text, kind) => {
        const r = checkRuleTemplate(text, { alertName: 'A', kind, key: 'k' });
        for (const d of r.diagnostics) expect(inBounds(text, d.range)).toBe(true);
        if (!text.includes('{{')) expect(r.diagnostics).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  test('absurd nesting that Go accepts does not throw and is never an error (at most "not checked")', () => {
    const text = '{{ if 1 }}'.repeat(20000) + '{{ end }}'.repeat(20000);
    const r = checkRuleTemplate(text, { alertName: 'A', kind: 'annotation' });
    expect(r.diagnostics.map((d) => d.severity)).toEqual(['warning']);
    expect(r.diagnostics[0]!.message).toBe('template nested too deeply to analyse; not checked');
  });

  test('Go\'s expression depth limit: 10,001 nested parentheses', () => {
    const text = '{{ ' + '('.repeat(10001) + '1' + ')'.repeat(10001) + ' }}';
    const r = parseGoTemplate(text, { funcs: PROMETHEUS_TEMPLATE_FUNCS });
    // either Go's message, or "not analysed" if this JavaScript stack is too small for it
    expect(['max expression depth exceeded', 'template nested too deeply to analyse']).toContain(r.diagnostics[0]?.message);
  });
});
