/** Bad dashboard JSON yields diagnostics, never a throw: random edits of the fixture. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeDashboard } from '../../src/dashboard/index';

const dashFixture = readFileSync(path.resolve(process.cwd(), 'test-fixtures/dashboards/small-dashboard.json'), 'utf8');
const edit = (text: string) =>
  fc.tuple(fc.nat({ max: text.length }), fc.nat({ max: 20 }), fc.string({ maxLength: 8 })).map(([at, del, ins]) => text.slice(0, at) + ins + text.slice(at + del));

describe('robustness', () => {
  it('dashboards: random edits of the fixture never throw', () => {
    fc.assert(
      fc.property(edit(dashFixture), (t) => {
        const r = analyzeDashboard({ path: 'd.json', text: t });
        for (const d of r.diagnostics) expect(d.range.start).toBeLessThanOrEqual(d.range.end);
      }),
      { numRuns: 150 },
    );
  });
});
