/**
 * Stopping an analysis that nobody wants any more (an editor's document got a newer text while its
 * older text was being analysed). The analysis is synchronous; a caller runs it through
 * `interruptible` with a `stop` test, and the long loops inside (the YAML parse token by token, an
 * editor session's groups, the phases of a rule file's analysis) call `pollInterrupt`, which throws
 * `AnalysisInterrupted` once `stop` says so. Nothing else is affected: without `interruptible`
 * polling does nothing, and an interrupted analysis leaves no partial result anywhere (an editor
 * session keeps only complete group results).
 */
export class AnalysisInterrupted extends Error {
  constructor() {
    super('analysis interrupted: its text was superseded');
    this.name = 'AnalysisInterrupted';
  }
}

let stopTest: (() => boolean) | undefined;

/** Runs `f` so that it stops (throws `AnalysisInterrupted`) at the next poll after `stop()` becomes true. */
export function interruptible<T>(stop: () => boolean, f: () => T): T {
  const outer = stopTest;
  stopTest = stop;
  try {
    return f();
  } finally {
    stopTest = outer;
  }
}

/** Throws `AnalysisInterrupted` when the analysis running (through `interruptible`) is to stop. */
export function pollInterrupt(): void {
  if (stopTest !== undefined && stopTest()) throw new AnalysisInterrupted();
}
