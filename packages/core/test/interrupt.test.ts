/**
 * interrupt.ts: an analysis run through `interruptible` stops at its next poll once its stop test
 * says so (the YAML parse of a broken file polls as it goes), leaves an editor session as it was,
 * and is not affected at all when run otherwise.
 */
import { describe, expect, test } from 'vitest';
import { analyzeFile } from '../src/analyze';
import { createRuleFileSession } from '../src/incremental/rule-file';
import { AnalysisInterrupted, interruptible } from '../src/interrupt';
import { editorRuleFile } from '../../../scripts/lib/rule-generator.mjs';

const path = '/w/big.rules.yml';
const good: string = editorRuleFile(40, 10);
// broken after its first group: every later token is outside the document, thousands of them, and
// the token builders poll as they go (the `---` at the end: a document could follow, so that the
// tokens are all read, not skipped)
const broken = good.replace('  - name: group_1\n', '  - name: group_1\n }\n') + '---\n';

describe('interruptible analyses', () => {
  test('a broken file: stopped inside the YAML parse', () => {
    let polls = 0;
    expect(() => interruptible(() => ++polls > 3, () => analyzeFile({ path, text: broken }))).toThrow(AnalysisInterrupted);
    expect(polls).toBe(4);
  });

  test('not stopped, or not interruptible: the same result', () => {
    const want = analyzeFile({ path, text: broken });
    expect(want.diagnostics.some((d) => d.code === 'yaml/syntax')).toBe(true);
    expect(interruptible(() => false, () => analyzeFile({ path, text: broken }))).toEqual(want);
  });

  test('an editor session interrupted at any poll gives the next analysis the uninterrupted result', () => {
    const edited = good.replace('> 0.5', '> 0.7').replace('group_3', 'group_x');
    const want = analyzeFile({ path, text: edited }, {}, createRuleFileSession());
    for (let stopAt = 1; stopAt < 6; stopAt++) {
      const session = createRuleFileSession();
      analyzeFile({ path, text: good }, {}, session);
      let polls = 0;
      let stopped = false;
      try {
        interruptible(() => ++polls >= stopAt, () => analyzeFile({ path, text: edited }, {}, session));
      } catch (e) {
        expect(e).toBeInstanceOf(AnalysisInterrupted);
        stopped = true;
      }
      if (stopAt <= 2) expect(stopped).toBe(true);
      expect(analyzeFile({ path, text: edited }, {}, session)).toEqual(want);
    }
  });
});
