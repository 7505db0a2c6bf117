/**
 * Validation of one relabel config exactly as Prometheus's `relabel.Config.Validate` does it, with
 * its error wording, plus the regex compile error from unmarshalling. Each problem names the field
 * it is about so the caller can place it.
 */
import { compileRelabelRegexp } from './go-regexp';
import { goQuote } from './go-string';
import { isValidLabelName, isValidLabelNameWithRegexVar, type NameValidationScheme } from './label-names';
import { DEFAULT_RELABEL, type RelabelConfig, type RelabelField } from './types';

export interface RelabelProblem {
  field: RelabelField | null;
  message: string;
}

const needsTarget = new Set(['replace', 'hashmod', 'lowercase', 'uppercase', 'keepequal', 'dropequal']);
const caseOrEqual = new Set(['lowercase', 'uppercase', 'keepequal', 'dropequal']);

/** Returns the first problem Prometheus reports (it stops at the first), or null. */
export function validateRelabelConfig(c: RelabelConfig, scheme: NameValidationScheme): RelabelProblem | null {
  const rx = compileRelabelRegexp(c.regex);
  if (!rx.ok) return { field: 'regex', message: rx.error };
  const a = c.action;
  if (a === '') return { field: 'action', message: 'relabel action cannot be empty' };
  if (c.modulus === 0 && a === 'hashmod') return { field: 'modulus', message: 'relabel configuration for hashmod requires non-zero modulus' };
  if (needsTarget.has(a) && c.targetLabel === '')
    return { field: 'target_label', message: `relabel configuration for ${a} action requires 'target_label' value` };
  const hasVar = c.targetLabel.includes('$');
  if (a === 'replace' && !hasVar && !isValidLabelName(c.targetLabel, scheme))
    return { field: 'target_label', message: `${goQuote(c.targetLabel)} is invalid 'target_label' for ${a} action` };
  if (a === 'replace' && hasVar && !isValidLabelNameWithRegexVar(c.targetLabel, scheme))
    return { field: 'target_label', message: `${goQuote(c.targetLabel)} is invalid 'target_label' for ${a} action` };
  if (caseOrEqual.has(a) && !isValidLabelName(c.targetLabel, scheme))
    return { field: 'target_label', message: `${goQuote(c.targetLabel)} is invalid 'target_label' for ${a} action` };
  if (caseOrEqual.has(a) && c.replacement !== DEFAULT_RELABEL.replacement)
    return { field: 'replacement', message: `'replacement' can not be set for ${a} action` };
  if (a === 'labelmap' && !isValidLabelNameWithRegexVar(c.replacement, scheme))
    return { field: 'replacement', message: `${goQuote(c.replacement)} is invalid 'replacement' for ${a} action` };
  if (a === 'hashmod' && !isValidLabelName(c.targetLabel, scheme))
    return { field: 'target_label', message: `${goQuote(c.targetLabel)} is invalid 'target_label' for ${a} action` };
  if (a === 'dropequal' || a === 'keepequal') {
    const bad = firstSet(c, ['regex', 'modulus', 'separator', 'replacement'], {
      regex: !c.regexIsDefault,
      modulus: c.modulus !== 0,
      separator: c.separator !== DEFAULT_RELABEL.separator,
      replacement: c.replacement !== DEFAULT_RELABEL.replacement,
    });
    if (bad) return { field: bad, message: `${a} action requires only 'source_labels' and \`target_label\`, and no other fields` };
  }
  if (a === 'labeldrop' || a === 'labelkeep') {
    const bad = firstSet(c, ['source_labels', 'target_label', 'modulus', 'separator', 'replacement'], {
      source_labels: c.sourceLabels !== null,
      target_label: c.targetLabel !== '',
      modulus: c.modulus !== 0,
      separator: c.separator !== DEFAULT_RELABEL.separator,
      replacement: c.replacement !== DEFAULT_RELABEL.replacement,
    });
    if (bad) return { field: bad, message: `${a} action requires only 'regex', and no other fields` };
  }
  return null;
}

function firstSet(_c: RelabelConfig, order: RelabelField[], set: Partial<Record<RelabelField, boolean>>): RelabelField | null {
  for (const f of order) if (set[f]) return f;
  return null;
}
