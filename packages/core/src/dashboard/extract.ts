/**
 * Finds the PromQL in a Grafana dashboard JSON: panel targets (`targets[].expr`) in panels, rows,
 * collapsed rows and old-style `rows[].panels`, library panel models (`__elements`, inline
 * `libraryPanel.model`), annotation queries and template-variable queries. Each expression keeps
 * a map back to the exact place in the file (through JSON string escapes).
 */
import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Diagnostic, Range } from '../diagnostics/types';
import { isPrometheusDatasource, type DatasourceContext } from './datasource';
import { decodeJsonString } from './json-string';
import { parseVariableQuery, type VariableQueryKind } from './variable-query';
import { variableKindFromDefinition, type GrafanaVariableKind } from './variables';

export type ExpressionSourceKind = 'target' | 'annotation' | 'variable';

export interface DashboardExpressionSource {
  kind: ExpressionSourceKind;
  panelTitle?: string;
  panelId?: number;
  refId?: string;
  /** template variable or annotation name */
  name?: string;
  /** for variable queries: the query form (`label_values`, `query_result`, ...) */
  queryKind?: VariableQueryKind;
  /** JSON path, e.g. `panels[3].targets[0].expr` */
  path: string;
}

export interface DashboardExpression {
  /** the PromQL as written in the dashboard (decoded JSON string), Grafana variables included */
  expr: string;
  /** where the expression's text is in the file */
  range: Range;
  /** maps an offset into `expr` to an offset in the file */
  toFile(offset: number): number;
  source: DashboardExpressionSource;
}

export interface ExtractedDashboard {
  expressions: DashboardExpression[];
  /** kinds of the dashboard's template variables, for substitution */
  variableKinds: Map<string, GrafanaVariableKind>;
  /** JSON syntax errors */
  diagnostics: Diagnostic[];
}

/** A JSON file is a dashboard when its top level has `panels`, `rows` or a `dashboard` object. */
export function isDashboardJson(text: string): boolean {
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (!root || root.type !== 'object') return false;
  return prop(root, 'panels') !== undefined || prop(root, 'rows') !== undefined || prop(root, 'dashboard')?.type === 'object';
}

export function extractDashboardExpressions(text: string): ExtractedDashboard {
  const errors: ParseError[] = [];
  const top = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const diagnostics: Diagnostic[] = errors.map((e) => ({
    code: 'dashboard/json',
    severity: 'error',
    range: { start: e.offset, end: e.offset + Math.max(1, e.length) },
    message: `invalid JSON: ${printParseErrorCode(e.error)}`,
  }));
  const expressions: DashboardExpression[] = [];
  const variableKinds = new Map<string, GrafanaVariableKind>();
  if (!top || top.type !== 'object') return { expressions, variableKinds, diagnostics };
  const wrapped = prop(top, 'dashboard');
  const root = prop(top, 'panels') === undefined && prop(top, 'rows') === undefined && wrapped?.type === 'object' ? wrapped : top;
  const rootPath = root === top ? '' : 'dashboard.';

  const ctx: DatasourceContext = { pluginByVariable: new Map() };
  for (const input of items(prop(top, '__inputs'))) {
    const name = str(prop(input, 'name'));
    const plugin = str(prop(input, 'pluginId'));
    if (name && plugin) ctx.pluginByVariable.set(name, plugin);
  }
  const variables = items(prop(prop(root, 'templating'), 'list'));
  for (const v of variables) {
    const name = str(prop(v, 'name'));
    if (!name) continue;
    const value = getNodeValue(v) as Record<string, unknown>;
    if (value.type === 'datasource' && typeof value.query === 'string') ctx.pluginByVariable.set(name, value.query);
    variableKinds.set(name, variableKindFromDefinition(value));
  }

  const walker = new Walker(text, ctx, expressions);
  walker.panels(prop(root, 'panels'), `${rootPath}panels`);
  items(prop(root, 'rows')).forEach((row, i) => walker.panels(prop(row, 'panels'), `${rootPath}rows[${i}].panels`));
  const elements = prop(top, '__elements');
  for (const el of elements?.type === 'object' ? (elements.children ?? []) : []) {
    const key = el.children?.[0];
    const model = prop(el.children?.[1], 'model');
    if (model) walker.panel(model, `__elements.${String(key?.value)}.model`);
  }
  items(prop(prop(root, 'annotations'), 'list')).forEach((a, i) => walker.annotation(a, `${rootPath}annotations.list[${i}]`));
  variables.forEach((v, i) => walker.variable(v, `${rootPath}templating.list[${i}]`));
  expressions.sort((a, b) => a.range.start - b.range.start);
  return { expressions, variableKinds, diagnostics };
}

