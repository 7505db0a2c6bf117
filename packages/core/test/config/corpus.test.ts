/**
 * prometheus.yml analysis over Prometheus's own config testdata and documentation examples
 * (../shared/corpus/config, with EXPECTED.json generated from config_test.go): valid files get no
 * error; intentionally invalid ones get an error containing the message Prometheus's test expects,
 * for at least 95% of them. The share and the misses are printed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzePrometheusConfig } from '../../src/config/analyze';

const corpus = path.resolve(process.cwd(), '../shared/corpus/config');
interface Expected {
  status: 'error' | 'valid' | 'unclassified' | 'auxiliary';
  errors?: Array<{ errMsg: string }>;
}
const expected: Record<string, Expected> = JSON.parse(fs.readFileSync(path.join(corpus, 'EXPECTED.json'), 'utf8')).files;

function analyze(rel: string) {
  const text = fs.readFileSync(path.join(corpus, rel), 'utf8');
  return analyzePrometheusConfig({ path: rel, text }, { agentMode: path.basename(rel).startsWith('agent_mode.') });
}

/** Prometheus prefixes load errors with "parsing YAML file <path>: "; the rest is what a position-aware tool reports */
function coreMessage(errMsg: string): string {
  return errMsg.replace(/^parsing YAML file [^:]+: /, '');
}

describe('prometheus-testdata and examples', () => {
  it('no error on valid files', () => {
    const files = Object.entries(expected).filter(([, e]) => e.status === 'valid').map(([f]) => `prometheus-testdata/${f}`);
    files.push(...fs.readdirSync(path.join(corpus, 'prometheus-examples')).filter((f) => f.startsWith('prometheus')).map((f) => `prometheus-examples/${f}`));
    const bad: string[] = [];
    for (const f of files) {
      const errors = analyze(f).diagnostics.filter((d) => d.severity === 'error');
      if (errors.length) bad.push(`${f}: ${errors.map((e) => e.message).join(' | ')}`);
    }
    expect(bad).toEqual([]);
    expect(files.length).toBeGreaterThan(70);
  });

  it('the expected error on at least 95% of the invalid files', () => {
    const files = Object.entries(expected).filter(([, e]) => e.status === 'error');
    const misses: string[] = [];
    for (const [f, e] of files) {
      const msgs = analyze(`prometheus-testdata/${f}`).diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
      const want = coreMessage(e.errors![0].errMsg);
      if (!msgs.some((m) => m.includes(want))) misses.push(`${f}: want ${JSON.stringify(want)}, got ${JSON.stringify(msgs)}`);
    }
    const share = (files.length - misses.length) / files.length;
    console.log(`config corpus: ${files.length - misses.length}/${files.length} invalid files get the expected error (${(share * 100).toFixed(1)}%)`);
    if (misses.length) console.log('misses:\n' + misses.join('\n'));
    expect(share).toBeGreaterThanOrEqual(0.95);
  });
});
