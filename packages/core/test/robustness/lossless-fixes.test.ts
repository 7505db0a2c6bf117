/**
 * Lossless fixes (issue 8) over every file of ../shared/corpus that the analyzer understands, plus
 * CRLF, no-final-newline and BOM variants of the rule files, and variants with an unused
 * suppression comment (whose fix removes a whole line):
 *  - applying all safe fixes (guarded by `noNewErrorsGuard`, as the CLI does) changes nothing
 *    outside the edited ranges: every line the edits do not touch is byte-identical, line endings,
 *    the BOM and the final newline are kept;
 *  - a second run changes nothing (idempotence) and adds no error;
 *  - the guard: a fix whose result no longer parses (injected through `applyFixes`' guard API) is
 *    never applied, alone or mixed with good fixes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyzeFile, applyFixes, applySuppressions, newErrors, noNewErrorsGuard, type Diagnostic, type Fix, type TextEdit } from '../../src/index';
import { corpusRoot, walkFiles } from './support/corpus';

const diagnose = (p: string, text: string): Diagnostic[] => {
  const r = analyzeFile({ path: p, text }, { bestPractice: true });
  // unused suppressions (and their line-removing fix) come from the suppression pass, as in the CLI
  return applySuppressions(text, r.diagnostics).diagnostics;
};

interface Variant {
  name: string;
  text: string;
}

/** PROMSCOPE_LOSSLESS_FULL=1: every variant of every rule file (slow); CI: see `variants` */
const FULL = process.env.PROMSCOPE_LOSSLESS_FULL === '1';

const withSuppression = (text: string): string | null => {
  const m = /^([ \t]*)expr:/m.exec(text);
  return m ? text.slice(0, m.index) + `${m[1]}# promscope-disable-next-line promql/regex-anchors\n` + text.slice(m.index) : null;
};

/**
 * The texts to fix: the file itself; for rule files with a fix (or all, with FULL) its CRLF,
 * no-final-newline, BOM and unused-suppression variants; for every 4th other rule file a CRLF
 * variant with an unused suppression.
 */
function variants(rel: string, text: string, kind: string, hasFix: boolean, n: number): Variant[] {
  const out: Variant[] = [{ name: rel, text }];
  if (kind !== 'rules' && kind !== 'prometheus-rule') return out;
  if (!FULL && !hasFix) {
    const s = n % 4 === 0 ? withSuppression(text) : null;
    if (s) out.push({ name: `${rel} (CRLF, unused suppression)`, text: s.replace(/\r?\n/g, '\r\n') });
    return out;
  }
  if (!text.includes('\r\n')) out.push({ name: `${rel} (CRLF)`, text: text.replace(/\n/g, '\r\n') });
  if (text.endsWith('\n')) out.push({ name: `${rel} (no final newline)`, text: text.replace(/\n+$/, '') });
  out.push({ name: `${rel} (BOM)`, text: '\uFEFF' + text });
  // an unused suppression above the first `expr:` line: its fix removes that whole line
  const s = withSuppression(text);
  if (s) out.push({ name: `${rel} (unused suppression)`, text: s });
  return out;
}

