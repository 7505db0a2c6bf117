/** The shared corpus and the repository's fixtures, as the tests walk them (paths from the repository root). */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const CORPUS = path.resolve(process.cwd(), '../shared/corpus');
export const FIXTURES = path.resolve(process.cwd(), 'test-fixtures');

/** every file below `dir` whose name matches `pattern`, in a stable order */
export function filesBelow(dir: string, pattern: RegExp = /\.ya?ml$/): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = path.join(dir, n);
      return statSync(p).isDirectory() ? filesBelow(p, pattern) : pattern.test(n) ? [p] : [];
    });
}
