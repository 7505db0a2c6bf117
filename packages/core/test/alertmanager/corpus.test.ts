/**
 * Alertmanager's own test configurations (../shared/corpus/alertmanager): no error on the valid
 * files; for the invalid ones an error containing the message recorded from config_test.go.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeAlertmanagerConfig } from '../../src/alertmanager/index';

const dir = path.resolve(process.cwd(), '../shared/corpus/alertmanager');
const expected = JSON.parse(readFileSync(path.join(dir, 'EXPECTED.json'), 'utf8')).files as Record<
  string,
  { status: string; errMsg?: string | null }
>;

function errorsOf(rel: string): string[] {
  const text = readFileSync(path.join(dir, rel), 'utf8');
  return analyzeAlertmanagerConfig({ path: rel, text })
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code}: ${d.message}`);
}

const valid = Object.entries(expected).filter(([, e]) => e.status === 'valid').map(([f]) => f);
const invalid = Object.entries(expected).filter(([, e]) => e.status === 'error');

describe('alertmanager corpus', () => {
  it('finds every file of EXPECTED.json', () => {
    const files = new Set(readdirSync(path.join(dir, 'testdata')));
    for (const f of Object.keys(expected)) expect(files.has(f), f).toBe(true);
    expect(valid.length).toBeGreaterThan(15);
    expect(invalid.length).toBeGreaterThan(20);
  });

  it.each(valid)('valid: %s loads without error', (f) => {
    expect(errorsOf(`testdata/${f}`)).toEqual([]);
  });

  it.each(['examples/simple.yml', 'examples/route_labels.yml'])('valid: %s (documentation example)', (f) => {
    expect(errorsOf(f)).toEqual([]);
  });

  it('reports Alertmanager\'s message for at least 95% of the invalid files', () => {
    const misses: string[] = [];
    for (const [f, e] of invalid) {
      const errs = errorsOf(`testdata/${f}`);
      const hit = e.errMsg ? errs.some((m) => m.includes(e.errMsg!)) : errs.length > 0;
      if (!hit) misses.push(`${f}: expected ${JSON.stringify(e.errMsg)}, got ${JSON.stringify(errs)}`);
    }
    const share = (invalid.length - misses.length) / invalid.length;
    console.log(`alertmanager corpus: ${invalid.length - misses.length}/${invalid.length} invalid files matched (${(share * 100).toFixed(1)}%)`);
    for (const m of misses) console.log(`  miss: ${m}`);
    expect(share).toBeGreaterThanOrEqual(0.95);
  });

  it.each(['conf.nil-match_re-route.yml', 'conf.nil-source_match_re-inhibition.yml', 'conf.nil-target_match_re-inhibition.yml'])(
    'unclassified %s: a null regexp is refused like Alertmanager does',
    (f) => {
      expect(errorsOf(`testdata/${f}`).some((m) => m.includes('invalid regexp value for'))).toBe(true);
    },
  );
});
