/**
 * Static checks of `promtool test rules` files: the structure (promtool decodes them strictly into
 * `main.unitTestFile`), durations, series notation of `input_series` (`series` selector and the
 * `values` expanding notation), PromQL of `promql_expr_test`, label sets of `exp_samples`, and the
 * summary (referenced rule files, tested alert names) that the workspace pass resolves.
 */
import type { Diagnostic } from '../diagnostics/types';
import type { AnalyzerOptions } from '../options';
import { parsePromQL, parseSeriesDesc, parseSeriesSelector, type ParsedPromQL } from '../promql/index';
import type { Range } from '../diagnostics/types';
import { emptySummary, type FileSummary } from '../workspace/summary';
import { decodeStruct, parseYaml, stringValue, type StructSpec, type YNode, type YScalar, type YamlLimits } from '../yaml/index';

const CODE = 'rule-tests/schema';

const str = { expect: { kind: 'string' as const } };
const dur = { expect: { kind: 'duration' as const } };
const seq = (goType: string, item: string) => ({ expect: { kind: 'seq' as const, goType, items: { kind: 'struct' as const, goType: item } } });

const fileSpec: StructSpec = {
  goType: 'main.unitTestFile',
  fields: {
    rule_files: { expect: { kind: 'seq', goType: '[]string', items: { kind: 'string' } } },
    evaluation_interval: dur,
    group_eval_order: { expect: { kind: 'seq', goType: '[]string', items: { kind: 'string' } } },
    tests: seq('[]main.testGroup', 'main.testGroup'),
    fuzzy_compare: { expect: { kind: 'bool' } },
  },
};
const groupSpec: StructSpec = {
  goType: 'main.testGroup',
  fields: {
    interval: dur,
    input_series: seq('[]main.series', 'main.series'),
    alert_rule_test: seq('[]main.alertTestCase', 'main.alertTestCase'),
    promql_expr_test: seq('[]main.promqlTestCase', 'main.promqlTestCase'),
    external_labels: { expect: { kind: 'map', goType: 'labels.Labels', values: { kind: 'string' } } },
    external_url: str,
    name: str,
    start_timestamp: { expect: { kind: 'any' } },
  },
};
const seriesSpec: StructSpec = { goType: 'main.series', fields: { series: str, values: str } };
const alertCaseSpec: StructSpec = { goType: 'main.alertTestCase', fields: { eval_time: dur, alertname: str, exp_alerts: seq('[]main.alert', 'main.alert') } };
const alertSpec: StructSpec = {
  goType: 'main.alert',
  fields: {
    exp_labels: { expect: { kind: 'map', goType: 'map[string]string', values: { kind: 'string' } } },
    exp_annotations: { expect: { kind: 'map', goType: 'map[string]string', values: { kind: 'string' } } },
  },
};
const exprCaseSpec: StructSpec = { goType: 'main.promqlTestCase', fields: { expr: str, eval_time: dur, exp_samples: seq('[]main.sample', 'main.sample') } };
const sampleSpec: StructSpec = { goType: 'main.sample', fields: { labels: str, value: { expect: { kind: 'float' } }, histogram: str } };

export interface RuleTestsResult {
  diagnostics: Diagnostic[];
  summary: FileSummary;
}

function items(n: YNode | undefined): YNode[] {
  return n && n.kind === 'seq' ? n.items : [];
}

/** maps PromQL diagnostics from a scalar's text into the file */
function mapInto(s: YScalar, parsed: ParsedPromQL): Diagnostic[] {
  return parsed.diagnostics.map((d) => {
    const m: Diagnostic = { ...d, range: s.toFileRange(d.range) };
    delete m.fix;
    if (d.notes) m.notes = d.notes.map((n) => (n.range && !n.file ? { ...n, range: s.toFileRange(n.range) } : n));
    return m;
  });
}

/**
 * `series` + `values` as promtool loads them (`"<series> <values>"`, promqltest's series
 * notation, parsed by the PromQL analyzer's `parseSeriesDesc`); diagnostics are mapped back into
 * whichever of the two scalars they fall in.
 */
function checkSeries(series: YScalar | undefined, values: YScalar | undefined, popts: { features: string[]; prometheusVersion: string }): Diagnostic[] {
  const s = series?.text ?? '';
  const v = values?.text ?? '';
  const desc = parseSeriesDesc(`${s} ${v}`, popts);
  const split = s.length + 1;
  const mapRange = (r: Range): Range | undefined => {
    if (r.start < split || !values) return series ? series.toFileRange({ start: Math.min(r.start, s.length), end: Math.min(r.end, s.length) }) : undefined;
    return values.toFileRange({ start: r.start - split, end: Math.max(r.start, r.end) - split });
  };
  const out: Diagnostic[] = [];
  for (const d of desc.diagnostics) {
    const range = mapRange(d.range) ?? (series ?? values)?.range;
    if (!range) continue;
    const m: Diagnostic = { ...d, range };
    delete m.fix;
    delete m.notes;
    out.push(m);
  }
  return out;
}

export function analyzeRuleTests(text: string, opts: AnalyzerOptions, o: { path?: string; yamlLimits?: Partial<YamlLimits> } = {}): RuleTestsResult {
  const summary = emptySummary(o.path ?? '', 'rule-tests');
  const parsed = parseYaml(text, { limits: o.yamlLimits });
  const out: Diagnostic[] = [...parsed.diagnostics];
  const root = parsed.documents.find((d) => d.root)?.root;
  if (!root) return { diagnostics: out, summary };
  const popts = { features: opts.features, prometheusVersion: opts.prometheusVersion };
  const dec = (n: YNode, spec: StructSpec) => {
    // (promtool reads unit-test files with yaml.v2)
    const r = decodeStruct(n, spec, { code: CODE, lib: 'v2' });
    out.push(...r.diagnostics);
    return r.fields;
  };
  const f = dec(root, fileSpec);
  for (const rf of items(f.rule_files?.value)) {
    const name = stringValue(rf);
    if (name) summary.ruleFileRefs.push({ name, range: rf.range });
  }
  for (const g of items(f.tests?.value)) {
    const gf = dec(g, groupSpec);
    for (const s of items(gf.input_series?.value)) {
      const sf = dec(s, seriesSpec);
      const series = sf.series?.value.kind === 'scalar' ? sf.series.value : undefined;
      const values = sf.values?.value.kind === 'scalar' ? sf.values.value : undefined;
      if (series || values) out.push(...checkSeries(series, values, popts));
    }
    for (const a of items(gf.alert_rule_test?.value)) {
      const af = dec(a, alertCaseSpec);
      const name = af.alertname?.value;
      if (name?.kind === 'scalar' && name.text !== '') summary.testedAlerts.push({ name: name.text, range: name.range });
      for (const e of items(af.exp_alerts?.value)) dec(e, alertSpec);
    }
    for (const p of items(gf.promql_expr_test?.value)) {
      const pf = dec(p, exprCaseSpec);
      const expr = pf.expr?.value;
      if (expr?.kind === 'scalar' && expr.text !== '') out.push(...mapInto(expr, parsePromQL(expr.text, popts)));
      for (const smp of items(pf.exp_samples?.value)) {
        const sf = dec(smp, sampleSpec);
        const labels = sf.labels?.value;
        if (labels?.kind === 'scalar' && labels.text.trim() !== '') out.push(...mapInto(labels, parseSeriesSelector(labels.text, popts)));
      }
    }
  }
  return { diagnostics: out, summary };
}
