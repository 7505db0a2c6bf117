/**
 * Differential test against Debian's `promtool check rules --lint=none` (Prometheus 2.42) on mutated
 * rule files: the corpus's plain rule files, each mutant one random edit of one of them (a character
 * deleted, an indicator, quote, tab or line break inserted, a line repeated, deleted, or shifted by a
 * space), seeded so that a failure can be replayed (MUTANT_SEED, MUTANT_COUNT). promtool runs once
 * over all of them; its verdict for each file (loads or not) must be the analyzer's (an error or
 * not) for a file read as a rule file with `--prometheus-version 2.42`. This is how yaml.v3's rules
 * that the YAML layer had missed were found: a carriage return alone ending a line, quoted scalars
 * whose lines are less indented than their key, an entry between two indentation levels, a tab
 * after spaces before a key, an indented root ended by a line to its left.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/analyze';
import { ruleFilesOfCorpus } from '../support/corpus-files';
import { prng } from '../support/prng';

const PROMTOOL = '/usr/bin/promtool';
const SEED = Number(process.env.MUTANT_SEED ?? 20261128);
const COUNT = Number(process.env.MUTANT_COUNT ?? 1500);
const INSERTS = [':', ' ', '-', '[', ']', '{', '}', '#', "'", '"', '|', '>', '\n', '\t', '&', '*', '!', '?', ',', '  ', '|-', '"\n', '\\'];

/** one random edit of `text`, and what it was */
function mutate(text: string, rnd: () => number): { text: string; edit: string } {
  const pick = (n: number) => Math.floor(rnd() * n);
  const lines = text.split('\n');
  const i = pick(text.length);
  const k = pick(lines.length);
  switch (pick(6)) {
    case 0:
      return { text: text.slice(0, i) + text.slice(i + 1), edit: `delete offset ${i}` };
    case 1: {
      const s = INSERTS[pick(INSERTS.length)]!;
      return { text: text.slice(0, i) + s + text.slice(i), edit: `insert ${JSON.stringify(s)} at offset ${i}` };
    }
    case 2:
      lines.splice(k, 0, lines[k]!);
      return { text: lines.join('\n'), edit: `repeat line ${k + 1}` };
    case 3:
      lines[k] = ` ${lines[k]}`;
      return { text: lines.join('\n'), edit: `indent line ${k + 1}` };
    case 4:
      lines[k] = lines[k]!.replace(/^ /, '');
      return { text: lines.join('\n'), edit: `unindent line ${k + 1}` };
    default:
      lines.splice(k, 1);
      return { text: lines.join('\n'), edit: `delete line ${k + 1}` };
  }
}

describe('rule-file mutants against promtool 2.42 check rules', () => {
  const available = existsSync(PROMTOOL);
  it('has promtool (CI installs the Debian package)', () => {
    if (!available && !process.env.CI) {
      console.warn(`${PROMTOOL} not found: mutant differential test not run (install the Debian package "prometheus")`);
      return;
    }
    expect(available, `${PROMTOOL} is required in CI: install the Debian package "prometheus"`).toBe(true);
  });

  it.runIf(available)(`the same verdict on every mutant (seed ${SEED}, ${COUNT} mutants)`, () => {
    const bases = ruleFilesOfCorpus().filter((f) => f.path.includes('/corpus/rules/') && f.text.length < 20_000 && /^groups:/m.test(f.text));
    expect(bases.length).toBeGreaterThan(50);
    const rnd = prng(SEED);
    const dir = mkdtempSync(join(tmpdir(), 'promscope-mutants-'));
    try {
      const mutants = Array.from({ length: COUNT }, (_, n) => {
        const base = bases[Math.floor(rnd() * bases.length)]!;
        const m = mutate(base.text, rnd);
        const file = join(dir, `m${String(n).padStart(4, '0')}.yml`);
        writeFileSync(file, m.text);
        // what promtool reads: the bytes as written (a surrogate pair cut in two is U+FFFD there)
        return { file, base: base.path.replace(/.*\/corpus\//, ''), edit: m.edit, text: readFileSync(file, 'utf8') };
      });
      let output = '';
      for (let from = 0; from < mutants.length; from += 500) {
        const files = mutants.slice(from, from + 500).map((m) => m.file);
        // one stream: each file's FAILED (stderr) comes after its Checking (stdout)
        const args = ['-c', 'exec "$0" check rules --lint=none "$@" 2>&1', PROMTOOL, ...files];
        try {
          output += execFileSync('sh', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
        } catch (e) {
          output += (e as { stdout?: string }).stdout ?? '';
        }
      }
      // "Checking <file>" then "  SUCCESS: …" or "  FAILED:" (its messages on stderr)
      const verdict = new Map<string, boolean>();
      let current: string | undefined;
      for (const line of output.split('\n')) {
        const c = /^Checking (.+)$/.exec(line);
        if (c) current = c[1];
        else if (current && /^\s+SUCCESS/.test(line)) verdict.set(current, true);
        else if (current && /^\s+FAILED/.test(line)) verdict.set(current, false);
      }
      const disagreements: string[] = [];
      let rejected = 0;
      for (const m of mutants) {
        const loads = verdict.get(m.file);
        expect(loads, `promtool said nothing of ${m.file}`).toBeDefined();
        if (!loads) rejected++;
        const errors = analyzeFile({ path: m.file, text: m.text, kind: 'rules' }, { prometheusVersion: '2.42' }).diagnostics.filter((d) => d.severity === 'error');
        if (loads !== (errors.length === 0)) {
          disagreements.push(`${m.base}, ${m.edit}: promtool ${loads ? 'loads it' : 'refuses it'}, promscope ${errors.length === 0 ? 'finds no error' : `says ${errors[0]!.code} ${errors[0]!.message}`}`);
        }
      }
      console.log(`[promtool mutants] ${mutants.length} mutants of ${bases.length} rule files, promtool refuses ${rejected}, disagreements ${disagreements.length}`);
      expect(disagreements).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
