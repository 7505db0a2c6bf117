/**
 * Differential test against Debian's `promtool check rules --lint=none` (Prometheus 2.42) on mutated
 * rule files: the corpus's plain rule files, each mutant one random edit of one of them (a character
 * deleted, an indicator, quote, tab or line break inserted, a line repeated, deleted, or shifted by a
 * space), seeded so that a failure can be replayed (MUTANT_SEED, MUTANT_COUNT). promtool runs once
 * over all of them; its verdict for each file (loads or not) must be the analyzer's (an error or
 * not) for a file read as a rule file with `--prometheus-version 2.42`. This is how yaml.v3's rules
 * that the YAML layer had missed were found: a carriage return alone ending a line, quoted scalars
 * whose lines are less indented than their key, an entry between two indentation levels, a tab
 * after spaces before a key, an indented root ended by a line to its left, `&name:` as an anchored
 * null key (which yaml.v3 skips), an empty key without `?`, the escapes `\'` and `\/`, a tag that
 * runs into a `|`. (The edits and the run: ../support/mutants.ts.)
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/analyze';
import { ruleFilesOfCorpus } from '../support/corpus-files';
import { MUTANT_COUNT, MUTANT_SEED, runMutants } from '../support/mutants';

const PROMTOOL = '/usr/bin/promtool';

describe('rule-file mutants against promtool 2.42 check rules', () => {
  const available = existsSync(PROMTOOL);
  it('has promtool (CI installs the Debian package)', () => {
    if (!available && !process.env.CI) {
      console.warn(`${PROMTOOL} not found: mutant differential test not run (install the Debian package "prometheus")`);
      return;
    }
    expect(available, `${PROMTOOL} is required in CI: install the Debian package "prometheus"`).toBe(true);
  });

  it.runIf(available)(`the same verdict on every mutant (seed ${MUTANT_SEED}, ${MUTANT_COUNT} mutants)`, () => {
    const bases = ruleFilesOfCorpus().filter((f) => f.path.includes('/corpus/rules/') && f.text.length < 20_000 && /^groups:/m.test(f.text));
    expect(bases.length).toBeGreaterThan(50);
    const run = runMutants(bases, {
      seed: MUTANT_SEED,
      count: MUTANT_COUNT,
      tool: PROMTOOL,
      args: ['check', 'rules', '--lint=none'],
      hasError: (text, file) => {
        const e = analyzeFile({ path: file, text, kind: 'rules' }, { prometheusVersion: '2.42' }).diagnostics.find((d) => d.severity === 'error');
        return e ? `${e.code} ${e.message}` : null;
      },
    });
    console.log(`[promtool mutants] ${run.mutants} mutants of ${bases.length} rule files, promtool refuses ${run.rejected}, disagreements ${run.disagreements.length}`);
    expect(run.disagreements).toEqual([]);
  });
});
