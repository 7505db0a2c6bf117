/**
 * Seam: rule files that a prometheus.yml names in `rule_files`, so that `promscope check .` also
 * checks rule files without a YAML extension (`alert.rules`).
 *
 * The core's prometheus.yml analyzer (config/) models `rule_files` as `ruleFiles: FilePattern[]`
 * (`{ pattern }`). Whichever way the facade hands it over (`references.ruleFiles` as strings, or
 * the model as `config`, `model` or `prometheusConfig` with `ruleFiles`), this module reads it and
 * resolves the patterns the way Prometheus does: relative to the config file's folder, with
 * filepath.Match syntax (`*`, `?`, `[...]`).
 */
import path from 'node:path';
import picomatch from 'picomatch';

function patterns(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list
    .map((x) => (typeof x === 'string' ? x : typeof (x as { pattern?: unknown } | null)?.pattern === 'string' ? (x as { pattern: string }).pattern : ''))
    .filter((x) => x.length > 0);
}

/** The `rule_files` entries a core analysis result carries, if any. */
export function ruleFilesOf(result: unknown): string[] {
  if (result === null || typeof result !== 'object') return [];
  const r = result as Record<string, { ruleFiles?: unknown } | undefined>;
  for (const holder of [r.references, r.config, r.model, r.prometheusConfig]) {
    const found = patterns(holder?.ruleFiles);
    if (found.length > 0) return found;
  }
  return [];
}

/** A matcher for absolute paths: is this file named by a rule_files entry of the config at `configAbs`? */
export function ruleFilesMatcher(configAbs: string, entries: readonly string[]): (abs: string) => boolean {
  const toPosix = (p: string) => p.split(path.sep).join('/');
  const globs = entries.map((e) => toPosix(path.resolve(path.dirname(configAbs), e)));
  if (globs.length === 0) return () => false;
  const isMatch = picomatch(globs, { dot: true });
  return (abs) => isMatch(toPosix(abs));
}
