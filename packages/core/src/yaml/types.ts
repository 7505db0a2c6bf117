/**
 * promscope's YAML node model: the one walk every file kind (rules, prometheus.yml,
 * alertmanager.yml, PrometheusRule) is built on. Nodes carry exact offsets into the file text and
 * scalars carry a source map from their decoded value back into the file, for every scalar style.
 */
import type { Diagnostic, Range } from '../diagnostics/types';

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

export interface YScalar {
  kind: 'scalar';
  /** whole node in the file (for block scalars: from the `|`/`>` header to the last content line) */
  range: Range;
  /** the value as Go's yaml.v3 decodes it into an interface{}: string | number | boolean | null */
  value: string | number | boolean | null;
  /** the decoded text of the scalar (what a Go `string` field receives) */
  text: string;
  style: ScalarStyle;
  /** explicit tag, e.g. `!!str` */
  tag?: string;
  /**
   * Maps an offset into `text` (0..text.length, inclusive) to an offset in the file.
   * Exact for every style: escapes, line folding, block indentation and chomping.
   */
  toFile(offset: number): number;
}

export interface YPair {
  key: YScalar;
  /** null when the key has no value (`key:`) */
  value: YNode | null;
  range: Range;
}

export interface YMap {
  kind: 'map';
  range: Range;
  pairs: YPair[];
  /** flow (`{...}`) or block mapping */
  flow: boolean;
}

export interface YSeq {
  kind: 'seq';
  range: Range;
  items: YNode[];
  flow: boolean;
}

export type YNode = YScalar | YMap | YSeq;

export interface YDocument {
  /** null for an empty document */
  root: YNode | null;
  range: Range;
}

export interface YamlParseResult {
  documents: YDocument[];
  /** YAML syntax errors (code `yaml/syntax`) and limit violations (`yaml/limits`) */
  diagnostics: Diagnostic[];
}
