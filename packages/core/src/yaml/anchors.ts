/**
 * An anchor (`&a`) or alias (`*a`) where a YAML node may start: a part of such a text cut out
 * alone may not mean what it means in the whole (the incremental rule-file path, the editor's
 * line-by-line scans decline such texts).
 */
export const ANCHOR_OR_ALIAS = /(?:^|[:\-?,[{])[ \t]*[&*][^\s,[\]{}]/m;
