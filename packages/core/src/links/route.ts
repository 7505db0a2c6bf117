/**
 * Where the diagnostics of linked files go, one rule for every shell: a linked file that the shell
 * also checks on its own (an included scrape config file found by the walk) gets only what its own
 * analysis did not report; the others (template files, files outside the run) are reported on
 * their own, merged when several configurations link the same file, and finished here: YAML files
 * take inline suppressions and check levels, template files only the levels (`#` is no comment there).
 */
import type { Diagnostic } from '../diagnostics/types';
import { compareDiagnostics, finishDiagnostics } from '../finish';
import { applyCheckSettings } from '../project-config/resolve';
import type { CheckSettings } from '../project-config/types';
import type { LinkedFile } from './host';
import { pushAll } from '../text/arrays';

export interface RoutedLinks {
  /** diagnostics to add to files the shell checks itself, by path */
  checked: Map<string, Diagnostic[]>;
  /** linked files to report on their own */
  unchecked: LinkedFile[];
}

/** `own(path)`: the diagnostics of the file's own analysis when the shell checks it, else undefined. */
export function routeLinkedFiles(files: readonly LinkedFile[], own: (path: string) => readonly Diagnostic[] | undefined): RoutedLinks {
  const checked = new Map<string, Diagnostic[]>();
  const unchecked = new Map<string, LinkedFile>();
  for (const f of files) {
    const mine = own(f.path);
    const prev = mine ? checked.get(f.path) : unchecked.get(f.path)?.diagnostics;
    const seen = new Set([...(mine ?? []), ...(prev ?? [])].map(key));
    const fresh = f.diagnostics.filter((d) => {
      const k = key(d);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    if (mine) checked.set(f.path, [...(prev ?? []), ...fresh]);
    else if (prev) pushAll(prev, fresh);
    else unchecked.set(f.path, { ...f, diagnostics: fresh });
  }
  for (const [p, ds] of checked) if (ds.length === 0) checked.delete(p);
  return { checked, unchecked: [...unchecked.values()] };
}

/** The diagnostics to report on a linked file that is not checked on its own. */
export function finishLinkedFile(file: LinkedFile, checks: CheckSettings): Diagnostic[] {
  if (/\.ya?ml$/i.test(file.path)) return finishDiagnostics(file.text, file.diagnostics, checks);
  return applyCheckSettings(file.diagnostics, checks).sort(compareDiagnostics);
}

function key(d: Diagnostic): string {
  return `${d.code}\0${d.range.start}\0${d.range.end}\0${d.message}`;
}
