import { findCycles } from '../../graph/cycles';
import { defineCheck } from '../define';

export default defineCheck({
  id: 'rules/dependency-cycle',
  severity: 'warning',
  scope: 'file',
  needsWorkspace: true,
  summary: 'Recording rules that depend on each other in a cycle.',
  why: 'A rule that (through other rules) reads its own output feeds each evaluation with the previous one: values drift or stick, and removing any rule of the loop breaks the others. It is almost always an accidental name clash.',
  howToFix: 'Break the loop: make one rule read the raw metric instead of the recorded one.',
  defaults: {},
  examples: {
    invalid: ['groups:\n  - name: g\n    rules:\n      - record: job:a:sum\n        expr: sum by (job) (job:b:sum)\n      - record: job:b:sum\n        expr: sum by (job) (job:a:sum)\n'],
    valid: ['groups:\n  - name: g\n    rules:\n      - record: job:a:sum\n        expr: sum by (job) (a)\n      - record: job:b:sum\n        expr: sum by (job) (job:a:sum)\n'],
  },
  run(ctx) {
    for (const cycle of findCycles(ctx.env.graph)) {
      const path = [...cycle.map((n) => n.name), cycle[0].name].join(' → ');
      for (const n of cycle) {
        if (n.file !== ctx.file.path) continue;
        ctx.report({
          range: n.nameRange,
          message: `\`${n.name}\` is part of a dependency cycle: ${path}.`,
          notes: cycle.filter((o) => o.id !== n.id).map((o) => ({ message: `\`${o.name}\` is in the cycle`, range: o.nameRange, file: o.file === ctx.file.path ? undefined : o.file })),
        });
      }
    }
  },
});
