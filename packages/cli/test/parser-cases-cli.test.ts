// Prometheus's own parser test cases (../shared/corpus/promql/parser-cases.json), run end to end:
// every expression case becomes the `expr:` of a recording rule in a rule file, the real CLI checks
// the files (`--format json`), and each rule must get Prometheus's verdict: an error on its `expr:`
// exactly when Prometheus's parser rejects the expression.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

interface ParserCase {
  input: string | null;
  fail: boolean;
  kind: string;
  parserOptions: Record<string, boolean>;
}
interface Finding {
  file: string;
  line: number;
  severity: string;
  code: string;
  message: string;
}

const root = path.resolve(import.meta.dirname, '../../..');
const cli = path.join(root, 'packages/cli/bin/promscope.js');
const cases = (JSON.parse(readFileSync(path.resolve(root, '../shared/corpus/promql/parser-cases.json'), 'utf8')) as ParserCase[]).filter(
  (c) => c.kind === 'expr' && c.input !== null,
);
const dir = mkdtempSync(path.join(tmpdir(), 'promscope-parser-cases-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** the CLI flags equivalent to the Go test's parser.Options */
function flagsFor(po: Record<string, boolean>): string[] {
  const features: string[] = [];
  if (po.EnableExperimentalFunctions) features.push('promql-experimental-functions');
  if (po.EnableExtendedRangeSelectors) features.push('promql-extended-range-selectors');
  if (po.EnableBinopFillModifiers) features.push('promql-binop-fill-modifiers');
  // before 3.14 duration expressions needed the option; 3.14 always enables them
  const version = po.ExperimentalDurationExpr ? '3.14' : '3.13';
  return [...(features.length ? ['--enable-feature', features.join(',')] : []), '--prometheus-version', version];
}

describe('parser cases through the CLI on rule files', () => {
  const groups = new Map<string, { flags: string[]; cases: ParserCase[] }>();
  for (const c of cases) {
    const flags = flagsFor(c.parserOptions);
    const key = flags.join(' ');
    if (!groups.has(key)) groups.set(key, { flags, cases: [] });
    groups.get(key)!.cases.push(c);
  }

  for (const [key, group] of groups) {
    it(`every case gets Prometheus's verdict (${group.cases.length} cases, ${key})`, () => {
      // two lines per rule: `- record:` then `expr:` (a double-quoted scalar: JSON escapes are YAML escapes)
      const lines = ['groups:', '  - name: cases', '    rules:'];
      const ruleLine: number[] = [];
      group.cases.forEach((c, i) => {
        ruleLine.push(lines.length + 1);
        lines.push(`      - record: case_${i}`, `        expr: ${JSON.stringify(c.input)}`);
      });
      const file = path.join(dir, `cases-${groups.size}-${[...groups.keys()].indexOf(key)}.yml`);
      writeFileSync(file, lines.join('\n') + '\n');
      let out: string;
      try {
        out = execFileSync(process.execPath, [cli, 'check', '--format', 'json', ...group.flags, file], { encoding: 'utf8', maxBuffer: 256 << 20 });
      } catch (e) {
        const err = e as { status: number; stdout: string; stderr: string };
        expect(err.status, err.stderr).toBe(1); // 1 = errors found; anything else is a CLI failure
        out = err.stdout;
      }
      const findings = JSON.parse(out) as Finding[];
      const failedRules = new Set<number>();
      for (const f of findings) {
        if (f.severity !== 'error') continue;
        // the rule whose two lines contain the finding
        const i = ruleLine.findIndex((l) => f.line === l || f.line === l + 1);
        expect(i, `error outside any rule: ${f.line}: ${f.message}`).toBeGreaterThanOrEqual(0);
        failedRules.add(i);
      }
      const wrong = group.cases
        .map((c, i) => ({ c, i }))
        .filter(({ c, i }) => c.fail !== failedRules.has(i))
        .map(({ c, i }) => `${c.fail ? 'missed error' : 'false error'}: ${JSON.stringify(c.input).slice(0, 120)}${failedRules.has(i) ? ' → ' + findings.find((f) => f.line === ruleLine[i] + 1)?.message : ''}`);
      expect(wrong).toEqual([]);
    });
  }
});
