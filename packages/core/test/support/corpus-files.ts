/** The shared corpus and the repository's fixtures, as the tests walk them (paths from the repository root). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { detectKind } from '../../src/detect';
import { splitGroups } from '../../src/incremental/rule-file';

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

/** the plain Prometheus rule files of the corpus and the fixtures, with their texts */
export function ruleFilesOfCorpus(): { path: string; text: string }[] {
  return [...filesBelow(path.join(CORPUS, 'rules')), ...filesBelow(FIXTURES)]
    .map((f) => ({ path: f, text: readFileSync(f, 'utf8') }))
    .filter((f) => detectKind(f.text, f.path) === 'rules');
}

/**
 * Rule files of at least two groups (what the group-wise paths cut): the multi-group files among
 * `files`, and each one-group file with its group written `copies` times in all (then also a
 * repeated group name, duplicate rules and expressions across groups).
 */
export function multiGroupFiles(files: readonly { path: string; text: string }[], copies = 2): { path: string; text: string }[] {
  return files.flatMap((f) => {
    const starts = splitGroups(f.text);
    if (!starts) return [];
    if (starts.length >= 2) return [f];
    const item = f.text.slice(starts[0]);
    const line = item.endsWith('\n') ? item : `${item}\n`;
    return [{ path: f.path, text: (f.text.endsWith('\n') ? f.text : `${f.text}\n`) + line.repeat(copies - 2) + item }];
  });
}