class Walker {
  constructor(
    private readonly text: string,
    private readonly ctx: DatasourceContext,
    private readonly out: DashboardExpression[],
  ) {}

  panels(list: Node | undefined, path: string): void {
    items(list).forEach((p, i) => this.panel(p, `${path}[${i}]`));
  }

  panel(panel: Node, path: string): void {
    if (panel.type !== 'object') return;
    const title = str(prop(panel, 'title'));
    const idNode = prop(panel, 'id');
    const panelId = typeof idNode?.value === 'number' ? idNode.value : undefined;
    const panelDs = dsValue(prop(panel, 'datasource'));
    items(prop(panel, 'targets')).forEach((t, i) => {
      const exprNode = prop(t, 'expr');
      if (exprNode?.type !== 'string') return;
      const decision = isPrometheusDatasource(dsValue(prop(t, 'datasource')), this.ctx) ?? isPrometheusDatasource(panelDs, this.ctx) ?? true;
      if (!decision) return;
      const refId = str(prop(t, 'refId'));
      this.add(exprNode, undefined, { kind: 'target', panelTitle: title, panelId, refId, path: `${path}.targets[${i}].expr` });
    });
    this.panels(prop(panel, 'panels'), `${path}.panels`);
    const libModel = prop(prop(panel, 'libraryPanel'), 'model');
    if (libModel) this.panel(libModel, `${path}.libraryPanel.model`);
  }

  annotation(a: Node, path: string): void {
    const exprNode = prop(a, 'expr');
    if (exprNode?.type !== 'string') return;
    if (!(isPrometheusDatasource(dsValue(prop(a, 'datasource')), this.ctx) ?? true)) return;
    this.add(exprNode, undefined, { kind: 'annotation', name: str(prop(a, 'name')), path: `${path}.expr` });
  }

  variable(v: Node, path: string): void {
    if (str(prop(v, 'type')) !== 'query') return;
    if (!(isPrometheusDatasource(dsValue(prop(v, 'datasource')), this.ctx) ?? true)) return;
    let q = prop(v, 'query');
    let qPath = `${path}.query`;
    if (q?.type === 'object') {
      q = prop(q, 'query');
      qPath += '.query';
    }
    if (q?.type !== 'string') return;
    this.add(q, 'variable', { kind: 'variable', name: str(prop(v, 'name')), path: qPath });
  }

  /** `variable` mode: only the PromQL part of a template-variable query */
  private add(node: Node, mode: 'variable' | undefined, source: DashboardExpressionSource): void {
    const decoded = decodeJsonString(this.text, node.offset, node.offset + node.length);
    let start = 0;
    let end = decoded.value.length;
    if (mode === 'variable') {
      const part = parseVariableQuery(decoded.value);
      if (!part?.promql) return;
      source.queryKind = part.kind;
      start = part.promql.start;
      end = part.promql.end;
    }
    const expr = decoded.value.slice(start, end);
    if (expr.trim() === '') return;
    this.out.push({
      expr,
      range: { start: decoded.toFile(start), end: decoded.toFile(end) },
      toFile: (o: number) => decoded.toFile(start + Math.max(0, Math.min(o, expr.length))),
      source,
    });
  }
}

function prop(node: Node | undefined, key: string): Node | undefined {
  if (!node || node.type !== 'object') return undefined;
  for (const p of node.children ?? []) {
    if (p.children?.[0]?.value === key) return p.children[1];
  }
  return undefined;
}

function items(node: Node | undefined): Node[] {
  return node?.type === 'array' ? (node.children ?? []) : [];
}

function str(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

function dsValue(node: Node | undefined): unknown {
  return node ? getNodeValue(node) : undefined;
}
