/**
 * Differential test against Prometheus's own template parser: 2,000 generated rule templates and
 * the verdict `promtool check rules` gave for each (fixtures/promtool-oracle.json, regenerate with
 * fixtures/gen-promtool-oracle.mjs). promtool 2.42 is built with Go 1.19; one difference with the
 * current Go that Prometheus 3.x uses is expected and checked explicitly: since Go 1.20 the lexer
 * reports a stray `)` as `unexpected right paren` before the parser sees the token (Go 1.19:
 * `unexpected ")" in <context>`). The generator avoids `{{else with}}` (Go 1.23) and functions
 * newer than 2.42.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { checkRuleTemplate } from '../../src/template';

interface Oracle {
  alertName: string;
  cases: { text: string; promtool: string | null }[];
}
const oracle = JSON.parse(readFileSync(new URL('./fixtures/promtool-oracle.json', import.meta.url), 'utf8')) as Oracle;

test('same verdict and message as Prometheus on every generated template', () => {
  const mismatches: string[] = [];
  let rejected = 0;
  for (const c of oracle.cases) {
    const r = checkRuleTemplate(c.text, { alertName: oracle.alertName, kind: 'annotation' });
    const mine = r.diagnostics.find((d) => d.severity === 'error')?.message ?? null;
    if (c.promtool !== null) rejected++;
    const go119Paren = c.promtool !== null && /^template: [^:]*:\d+: unexpected "\)" in /.test(c.promtool);
    const ok = go119Paren ? mine !== null && /: unexpected right paren( in action started at .*)?$/.test(mine) : mine === c.promtool;
    if (!ok) mismatches.push(`${JSON.stringify(c.text)}\n  promtool: ${c.promtool}\n  promscope: ${mine}`);
  }
  expect(oracle.cases.length).toBe(2000);
  expect(rejected).toBeGreaterThan(500);
  expect(mismatches).toEqual([]);
});
