/**
 * pint check names → the promscope codes (or code families) that check the same thing, so that
 * repositories already annotated for pint keep their suppressions. Kept deliberately small: only
 * checks with a clear counterpart. A pint check not listed here is ignored by promscope.
 */
const PINT_ALIASES: Record<string, string[]> = {
  'promql/syntax': ['promql/syntax'],
  'promql/regexp': ['promql/regex'],
  'promql/fragile': ['promql/fragile'],
  'promql/vector_matching': ['promql/vector-matching'],
  'yaml/parse': ['yaml/syntax'],
  'rule/duplicate': ['rules/duplicate'],
  'rule/for': ['rules/for'],
  'rule/name': ['rules/name'],
  'rule/label': ['rules/labels'],
  'alerts/template': ['rules/template'],
  'alerts/annotation': ['rules/annotations'],
};

export function pintCheckToCodes(check: string): string[] {
  return PINT_ALIASES[check] ?? [];
}

/** The alias table, for documentation and tests. */
export function pintAliases(): Readonly<Record<string, readonly string[]>> {
  return PINT_ALIASES;
}
