import type { Range } from '../../diagnostics/types';
import { forEachNode } from '../../labelflow/expr';
import { type LabelSet, type Origin, whyMissing } from '../../labelflow/flow';
import { defineCheck } from '../define';

export default defineCheck({
  id: 'promql/join-on-dropped-label',
  severity: 'warning',
  scope: 'expr',
  memo: 'expression',
  summary: '`by(x)`, `on(x)` or `group_left(x)` on a label that an inner aggregation already removed.',
  why: 'Label flow: after `sum by (job)` only `job` is left. Grouping by, matching on or copying a label that is gone always sees the empty value, so the join does not do what it says (it matches unrelated series or nothing, and `group_left(x)` copies nothing).',
  howToFix: 'Keep the label in the inner aggregation (`sum by (job, instance)`), or drop it from the outer clause.',
  pint: ['promql/impossible'],
  defaults: {},
  examples: {
    invalid: [
      'sum by (instance) (sum by (job) (up))',
      'sum by (job) (rate(errors_total[5m])) / on (instance) sum by (job) (rate(requests_total[5m]))',
      'up * on (job) group_left (version) sum by (job) (build_info)',
    ],
    valid: [
      'sum by (job) (sum by (job, instance) (up))',
      'sum by (job) (rate(errors_total[5m])) / on (job) sum by (job) (rate(requests_total[5m]))',
      'up * on (job) group_left (version) max by (job, version) (build_info)',
    ],
  },
  run(ctx) {
    const check = (set: LabelSet, label: string, at: Range, what: string) => {
      const o: Origin | undefined = whyMissing(set, label);
      if (!o || o.what.startsWith('the matcher') || o.what === 'a literal' || o.what === 'a scalar expression') return;
      ctx.report({ range: at, message: `${what}: \`${label}\` was already removed by ${o.what.startsWith('the ') ? o.what : `\`${o.what}\``}, so it is always empty here.`, notes: [{ message: `\`${label}\` is removed here`, range: o.range }] });
    };
    forEachNode(ctx.expr, (n) => {
      if (n.kind === 'aggregate' && n.grouping?.kind === 'by') {
        const input = ctx.flow.of(n.expr);
        for (const l of n.grouping.labels) check(input, l.name, l.range, `${n.op} by (${l.name})`);
      } else if (n.kind === 'binary' && n.matching) {
        const m = n.matching;
        const lhs = ctx.flow.of(n.lhs);
        const rhs = ctx.flow.of(n.rhs);
        if (m.on) {
          for (const l of m.labels) {
            check(lhs, l.name, l.range, `on(${l.name}) (left-hand side)`);
            check(rhs, l.name, l.range, `on(${l.name}) (right-hand side)`);
          }
        }
        const one = m.card === 'one-to-many' ? lhs : rhs;
        const side = m.card === 'one-to-many' ? 'group_right' : 'group_left';
        for (const l of m.include) check(one, l.name, l.range, `${side}(${l.name})`);
      }
    });
  },
});
