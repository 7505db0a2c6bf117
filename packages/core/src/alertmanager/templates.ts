/**
 * Go templates in Alertmanager: receiver fields (parsed by Alertmanager only when a notification
 * is sent, so a broken one is a warning: the configuration loads and the notification fails),
 * template files (`templates:` globs; a parse error there makes Alertmanager refuse the
 * configuration) and template names: `{{ template "x" . }}` must name a built-in template or a
 * `define` of one of the template files.
 */
import type { Diagnostic } from '../diagnostics/types';
import type { SourceFile } from '../files';
import { ALERTMANAGER_DEFAULT_TEMPLATES, ALERTMANAGER_TEMPLATE_FUNCS, parseGoTemplate, type NameRef } from '../template/index';
import type { YNode, YScalar } from '../yaml/types';
import type { DValue } from './decode';
import type { AlertmanagerModel, TemplateRef } from './model';

export const TEMPLATE_CODE = 'alertmanager/template';
export const UNDEFINED_TEMPLATE_CODE = 'alertmanager/undefined-template';

/** fields that hold no template (credentials, files, nested HTTP settings) */
const NOT_TEMPLATED = /(^|_)(file|http_config|tls_config|sigv4)$|^(send_resolved)$/;

/** `{{ ... }}` syntax check of a templated URL as `SecretTemplateURL` does it: Go builtins only */
export function templatedURLError(text: string): string | undefined {
  const r = parseGoTemplate(text, { funcs: new Set() });
  const e = r.diagnostics[0];
  if (!e || e.incomplete) return undefined;
  return e.goError;
}

/**
 * Parses every templated string of one integration block; returns the template names it calls
 * that Alertmanager does not define itself.
 */
export function checkIntegrationTemplates(value: DValue | undefined, node: YNode, diagnostics: Diagnostic[], skipFields: readonly string[] = []): TemplateRef[] {
  const refs: TemplateRef[] = [];
  const visit = (v: DValue | undefined, n: YNode, field: string): void => {
    if (v === undefined || v === null || NOT_TEMPLATED.test(field) || (n !== node && skipFields.includes(field) && isTopField(value, n))) return;
    if (typeof v === 'string') {
      if (n.kind === 'scalar' && v.includes('{{')) refs.push(...checkField(v, n, diagnostics));
      return;
    }
    if (typeof v !== 'object') return;
    if (v.kind === 'obj') for (const [k, fv] of Object.entries(v.f)) visit(fv, v.pairs[k]?.value ?? v.node, k);
    else if (v.kind === 'list') for (const it of v.items) visit(it.value, it.node, field);
    else for (const e of v.entries) visit(e.value, e.node, e.key);
  };
  visit(value, node, '');
  return refs;
}

/** is `n` the value node of a field of the integration block itself (not of a nested block)? */
function isTopField(value: DValue | undefined, n: YNode): boolean {
  return !!value && typeof value === 'object' && value.kind === 'obj' && Object.values(value.pairs).some((p) => p.value === n);
}

function checkField(text: string, scalar: YScalar, diagnostics: Diagnostic[]): TemplateRef[] {
  const r = parseGoTemplate(text, { funcs: ALERTMANAGER_TEMPLATE_FUNCS });
  for (const e of r.diagnostics) {
    if (e.incomplete) continue;
    diagnostics.push({
      code: TEMPLATE_CODE,
      severity: 'warning',
      range: scalar.toFileRange(e.range),
      message: `${e.goError} (Alertmanager loads this configuration, but notifications using this field will fail)`,
    });
  }
  const local = new Set(r.refs.definitions.map((d) => d.name));
  return r.refs.templateCalls
    .filter((c) => !ALERTMANAGER_DEFAULT_TEMPLATES.has(c.name) && !local.has(c.name))
    .map((c) => ({ name: c.name, range: scalar.toFileRange(c.range) }));
}

export interface TemplateFileResult {
  diagnostics: Diagnostic[];
  /** `{{ define "x" }}` / `{{ block "x" }}` names */
  definitions: NameRef[];
  /** `{{ template "x" }}` calls to names not built into Alertmanager */
  calls: NameRef[];
}

/** An Alertmanager template file (`*.tmpl`): parse errors are errors (the reload fails). */
export function analyzeAlertmanagerTemplateFile(file: SourceFile): TemplateFileResult {
  const r = parseGoTemplate(file.text, { funcs: ALERTMANAGER_TEMPLATE_FUNCS, name: baseName(file.path) });
  const diagnostics: Diagnostic[] = r.diagnostics.map((e) => ({
    code: TEMPLATE_CODE,
    severity: e.incomplete ? 'warning' : 'error',
    range: e.range,
    message: e.incomplete ? `template could not be analysed fully: ${e.message}` : e.goError,
  }));
  return {
    diagnostics,
    definitions: r.refs.definitions,
    calls: r.refs.templateCalls.filter((c) => !ALERTMANAGER_DEFAULT_TEMPLATES.has(c.name)),
  };
}

/**
 * The workspace half of the template-name check: `defined` = every `define` of the template files
 * the config's `templates:` globs select. Reports each reference to a name defined nowhere.
 */
export function checkTemplateRefs(model: AlertmanagerModel, defined: ReadonlySet<string>): Diagnostic[] {
  return model.templateRefs
    .filter((r) => !defined.has(r.name))
    .map((r) => ({
      code: UNDEFINED_TEMPLATE_CODE,
      severity: 'warning' as const,
      range: r.range,
      message: `template ${JSON.stringify(r.name)} is not defined in any template file nor built into Alertmanager; notifications using it will fail`,
    }));
}

function baseName(p: string): string {
  const parts = p.split(/[\\/]/);
  return parts[parts.length - 1] ?? p;
}

/**
 * Convenience for the workspace/CLI: the template files selected by the config's `templates:`
 * globs (the caller resolves the globs and reads the files) → their diagnostics, and the config's
 * references to names none of them defines.
 */
export function checkTemplateFiles(model: AlertmanagerModel, files: readonly SourceFile[]): { files: Map<string, Diagnostic[]>; config: Diagnostic[] } {
  const defined = new Set<string>();
  const perFile = new Map<string, Diagnostic[]>();
  for (const f of files) {
    const r = analyzeAlertmanagerTemplateFile(f);
    perFile.set(f.path, r.diagnostics);
    for (const d of r.definitions) defined.add(d.name);
  }
  return { files: perFile, config: checkTemplateRefs(model, defined) };
}
