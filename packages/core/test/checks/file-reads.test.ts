// File checks that declare `reads` (checks/define.ts) have their findings reused by an editor's
// incremental analysis while every rule reads the same string (checks/run.ts `FileChecksMemo`).
// This holds the checks to what that promises: `run` reads nothing of a rule that its `reads`
// leaves out (but the name range it reports at), nothing of the file or the environment, and of
// each parsed rule only the rule view; and the runner to placing reused findings exactly where a
// fresh run reports them.
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS, getCheck, ruleFileViewFromText, runChecks } from '../../src/checks/index';
import { defineCheck, type AnyCheck, type ParsedRule, type Report } from '../../src/checks/define';
import type { RuleFileView, RuleView } from '../../src/checks/model';
import { isRuleFileExample } from '../../src/checks/examples';
import { createFileChecksMemo } from '../../src/checks/run';
import { ruleFilesOfCorpus } from '../support/corpus-files';
import { FILE_CHECKS_SAMPLE } from '../support/file-checks-sample';

type FileCheck = AnyCheck & { scope: 'file'; reads: (rule: RuleView) => string };
const withReads = ALL_CHECKS.filter((c): c is FileCheck => c.scope === 'file' && 'reads' in c && typeof c.reads === 'function');

/** an object that fails the test when anything but `allowed` is read */
function guarded(what: string, allowed: Record<string, unknown> = {}): object {
  return new Proxy(allowed, {
    get(target, prop) {
      if (typeof prop === 'string' && prop in target) return target[prop];
      throw new Error(`a file check with \`reads\` read ${what}.${String(prop)}`);
    },
  });
}

/** the rule view, noting the name of every property read of it */
function recording(rule: RuleView, keys: Set<string>): RuleView {
  return new Proxy(rule, {
    get(target, prop) {
      if (typeof prop === 'string') keys.add(prop);
      return Reflect.get(target, prop);
    },
  });
}

/** what `run` reads of each rule, against what `reads` reads of it: the properties only `run` reads */
function unreadByReads(check: FileCheck, file: RuleFileView): string[] {
  const views = file.groups.flatMap((g) => g.rules);
  const runKeys = views.map(() => new Set<string>());
  const rules = views.map((v, i) => guarded('parsed rule', { rule: recording(v, runKeys[i]!) }) as ParsedRule);
  const reports: Report[] = [];
  check.run({ file: guarded('file'), rules, env: guarded('env'), options: { ...check.defaults, ...(check.examples.options ?? {}) }, report: (r: Report) => reports.push(r) } as never);
  const out: string[] = [];
  views.forEach((v, i) => {
    const readsKeys = new Set<string>();
    check.reads(recording(v, readsKeys));
    for (const k of runKeys[i]!) if (k !== 'nameRange' && k !== 'origin' && !readsKeys.has(k)) out.push(`${v.name}: ${k}`);
  });
  return out;
}

describe('file checks with `reads`', () => {
  it('are file checks, and there are some', () => {
    expect(withReads.map((c) => c.id).sort()).toEqual(expect.arrayContaining(['rules/alert-name-style', 'rules/duplicate-expression']));
  });

  it.each(withReads.map((c) => [c.id, c] as const))('%s reads nothing of a rule that its `reads` leaves out (examples and corpus)', (_id, check) => {
    const texts = [...check.examples.invalid, ...check.examples.valid].filter(isRuleFileExample).map((text) => ({ path: 'example.yml', text }));
    for (const f of [...texts, ...ruleFilesOfCorpus()]) {
      const file = ruleFileViewFromText(f.path, f.text);
      expect(unreadByReads(check, file), f.path).toEqual([]);
    }
  });

  it('a `reads` that leaves out what the check reads is caught', () => {
    const dup = getCheck('rules/duplicate-expression') as FileCheck;
    // the labels left out: a rule's labels decide whether two expressions are duplicates
    const partial = { ...dup, reads: (r: RuleView) => (r.kind === 'record' && r.expr ? `${r.expr.value}\u0000${r.name}` : '') } as FileCheck;
    const file = ruleFileViewFromText('f.yml', dup.examples.invalid[0]!);
    expect(unreadByReads(dup, file)).toEqual([]);
    expect(unreadByReads(partial, file)).toEqual(expect.arrayContaining([expect.stringContaining(': labels')]));
  });
});

