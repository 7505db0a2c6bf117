/**
 * Differential test against Debian's `promtool check config` (Prometheus 2.42) on mutated
 * configurations: the corpus's prometheus.yml files that promtool accepts (as recorded in
 * test-fixtures/prometheus/promtool-2.42-verdicts.json, and again as copies on their own, since a
 * copy loses the files it names), each mutant one random edit of one of them (../support/mutants.ts),
 * seeded (MUTANT_SEED, MUTANT_COUNT). promtool's verdict for each file must be the analyzer's (an
 * error or not) for `--prometheus-version 2.42`: what the YAML layer and the yaml.v2 decoder make of
 * broken indentation, quotes, indicators, keys and tags.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzePrometheusConfig } from '../../src/config/analyze';
import { acceptedBases, MUTANT_COUNT, MUTANT_SEED, runMutants } from '../support/mutants';

const PROMTOOL = '/usr/bin/promtool';
const ARGS = ['check', 'config'];
const COUNT = Math.round(MUTANT_COUNT * 0.8);
const root = process.cwd();
const corpus = path.resolve(root, '../shared/corpus/config');

function firstError(text: string, file: string): string | null {
  const e = analyzePrometheusConfig({ path: file, text }, { prometheusVersion: '2.42' }).diagnostics.find((d) => d.severity === 'error');
  return e ? `${e.code} ${e.message}` : null;
}

/**
 * What promtool 2.42 refuses and Prometheus loads, or not on every machine: a file_sd `files`
 * pattern that Go's filepath.Glob refuses (promtool's own check of the files a configuration names;
 * Prometheus loads it and its file discovery logs the error; a rule_files pattern is a load error
 * for both), and an EC2 or Lightsail SD without a region (before 3.10, Prometheus asks the EC2
 * metadata service while loading, which a machine outside AWS does not have). promscope warns of both.
 */
const promtoolOnly = (output: string) => /FAILED: syntax error in pattern|SD configuration requires a region/.test(output);

/** the corpus configurations promtool accepts (as recorded), as promtool and promscope accept their copies */
function bases(): { path: string; text: string }[] {
  const recorded = JSON.parse(readFileSync(path.join(root, 'test-fixtures/prometheus/promtool-2.42-verdicts.json'), 'utf8')) as { files: Record<string, { status: string }> };
  const all = Object.entries(recorded.files)
    .filter(([, v]) => v.status === 'ok')
    .map(([rel]) => ({ path: path.join(corpus, rel), text: readFileSync(path.join(corpus, rel), 'utf8') }));
  return acceptedBases(all, { tool: PROMTOOL, args: ARGS, hasError: firstError });
}

describe('prometheus.yml mutants against promtool 2.42 check config', () => {
  it('has promtool (CI installs the Debian package)', () => {
    expect(existsSync(PROMTOOL) || !process.env.CI, `${PROMTOOL} is required in CI: install the Debian package "prometheus"`).toBe(true);
  });

  it.runIf(existsSync(PROMTOOL))(`the same verdict on every mutant (seed ${MUTANT_SEED}, ${COUNT} mutants)`, () => {
    const b = bases();
    expect(b.length).toBeGreaterThan(25);
    const run = runMutants(b, { seed: MUTANT_SEED, count: COUNT, tool: PROMTOOL, args: ARGS, hasError: firstError, toolGap: promtoolOnly });
    console.log(
      `[promtool config mutants] ${run.mutants} mutants of ${b.length} configurations, promtool refuses ${run.rejected} (${run.toolGap} that Prometheus loads, or loads on AWS), disagreements ${run.disagreements.length}`,
    );
    expect(run.disagreements).toEqual([]);
  });
});
