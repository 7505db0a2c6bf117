/**
 * Where a line to the left of a column starts: the first line from `from` on whose content (not
 * blank, a comment or a document marker) begins left of `column`, at that content; -1 when none.
 * yaml.v3 ends a document's root indented to `column` there (parse.ts `notLoadedAfterRoot`), and
 * kind detection reads a document indented as a whole only when there is none (detect.ts).
 */
export function contentLeftOf(text: string, column: number, from = 0): number {
  if (column <= 0) return -1;
  const re = new RegExp(`^ {0,${column - 1}}(?![ #\\r\\n]|---|\\.\\.\\.|$)`, 'gm');
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index + m[0].length : -1;
}
