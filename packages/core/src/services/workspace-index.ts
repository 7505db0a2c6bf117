/**
 * The workspace index: what every file of the workspace defines (recording rules, alerts) and
 * references (metric names in PromQL), with file ranges. Pure data kept by the shell: the server
 * calls `setFile` when a document changes and asks the index for definitions, references,
 * completion candidates and the files that depend on a changed one.
 */
import type { Range } from '../diagnostics/types';
import type { FileKind } from '../files';
import type { DocumentModel, RuleEntry } from './document-model';
import { groupingLabels, selectorRefs } from './promql-refs';
import type { PromQLRegion } from './regions';

export interface IndexedRule {
  uri: string;
  rule: RuleEntry;
}

export interface MetricReference {
  uri: string;
  name: string;
  /** range in the file */
  range: Range;
  /** range in the region's PromQL text */
  exprRange: Range;
  region: PromQLRegion;
  /** the rule whose expression holds the reference */
  inRule?: RuleEntry;
}

export interface MetricInfo {
  name: string;
  /** where the name comes from, best first */
  source: 'recorded' | 'referenced' | 'test-series';
  /** the recording rule's expression, for recorded metrics */
  expr?: string;
  uri?: string;
}

/**
 * What one file contributes to the index, as plain (structured-cloneable) data: the shell may
 * compute it off the main thread (`extractFacts`) and hand it to `setFile`.
 */
export interface IndexFacts {
  refs: { name: string; range: Range; exprRange: Range; regionIndex: number }[];
  /** [metric, label, values] seen in selectors, rule labels, test series */
  labels: [string, string, string[]][];
  testMetrics: string[];
}

interface FileFacts {
  uri: string;
  kind: FileKind;
  model: DocumentModel;
  refs: MetricReference[];
  /** the names `refs` reference, each once */
  refNames: Set<string>;
  labels: Map<string, Map<string, Set<string>>>;
  testMetrics: Set<string>;
}

export function extractFacts(model: DocumentModel): IndexFacts {
  const refs: IndexFacts['refs'] = [];
  const labels = new Map<string, Map<string, Set<string>>>();
  const add = (metric: string, name: string, value?: string) => {
    let m = labels.get(metric);
    if (!m) labels.set(metric, (m = new Map()));
    let s = m.get(name);
    if (!s) m.set(name, (s = new Set()));
    if (value !== undefined && value !== '') s.add(value);
  };
  model.regions.forEach((region, regionIndex) => {
    let found;
    try {
      found = selectorRefs(region.text);
    } catch {
      return;
    }
    for (const ref of found) {
      refs.push({ name: ref.name, exprRange: ref.range, range: { start: region.toFile(ref.range.start), end: region.toFileEnd(ref.range.end) }, regionIndex });
      for (const [l, vs] of ref.labels) for (const v of vs) add(ref.name, l, v);
    }
  });
  for (const r of model.rules) {
    if (r.kind !== 'record') continue;
    for (const l of r.labels) add(r.name, l.name, l.value);
    if (r.expr) for (const l of groupingLabels(r.expr.text)) add(r.name, l);
  }
  const testMetrics = new Set<string>();
  for (const s of model.testSeries) {
    for (const ref of selectorRefs(s.text)) {
      testMetrics.add(ref.name);
      for (const [l, vs] of ref.labels) for (const v of vs) add(ref.name, l, v);
    }
  }
  const flat: IndexFacts['labels'] = [];
  for (const [metric, m] of labels) for (const [name, values] of m) flat.push([metric, name, [...values]]);
  return { refs, labels: flat, testMetrics: [...testMetrics] };
}

