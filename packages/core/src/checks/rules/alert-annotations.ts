import { defineCheck } from '../define';
import type { KeyValue } from '../model';

export default defineCheck<{ required: string[]; mode: 'any' | 'all' }>({
  id: 'rules/alert-annotations',
  severity: 'info',
  scope: 'rule',
  summary: 'An alerting rule without a `summary` or `description` annotation.',
  why: 'The person paged reads the annotations first. An alert with neither summary nor description only has its name to explain what is wrong and what to do.',
  howToFix: 'Add `annotations: { summary: ..., description: ... }` (configure which ones with the `required` option).',
  pint: ['alerts/annotation'],
  defaults: { required: ['summary', 'description'], mode: 'any' },
  optionDocs: {
    required: { description: 'annotation names to look for', default: ['summary', 'description'] },
    mode: { description: '`any`: one of them is enough; `all`: every one is required', default: 'any' },
  },
  examples: {
    invalid: ['groups:\n  - name: g\n    rules:\n      - alert: InstanceDown\n        expr: up == 0\n        for: 5m\n'],
    valid: ['groups:\n  - name: g\n    rules:\n      - alert: InstanceDown\n        expr: up == 0\n        for: 5m\n        annotations:\n          summary: "{{ $labels.instance }} is down"\n'],
  },
  run(ctx) {
    const { rule } = ctx;
    if (rule.kind !== 'alert') return;
    const missing = ctx.options.required.filter((k) => !hasAnnotation(rule.annotations, k));
    const bad = ctx.options.mode === 'all' ? missing.length > 0 : missing.length === ctx.options.required.length && missing.length > 0;
    if (!bad) return;
    const what = ctx.options.mode === 'all' ? missing : ctx.options.required;
    ctx.report({ range: rule.nameRange, message: `Alert \`${rule.name}\` has no ${what.map((k) => `\`${k}\``).join(ctx.options.mode === 'all' ? ' and no ' : ' or ')} annotation.` });
  },
});

/** whether an annotation `key` has a value that is not blank */
function hasAnnotation(annotations: readonly KeyValue[], key: string): boolean {
  for (let i = 0; i < annotations.length; i++) {
    const a = annotations[i]!;
    if (a.key === key && a.value.value.trim() !== '') return true;
  }
  return false;
}
