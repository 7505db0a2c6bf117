/**
 * Seam: rule files that a prometheus.yml names in `rule_files`, so that `promscope check .` also
 * checks rule files without a YAML extension (`alert.rules`).
 *
 * The core's prometheus.yml analyzer reports what a config references; this module reads it from
 * the analysis result as `references.ruleFiles` (a list of the `rule_files` entries, as written)
 * when the result has it, and resolves the globs the way Prometheus does: relative to the
 * config file's folder, with filepath.Match syntax (`*`, `?`, `[...]`).
 */
import path from 'node:path';
import picomatch from 'picomatch';

/** The `rule_files` entries a core analysis result carries, if any. */
export function ruleFilesOf(result: unknown): string[] {
  const refs = (result as { references?: { ruleFiles?: unknown } } | null)?.references;
  const list = refs?.ruleFiles;
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string' && x.length > 0) : [];
}

/** A matcher for absolute paths: is this file named by a rule_files entry of the config at `configAbs`? */
export function ruleFilesMatcher(configAbs: string, entries: readonly string[]): (abs: string) => boolean {
  const toPosix = (p: string) => p.split(path.sep).join('/');
  const patterns = entries.map((e) => toPosix(path.resolve(path.dirname(configAbs), e)));
  if (patterns.length === 0) return () => false;
  const isMatch = picomatch(patterns, { dot: true });
  return (abs) => isMatch(toPosix(abs));
}
