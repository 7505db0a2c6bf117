/**
 * Real-world rule files (../shared/corpus/rules): every label and annotation value loads in
 * Prometheus, so none may produce a template error. Plus Prometheus's own rulefmt test data and
 * the template cases of rulefmt_test.go (TestTemplateParsing).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { checkRuleTemplate } from '../../src/template';

const CORPUS = new URL('../../../../../shared/corpus/rules/', import.meta.url).pathname;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

interface Value {
  file: string;
  alert: string;
  kind: 'label' | 'annotation';
  key: string;
  text: string;
}

/** label/annotation values of every rule in a rule file, PrometheusRule or multi-document YAML */
function ruleValues(file: string): Value[] {
  const values: Value[] = [];
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
    const js = doc.toJS() as { groups?: unknown; spec?: { groups?: unknown } } | null;
    const groups = (js?.groups ?? js?.spec?.groups) as { rules?: Record<string, unknown>[] }[] | undefined;
    if (!Array.isArray(groups)) continue;
    for (const g of groups) {
      for (const rule of g?.rules ?? []) {
        const alert = String(rule.alert ?? rule.record ?? '');
        for (const kind of ['label', 'annotation'] as const) {
          const map = rule[kind === 'label' ? 'labels' : 'annotations'] as Record<string, unknown> | undefined;
          for (const [key, v] of Object.entries(map ?? {})) {
            if (typeof v === 'string') values.push({ file, alert, kind, key, text: v });
          }
        }
      }
    }
  }
  return values;
}

describe('corpus rule files', () => {
  const files = walk(CORPUS);
  const values = files.flatMap(ruleValues);

  test('the corpus is there and has templates', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(values.filter((v) => v.text.includes('{{')).length).toBeGreaterThan(1000);
  });

  test('no label or annotation value gets a template error (nor an expansion warning)', () => {
    const found = values.flatMap((v) =>
      checkRuleTemplate(v.text, { alertName: v.alert, kind: v.kind, key: v.key }).diagnostics.map(
        (d) => `${v.file.slice(CORPUS.length)}: ${d.severity} ${d.message}`,
      ),
    );
    expect(found).toEqual([]);
  });

  test('label references are found where the corpus uses them', () => {
    const v = values.find((x) => x.text.includes('{{ $labels.instance }}'))!;
    const refs = checkRuleTemplate(v.text, { alertName: v.alert, kind: v.kind }).refs;
    expect(refs.labels.map((l) => l.name)).toContain('instance');
  });
});

describe('rulefmt testdata (model/rulefmt/testdata)', () => {
  const dir = join(CORPUS, 'prometheus-rulefmt-testdata');
  const expected = JSON.parse(readFileSync(join(dir, 'EXPECTED.json'), 'utf8')) as {
    files: Record<string, { status: string; errMsg?: string }>;
  };
  test.each(Object.entries(expected.files))('%s', (file, exp) => {
    const diags = ruleValues(join(dir, file)).flatMap(
      (v) => checkRuleTemplate(v.text, { alertName: v.alert, kind: v.kind, key: v.key }).diagnostics,
    );
    // None of these files fails because of a template: template diagnostics only where the
    // expected error is a template error.
    const templateFailure = exp.status === 'error' && /template/.test(exp.errMsg ?? '');
    expect(diags.some((d) => d.severity === 'error')).toBe(templateFailure);
    if (templateFailure) expect(diags.map((d) => d.message).join('\n')).toContain(exp.errMsg);
  });
});

/** rulefmt_test.go TestTemplateParsing: the same rule with one template changed */
describe('rulefmt_test.go TestTemplateParsing', () => {
  const cases: { labels: Record<string, string>; annotations: Record<string, string>; pass: boolean }[] = [
    { labels: { severity: 'page' }, annotations: { summary: 'Instance {{ $labels.instance }} down' }, pass: true },
    { labels: { severity: 'page' }, annotations: { summary: 'Instance {{ $label.instance }} down' }, pass: false },
    { labels: { severity: '{{$this_is_wrong}}' }, annotations: { summary: 'Instance {{ $labels.instance }} down' }, pass: false },
    {
      labels: { severity: 'page' },
      annotations: { summary: 'Instance {{ $labels.instance }} down', description: '{{$labels.quantile * 100}}' },
      pass: false,
    },
  ];
  test.each(cases.map((c) => [JSON.stringify(c), c] as const))('%s', (_, c) => {
    const diags = [
      ...Object.entries(c.labels).flatMap(([key, t]) => checkRuleTemplate(t, { alertName: 'InstanceDown', kind: 'label', key }).diagnostics),
      ...Object.entries(c.annotations).flatMap(
        ([key, t]) => checkRuleTemplate(t, { alertName: 'InstanceDown', kind: 'annotation', key }).diagnostics,
      ),
    ];
    expect(diags.filter((d) => d.severity === 'error').length === 0).toBe(c.pass);
  });
});
