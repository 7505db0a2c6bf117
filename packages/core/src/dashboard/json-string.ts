/**
 * Decoding of one JSON string literal with a source map: the analyzers see the decoded text
 * (what Grafana sends to Prometheus) and their offsets are mapped back through escapes such as
 * `\"`, `\n` and `\uXXXX` to the exact place in the file.
 */

export interface DecodedJsonString {
  /** the decoded value */
  value: string;
  /** maps an offset into `value` (0..value.length, inclusive) to an offset in the file */
  toFile(offset: number): number;
}

const simpleEscapes: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * `literalStart` is the file offset of the opening quote, `literalEnd` the offset just after the
 * closing quote (jsonc-parser's `offset` and `offset + length` of a string node).
 */
export function decodeJsonString(fileText: string, literalStart: number, literalEnd: number): DecodedJsonString {
  // starts[i] = file offset of the source text producing decoded code unit i
  const starts: number[] = [];
  let value = '';
  const contentEnd = fileText.charCodeAt(literalEnd - 1) === 34 && literalEnd - 1 > literalStart ? literalEnd - 1 : literalEnd;
  let i = literalStart + 1;
  while (i < contentEnd) {
    const c = fileText[i];
    if (c !== '\\') {
      starts.push(i);
      value += c;
      i++;
      continue;
    }
    const e = fileText[i + 1];
    if (e === 'u') {
      const hex = fileText.slice(i + 2, i + 6);
      if (/^[0-9a-fA-F]{4}$/.test(hex)) {
        starts.push(i);
        value += String.fromCharCode(parseInt(hex, 16));
        i += 6;
        continue;
      }
    } else if (e !== undefined && simpleEscapes[e] !== undefined) {
      starts.push(i);
      value += simpleEscapes[e];
      i += 2;
      continue;
    }
    // invalid escape: jsonc-parser reported it already; keep the backslash literally
    starts.push(i);
    value += c;
    i++;
  }
  return {
    value,
    toFile(offset: number): number {
      if (offset <= 0) return starts.length > 0 ? starts[0] : literalStart + 1;
      if (offset >= starts.length) return contentEnd;
      return starts[offset];
    },
  };
}
