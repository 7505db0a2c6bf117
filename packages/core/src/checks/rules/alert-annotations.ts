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
    const { required, mode } = ctx.options;
    let present = 0;
    for (let i = 0; i < required.length; i++) if (hasAnnotation(rule.annotations, required[i]!)) present++;
    const bad = mode === 'all' ? present < required.length : present === 0 && required.length > 0;
    if (!bad) return;
    const what = mode === 'all' ? listOf(required.filter((k) => !hasAnnotation(rule.annotations, k)), ' and no ') : anyOf(required);
    ctx.report({ range: rule.nameRange, message: `Alert \`${rule.name}\` has no ${what} annotation.` });
  },
});

function listOf(keys: readonly string[], sep: string): string {
  return keys.map((k) => `\`${k}\``).join(sep);
}

/** `listOf(required, ' or ')`, kept for the last option array (the same for every rule of a run) */
let lastRequired: readonly string[] | undefined;
let lastAny = '';
function anyOf(required: readonly string[]): string {
  if (required !== lastRequired) {
    lastAny = listOf(required, ' or ');
    lastRequired = required;
  }
  return lastAny;
}

/** whether an annotation `key` has a value that is not blank */
function hasAnnotation(annotations: readonly KeyValue[], key: string): boolean {
  for (let i = 0; i < annotations.length; i++) {
    const a = annotations[i]!;
    if (a.key === key && a.value.value.trim() !== '') return true;
  }
  return false;
}
