/**
 * Where a YAML parse may stop reading: after an error ended the document, every later lexeme of
 * the file is a stray "Unexpected … token in YAML stream" until a line starts with `---` or `...`
 * (the only way `yaml`'s Lexer gets back to a document start, a document end or the stream, where a
 * directive or a new document could begin). With none after it, the rest of a big file broken near
 * its top need not be read at all: the token streams (`cstTokens`, `fastCst`) stop at the first
 * stray token and say where (`StrayTail`), and `parseYaml` reports the rest as one error.
 */

/** Set by a token stream that stopped at the first token of a long stray tail: its offset. */
export interface StrayTail {
  skippedFrom: number;
}

/** a stray tail shorter than this is tokenized anyway (its tokens counted in the message) */
export const STRAY_TAIL_MIN = 4096;

/**
 * For `text`: a test that records, and says, whether the tokens may stop at a stray token at
 * `offset` (no line after it starts with a document marker, and more than `STRAY_TAIL_MIN`
 * characters follow). Without `tail`: never.
 */
export function strayTailStop(text: string, tail: StrayTail | undefined): (offset: number) => boolean {
  if (!tail) return () => false;
  // the last line that starts with a document marker: no stray tail is skipped before it
  const lastMarker = Math.max(text.lastIndexOf('\n---'), text.lastIndexOf('\n...'));
  return (offset) => {
    if (offset <= lastMarker || text.length - offset <= STRAY_TAIL_MIN) return false;
    tail.skippedFrom = offset;
    return true;
  };
}
