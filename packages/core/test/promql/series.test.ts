/**
 * promtool series notation: every `kind: "series"` case of Prometheus's parser tests gets
 * Prometheus's verdict; a few value expansions are spelled out.
 */
import { describe, expect, it } from 'vitest';
import { parseSeriesDesc } from '../../src/promql/index';
import { loadParserCases } from './corpus';

describe('parseSeriesDesc', () => {
  const cases = loadParserCases().filter((c) => c.kind === 'series' && c.input !== null);
  it('covers the series cases', () => expect(cases.length).toBeGreaterThan(40));
  for (const c of cases) {
    it(`${c.fail ? 'rejects' : 'accepts'} ${c.source} ${JSON.stringify(c.input).slice(0, 70)}`, () => {
      const res = parseSeriesDesc(c.input!);
      if (c.fail) expect(res.diagnostics.length, `Prometheus: ${c.errMsg}`).toBeGreaterThan(0);
      else expect(res.diagnostics.map((d) => d.message)).toEqual([]);
      for (const d of res.diagnostics) {
        expect(d.range.start).toBeGreaterThanOrEqual(0);
        expect(d.range.end).toBeLessThanOrEqual(c.input!.length);
      }
    });
  }

  const expansions: Array<[string, Record<string, string>, Array<number | '_' | 'stale'>]> = [
    ['up{job="a"} 1+2x3 _ stale', { __name__: 'up', job: 'a' }, [1, 3, 5, 7, '_', 'stale']],
    ['{a="b"} -1 _x2 5-1x2', { a: 'b' }, [-1, '_', '_', 5, 4, 3]],
    ['m 1x0', { __name__: 'm' }, [1]],
  ];
  for (const [input, labels, values] of expansions) {
    it(`expands ${input}`, () => {
      const res = parseSeriesDesc(input);
      expect(res.diagnostics).toEqual([]);
      expect(res.labels).toEqual(labels);
      expect(res.values.map((v) => (v.omitted ? '_' : v.stale ? 'stale' : v.value))).toEqual(values);
    });
  }
});