/** the line numbers (0-based) an edit touches in `text`, counted by \n */
function touchedLines(text: string, edits: readonly TextEdit[]): Set<number> {
  const lineOf = (off: number) => {
    let n = 0;
    for (let i = 0; i < off && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
    return n;
  };
  const out = new Set<number>();
  for (const e of edits) for (let l = lineOf(e.range.start); l <= lineOf(e.range.end); l++) out.add(l);
  return out;
}

/**
 * Checks, independently of applyEdits, that `after` is `before` with only the touched lines
 * changed: the untouched lines before the first and after the last touched line, and between
 * touched blocks, appear unchanged and in order.
 */
function untouchedLinesKept(before: string, after: string, edits: readonly TextEdit[]): string | null {
  const touched = touchedLines(before, edits);
  const a = before.split('\n');
  const b = after.split('\n');
  // lines removed or added by the edits shift the rest: compare the untouched prefix and suffix
  // blocks around each touched block by walking from both ends
  let i = 0;
  while (i < a.length && !touched.has(i)) {
    if (a[i] !== b[i]) return `line ${i + 1} changed: ${JSON.stringify(a[i])} → ${JSON.stringify(b[i])}`;
    i++;
  }
  let j = 0;
  while (j < a.length - i && !touched.has(a.length - 1 - j)) {
    if (a[a.length - 1 - j] !== b[b.length - 1 - j]) return `line ${a.length - j} (from the end) changed: ${JSON.stringify(a[a.length - 1 - j])} → ${JSON.stringify(b[b.length - 1 - j])}`;
    j++;
  }
  // untouched lines in the middle must all still be present, in order
  const middle = b.slice(i, b.length - j);
  let k = 0;
  for (let l = i; l < a.length - j; l++) {
    if (touched.has(l)) continue;
    while (k < middle.length && middle[k] !== a[l]) k++;
    if (k === middle.length) return `untouched line ${l + 1} lost: ${JSON.stringify(a[l])}`;
    k++;
  }
  return null;
}

const files = walkFiles(corpusRoot, /\.(ya?ml|json|rules|promql)$/i);

describe('lossless, idempotent, guarded fixes over the corpus', () => {
  test('every understood corpus file: fixes keep untouched bytes, a second run changes nothing', () => {
    let understood = 0;
    let fixedFiles = 0;
    let appliedFixes = 0;
    const failures: string[] = [];
    for (const file of files) {
      const rel = path.relative(corpusRoot, file);
      const original = readFileSync(file, 'utf8');
      const kind = analyzeFile({ path: rel, text: original }).kind;
      if (kind === 'unknown') continue;
      understood++;
      const d0 = diagnose(rel, original);
      for (const v of variants(rel, original, kind, d0.some((d) => d.fix?.safe), understood)) {
        const d1 = v.text === original ? d0 : diagnose(rel, v.text);
        const r1 = applyFixes(v.text, d1, { guard: noNewErrorsGuard(d1, (t) => diagnose(rel, t)) });
        if (!r1.changed) continue;
        fixedFiles++;
        appliedFixes += r1.applied.length;
        const edits = r1.applied.flatMap((f) => f.edits);
        const lost = untouchedLinesKept(v.text, r1.text, edits);
        if (lost) failures.push(`${v.name}: ${lost}`);
        if (v.text.includes('\r\n') && /(^|[^\r])\n/.test(r1.text)) failures.push(`${v.name}: a bare \\n appeared in a CRLF file`);
        if (v.text.endsWith('\n') !== r1.text.endsWith('\n')) failures.push(`${v.name}: the final newline changed`);
        if (v.text.startsWith('\uFEFF') !== r1.text.startsWith('\uFEFF')) failures.push(`${v.name}: the BOM changed`);
        const d2 = diagnose(rel, r1.text);
        const added = newErrors(d1, d2);
        if (added.length > 0) failures.push(`${v.name}: new error after fixing: ${added[0].message}`);
        const r2 = applyFixes(r1.text, d2, { guard: noNewErrorsGuard(d2, (t) => diagnose(rel, t)) });
        if (r2.changed) failures.push(`${v.name}: not idempotent; the second run applied ${r2.applied.map((f) => f.description).join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
    // the corpus must actually exercise the fixes (it has regex, anchor, le and suppression fixes)
    expect(understood).toBeGreaterThan(300);
    expect(fixedFiles).toBeGreaterThan(20);
    expect(appliedFixes).toBeGreaterThan(40);
  });
});

describe('the guard', () => {
  const rel = 'rules/awesome-prometheus-alerts/apache/lusitaniae-apache-exporter.yml';
  const text = readFileSync(path.join(corpusRoot, rel), 'utf8');
  const exprAt = text.indexOf('expr: ') + 'expr: '.length;
  const exprEnd = text.indexOf('\n', exprAt);
  const breaking: Fix = { description: 'breaks the expression', safe: true, edits: [{ range: { start: exprAt, end: exprEnd }, newText: 'sum(' }] };
  const breakingYaml: Fix = { description: 'breaks the YAML', safe: true, edits: [{ range: { start: 0, end: 0 }, newText: 'groups: [\n' }] };
  const harmless: Fix = { description: 'adds a comment', safe: true, edits: [{ range: { start: 0, end: 0 }, newText: '# fixed\n' }] };
  const fake = (fix: Fix): Diagnostic => ({ code: 'test/injected', severity: 'warning', range: { start: exprAt, end: exprAt }, message: 'injected', fix });

  test('the file is clean to start with', () => {
    expect(diagnose(rel, text).filter((d) => d.severity === 'error')).toEqual([]);
  });

  test.each([
    ['a fix whose expression no longer parses', breaking],
    ['a fix whose YAML no longer parses', breakingYaml],
  ])('%s is never applied', (_name, fix) => {
    const before = diagnose(rel, text);
    const r = applyFixes(text, [...before, fake(fix)], { guard: noNewErrorsGuard(before, (t) => diagnose(rel, t)) });
    expect(r.changed).toBe(false);
    expect(r.text).toBe(text);
    expect(r.skipped.find((s) => s.fix === fix)?.reason).toMatch(/new error/);
  });

  test('mixed with a good fix: only the good fix is applied', () => {
    const before = diagnose(rel, text);
    const r = applyFixes(text, [fake(breaking), fake(harmless)], { guard: noNewErrorsGuard(before, (t) => diagnose(rel, t)) });
    expect(r.applied).toEqual([harmless]);
    expect(r.text).toBe('# fixed\n' + text);
    expect(r.skipped.map((s) => s.fix)).toEqual([breaking]);
  });

  test('without the guard the broken text would have been produced (the guard is what stops it)', () => {
    const r = applyFixes(text, [fake(breaking)]);
    expect(r.changed).toBe(true);
    expect(diagnose(rel, r.text).some((d) => d.severity === 'error')).toBe(true);
  });
});
