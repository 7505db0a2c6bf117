// Label flow: which labels each expression's result can carry, and what removed the others.
import { describe, expect, it } from 'vitest';
import { exprFromText as buildExpr } from '../../src/labelflow/from-ast';
import { canCarry, labelFlow, whyMissing, type LabelSet } from '../../src/labelflow/flow';

function flowOf(src: string): LabelSet {
  const e = buildExpr(src);
  if (!e) throw new Error(`does not parse: ${src}`);
  return labelFlow(e).of(e);
}

/** `closed [a, b]` or `open -[x, y]`: the set in one readable line. */
function show(s: LabelSet): string {
  return s.closed ? `closed [${[...s.present.keys()].sort().join(', ')}]` : `open -[${[...s.removed.keys()].sort().join(', ')}]`;
}

describe('label flow', () => {
  it.each([
    ['up{job="api"}', 'open -[]'],
    ['up{job=""}', 'open -[job]'],
    ['sum by (job) (up)', 'closed [job]'],
    ['sum(up) by (job, instance)', 'closed [instance, job]'],
    ['sum(up)', 'closed []'],
    ['sum without (instance) (up)', 'open -[__name__, instance]'],
    ['sum by (instance) (sum by (job) (up))', 'closed []'],
    ['topk(3, sum by (job) (up))', 'closed [job]'],
    ['count_values("version", build_info)', 'closed [version]'],
    ['rate(x_total[5m])', 'open -[__name__]'],
    ['last_over_time(x[5m])', 'open -[]'],
    ['histogram_quantile(0.9, rate(x_bucket[5m]))', 'open -[__name__, le]'],
    ['label_replace(sum by (job) (up), "team", "$1", "job", "(.*)")', 'closed [job, team]'],
    ['label_join(sum by (job) (up), "id", "-", "job")', 'closed [id, job]'],
    ['absent(up{job="api", instance=~"a.*"})', 'closed [job]'],
    ['absent(sum(up{job="api"}))', 'closed []'],
    ['vector(1)', 'closed []'],
    ['sum by (job) (up) > 1', 'closed [job]'],
    ['up * on (job) group_left (version) build_info', 'open -[__name__]'],
    ['a / on (job, env) b', 'closed [env, job]'],
    ['a / ignoring (instance) b', 'open -[__name__, instance]'],
    ['sum by (job) (a) and on (job) b', 'closed [job]'],
    ['sum by (job) (a) or sum by (instance) (b)', 'closed [instance, job]'],
    ['sum by (job) (a) or b', 'open -[]'],
    ['sum by (job) (rate(x[5m] offset 1h))', 'closed [job]'],
    ['(sum by (job) (x))[5m:1m]', 'closed [job]'],
  ])('%s → %s', (src, expected) => {
    expect(show(flowOf(src))).toBe(expected);
  });

  it('group_left copies the listed labels from the "one" side only when it can carry them', () => {
    expect(canCarry(flowOf('sum by (job) (a) * on (job) group_left (version) max by (job, version) (b)'), 'version')).toBe(true);
    expect(canCarry(flowOf('sum by (job) (a) * on (job) group_left (version) max by (job) (b)'), 'version')).toBe(false);
  });

  it('says which aggregation removed a label, with its position', () => {
    const src = 'max(sum by (job) (up))';
    const s = flowOf('sum by (job) (up)');
    expect(whyMissing(s, 'instance')?.what).toBe('sum by (job)');
    const outer = flowOf(src);
    const o = whyMissing(outer, 'job');
    expect(o?.what).toBe('max');
    expect(src.slice(o!.range.start, o!.range.end)).toBe('max');
    const w = flowOf('sum without (instance) (up)');
    const src2 = 'sum without (instance) (up)';
    const r = whyMissing(w, 'instance')!.range;
    expect(src2.slice(r.start, r.end)).toBe('sum without (instance)');
  });

  it('an open set can carry any label nobody removed', () => {
    expect(canCarry(flowOf('rate(x_total[5m])'), 'instance')).toBe(true);
    expect(canCarry(flowOf('rate(x_total[5m])'), '__name__')).toBe(false);
  });
});
