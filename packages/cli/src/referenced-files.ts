/**
 * Seam: rule files that a prometheus.yml names in `rule_files`, so that `promscope check .` also
 * checks rule files without a YAML extension (`alert.rules`).
 *
 * The core's prometheus.yml analyzer (config/) models `rule_files` as `ruleFiles: FilePattern[]`
 * (`{ pattern }`). Whichever way the facade hands it over (`references.ruleFiles` as strings, or
 * the model as `config`, `model` or `prometheusConfig` with `ruleFiles`), this module reads it and
 * resolves the patterns the way Prometheus does: relative to the config file's folder, with
 * filepath.Match syntax (`*`, `?`, `[...]`), through the core (links/).
 */
import { namedByRuleFiles } from '@promscope/core';
import { corePath } from './file-host';

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

/**
 * A matcher for absolute paths: is this file named by a rule_files entry of the config at
 * `configAbs`? The core's rule (Go's filepath.Match after Prometheus's JoinDir), shared with the
 * choice of the prometheus.yml that governs a rule file.
 */
export function ruleFilesMatcher(configAbs: string, entries: readonly string[]): (abs: string) => boolean {
  if (entries.length === 0) return () => false;
  const config = corePath(configAbs);
  return (abs) => namedByRuleFiles(config, entries, corePath(abs));
}
