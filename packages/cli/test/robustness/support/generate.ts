/** The rule-file generator shared with scripts/bench-scale.mjs (plain JS, typed by its .d.mts). */
export { brokenKind, ruleFile } from '../../../../../scripts/lib/rule-generator.mjs';
