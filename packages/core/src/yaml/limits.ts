/**
 * Limits that keep the YAML layer bounded in time and memory on hostile input. Each violation is
 * one `yaml/limits` error diagnostic; the parse then stops (size) or degrades (depth: deeper nodes
 * become null; aliases: expansion-heavy aliases become null) instead of hanging or exhausting memory.
 *
 * - maxBytes (default 64 MiB of UTF-16 text): larger texts are not parsed at all.
 * - maxDepth (default 1000 nested collections): Go's yaml.v3 stops at 10,000; no Prometheus file
 *   format nests deeper than about 10, so 1000 is generous while keeping recursion safe.
 * - maxAliasExpansion (default 1,000,000 nodes): the number of nodes a document would have with
 *   every alias expanded (what a Go decoder walks). Billion-laughs documents exceed it in a few
 *   microseconds because the count is computed with memoisation, never by expanding.
 * - maxDocuments (default 10,000 `---` documents per file).
 */
export interface YamlLimits {
  maxBytes: number;
  maxDepth: number;
  maxAliasExpansion: number;
  maxDocuments: number;
}

export const defaultYamlLimits: YamlLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxDepth: 1000,
  maxAliasExpansion: 1_000_000,
  maxDocuments: 10_000,
};
