/**
 * `splitAfterEdit` (the cuts of the last text reused for an edit inside one line) against
 * `splitGroups` of the new text: undefined or the same cuts, for any edit; and the incremental path
 * that uses it (with the moved parts it keeps for the last two shifts) against the whole-file path
 * over edits that type a character and delete it again.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/analyze';
import { finishDiagnostics } from '../../src/finish';
import { createRuleFileSession, splitAfterEdit, splitGroups } from '../../src/incremental/rule-file';
import { multiGroupFiles, ruleFilesOfCorpus } from '../support/corpus-files';

const multiGroup = multiGroupFiles(ruleFilesOfCorpus());

const base = [
  'groups:',
  '  - name: a',
  '    rules:',
  '      - record: job:x:sum',
  '        expr: sum by (job) (x)',
  '  -\r',
  '    name: b',
  '    rules:',
  '      - alert: X',
  '        expr: up == 0',
  '  - name: c',
  '    rules: []',
  '',
].join('\n');

describe('splitAfterEdit', () => {
  it('gives the cuts splitGroups gives, or declines, for any edit of a plain file', () => {
    const texts = [base, ...multiGroup.slice(0, 40).map((f) => f.text)];
    let reused = 0;
    fc.assert(
      fc.property(
        fc.nat(texts.length - 1),
        fc.integer({ min: 0, max: 999_999 }),
        fc.nat(4),
        fc.constantFrom('', 'x', ' ', '-', '- ', '#', '\t', '\r', '\n', 'ab', ':', '"'),
        (ti, at, del, ins) => {
          const old = texts[ti]!;
          const starts = splitGroups(old);
          if (!starts) return;
          const p = Math.floor((at / 1e6) * old.length);
          const text = old.slice(0, p) + ins + old.slice(Math.min(old.length, p + del));
          const got = splitAfterEdit({ text: old, starts }, text);
          if (got !== undefined) {
            reused++;
            expect(got).toEqual(splitGroups(text));
          }
        },
      ),
      { numRuns: 3000 },
    );
    expect(reused).toBeGreaterThan(500);
  });

  it.each([
    ['a line break typed', 4, '\n'],
    ['the second character of an item line', base.indexOf('-\r') + 1, 'x'],
    ['after `-` and a carriage return', base.indexOf('-\r') + 2, 'x'],
    ['in the indentation', base.indexOf('  - name: c') + 1, ' '],
    ['on the groups line', 3, 'x'],
  ])('declines %s', (_name, at, ins) => {
    const starts = splitGroups(base)!;
    expect(starts).toHaveLength(3);
    expect(splitAfterEdit({ text: base, starts }, base.slice(0, at) + ins + base.slice(at))).toBeUndefined();
  });

  it('moves the later cuts by what an edit inside a line adds', () => {
    const starts = splitGroups(base)!;
    const at = base.indexOf('sum by');
    const text = base.slice(0, at) + 'avg(' + base.slice(at);
    expect(splitAfterEdit({ text: base, starts }, text)).toEqual(splitGroups(text));
    expect(splitAfterEdit({ text: base, starts }, text)).toEqual([starts[0], starts[1]! + 4, starts[2]! + 4]);
  });
});

describe('incremental analysis while a character is typed and deleted again', () => {
  it('equals the whole-file analysis at every step, reusing the moved groups', () => {
    const outcome = (path: string, text: string, session?: ReturnType<typeof createRuleFileSession>) => {
      const r = analyzeFile({ path, text, kind: 'rules' }, {}, session);
      return JSON.parse(JSON.stringify({ diagnostics: finishDiagnostics(text, r.diagnostics, {}), summary: r.summary }));
    };
    let steps = 0;
    for (const f of multiGroup.slice(0, 12)) {
      const starts = splitGroups(f.text)!;
      const session = createRuleFileSession();
      outcome(f.path, f.text, session);
      // in the first group's last line, after its indentation: the later groups move by 1 and back
      const at = starts[1]! - 1;
      let text = f.text;
      for (let i = 0; i < 6; i++) {
        text = i % 2 === 0 ? text.slice(0, at) + '7' + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
        expect(outcome(f.path, text, session), `${f.path} step ${i}`).toEqual(outcome(f.path, text));
        if (session.stats.last === 'incremental') steps++;
      }
    }
    expect(steps).toBeGreaterThan(20);
  });
});
