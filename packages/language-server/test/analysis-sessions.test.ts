/**
 * The incremental sessions the analyzer keeps (analysis-job.ts `sessionFor`): bounded by the
 * length of their documents' texts and by their number, least recently edited dropped first, so
 * that edits of many small files do not drop a big file's session.
 */
import { expect, test } from 'vitest';
import { diagnosticsStep, keptSessions, SESSION_TEXT_BUDGET, sessionFor, type AnalysisJob } from '../src/analysis-job';
import { editorRuleFile } from '../../../scripts/lib/rule-generator.mjs';

test("a big file's session outlives edits of many small files; the next keystroke in it analyses one group", () => {
  const big = 'file:///w/big.rules.yml';
  const text = editorRuleFile(25, 40);
  let id = 1;
  const job = (uri: string, t: string): AnalysisJob => ({ id: id++, uri, displayPath: uri.slice(7), text: t, options: {}, checks: {}, incremental: true, edited: true });
  diagnosticsStep(job(big, text));
  // 100 small rule files edited in between (a bound of 16 sessions dropped the big one here)
  for (let i = 0; i < 100; i++) diagnosticsStep(job(`file:///w/small${i}.rules.yml`, editorRuleFile(2, 2)));
  const at = text.indexOf('rate(http_requests_total', text.indexOf('group_12'));
  const typed = `${text.slice(0, at)}sum(${text.slice(at)}`;
  const out = diagnosticsStep(job(big, typed)).output;
  expect(out.groups).toEqual({ analysed: 1, reused: 24 });
});

test('sessions are kept while their texts fit the budget, the most recent one always', () => {
  const third = Math.floor(SESSION_TEXT_BUDGET / 3);
  const a = sessionFor('file:///budget/a', third);
  sessionFor('file:///budget/b', third);
  sessionFor('file:///budget/c', third);
  // a fourth third: the least recently used (a) goes
  sessionFor('file:///budget/d', third);
  expect(keptSessions().filter((u) => u.startsWith('file:///budget/'))).toEqual(['file:///budget/b', 'file:///budget/c', 'file:///budget/d']);
  // a again: a new session, and b (now the least recently used) goes
  expect(sessionFor('file:///budget/a', third)).not.toBe(a);
  expect(keptSessions().filter((u) => u.startsWith('file:///budget/'))).toEqual(['file:///budget/c', 'file:///budget/d', 'file:///budget/a']);
  // a kept session is the same on its next use
  const d = sessionFor('file:///budget/d', third);
  expect(sessionFor('file:///budget/d', third)).toBe(d);
  // a text larger than the budget: its session is kept alone
  const huge = sessionFor('file:///budget/huge', SESSION_TEXT_BUDGET * 2);
  expect(keptSessions()).toEqual(['file:///budget/huge']);
  expect(sessionFor('file:///budget/huge', SESSION_TEXT_BUDGET * 2)).toBe(huge);
});
