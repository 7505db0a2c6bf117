/**
 * Bad input yields diagnostics, never a throw: random edits of the fixture and random documents
 * built from alertmanager.yml's own field names, with values of every type.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { FieldType } from '../../src/alertmanager/decode';
import { analyzeAlertmanagerConfig, matchRoutes, parseMatchers, renderRouteTree } from '../../src/alertmanager/index';
import { CONFIG } from '../../src/alertmanager/schema';

const amFixture = readFileSync(path.resolve(process.cwd(), 'test-fixtures/alertmanager/alertmanager.yml'), 'utf8');

function fieldNames(t: FieldType, out = new Set<string>(), seen = new Set<object>()): Set<string> {
  if (typeof t === 'string' || seen.has(t)) return out;
  seen.add(t);
  if ('fields' in t) for (const [k, v] of Object.entries(t.fields)) (out.add(k), fieldNames(v, out, seen));
  else if ('list' in t) fieldNames(t.list, out, seen);
  else fieldNames(t.map, out, seen);
  return out;
}
const names = [...fieldNames(CONFIG)];

const edit = (text: string) =>
  fc.tuple(fc.nat({ max: text.length }), fc.nat({ max: 20 }), fc.string({ maxLength: 8 })).map(([at, del, ins]) => text.slice(0, at) + ins + text.slice(at + del));

const leaf = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('{{ template "x" . }}', 'severity="critical"', '{{', '5m', 'http://x', '...'));
const doc = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.constantFrom(...names), tie('node'), { maxKeys: 5 })),
})).node;

function routeAll(text: string): void {
  const r = analyzeAlertmanagerConfig({ path: 'x.yml', text });
  expect(Array.isArray(r.diagnostics)).toBe(true);
  if (r.model.route) {
    matchRoutes(r.model.route, { severity: 'critical', team: 'db' });
    renderRouteTree(r.model.route);
  }
}

describe('robustness', () => {
  it('alertmanager.yml: random edits of the fixture never throw', () => {
    fc.assert(fc.property(edit(amFixture), (t) => routeAll(t)), { numRuns: 150 });
  });
  it('alertmanager.yml: random documents of its field names never throw', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), doc, { maxKeys: 6 }), (d) => routeAll(stringify(d))),
      { numRuns: 150 },
    );
  });
  it('matchers: any input gives matchers or an error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        for (const mode of ['classic', 'utf8', 'fallback'] as const) {
          const r = parseMatchers(s, mode);
          expect(r.error !== undefined || Array.isArray(r.matchers)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
