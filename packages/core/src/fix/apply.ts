/**
 * Applying text edits to a text: the one place where fixes turn into new text. Edits are offsets
 * into the original text (UTF-16 indices); everything outside the edited ranges is kept
 * byte-identical (line endings, BOM, trailing newline, comments, quoting).
 *
 * Fixes are all-or-nothing: a fix whose edits overlap an already accepted fix is skipped whole,
 * so the result is always the original text with a set of complete, non-overlapping fixes applied.
 */
import type { Diagnostic, Fix, TextEdit } from '../diagnostics/types';

/** An edit is malformed when its range is reversed or outside the text. */
export function isValidEdit(text: string, e: TextEdit): boolean {
  return (
    Number.isInteger(e.range.start) &&
    Number.isInteger(e.range.end) &&
    e.range.start >= 0 &&
    e.range.start <= e.range.end &&
    e.range.end <= text.length &&
    typeof e.newText === 'string'
  );
}

/** Two edits overlap when they share a character, or both insert at the same point. */
export function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  if (a.range.start === a.range.end && b.range.start === b.range.end) return a.range.start === b.range.start;
  return a.range.start < b.range.end && b.range.start < a.range.end;
}

/**
 * Applies non-overlapping edits (in any order) to `text`. Returns null when the edits overlap or
 * one of them is malformed: callers decide what to do then, nothing is half-applied.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string | null {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  for (let i = 0; i < sorted.length; i++) {
    if (!isValidEdit(text, sorted[i])) return null;
    if (i > 0 && editsOverlap(sorted[i - 1], sorted[i])) return null;
  }
  const parts: string[] = [];
  let pos = 0;
  for (const e of sorted) {
    parts.push(text.slice(pos, e.range.start), e.newText);
    pos = e.range.end;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

/** What a guard says about a candidate fixed text: accept it, or reject it with a reason. */
export type GuardVerdict = { ok: true } | { ok: false; reason: string };

/** A caller-supplied check of a fixed text (e.g. "still parses, no new errors"). */
export type FixGuard = (fixedText: string) => GuardVerdict;

export interface ApplyFixesOptions {
  /** apply only fixes marked safe (default true) */
  safeOnly?: boolean;
  /** rejects a fixed text; when the combination of all fixes is rejected, fixes are tried one by one */
  guard?: FixGuard;
}

export interface SkippedFix {
  fix: Fix;
  reason: string;
}

export interface ApplyFixesResult {
  /** the fixed text (=== the input when nothing was applied) */
  text: string;
  changed: boolean;
  applied: Fix[];
  skipped: SkippedFix[];
}

/**
 * Applies the fixes the diagnostics carry. Fixes are taken in diagnostic order; a fix is skipped
 * when it is unsafe (with `safeOnly`), malformed, overlaps an accepted fix, or the guard rejects the
 * text it produces.
 */
export function applyFixes(text: string, diagnostics: readonly Diagnostic[], options: ApplyFixesOptions = {}): ApplyFixesResult {
  const safeOnly = options.safeOnly ?? true;
  const accepted: Fix[] = [];
  const skipped: SkippedFix[] = [];
  const seen = new Set<string>();
  for (const d of diagnostics) {
    const fix = d.fix;
    if (!fix) continue;
    const key = JSON.stringify(fix.edits);
    if (seen.has(key)) continue; // the same fix offered by two diagnostics
    seen.add(key);
    if (safeOnly && !fix.safe) {
      skipped.push({ fix, reason: 'not a safe fix' });
      continue;
    }
    if (fix.edits.length === 0) continue;
    if (!fix.edits.every((e) => isValidEdit(text, e))) {
      skipped.push({ fix, reason: 'malformed edit' });
      continue;
    }
    if (applyEdits(text, fix.edits) === null) {
      skipped.push({ fix, reason: 'edits of this fix overlap each other' });
      continue;
    }
    const clash = accepted.some((a) => a.edits.some((x) => fix.edits.some((y) => editsOverlap(x, y))));
    if (clash) {
      skipped.push({ fix, reason: 'overlaps another fix' });
      continue;
    }
    accepted.push(fix);
  }
  const combine = (fixes: Fix[]) => applyEdits(text, fixes.flatMap((f) => f.edits)) ?? text;
  let applied = accepted;
  let out = combine(applied);
  if (options.guard && applied.length > 0) {
    const verdict = options.guard(out);
    if (!verdict.ok) {
      // fall back to fixes one at a time, keeping each one the guard accepts on top of the others
      applied = [];
      for (const fix of accepted) {
        const candidate = combine([...applied, fix]);
        const v = options.guard(candidate);
        if (v.ok) applied.push(fix);
        else skipped.push({ fix, reason: v.reason });
      }
      out = combine(applied);
    }
  }
  return { text: out, changed: out !== text, applied, skipped };
}

/**
 * The errors of `after` that `before` did not have, compared by code and message (positions move
 * when a fix changes the text). The usual guard: a fix may remove errors, never add one.
 */
export function newErrors(before: readonly Diagnostic[], after: readonly Diagnostic[]): Diagnostic[] {
  const counts = new Map<string, number>();
  const key = (d: Diagnostic) => `${d.code}\u0000${d.message}`;
  for (const d of before) if (d.severity === 'error') counts.set(key(d), (counts.get(key(d)) ?? 0) + 1);
  const out: Diagnostic[] = [];
  for (const d of after) {
    if (d.severity !== 'error') continue;
    const n = counts.get(key(d)) ?? 0;
    if (n > 0) counts.set(key(d), n - 1);
    else out.push(d);
  }
  return out;
}

/** A guard that re-analyses the fixed text and rejects it when it has errors the original lacked. */
export function noNewErrorsGuard(before: readonly Diagnostic[], analyze: (text: string) => readonly Diagnostic[]): FixGuard {
  return (fixed) => {
    const added = newErrors(before, analyze(fixed));
    return added.length === 0 ? { ok: true } : { ok: false, reason: `the fixed text has a new error: ${added[0].message}` };
  };
}
