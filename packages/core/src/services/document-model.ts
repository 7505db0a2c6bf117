/**
 * The editor's view of one file: its kind, the PromQL regions in it and the rule structure
 * (groups → rules with names, ranges, labels). Built once per document version and shared by all
 * editor services.
 *
 * Rule files take the rule model the analyzer already built (`FileResult.rules`), so a document
 * is parsed once per version; other kinds (and callers without an analysis) are read from the
 * core's YAML node model here.
 */
import type { Range } from '../diagnostics/types';
import type { FileKind } from '../files';
import { parseYaml } from '../yaml/parse';
import { extractDashboardExpressions } from '../dashboard/extract';
import type { ScalarStyle, YMap, YNode, YPair, YScalar } from '../yaml/types';
import { detectKind } from '../detect';
import { AnalysisInterrupted } from '../interrupt';
import type { RuleFileModel } from '../rules/model';
import { identityRegion, scalarRegion, type OffsetMap, type PromQLRegion } from './regions';

export interface RuleLabel {
  name: string;
  value: string;
  keyRange: Range;
}

export interface RuleEntry {
  kind: 'record' | 'alert';
  /** the recorded metric or the alert name */
  name: string;
  /** the name scalar's content in the file (without quotes) */
  nameRange: Range;
  nameStyle: ScalarStyle;
  /** the whole rule mapping */
  range: Range;
  group: string;
  expr?: PromQLRegion;
  labels: RuleLabel[];
}

export interface GroupEntry {
  name: string;
  nameRange: Range;
  range: Range;
  rules: RuleEntry[];
}

/** A named block of a config file (scrape job, receiver, ...), for outlines and workspace symbols. */
export interface NamedBlock {
  kind: 'scrape-job' | 'receiver' | 'test';
  name: string;
  nameRange: Range;
  range: Range;
}

export interface DocumentModel {
  path: string;
  kind: FileKind;
  text: string;
  /** every PromQL expression of the file, in file order */
  regions: PromQLRegion[];
  groups: GroupEntry[];
  rules: RuleEntry[];
  blocks: NamedBlock[];
  /** series selectors of promtool rule unit tests (`input_series[].series`) */
  testSeries: PromQLRegion[];
}

/**
 * `rules` is the analyzer's rule model of the same text (`analyzeFile(...).rules`); when given, the
 * file is not parsed again.
 */
export function buildDocumentModel(path: string, text: string, kind?: FileKind, rules?: RuleFileModel): DocumentModel {
  const k = kind ?? detectKind(text, path);
  const model: DocumentModel = { path, kind: k, text, regions: [], groups: [], rules: [], blocks: [], testSeries: [] };
  try {
    if (k === 'promql') model.regions.push(identityRegion(text));
    else if (rules && (k === 'rules' || k === 'prometheus-rule')) collectRuleModel(text, rules, model);
    else if (k === 'dashboard') collectDashboard(text, model);
    else if (k !== 'unknown') collectYaml(text, model);
  } catch (e) {
    if (e instanceof AnalysisInterrupted) throw e;
    // editor services degrade to "nothing known" on input the walkers cannot handle
  }
  return model;
}

// --------------------------------------------------------------------------------------------
// YAML (through the core's YAML layer: exact scalar source maps for every style)

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text.charCodeAt(i - 1) !== 10 && text.charCodeAt(i - 1) !== 13) i--;
  return i;
}

function get(map: YMap, key: string): YPair | undefined {
  for (const p of map.pairs) if (p.key.text === key) return p;
  return undefined;
}

function scalarOf(node: YNode | null | undefined): YScalar | undefined {
  return node && node.kind === 'scalar' ? node : undefined;
}

function fileEnd(s: YScalar, i: number): number {
  if (s.toFileEnd) return s.toFileEnd(i);
  return i <= 0 ? s.toFile(0) : s.toFileRange({ start: 0, end: i }).end;
}

function regionOf(text: string, pair: YPair): PromQLRegion | undefined {
  const s = scalarOf(pair.value);
  return s ? scalarToRegion(text, s, pair.key.range.start) : undefined;
}

function nameOf(node: YNode | null | undefined): { name: string; range: Range; style: ScalarStyle } | undefined {
  const s = scalarOf(node);
  if (!s || s.value === null) return undefined;
  return { name: s.text, range: s.toFileRange({ start: 0, end: s.text.length }), style: s.style };
}

function collectYaml(text: string, model: DocumentModel): void {
  const parsed = parseYaml(text);
  for (const doc of parsed.documents) {
    const root = doc.root;
    if (!root || root.kind !== 'map') continue;
    if (model.kind === 'rules' || model.kind === 'prometheus-rule') {
      let groups = get(root, 'groups')?.value;
      const spec = get(root, 'spec')?.value;
      if (!groups && spec?.kind === 'map') groups = get(spec, 'groups')?.value;
      if (groups?.kind === 'seq') collectGroups(text, groups.items, model);
    } else if (model.kind === 'prometheus-config') {
      const jobs = get(root, 'scrape_configs')?.value;
      if (jobs?.kind === 'seq') collectBlocks(jobs.items, 'job_name', 'scrape-job', model);
    } else if (model.kind === 'alertmanager-config') {
      const receivers = get(root, 'receivers')?.value;
      if (receivers?.kind === 'seq') collectBlocks(receivers.items, 'name', 'receiver', model);
    } else if (model.kind === 'rule-tests') {
      collectRuleTests(text, root, model);
    }
  }
}