describe('the runner with a memo of file checks', () => {
  const text = FILE_CHECKS_SAMPLE;
  const checks = withReads;
  const run = (t: string, memo?: ReturnType<typeof createFileChecksMemo>) => runChecks({ kind: 'rules', file: ruleFileViewFromText('f.yml', t) }, { checks, fileMemo: memo, rethrow: true });

  it('places reused findings where a fresh run reports them, and runs a check again when what it reads changed', () => {
    const memo = createFileChecksMemo();
    const first = run(text, memo);
    expect(first.map((d) => d.code).sort()).toEqual(['rules/alert-name-style', 'rules/duplicate-expression']);
    expect(memo.stats).toEqual({ reused: 0, ran: 2 });
    // a comment in the first group moves every finding; an alert's threshold is read by neither check
    const moved = text.replace('    rules:\n      - record: job:x', '    # moved\n    rules:\n      - record: job:x').replace('> 1', '> 2');
    expect(run(moved, memo)).toEqual(run(moved));
    expect(memo.stats).toEqual({ reused: 2, ran: 2 });
    // the duplicate renamed (its message names it) and an alert renamed into the majority style
    const renamed = moved.replace('record: job:y:rate5m', 'record: job:z:rate5m').replace('alert: y_high', 'alert: YHigh');
    const again = run(renamed, memo);
    expect(again).toEqual(run(renamed));
    expect(again.map((d) => d.message)).toEqual([expect.stringContaining('`job:z:rate5m` records the same expression')]);
    expect(memo.stats).toEqual({ reused: 2, ran: 4 });
    // labels that make the two expressions differ
    const labelled = renamed.replace('expr: sum by (job)(rate(x_total[5m]))', 'expr: sum by (job)(rate(x_total[5m]))\n        labels:\n          team: b');
    expect(run(labelled, memo)).toEqual([]);
    expect(memo.stats.ran).toBe(5);
  });

  it('never reuses findings across a run in which the check threw', () => {
    // a check that reports every alert, and throws on one named Boom
    const flaky = defineCheck({
      id: 'test/flaky',
      severity: 'info',
      scope: 'file',
      summary: 'test',
      why: 'test',
      defaults: {},
      examples: { valid: [], invalid: [] },
      reads: (r) => (r.kind === 'alert' ? r.name : ''),
      run(ctx) {
        for (const p of ctx.rules) {
          if (p.rule.name === 'Boom') throw new Error('boom');
          if (p.rule.kind === 'alert') ctx.report({ range: p.rule.nameRange, message: p.rule.name });
        }
      },
    }) as AnyCheck;
    const memo = createFileChecksMemo();
    const go = (t: string) => runChecks({ kind: 'rules', file: ruleFileViewFromText('f.yml', t) }, { checks: [flaky], fileMemo: memo }).map((d) => d.message);
    expect(go(text)).toEqual(['XHigh', 'y_high', 'YLow']);
    const boom = text.replace('alert: YLow', 'alert: Boom');
    // the findings reported before it threw (XHigh, y_high) are what the runner keeps of that run
    expect(go(boom)).toEqual(['XHigh', 'y_high']);
    expect(go(boom)).toEqual(['XHigh', 'y_high']);
    expect(memo.stats).toEqual({ reused: 0, ran: 3 });
  });

  it('gives the same diagnostic objects again when no finding moved', () => {
    const memo = createFileChecksMemo();
    const view = ruleFileViewFromText('f.yml', text);
    const a = runChecks({ kind: 'rules', file: view }, { checks, fileMemo: memo });
    const b = runChecks({ kind: 'rules', file: view }, { checks, fileMemo: memo });
    expect(memo.stats.reused).toBe(2);
    expect(b.length).toBe(2);
    b.forEach((d, i) => expect(d).toBe(a[i]));
  });
});
