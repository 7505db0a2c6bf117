/**
 * Go text/template analysis for Prometheus rule labels/annotations and Alertmanager templates.
 *
 * A faithful reimplementation of Go's `text/template/parse` (lexer + parser, current Go behaviour
 * (1.23+): trim markers, comments, `break`/`continue`, `else with`, newlines inside actions) with ranges on
 * every node, Go's exact error texts and Go's line numbers. Pure, linear, no dependencies.
 *
 * API
 * - `parseGoTemplate(text, { funcs, predeclared?, name?, rootNonEmpty? })`
 *     → `{ nodes, diagnostics, refs }`. `funcs` is the installed FuncMap (Go's builtins are always
 *     added); `predeclared` are variables in scope at top level (e.g. `['$labels']`); `name` is
 *     the template name used in `goError`. `diagnostics` holds at most one entry (Go stops at the
 *     first error): `{ range, message, line, goError, incomplete? }` where `message` is Go's bare
 *     message (`function "humanizeFoo" not defined`) and `goError` the whole Go error
 *     (`template: NAME:LINE: function "humanizeFoo" not defined`). `range` points at the culprit
 *     in `text`. `refs`: see {@link TemplateRefs} (`$labels.x`, `.Labels.x`, `index $labels "x"`,
 *     `$value`, `$externalLabels.x`, template calls and definitions, functions).
 * - `checkRuleTemplate(text, { alertName, kind, key? })` → `{ diagnostics, refs, error? }`:
 *     Prometheus's rule-loader check of an ALERTING rule's label or annotation value; errors are
 *     `rules/template` severity `error` with Prometheus's wording
 *     (`annotation "summary": template: __alert_Foo:1: function "humanizeFoo" not defined`; the
 *     caller prefixes `group "...", rule N, "Foo": ` if it wants Prometheus's full line). Also
 *     `rules/template-exec` warnings for what loads but fails at expansion: `{{template "x"}}` of
 *     an undefined name, wrong argument counts (`humanize $value 2`), arguments to literals.
 *     Recording rules' labels are not template-checked by Prometheus: do not call it for them.
 * - `templateErrorHint(error, funcs, variables)` → "did you mean ..." and similar notes
 *     (checkRuleTemplate attaches them as `notes`).
 * - `findExecProblems(nodes, arity)` → `{ range, message }[]`: Go execution errors visible
 *     statically (arity from `PROMETHEUS_FUNC_ARITY` / `ALERTMANAGER_FUNC_ARITY`; builtins added).
 * - Function maps: `PROMETHEUS_TEMPLATE_FUNCS`, `ALERTMANAGER_TEMPLATE_FUNCS`,
 *   `GO_TEMPLATE_BUILTINS` (and `*_WITH_BUILTINS` unions); `ALERTMANAGER_DEFAULT_TEMPLATES`: the
 *   names defined by Alertmanager's built-in default.tmpl and email.tmpl.
 *
 * For Alertmanager: parse a template file with `parseGoTemplate(text, { funcs:
 * ALERTMANAGER_TEMPLATE_FUNCS })` (errors there fail config loading); receiver fields likewise
 * (those are parsed at notification time). Resolve `refs.templateCalls` against the union of all
 * files' `refs.definitions` and `ALERTMANAGER_DEFAULT_TEMPLATES`.
 */
import type { TemplateNode } from './ast';
import { type GoTemplateError, parseGo } from './parser';
import { collectRefs, type TemplateRefs } from './refs';

export type * from './ast';
export type { GoTemplateError } from './parser';
export type { LabelRef, NameRef, TemplateRefs } from './refs';
export {
  ALERTMANAGER_DEFAULT_TEMPLATES,
  ALERTMANAGER_TEMPLATE_FUNCS,
  ALERTMANAGER_TEMPLATE_FUNCS_WITH_BUILTINS,
  GO_TEMPLATE_BUILTINS,
  PROMETHEUS_TEMPLATE_FUNCS,
  PROMETHEUS_TEMPLATE_FUNCS_WITH_BUILTINS,
} from './funcs';
export {
  ALERTMANAGER_FUNC_ARITY,
  type Arity,
  type ExecProblem,
  findExecProblems,
  GO_BUILTIN_ARITY,
  PROMETHEUS_FUNC_ARITY,
} from './exec-check';
export { templateErrorHint } from './hints';
export {
  checkRuleTemplate,
  PROMETHEUS_RULE_TEMPLATE_VARIABLES,
  RULE_TEMPLATE_CODE,
  RULE_TEMPLATE_EXEC_CODE,
  type RuleTemplateOptions,
  type RuleTemplateResult,
} from './rule-template';

export interface ParseGoTemplateOptions {
  /** functions installed with Funcs() (Go's builtins are always available) */
  funcs: ReadonlySet<string>;
  /** variables declared before the text, visible at top level (not inside define/block) */
  predeclared?: readonly string[];
  /** template name for `goError` (Go's Tree.ParseName); default "" */
  name?: string;
  /** the text follows a non-empty header (affects Go's duplicate-definition check) */
  rootNonEmpty?: boolean;
}

export interface ParseGoTemplateResult {
  /** the tree; on error, the top-level nodes completed before the error */
  nodes: TemplateNode[];
  /** at most one: Go stops at the first error */
  diagnostics: GoTemplateError[];
  refs: TemplateRefs;
}

/** Parse a Go text/template as Go's `template.New(name).Funcs(funcs).Parse(text)`. Never throws. */
export function parseGoTemplate(text: string, opts: ParseGoTemplateOptions): ParseGoTemplateResult {
  const parsed = parseGo(text, opts);
  return {
    nodes: parsed.nodes,
    diagnostics: parsed.error ? [parsed.error] : [],
    refs: collectRefs(parsed.nodes),
  };
}
