import { some } from '../../labelflow/expr';
import { METRIC_NAME } from '../../labelflow/flow';
import { defineCheck } from '../define';
import { hasToken, hasTokenRun, parseRecordName, splitLevel } from '../record-name';

function list(labels: Iterable<string>): string {
  const l = [...labels];
  return l.length ? l.map((x) => `\`${x}\``).join(', ') : 'no labels';
}

/** the option as a set, made once per options array (the same for every rule of a file) */
const implicitSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function implicitSet(labels: readonly string[]): ReadonlySet<string> {
  if (typeof labels !== 'object' || labels === null) return new Set(labels);
  let s = implicitSets.get(labels);
  if (!s) {
    s = new Set(labels);
    implicitSets.set(labels, s);
  }
  return s;
}

const EMPTY: ReadonlySet<string> = new Set();

/** the labels a level may name: those the result keeps and the implicit ones (one object, set for each call) */
const levelLabels = {
  present: EMPTY as { has(l: string): boolean },
  implicit: EMPTY as { has(l: string): boolean },
  has(l: string): boolean {
    return (l !== METRIC_NAME && this.present.has(l)) || this.implicit.has(l);
  },
};

export default defineCheck<{ implicitLabels: string[] }>({
  id: 'rules/record-name-level',
  severity: 'warning',
  scope: 'rule',
  summary: 'The `level` of a recording-rule name does not match the labels its expression keeps.',
  why: 'In `level:metric:operations` the level lists the labels the result is aggregated to ("the labels in the by/without clause always match up with the level"). Label flow computes what the expression keeps: `job:...` on `sum by (job, instance)` or on an expression that does not aggregate at all tells readers of the name a story the series does not have.',
  howToFix: 'Rename the rule to the level its expression implies (the quick fix proposes it), or change the aggregation.',
  links: ['https://prometheus.io/docs/practices/rules/#naming-and-aggregation'],
  defaults: { implicitLabels: ['cluster'] },
  optionDocs: { implicitLabels: { description: 'labels a level may name without the expression keeping them (added by external labels or remote write)', default: ['cluster'] } },
  examples: {
    invalid: [
      'groups:\n  - name: g\n    rules:\n      - record: job:http_requests:rate5m\n        expr: sum by (job, instance) (rate(http_requests_total[5m]))\n',
      'groups:\n  - name: g\n    rules:\n      - record: job:http_requests:rate5m\n        expr: rate(http_requests_total[5m])\n',
      'groups:\n  - name: g\n    rules:\n      - record: instance_path:requests:rate5m\n        expr: sum without (instance) (instance_path:requests:rate5m)\n',
    ],
    valid: [
      'groups:\n  - name: g\n    rules:\n      - record: job:http_requests:rate5m\n        expr: sum by (job) (rate(http_requests_total[5m]))\n',
      'groups:\n  - name: g\n    rules:\n      - record: instance_path:requests:rate5m\n        expr: rate(requests_total{job="myjob"}[5m])\n',
      'groups:\n  - name: g\n    rules:\n      - record: cluster:http_requests:rate5m\n        expr: sum(rate(http_requests_total[5m]))\n',
    ],
  },
  run(ctx) {
    const { rule, parsed } = ctx;
    if (rule.kind !== 'record' || !parsed.expr || !parsed.flow) return;
    const name = parseRecordName(rule.name);
    if (!name) return;
    const set = parsed.flow.of(parsed.expr);
    const implicit = implicitSet(ctx.options.implicitLabels);
    if (set.closed) {
      const present = set.present;
      const kept: string[] = [];
      for (const l of present.keys()) if (l !== METRIC_NAME) kept.push(l);
      levelLabels.present = present;
      levelLabels.implicit = implicit;
      const split = splitLevel(name.level, levelLabels);
      levelLabels.present = levelLabels.implicit = EMPTY;
      // the level names every label the result keeps (but implicit ones)
      if (split && kept.every((l) => implicit.has(l) || split.includes(l))) return;
      const expectedLabels = kept.filter((l) => !implicit.has(l) || hasToken(name.level, l));
      const expected = expectedLabels.length ? expectedLabels.join('_') : undefined;
      const newName = expected ? `${expected}:${name.metric}:${name.operations}` : undefined;
      ctx.report({
        range: rule.nameRange,
        message: `The name says level \`${name.level}\` but the result keeps ${list(kept)}${expected ? `: expected \`${newName}\`` : ''}.`,
        notes: set.closedBy ? [{ message: `the labels are set by \`${set.closedBy.what}\``, range: parsed.toFile(set.closedBy.range) }] : undefined,
        fix: newName && rule.expr ? { description: `rename to ${newName}`, safe: false, edits: [{ range: nameTextRange(ctx.file.text, rule.nameRange, rule.name), newText: newName }] } : undefined,
      });
      return;
    }
    for (const [label, origin] of set.removed) {
      if (!hasTokenRun(name.level, label)) continue;
      ctx.report({
        range: rule.nameRange,
        message: `The name says level \`${name.level}\` but \`${label}\` was removed by \`${origin.what}\`.`,
        notes: [{ message: `\`${label}\` is removed here`, range: parsed.toFile(origin.range) }],
      });
      return;
    }
    if (name.level === 'job' && !some(parsed.expr, (n) => n.kind === 'aggregate')) {
      ctx.report({ range: rule.nameRange, message: 'The name says level `job` but the expression does not aggregate: the result keeps every label of its input (`instance`...). Aggregate with `sum by (job)` or name the level after the input\'s labels.' });
    }
  },
});

/** The name inside its scalar (without quotes), for the rename edit. */
function nameTextRange(text: string, r: { start: number; end: number }, name: string): { start: number; end: number } {
  // the first occurrence inside [start, end) (what `text.slice(start, end).indexOf(name)` finds)
  const i = text.indexOf(name, r.start);
  return i < 0 || i + name.length > r.end ? r : { start: i, end: i + name.length };
}
