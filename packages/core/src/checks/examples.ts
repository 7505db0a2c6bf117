/** Runs a check's documented examples: shared by the example tests and the docs generator. */
import type { Diagnostic } from '../diagnostics/types';
import { buildRuleGraph } from '../graph/build';
import type { AnyCheck } from './define';
import { ruleFileViewFromText } from './model-from-rules';
import { runChecks } from './run';

/** Rule-file examples start with `groups:`; everything else is a PromQL expression. */
export function isRuleFileExample(src: string): boolean {
  return /^\s*groups:/.test(src);
}

/** Diagnostics of one check on one example (the example file is the whole workspace). */
export function runExample(check: AnyCheck, src: string, rethrow = true): Diagnostic[] {
  const settings = { [check.id]: { level: check.severity, options: { ...(check.examples.options ?? {}) } } };
  if (isRuleFileExample(src)) {
    const file = ruleFileViewFromText(`${check.id}.yaml`, src);
    return runChecks({ kind: 'rules', file }, { checks: [check], settings, graph: buildRuleGraph([file]), rethrow });
  }
  return runChecks({ kind: 'promql', text: src }, { checks: [check], settings, rethrow });
}
