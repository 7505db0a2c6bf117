/**
 * promscope's YAML node model: the one walk every file kind (rules, prometheus.yml,
 * alertmanager.yml, PrometheusRule) is built on. Nodes carry exact offsets into the file text and
 * scalars carry a source map from their decoded value back into the file, for every scalar style.
 *
 * Aliases are resolved transparently: `*a` yields the very node object that `&a` anchored (so a
 * node may appear at several places of the tree; its `range` is where it was written). Documents
 * whose alias expansion exceeds the limit have their aliases replaced by null scalars (see limits.ts).
 */
import type { Diagnostic, Range } from '../diagnostics/types';
import type { GoTag } from './resolve';

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

export interface YScalar {
  kind: 'scalar';
  /** whole node in the file (quoted: with the quotes; block: from the `|`/`>` header to the end of the last content line) */
  range: Range;
  /** the value as Go's yaml.v3 decodes it into an interface{}: string | number | boolean | null (timestamps stay strings) */
  value: string | number | boolean | null;
  /** yaml.v3's resolved short tag (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!timestamp`, or the explicit custom tag) */
  goTag: GoTag;
  /** the decoded text of the scalar (what a Go `string` field receives) */
  text: string;
  style: ScalarStyle;
  /** explicit tag as written, e.g. `!!str` */
  tag?: string;
  anchor?: string;
  /** the node was reached through an alias somewhere (it is shared) */
  /**
   * Maps an offset into `text` (0..text.length, inclusive) to an offset in the file.
   * Exact for every style: escapes, line folding, block indentation and chomping.
   */
  toFile(offset: number): number;
  /** maps a range of `text` to a range of the file (ends mapped after the last character) */
  toFileRange(r: Range): Range;
  /** `toFileRange({ start: 0, end: i }).end`, without making the range */
  toFileEnd?(i: number): number;
  /** where the map's runs change (see `SourceMapLike.changePoints`) */
  changePoints?(): number[];
}

export interface YPair {
  key: YScalar;
  /** null when the key has no value node at all (`key:` yields a null scalar, not null) */
  value: YNode;
  /** from the key to the end of the value */
  range: Range;
}

export interface YMap {
  kind: 'map';
  range: Range;
  pairs: YPair[];
  /** flow (`{...}`) or block mapping */
  flow: boolean;
  tag?: string;
  anchor?: string;
}

export interface YSeq {
  kind: 'seq';
  range: Range;
  items: YNode[];
  flow: boolean;
  tag?: string;
  anchor?: string;
}

export type YNode = YScalar | YMap | YSeq;

export interface YDocument {
  /** null for an empty document (only comments / directives) */
  root: YNode | null;
  /** the document's extent in the file, including `---` and `...` markers */
  range: Range;
  /** this document had syntax errors (its tree is what the parser recovered) */
  hasErrors: boolean;
}

export interface YamlParseResult {
  documents: YDocument[];
  /** YAML syntax errors (code `yaml/syntax`), duplicate keys (`yaml/duplicate-key`) and limit violations (`yaml/limits`) */
  diagnostics: Diagnostic[];
}
