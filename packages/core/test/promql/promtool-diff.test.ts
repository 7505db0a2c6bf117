/**
 * Differential test against Debian's `promtool check rules` (Prometheus 2.42): a few hundred
 * expressions within the syntax 2.42 knows (corpus rule files + Prometheus's parser cases) go into
 * one temporary rule file, one recording rule each; promtool runs once, and its per-rule verdict must
 * equal the analyzer's. Expressions using anything newer than 2.42 (functions, UTF-8 quoted names,
 * duration arithmetic, numbers as durations, `1_000`, anchored/smoothed, fill, `</`, `>/`, limitk,
 * negative offsets) are left out, as is `holt_winters` (removed in 3.0).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lexPromQL } from '../../src/promql/lexer';
import { parsePromQL, walk, type Expr } from '../../src/promql/index';
import { loadParserCases, loadRuleExprs } from './corpus';

const PROMTOOL = '/usr/bin/promtool';

/**
 * Parser cases whose verdict changed between 2.42 and 3.14 (the analyzer follows 3.14): 2.42 let
 * `@ start()` precede a range and lexed `foo[5s x 5s]` differently.
 */
const CHANGED_SINCE_242 = new Set(['some_metric @ start() [5m]', 'some_metric @ end()[5m]', 'foo[5s x 5s]', 'foo[5s s 5s]']);

/** Whether `text` stays within what Prometheus 2.42's parser knows. */
function within242(text: string): boolean {
  if (/holt_winters|limitk|limit_ratio|anchored|smoothed|fill(_left|_right)?\s*\(|<\/|>\/|\d_\d|\bstep\s*\(|\brange\s*\(|min_of|max_of/i.test(text)) return false;
  const lex = lexPromQL(text);
  for (let i = 0; i < lex.tokens.length; i++) {
    const t = lex.tokens[i]!;
    const prev = lex.tokens[i - 1];
    if (t.type === 'DURATION' && !(prev && (prev.type === 'LEFT_BRACKET' || prev.type === 'COLON' || (prev.type === 'KEYWORD' && prev.word === 'offset')))) return false;
    if (t.type === 'NUMBER' && prev && (prev.type === 'LEFT_BRACKET' || prev.type === 'COLON' || (prev.type === 'KEYWORD' && prev.word === 'offset'))) return false;
    if (t.type === 'SUB' && prev?.type === 'KEYWORD' && prev.word === 'offset') return false;
    if (t.type === 'STRING' && (prev?.type === 'LEFT_BRACE' || (prev?.type === 'COMMA' && lex.tokens[i + 1] && lex.tokens[i + 1]!.type !== 'RIGHT_PAREN' && isInBraces(lex.tokens, i)))) return false;
  }
  const res = parsePromQL(text, { features: ['promql-experimental-functions'] });
  let ok = true;
  if (res.root) {
    walk(res.root, {
      enter(n: Expr) {
        if (n.kind === 'Call' && (!n.func || !n.func.inPromtool242)) ok = false;
        if (n.kind === 'AggregateExpr' && n.grouping?.labels.some((l) => l.quoted)) ok = false;
        if (n.kind === 'BinaryExpr' && [n.matching?.labels, n.group?.labels].some((ls) => ls?.some((l) => l.quoted))) ok = false;
        if (n.kind === 'VectorSelector' && n.matchers.some((m) => m.label.quoted)) ok = false;
        if (n.kind === 'DurationExpr') ok = false;
        return ok;
      },
    });
  }
  return ok;
}

function isInBraces(tokens: ReturnType<typeof lexPromQL>['tokens'], i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    if (tokens[j]!.type === 'RIGHT_BRACE') return false;
    if (tokens[j]!.type === 'LEFT_BRACE') return true;
  }
  return false;
}

function collect(): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (e: string) => {
    if (seen.has(e) || CHANGED_SINCE_242.has(e) || e.length > 4000 || e.trim() === '' || !within242(e)) return;
    seen.add(e);
    out.push(e);
  };
  for (const r of loadRuleExprs()) add(r.expr);
  for (const c of loadParserCases()) if (c.kind === 'expr' && c.input) add(c.input);
  return out;
}

describe('differential test against promtool 2.42 check rules', () => {
  const available = existsSync(PROMTOOL);
  it('has promtool (CI installs the Debian package; locally apt may still be installing it)', () => {
    if (!available && !process.env.CI) {
      console.warn(`${PROMTOOL} not found: differential test not run (install the Debian package "prometheus")`);
      return;
    }
    expect(available, `${PROMTOOL} is required in CI: install the Debian package "prometheus"`).toBe(true);
  });

  it.runIf(available)('agrees with promtool on every expression', () => {
    const exprs = collect();
    expect(exprs.length).toBeGreaterThan(300);
    const dir = mkdtempSync(join(tmpdir(), 'promscope-promtool-'));
    try {
      const file = join(dir, 'rules.yml');
      const lines = ['groups:', '- name: diff', '  rules:'];
      exprs.forEach((e, i) => lines.push(`  - record: r${i}`, `    expr: ${JSON.stringify(e)}`));
      writeFileSync(file, lines.join('\n') + '\n');
      let output = '';
      try {
        output = execFileSync(PROMTOOL, ['check', 'rules', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (e) {
        const err = e as { stdout?: string; stderr?: string };
        output = `${err.stdout ?? ''}\n${err.stderr ?? ''}`;
      }
      const rejected = new Map<number, string>();
      for (const m of output.matchAll(/rule \d+, "r(\d+)": (.*)/g)) rejected.set(Number(m[1]), m[2]!);
      const disagreements: string[] = [];
      let promtoolRejects = 0;
      exprs.forEach((e, i) => {
        const ours = parsePromQL(e).diagnostics.filter((d) => d.severity === 'error');
        const theirs = rejected.get(i);
        if (theirs) promtoolRejects++;
        if (!!theirs !== ours.length > 0) disagreements.push(`${JSON.stringify(e)}\n  promtool: ${theirs ?? 'ok'}\n  promscope: ${ours[0]?.message ?? 'ok'}`);
      });
      console.log(`[promtool diff] ${exprs.length} expressions, promtool rejects ${promtoolRejects}, disagreements ${disagreements.length}`);
      expect(disagreements).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
