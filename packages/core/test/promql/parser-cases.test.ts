/**
 * Prometheus's own parser tests (promql/parser/parse_test.go, extracted into the shared corpus):
 * every `expr` case must get Prometheus's verdict (fails or not) under the case's parser options.
 * Deviations, if any, are listed with a reason in parser-cases.deviations.json.
 * Also measured (printed): how many failing cases get Prometheus's first message and position.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePromQL } from '../../src/promql/index';
import { byteToUtf16, loadParserCases, optionsFor } from './corpus';

const deviations = JSON.parse(readFileSync(new URL('./parser-cases.deviations.json', import.meta.url), 'utf8')) as Record<string, string>;
const cases = loadParserCases().filter((c) => c.kind === 'expr' && c.input !== null);

describe('Prometheus parser cases (kind: expr)', () => {
  it('covers the extracted cases', () => {
    expect(cases.length).toBeGreaterThan(300);
  });

  for (const c of cases) {
    const input = c.input!;
    const label = `${c.source} ${JSON.stringify(input).slice(0, 80)}`;
    if (deviations[input] !== undefined) continue;
    it(`${c.fail ? 'rejects' : 'accepts'} ${label}`, () => {
      const res = parsePromQL(input, optionsFor(c.parserOptions));
      const errors = res.diagnostics.filter((d) => d.severity === 'error');
      if (c.fail) expect(errors.length, `expected Prometheus's error: ${c.errMsg}`).toBeGreaterThan(0);
      else expect(errors.map((d) => d.message)).toEqual([]);
      for (const d of res.diagnostics) {
        expect(d.range.start).toBeGreaterThanOrEqual(0);
        expect(d.range.end).toBeLessThanOrEqual(input.length);
        expect(d.range.start).toBeLessThanOrEqual(d.range.end);
      }
    });
  }

  it('lists only real cases as deviations, each with a reason', () => {
    const inputs = new Set(cases.map((c) => c.input));
    for (const [input, reason] of Object.entries(deviations)) {
      expect(inputs.has(input), input).toBe(true);
      expect(reason.length).toBeGreaterThan(10);
    }
  });

  it('measures message and position agreement on failing cases', () => {
    let failing = 0;
    let sameMessage = 0;
    let samePosition = 0;
    const mismatches: string[] = [];
    for (const c of cases) {
      if (!c.fail || deviations[c.input!] !== undefined) continue;
      failing++;
      const res = parsePromQL(c.input!, optionsFor(c.parserOptions));
      const first = res.diagnostics[0];
      if (!first) continue;
      if (first.message === c.errMsg) sameMessage++;
      else mismatches.push(`${JSON.stringify(c.input).slice(0, 60)}\n    want: ${c.errMsg}\n    got:  ${first.message}`);
      const want = Array.isArray(c.errors) ? c.errors[0] : undefined;
      if (want && want.start !== null && byteToUtf16(c.input!, want.start) === first.range.start) samePosition++;
    }
    console.log(
      `[promql parser cases] failing cases: ${failing}; first message identical to Prometheus: ${sameMessage} (${((100 * sameMessage) / failing).toFixed(1)}%); ` +
        `first error start offset identical: ${samePosition} (${((100 * samePosition) / failing).toFixed(1)}%)`,
    );
    if (process.env.PROMQL_SHOW_MISMATCHES) console.log(mismatches.join('\n'));
    expect(failing).toBeGreaterThan(100);
    expect(sameMessage).toBeGreaterThan(0);
  });
});
