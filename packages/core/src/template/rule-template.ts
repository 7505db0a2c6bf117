/**
 * Prometheus's template check for alerting-rule labels and annotations
 * (`model/rulefmt/rulefmt.go` testTemplateParsing): each value is parsed as a Go text/template
 * named `__alert_<alertname>`, with Prometheus's function map, after a header that declares
 * `$labels`, `$externalLabels`, `$externalURL` and `$value`. A parse error makes the rule file fail
 * to load, with the message `<label|annotation> "<key>": template: __alert_<name>:<line>: <msg>`.
 *
 * Prometheus checks the templates of ALERTING rules only (labels and annotations alike); a
 * recording rule's label values are never parsed, so do not call this for them.
 */
import type { Diagnostic } from '../diagnostics/types';
import { PROMETHEUS_TEMPLATE_FUNCS, PROMETHEUS_TEMPLATE_FUNCS_WITH_BUILTINS } from './funcs';
import { goQuote } from './go-format';
import { templateErrorHint } from './hints';
import { findExecProblems, PROMETHEUS_FUNC_ARITY } from './exec-check';
import { type GoTemplateError, parseGo } from './parser';
import { collectRefs, emptyRefs, type TemplateRefs } from './refs';

/** Variables Prometheus's header declares before every rule template. */
export const PROMETHEUS_RULE_TEMPLATE_VARIABLES: readonly string[] = [
  '$labels',
  '$externalLabels',
  '$externalURL',
  '$value',
];

/** Code of the load errors (severity error). */
export const RULE_TEMPLATE_CODE = 'rules/template';
/**
 * Code of the problems Prometheus accepts at load time but that fail at expansion (warning):
 * `{{template}}` of an undefined name, wrong argument counts, arguments given to a literal.
 */
export const RULE_TEMPLATE_EXEC_CODE = 'rules/template-exec';

export interface RuleTemplateOptions {
  /** the rule's `alert:` name; the template is named `__alert_<alertName>` */
  alertName: string;
  kind: 'label' | 'annotation';
  /** the label/annotation key; when given, messages start with `annotation "summary": ` as in Prometheus */
  key?: string;
}

export interface RuleTemplateResult {
  /** offsets are into `text` (the label/annotation value, after YAML unquoting) */
  diagnostics: Diagnostic[];
  refs: TemplateRefs;
  /** the parse error, if any, with Go's bare message and line */
  error?: GoTemplateError;
}

function withHint(d: Diagnostic, err: GoTemplateError): Diagnostic {
  const hint = templateErrorHint(err, PROMETHEUS_TEMPLATE_FUNCS_WITH_BUILTINS, PROMETHEUS_RULE_TEMPLATE_VARIABLES);
  if (hint) d.notes = [{ message: hint }];
  return d;
}

/**
 * Results of the latest templates: the rule loader's validation and the best-practice checks ask
 * for the same template one after the other. Results are shared: callers must not mutate them.
 * Keyed by the text (the same string object each time: its hash is computed once), then by the
 * options: a key made of all four was a new string to hash on every call, ~20 ms of a run over
 * 100,000 rules where nearly every template is asked for once or twice.
 */
interface RecentResult {
  kind: RuleTemplateOptions['kind'];
  key: string | undefined;
  alertName: string;
  res: RuleTemplateResult;
}
const recent = new Map<string, RecentResult[]>();
/** texts remembered, and results per text */
const RECENT_MAX = 1024;
const RECENT_PER_TEXT = 8;

/** Check one label or annotation value of an alerting rule as Prometheus's rule loader does. */
export function checkRuleTemplate(text: string, opts: RuleTemplateOptions): RuleTemplateResult {
  // Most label values (`critical`, `page`) have no action at all.
  if (!text.includes('{{')) return { diagnostics: [], refs: emptyRefs() };
  let list = recent.get(text);
  if (list !== undefined) {
    for (let i = 0; i < list.length; i++) {
      const r = list[i]!;
      if (r.alertName === opts.alertName && r.kind === opts.kind && r.key === opts.key) return r.res;
    }
  } else {
    if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
    recent.set(text, (list = []));
  }
  const res = checkTemplateUncached(text, opts);
  if (list.length >= RECENT_PER_TEXT) list.shift();
  list.push({ kind: opts.kind, key: opts.key, alertName: opts.alertName, res });
  return res;
}

/**
 * What a template that parses gives whatever the alert's name: the name (`__alert_<alertname>`)
 * only shows in parse errors and in the "multiple definition" check against `{{define}}`/`{{block}}`
 * names, so a text without either that parses is analysed once for every alert that uses it (the
 * same annotation text on many alerts is common). Shared: callers must not mutate.
 */
interface NameFreeAnalysis {
  refs: TemplateRefs;
  execProblems: ReturnType<typeof findExecProblems>;
}
const byText = new Map<string, NameFreeAnalysis>();
const BY_TEXT_MAX = 4096;

function checkTemplateUncached(text: string, opts: RuleTemplateOptions): RuleTemplateResult {
  const prefix = opts.key === undefined ? '' : `${opts.kind} ${goQuote(opts.key)}: `;
  const known = byText.get(text);
  if (known) return execResult(known.refs, known.execProblems, prefix, opts);
  const name = `__alert_${opts.alertName}`;
  const parsed = parseGo(text, {
    funcs: PROMETHEUS_TEMPLATE_FUNCS,
    predeclared: PROMETHEUS_RULE_TEMPLATE_VARIABLES,
    name,
    rootNonEmpty: true,
  });
  const diagnostics: Diagnostic[] = [];
  const refs = parsed.nodes.length > 0 ? collectRefs(parsed.nodes) : emptyRefs();
  const err = parsed.error;
  if (err) {
    diagnostics.push(
      err.incomplete
        ? {
            code: RULE_TEMPLATE_CODE,
            severity: 'warning',
            range: err.range,
            message: `${prefix}${err.message}; not checked`,
          }
        : withHint({ code: RULE_TEMPLATE_CODE, severity: 'error', range: err.range, message: prefix + err.goError }, err),
    );
    return { diagnostics, refs, error: err };
  }
  const execProblems = findExecProblems(parsed.nodes, PROMETHEUS_FUNC_ARITY);
  if (!text.includes('define') && !text.includes('block')) {
    if (byText.size >= BY_TEXT_MAX) byText.delete(byText.keys().next().value!);
    byText.set(text, { refs, execProblems });
  }
  return execResult(refs, execProblems, prefix, opts);
}

/** The result of a template that parses: what fails at expansion (warnings). */
function execResult(refs: TemplateRefs, execProblems: ReturnType<typeof findExecProblems>, prefix: string, opts: RuleTemplateOptions): RuleTemplateResult {
  const diagnostics: Diagnostic[] = [];
  // Loads, but expansion fails where this code is reached.
  const exec = (range: Diagnostic['range'], goMessage: string, conditional = false) =>
    diagnostics.push({
      code: RULE_TEMPLATE_EXEC_CODE,
      severity: 'warning',
      range,
      message: `${prefix}Prometheus loads this rule, but expanding the ${opts.kind} fails${conditional ? ' when this part runs' : ''}: ${goMessage}`,
    });
  // Prometheus gives rule templates no other template to call.
  if (refs.templateCalls.length > 0) {
    const defined = new Set(refs.definitions.map((d) => d.name));
    for (const call of refs.templateCalls) {
      if (!defined.has(call.name)) exec(call.range, `template ${goQuote(call.name)} not defined`);
    }
  }
  for (const p of execProblems) exec(p.range, p.message, p.conditional);
  return { diagnostics, refs };
}
