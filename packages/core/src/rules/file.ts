/**
 * Analysis of a whole rule file (`groups:`) or Kubernetes `PrometheusRule` manifest (`spec.groups`):
 * template-file detection, the YAML walk, the strict top-level decode, group/rule validation,
 * duplicate rules, and the file's summary for the workspace pass.
 *
 * Prometheus loads only the first YAML document of a rule file (it logs a warning about the rest):
 * later documents are reported with one warning and problems in them are at most warnings. In
 * PrometheusRule files every document whose `kind` is PrometheusRule is analysed.
 */
import type { Diagnostic } from '../diagnostics/types';
import type { AnalyzerOptions } from '../options';
import { LineIndex } from '../text/line-index';
import { emptySummary, type FileSummary } from '../workspace/summary';
import { decodeStruct, getPair, parseYaml, stringValue, type YDocument, type YNode, type YamlLimits } from '../yaml/index';
import { duplicateRules } from './duplicates';
import { pollInterrupt } from '../interrupt';
import { validateGroups } from './groups';
import { findActionLine, findHelmSyntax } from './helm';
import type { RuleFileModel } from './model';
import { ruleGroupsSpec } from './schema';
import { pushAll } from '../text/arrays';

export interface RuleFileResult {
  diagnostics: Diagnostic[];
  model: RuleFileModel;
  summary: FileSummary;
}

export interface RuleFileOptions {
  path?: string;
  kind?: 'rules' | 'prometheus-rule';
  yamlLimits?: Partial<YamlLimits>;
  /** leave out promtool's duplicate-rules findings (the incremental path computes them over the whole file) */
  skipDuplicates?: boolean;
}

/** the one `info` for files that are templates, not YAML */
export function templateFileInfo(at: number): Diagnostic {
  return {
    code: 'rules/template-file',
    severity: 'info',
    range: { start: at, end: at + 2 },
    message: 'file contains Helm/Go-template syntax outside strings ({{ ... }}); it is not valid YAML until rendered and was not checked',
  };
}

export function analyzeRuleFile(text: string, opts: AnalyzerOptions, o: RuleFileOptions = {}): RuleFileResult {
  const kind = o.kind ?? 'rules';
  const summary = emptySummary(o.path ?? '', kind);
  const model: RuleFileModel = { groups: [] };
  const helm = findHelmSyntax(text);
  if (helm >= 0) {
    const action = findActionLine(text);
    return { diagnostics: [templateFileInfo(action >= 0 ? Math.min(action, helm) : helm)], model, summary };
  }
  const parsed = parseYaml(text, { limits: o.yamlLimits });
  if (parsed.diagnostics.some((d) => d.code === 'yaml/syntax')) {
    const action = findActionLine(text);
    if (action >= 0) return { diagnostics: [templateFileInfo(action)], model, summary };
  }
  pollInterrupt();
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const docs = parsed.documents;
  if (kind === 'rules') {
    const first = docs.findIndex((d) => d.root !== null);
    if (first >= 0) analyzeGroupsDoc(docs[first].root!, opts, model, diagnostics);
    const extra = docs.slice(first + 1).filter((d) => d.root !== null);
    if (extra.length > 0) {
      const from = extra[0].range.start;
      for (const d of diagnostics) if (d.range.start >= from && d.severity === 'error') d.severity = 'warning';
      diagnostics.push({
        code: 'rules/multi-document',
        severity: 'warning',
        range: { start: from, end: Math.min(text.length, from + 3) },
        message: 'Multiple document yaml rules files are not supported, only the first document is processed',
      });
    }
  } else {
    for (const d of docs) analyzeManifest(d, opts, model, diagnostics);
  }
  const lines = lazyLines(text);
  if (!o.skipDuplicates) pushAll(diagnostics, duplicateRules(model, lines));
  for (const g of model.groups) {
    for (const r of g.rules) {
      const at = r.nameNode?.range ?? r.node.range;
      if (r.kind === 'alert') summary.alerts.push({ name: r.name, range: at });
      else if (r.kind === 'record') summary.recordedMetrics.push({ name: r.name, range: at });
    }
  }
  return { diagnostics: dedupe(diagnostics), model, summary };
}

/** nodes shared through aliases are checked once per use: keep one of identical diagnostics */
function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.range.start}:${d.range.end}:${d.code}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function lazyLines(text: string): (offset: number) => number {
  let idx: LineIndex | undefined;
  return (o) => {
    idx ??= new LineIndex(text);
    return idx.positionAt(o).line + 1;
  };
}

function analyzeGroupsDoc(root: YNode, opts: AnalyzerOptions, model: RuleFileModel, out: Diagnostic[]): void {
  const top = decodeStruct(root, ruleGroupsSpec, { code: 'rules/schema' });
  pushAll(out, top.diagnostics);
  const groups = top.fields.groups?.value;
  if (!groups) return;
  const res = validateGroups(groups, opts);
  pushAll(out, res.diagnostics);
  pushAll(model.groups, res.groups);
}

/**
 * A PrometheusRule manifest: `spec.groups` holds rule groups (the operator also accepts Thanos's
 * `partial_response_strategy` there). Documents of other kinds are ignored.
 */
function analyzeManifest(doc: YDocument, opts: AnalyzerOptions, model: RuleFileModel, out: Diagnostic[]): void {
  const root = doc.root;
  if (!root || root.kind !== 'map') return;
  const kind = stringValue(getPair(root, 'kind')?.value);
  if (kind !== 'PrometheusRule') return;
  const spec = getPair(root, 'spec')?.value;
  if (!spec || spec.kind !== 'map') {
    out.push({ code: 'rules/schema', severity: 'error', range: spec?.range ?? root.range, message: 'PrometheusRule without a spec mapping' });
    return;
  }
  const groups = getPair(spec, 'groups');
  if (!groups) return;
  const res = validateGroups(groups.value, opts.dialect === 'prometheus' ? { ...opts, dialect: 'thanos' } : opts);
  if (groups.value.kind !== 'seq' && groups.value.kind !== 'scalar') {
    out.push({ code: 'rules/schema', severity: 'error', range: groups.value.range, message: 'cannot unmarshal !!map into []rulefmt.RuleGroup' });
  }
  pushAll(out, res.diagnostics);
  pushAll(model.groups, res.groups);
}
