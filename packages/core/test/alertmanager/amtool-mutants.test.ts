/**
 * Differential test against Debian's `amtool check-config` (Alertmanager 0.25) on mutated
 * configurations: the corpus's alertmanager.yml files that amtool and promscope both accept, each
 * mutant one random edit of one of them (../support/mutants.ts), seeded (MUTANT_SEED,
 * MUTANT_COUNT). amtool's verdict for each file must be the analyzer's (an error or not), except
 * where amtool refuses a label name that Alertmanager has accepted since its UTF-8 names (0.27):
 * those are counted apart.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeAlertmanagerConfig } from '../../src/alertmanager/index';
import { acceptedBases, MUTANT_COUNT, MUTANT_SEED, runMutants } from '../support/mutants';

const AMTOOL = '/usr/bin/amtool';
const ARGS = ['check-config'];
const COUNT = Math.round(MUTANT_COUNT * 0.8);
const corpus = path.resolve(process.cwd(), '../shared/corpus/alertmanager');

function firstError(text: string, file: string): string | null {
  const e = analyzeAlertmanagerConfig({ path: file, text }).diagnostics.find((d) => d.severity === 'error');
  return e ? `${e.code} ${e.message}` : null;
}

/** amtool 0.25 refuses a label name that is not [a-zA-Z_][a-zA-Z0-9_]* (in group_by, in matchers) */
const olderTool = (output: string) => /invalid label name|is not a valid label name|unexpected character in label name|bad matcher format/.test(output);

/** the corpus configurations, as amtool and promscope accept their copies */
function bases(): { path: string; text: string }[] {
  const all = ['testdata', 'examples'].flatMap((d) =>
    readdirSync(path.join(corpus, d))
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => ({ path: path.join(corpus, d, f), text: readFileSync(path.join(corpus, d, f), 'utf8') })),
  );
  return acceptedBases(all, { tool: AMTOOL, args: ARGS, hasError: firstError });
}

describe('alertmanager.yml mutants against amtool 0.25 check-config', () => {
  it('has amtool (CI installs the Debian package)', () => {
    expect(existsSync(AMTOOL) || !process.env.CI, `${AMTOOL} is required in CI: install the Debian package "prometheus-alertmanager"`).toBe(true);
  });

  it.runIf(existsSync(AMTOOL))(`the same verdict on every mutant (seed ${MUTANT_SEED}, ${COUNT} mutants)`, () => {
    const b = bases();
    expect(b.length).toBeGreaterThan(10);
    const run = runMutants(b, { seed: MUTANT_SEED, count: COUNT, tool: AMTOOL, args: ARGS, hasError: firstError, toolGap: olderTool });
    console.log(
      `[amtool mutants] ${run.mutants} mutants of ${b.length} configurations, amtool refuses ${run.rejected} (${run.toolGap} for names Alertmanager 0.27+ accepts), disagreements ${run.disagreements.length}`,
    );
    expect(run.disagreements).toEqual([]);
  });
});
