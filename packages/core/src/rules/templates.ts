/**
 * Go-template checking of alerting-rule labels and annotations, delegated to the template analyzer
 * (`../template/`, Prometheus's `testTemplateParsing`). This module only adapts it to the rule
 * model: it maps the template diagnostics (offsets into the decoded value) into the file through
 * the scalar's source map and adds the loader's `group "g", rule N, "name": ` framing to errors.
 */
import type { Diagnostic } from '../diagnostics/types';
import { checkRuleTemplate } from '../template/index';
import type { YScalar } from '../yaml/index';

export function checkRuleTemplates(
  value: YScalar,
  ctx: { alertName: string; kind: 'label' | 'annotation'; key: string },
  frame: (message: string) => string,
): Diagnostic[] {
  // a value without an action cannot fail to parse
  if (!value.text.includes('{{')) return [];
  const res = checkRuleTemplate(value.text, { alertName: ctx.alertName, kind: ctx.kind, key: ctx.key });
  return res.diagnostics.map((d) => {
    const mapped: Diagnostic = { ...d, range: value.toFileRange(d.range) };
    delete mapped.fix;
    if (d.notes) mapped.notes = d.notes.map((n) => (n.range && !n.file ? { ...n, range: value.toFileRange(n.range) } : n));
    if (d.severity === 'error') mapped.message = frame(d.message);
    return mapped;
  });
}
