/**
 * memoByText (src/text/memo.ts): remembered results are the function's, and what it keeps does not
 * hold on to the documents its texts were cut from (an editor cuts the same expressions out of a
 * new version of a big document after every keystroke). Nor does the parse cache of expressions
 * (`parsePromQLShared`).
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, test } from 'vitest';
import { detached, memoByText } from '../src/text/memo';
import { parsePromQLShared } from '../src/promql/index';

/** a full collection (the flag is set for the new context only long enough to read `gc`) */
function collect(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  v8.setFlagsFromString('--no-expose-gc');
  gc();
  gc();
}

describe('memoByText', () => {
  test('the function’s results, computed once per text', () => {
    let calls = 0;
    const upper = memoByText((s: string) => {
      calls++;
      return s.toUpperCase();
    }, 3);
    expect([upper('a'), upper('b'), upper('a')]).toEqual(['A', 'B', 'A']);
    expect(calls).toBe(2);
    // full: all forgotten at once
    upper('c');
    upper('d');
    upper('a');
    expect(calls).toBe(5);
    expect(detached('an expression cut out of a document')).toBe('an expression cut out of a document');
  });

  test('texts cut out of big documents do not keep the documents alive', () => {
    const firstWord = memoByText((s: string) => s.slice(0, s.indexOf(' ')));
    collect();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 100; i++) {
      // a 1 MB document, a new version each time; the memo keeps a slice of it and a slice of that
      const expr = `sum by (job) (rate(http_requests_total[${i + 1}m]))`;
      const doc = `version ${i} `.padEnd(1 << 20, 'x') + expr;
      expect(firstWord(doc.slice(doc.length - expr.length))).toBe('sum');
    }
    collect();
    const grown = (process.memoryUsage().heapUsed - before) / 1048576;
    // the slices themselves: 100 × 1 MB (two bytes a character) if they held their documents
    expect(grown).toBeLessThan(20);
  });
});

describe('parsePromQLShared', () => {
  test('expressions cut out of big documents do not keep the documents alive, new or already parsed', () => {
    collect();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 100; i++) {
      // a 1 MB document, a new version each time: a new expression (parsed and kept), and one
      // parsed before (found, and kept as most recently used)
      const fresh = `sum by (job) (rate(http_requests_total[${i + 1}m]))`;
      const again = 'sum by (job) (rate(http_requests_total[5m]))';
      const doc = `version ${i} `.padEnd(1 << 20, 'x') + fresh + again;
      const end = doc.length - again.length;
      expect(parsePromQLShared(doc.slice(end - fresh.length, end)).diagnostics).toEqual([]);
      expect(parsePromQLShared(doc.slice(end)).diagnostics).toEqual([]);
    }
    collect();
    const grown = (process.memoryUsage().heapUsed - before) / 1048576;
    // 100 × 1 MB or more if the cache held the documents
    expect(grown).toBeLessThan(20);
  });
});

