/**
 * scanExprRegions: the semantic tokens the language server gives a rule file whose model is not at
 * hand (found line by line) are the ones the model gives, on every rule file of the corpus and of
 * test-fixtures that parses without error (a broken file has no exact answer: the model is yaml's
 * recovery, the scan the layout's).
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyzeFile } from '../../src/analyze';
import { buildDocumentModel } from '../../src/services/document-model';
import { scanExprRegions } from '../../src/services/region-at';
import { semanticTokens } from '../../src/services/semantic-tokens';
import { CORPUS, FIXTURES, filesBelow } from '../support/corpus-files';

const root = process.cwd();
const all = [...filesBelow(FIXTURES), ...filesBelow(path.join(CORPUS, 'rules'))];

describe('semantic tokens of rule files without their model', () => {
  test('the model\'s tokens, on every rule file that parses', () => {
    let compared = 0;
    let tokens = 0;
    let aliased = 0;
    const differ: string[] = [];
    for (const f of all) {
      const text = readFileSync(f, 'utf8');
      const r = analyzeFile({ path: f, text });
      if ((r.kind !== 'rules' && r.kind !== 'prometheus-rule') || r.diagnostics.some((d) => d.code.startsWith('yaml/') || d.code === 'rules/template-file')) continue;
      const model = buildDocumentModel(f, text, r.kind);
      const want = semanticTokens(text, model.regions);
      const scanned = scanExprRegions(text);
      if (!scanned) {
        aliased++;
        continue;
      }
      const got = semanticTokens(text, scanned);
      compared++;
      tokens += want.length;
      if (JSON.stringify(got) !== JSON.stringify(want)) differ.push(path.relative(root, f));
    }
    expect(differ).toEqual([]);
    expect(compared).toBeGreaterThan(100);
    // declined: the files with anchors or aliases (the model resolves them)
    expect(aliased).toBeGreaterThan(0);
    expect(aliased).toBeLessThan(compared / 10);
    expect(tokens).toBeGreaterThan(10000);
  });

  test('a broken file still gets the tokens of its expressions', () => {
    const text = 'groups:\n  - name: g\n    rules:\n      - record: a:b:c\n        expr: sum(rate(x[5m]))\n   } oops: [\n      - alert: A\n        expr: |\n          up == 0\n';
    const got = semanticTokens(text, scanExprRegions(text)!).map((t) => text.slice(t.start, t.end));
    expect(got).toEqual(['sum', 'rate', 'x', '5m', 'up', '==', '0']);
  });
});