function scalarToRegion(text: string, s: YScalar, keyStart: number): PromQLRegion {
  const map: OffsetMap = { toFile: (i) => s.toFile(i), toFileEnd: (i) => fileEnd(s, i) };
  if (s.changePoints) map.changePoints = () => s.changePoints!();
  return scalarRegion(s.text, map, s.range, s.style, lineStartOf(text, keyStart));
}

/** The analyzer's rule model → the editor's groups and rules. */
function collectRuleModel(text: string, rules: RuleFileModel, model: DocumentModel): void {
  for (const g of rules.groups) {
    const gname = nameOf(g.nameNode);
    const group: GroupEntry = { name: g.name, nameRange: gname?.range ?? g.node.range, range: g.node.range, rules: [] };
    model.groups.push(group);
    for (const r of g.rules) {
      const exprPair = r.node.pairs.find((p) => p.key.text === 'expr');
      const expr = r.expr && exprPair ? scalarToRegion(text, r.expr, exprPair.key.range.start) : undefined;
      if (expr) model.regions.push(expr);
      const name = nameOf(r.nameNode);
      if (r.kind === 'invalid' || !name) continue;
      const rule: RuleEntry = {
        kind: r.kind,
        name: name.name,
        nameRange: name.range,
        nameStyle: name.style,
        range: r.node.range,
        group: g.name,
        expr,
        labels: r.labels.map((l) => ({ name: l.key.text, value: l.text, keyRange: l.key.range })),
      };
      group.rules.push(rule);
      model.rules.push(rule);
    }
  }
}

function collectGroups(text: string, items: YNode[], model: DocumentModel): void {
  for (const g of items) {
    if (g.kind !== 'map') continue;
    const gname = nameOf(get(g, 'name')?.value);
    const group: GroupEntry = { name: gname?.name ?? '', nameRange: gname?.range ?? g.range, range: g.range, rules: [] };
    model.groups.push(group);
    const rules = get(g, 'rules')?.value;
    if (rules?.kind !== 'seq') continue;
    for (const r of rules.items) {
      if (r.kind !== 'map') continue;
      const recordPair = get(r, 'record');
      const namePair = recordPair ?? get(r, 'alert');
      const name = nameOf(namePair?.value);
      const exprPair = get(r, 'expr');
      const expr = exprPair ? regionOf(text, exprPair) : undefined;
      if (expr) model.regions.push(expr);
      const labels: RuleLabel[] = [];
      const lm = get(r, 'labels')?.value;
      if (lm?.kind === 'map') {
        for (const p of lm.pairs) labels.push({ name: p.key.text, value: scalarOf(p.value)?.text ?? '', keyRange: p.key.range });
      }
      if (!name) continue;
      const rule: RuleEntry = {
        kind: recordPair ? 'record' : 'alert',
        name: name.name,
        nameRange: name.range,
        nameStyle: name.style,
        range: r.range,
        group: group.name,
        expr,
        labels,
      };
      group.rules.push(rule);
      model.rules.push(rule);
    }
  }
}

function collectBlocks(items: YNode[], key: string, kind: NamedBlock['kind'], model: DocumentModel): void {
  for (const it of items) {
    if (it.kind !== 'map') continue;
    const n = nameOf(get(it, key)?.value);
    if (n) model.blocks.push({ kind, name: n.name, nameRange: n.range, range: it.range });
  }
}

function collectRuleTests(text: string, root: YMap, model: DocumentModel): void {
  const tests = get(root, 'tests')?.value;
  if (tests?.kind !== 'seq') return;
  tests.items.forEach((t, i) => {
    if (t.kind !== 'map') return;
    const name = nameOf(get(t, 'name')?.value);
    model.blocks.push({ kind: 'test', name: name?.name ?? `test ${i + 1}`, nameRange: name?.range ?? t.range, range: t.range });
    const series = get(t, 'input_series')?.value;
    if (series?.kind === 'seq') {
      for (const s of series.items) {
        const p = s.kind === 'map' ? get(s, 'series') : undefined;
        const region = p ? regionOf(text, p) : undefined;
        if (region) model.testSeries.push(region);
      }
    }
    const cases = get(t, 'promql_expr_test')?.value;
    if (cases?.kind === 'seq') {
      for (const c of cases.items) {
        const p = c.kind === 'map' ? get(c, 'expr') : undefined;
        const region = p ? regionOf(text, p) : undefined;
        if (region) model.regions.push(region);
      }
    }
  });
}

// --------------------------------------------------------------------------------------------
// Grafana dashboard JSON: the expressions the dashboard analyzer finds (targets, annotations,
// variable queries), with its source maps through JSON escapes.

function collectDashboard(text: string, model: DocumentModel): void {
  for (const e of extractDashboardExpressions(text).expressions) {
    const n = e.expr.length;
    // the end of character i-1 is where character i starts (JSON escapes are contiguous)
    const map = { toFile: (i: number) => e.toFile(i), toFileEnd: (i: number) => e.toFile(Math.min(Math.max(i, 0), n)) };
    model.regions.push(scalarRegion(e.expr, map, e.range, 'double', lineStartOf(text, e.range.start)));
  }
}
