/**
 * Go-template checking of alerting-rule labels and annotations, delegated to the template analyzer
 * (`../template/`, Prometheus's `testTemplateParsing`). This module only adapts it to the rule
 * model: it maps the template diagnostics (offsets into the decoded value) into the file through
 * the scalar's source map and adds the loader's `group "g", rule N, "name": ` framing to errors.
 */
import type { Diagnostic } from '../diagnostics/types';
import { checkRuleTemplate, type RuleTemplateResult } from '../template/index';
import type { YScalar } from '../yaml/index';

type TemplateContext = { alertName: string; kind: 'label' | 'annotation'; key: string };

/** the template analysis of each label/annotation value the loader checked (the checks reuse it) */
const results = new WeakMap<YScalar, { ctx: TemplateContext; res: RuleTemplateResult }>();

/**
 * The rule loader's template analysis of a label or annotation value in this context, when it ran
 * (a value shared through a YAML alias is analysed once per rule: the last one is kept).
 */
export function ruleTemplateResult(value: YScalar, ctx: TemplateContext): RuleTemplateResult | undefined {
  const r = results.get(value);
  return r && r.ctx.alertName === ctx.alertName && r.ctx.kind === ctx.kind && r.ctx.key === ctx.key ? r.res : undefined;
}

export function checkRuleTemplates(
  value: YScalar,
  ctx: TemplateContext,
  frame: (message: string) => string,
): Diagnostic[] {
  // a value without an action cannot fail to parse
  if (!value.text.includes('{{')) return [];
  const res = checkRuleTemplate(value.text, { alertName: ctx.alertName, kind: ctx.kind, key: ctx.key });
  results.set(value, { ctx, res });
  return res.diagnostics.map((d) => {
    const mapped: Diagnostic = { ...d, range: value.toFileRange(d.range) };
    delete mapped.fix;
    if (d.notes) mapped.notes = d.notes.map((n) => (n.range && !n.file ? { ...n, range: value.toFileRange(n.range) } : n));
    if (d.severity === 'error') mapped.message = frame(d.message);
    return mapped;
  });
}
