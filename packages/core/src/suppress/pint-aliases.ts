/**
 * pint check names → the promscope codes that check the same thing, so that repositories already
 * annotated for pint keep their suppressions. The table is the check registry's (derived from each
 * check module's `pint` field plus the core codes with a pint twin): one source, never out of sync.
 * A pint check with no counterpart is ignored by promscope.
 */
import { PINT_ALIASES } from '../checks/registry';

export function pintCheckToCodes(check: string): string[] {
  return [...(PINT_ALIASES[check] ?? [])];
}

/** The alias table, for documentation and tests. */
export function pintAliases(): Readonly<Record<string, readonly string[]>> {
  return PINT_ALIASES;
}
