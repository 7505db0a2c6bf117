/**
 * Offsets in promscope are indices into the JavaScript string of the file text, i.e. UTF-16 code
 * units — the unit LSP and SARIF count columns in. LineIndex converts them to 0-based
 * line/character positions and back.
 */
export interface Position {
  /** 0-based line */
  line: number;
  /** 0-based column in UTF-16 code units */
  character: number;
}

export class LineIndex {
  /** offsets at which each line starts */
  readonly lineStarts: number[];
  /** `lineStarts`: the text's line starts when the caller has them (an editor buffer keeps them), else found here */
  constructor(
    readonly text: string,
    lineStarts?: number[],
  ) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      return;
    }
    const starts = [0];
    if (text.indexOf('\r') === -1) {
      // `\n` only: indexOf finds the breaks much faster than a loop over every character
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }
  get lineCount(): number {
    return this.lineStarts.length;
  }
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(o);
    return { line, character: o - this.lineStarts[line] };
  }
  /** the 0-based line of an offset (clamped to the text): `positionAt(offset).line`, without the object */
  lineOf(offset: number): number {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  /** the 0-based column (UTF-16 code units) of an offset on its line `line` (`lineOf`): `positionAt(offset).character` */
  columnOf(offset: number, line: number): number {
    return Math.max(0, Math.min(offset, this.text.length)) - this.lineStarts[line];
  }
  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line];
    const next = pos.line + 1 < this.lineStarts.length ? this.lineStarts[pos.line + 1] : this.text.length;
    return Math.min(start + Math.max(0, pos.character), next);
  }
  /** text of a line without its line terminator */
  lineText(line: number): string {
    const start = this.lineStarts[line] ?? this.text.length;
    let end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return this.text.slice(start, end);
  }
}
