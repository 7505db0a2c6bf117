/**
 * Which prometheus.yml of a workspace (or of a CLI run) governs a rule file, for the scrape and
 * evaluation intervals its checks use. One rule for every shell:
 *
 * 1. a file included by another one's `scrape_config_files` is not a candidate (it has no global
 *    settings of its own);
 * 2. one candidate: that one;
 * 3. several: those whose `rule_files` name the file, else all of them; among these the nearest up
 *    the folder tree (the deepest folder that contains the file); else, when some name the file,
 *    the first of those by path; else none (no configuration is known to govern the file).
 */
import { goGlobMatch } from './go-glob';
import { dirOf, isInside, joinDir } from './paths';

export interface PrometheusConfigCandidate {
  /** the prometheus.yml, absolute and '/'-separated */
  path: string;
  /** its `rule_files` patterns as written (relative to its folder) */
  ruleFiles: readonly string[];
  /** files its `scrape_config_files` include (absolute, '/'-separated) */
  included?: readonly string[];
}

/** Does one of these `rule_files` patterns of the configuration at `configPath` name `file`? */
export function namedByRuleFiles(configPath: string, patterns: readonly string[], file: string): boolean {
  const dir = dirOf(configPath);
  return patterns.some((p) => goGlobMatch(joinDir(dir, p), file));
}

/** The prometheus.yml that governs `file` (absolute, '/'-separated), or undefined. */
export function prometheusConfigFor(file: string, candidates: readonly PrometheusConfigCandidate[]): string | undefined {
  const included = new Set(candidates.flatMap((c) => c.included ?? []));
  const main = candidates.filter((c) => !included.has(c.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (main.length <= 1) return main[0]?.path;
  const naming = main.filter((c) => namedByRuleFiles(c.path, c.ruleFiles, file));
  const pool = naming.length > 0 ? naming : main;
  let best: { path: string; depth: number } | undefined;
  for (const c of pool) {
    const dir = dirOf(c.path);
    if (!isInside(file, dir)) continue;
    const depth = dir.split('/').length;
    if (!best || depth > best.depth) best = { path: c.path, depth };
  }
  return best?.path ?? naming[0]?.path;
}