function factsOf(uri: string, model: DocumentModel, facts: IndexFacts): FileFacts {
  const ruleOf = new Map<PromQLRegion, RuleEntry>();
  for (const r of model.rules) if (r.expr) ruleOf.set(r.expr, r);
  const labels = new Map<string, Map<string, Set<string>>>();
  for (const [metric, name, values] of facts.labels) {
    let m = labels.get(metric);
    if (!m) labels.set(metric, (m = new Map()));
    m.set(name, new Set(values));
  }
  const refs: MetricReference[] = [];
  for (const r of facts.refs) {
    const region = model.regions[r.regionIndex];
    if (region) refs.push({ uri, name: r.name, range: r.range, exprRange: r.exprRange, region, inRule: ruleOf.get(region) });
  }
  const refNames = new Set<string>();
  for (const r of refs) refNames.add(r.name);
  return { uri, kind: model.kind, model, refs, refNames, labels, testMetrics: new Set(facts.testMetrics) };
}

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) return true;
  return false;
}

export class WorkspaceIndex {
  private readonly files = new Map<string, FileFacts>();

  /** Indexes (or re-indexes) one file. Returns the names it defined before or defines now. */
  setFile(uri: string, model: DocumentModel, precomputed?: IndexFacts): Set<string> {
    const before = this.files.get(uri);
    const facts = factsOf(uri, model, precomputed ?? extractFacts(model));
    this.files.set(uri, facts);
    const names = new Set<string>();
    for (const r of before?.model.rules ?? []) names.add(r.name);
    for (const r of model.rules) names.add(r.name);
    return names;
  }

  removeFile(uri: string): Set<string> {
    const before = this.files.get(uri);
    this.files.delete(uri);
    return new Set((before?.model.rules ?? []).map((r) => r.name));
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  model(uri: string): DocumentModel | undefined {
    return this.files.get(uri)?.model;
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  /**
   * Files that reference any of `names` (the dependents of a file that defines them), in index
   * order. Each file's referenced names are a set: the smaller of it and `names` is scanned (a
   * 1,000-rule file's names against a small file's, or the other way round).
   */
  filesReferencing(names: ReadonlySet<string>, except?: string): string[] {
    if (names.size === 0) return [];
    const out: string[] = [];
    for (const f of this.files.values()) {
      if (f.uri === except) continue;
      if (intersects(f.refNames, names)) out.push(f.uri);
    }
    return out;
  }

  allRules(): IndexedRule[] {
    const out: IndexedRule[] = [];
    for (const f of this.files.values()) for (const rule of f.model.rules) out.push({ uri: f.uri, rule });
    return out;
  }

  /** Recording rules recording `name`, and alerts named `name`. */
  definitions(name: string): IndexedRule[] {
    return this.allRules().filter((r) => r.rule.name === name);
  }

  references(name: string): MetricReference[] {
    const out: MetricReference[] = [];
    for (const f of this.files.values()) for (const r of f.refs) if (r.name === name) out.push(r);
    return out;
  }

  /** Every metric name the workspace knows: recorded first, then referenced and test series. */
  metrics(): MetricInfo[] {
    const out = new Map<string, MetricInfo>();
    for (const f of this.files.values()) {
      for (const r of f.model.rules) {
        if (r.kind === 'record' && !out.has(r.name)) out.set(r.name, { name: r.name, source: 'recorded', expr: r.expr?.text, uri: f.uri });
      }
    }
    for (const f of this.files.values()) {
      for (const r of f.refs) if (!out.has(r.name)) out.set(r.name, { name: r.name, source: 'referenced' });
      for (const m of f.testMetrics) if (!out.has(m)) out.set(m, { name: m, source: 'test-series' });
    }
    return [...out.values()];
  }

  /** Label names seen with a metric (or with any metric). */
  labelNames(metric?: string): string[] {
    const out = new Set<string>();
    for (const f of this.files.values()) {
      for (const [m, labels] of f.labels) if (!metric || m === metric) for (const l of labels.keys()) out.add(l);
    }
    return [...out].sort();
  }

  labelValues(label: string, metric?: string): string[] {
    const out = new Set<string>();
    for (const f of this.files.values()) {
      for (const [m, labels] of f.labels) {
        if (metric && m !== metric) continue;
        for (const v of labels.get(label) ?? []) out.add(v);
      }
    }
    return [...out].sort();
  }
}
