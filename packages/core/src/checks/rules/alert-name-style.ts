import type { RuleView } from '../model';
import { defineCheck } from '../define';

type Style = 'CamelCase' | 'snake_case';

function styleOf(name: string): Style | undefined {
  if (/^[A-Z][A-Za-z0-9]*$/.test(name)) return 'CamelCase';
  if (/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(name)) return 'snake_case';
  return undefined;
}

export default defineCheck({
  id: 'rules/alert-name-style',
  severity: 'info',
  scope: 'file',
  summary: 'Alert names not in CamelCase or snake_case, or mixing both in one file.',
  why: 'Alert names end up in routes, silences and dashboards (`alertname="..."`). One consistent style per file (CamelCase is the convention of Prometheus\'s own docs and most mixins) makes them predictable to match.',
  howToFix: 'Rename the alert in the style of the rest of the file.',
  defaults: {},
  examples: {
    invalid: [
      'groups:\n  - name: g\n    rules:\n      - alert: High Error Rate\n        expr: up == 0\n',
      'groups:\n  - name: g\n    rules:\n      - alert: InstanceDown\n        expr: up == 0\n      - alert: JobDown\n        expr: sum by (job) (up) == 0\n      - alert: target_missing\n        expr: absent(up)\n',
    ],
    valid: ['groups:\n  - name: g\n    rules:\n      - alert: InstanceDown\n        expr: up == 0\n      - alert: JobDown\n        expr: sum by (job) (up) == 0\n'],
  },
  // alerts' names (the style of each, and of the file's majority)
  reads: (rule) => (rule.kind === 'alert' ? `a${rule.name}` : ''),
  run(ctx) {
    const alerts: RuleView[] = ctx.rules.map((p) => p.rule).filter((r) => r.kind === 'alert');
    const count: Record<Style, number> = { CamelCase: 0, snake_case: 0 };
    for (const a of alerts) {
      const s = styleOf(a.name);
      if (s) count[s]++;
    }
    const major: Style | undefined = count.CamelCase > count.snake_case ? 'CamelCase' : count.snake_case > count.CamelCase ? 'snake_case' : undefined;
    for (const a of alerts) {
      const s = styleOf(a.name);
      if (!s) ctx.report({ range: a.nameRange, message: `Alert name \`${a.name}\` is neither CamelCase nor snake_case.` });
      else if (major && s !== major) ctx.report({ range: a.nameRange, message: `\`${a.name}\` is ${s} while ${count[major]} alert(s) in this file are ${major}.` });
    }
  },
});
